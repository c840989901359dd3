from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from thidua.accounts.throttle import on_locked_out

        user_locked_out.connect(on_locked_out, dispatch_uid="thidua.accounts.lockout_audit")
