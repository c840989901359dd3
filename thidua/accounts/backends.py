"""The login backend: Django's, refusing a one-time code past its day."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.utils import timezone


class AccountBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        # A one-time code is the password until the user chooses theirs, and only until it expires.
        expires = getattr(user, "code_expires_at", None)
        if getattr(user, "must_change_password", False) and expires is not None and expires < timezone.now():
            return False
        return super().user_can_authenticate(user)
