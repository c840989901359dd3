from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


def _role_in_force_at_login(sender: Any, user: Any, **kwargs: Any) -> None:
    from thidua.accounts.services import user_role_sync

    # A term that began or ended since the account last changed takes effect now.
    user_role_sync(user)


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from thidua.accounts import permissions  # noqa: F401  (registers the predicates)
        from thidua.accounts.throttle import on_locked_out

        user_logged_in.connect(_role_in_force_at_login, dispatch_uid="accounts.role_in_force_at_login")
        user_locked_out.connect(on_locked_out, dispatch_uid="thidua.accounts.lockout_audit")
