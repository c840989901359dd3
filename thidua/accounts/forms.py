from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm


class LockoutAuthenticationForm(AuthenticationForm):
    """The login form. Its throttling is not here but in ``authenticate`` itself (django-axes'
    backend, ``thidua/accounts/throttle.py``), so that every way in, Django's admin included, is
    throttled alike."""
