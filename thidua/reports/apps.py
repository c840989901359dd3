from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from thidua.reports import permissions  # noqa: F401  (registers the predicates)
