from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "thidua.evaluations"
    verbose_name = _("Yearly evaluations")

    def ready(self) -> None:
        from thidua.evaluations import permissions  # noqa: F401  (registers the predicates)
