from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TokensConfig(AppConfig):
    name = "thidua.tokens"
    verbose_name = _("API tokens")

    def ready(self) -> None:
        from thidua.tokens import permissions  # noqa: F401 - registers the predicates
