from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from thidua.accounts.services import login_failure_record, login_failures_clear, login_is_locked


class LockoutAuthenticationForm(AuthenticationForm):
    """The login form, refusing a user name after repeated failures for a while."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed logins for this user name. Try again in %(minutes)d minutes, "
            "or ask an administrator to reset your password."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if username and login_is_locked(username=username):
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": settings.LOGIN_LOCKOUT_MINUTES}
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                login_failure_record(
                    username=username, ip_address=self.request.META.get("REMOTE_ADDR") if self.request else None
                )
            raise
        login_failures_clear(username=username)
        return cleaned
