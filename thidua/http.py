"""The request of a logged-in user, typed: ``request.user`` is the project's ``User``.

Every page but the login and the public ones requires a login (``LoginRequiredMiddleware``), and
every API operation an authenticated session or token, so views and endpoints annotate their
request as ``AuthedRequest`` instead of ignoring the type of ``request.user`` line by line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from thidua.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails  # set by django_htmx's middleware on every request
