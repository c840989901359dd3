from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "thidua.units"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from thidua.units import permissions  # noqa: F401  (registers the predicates)
