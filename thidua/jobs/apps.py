from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "thidua.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from thidua.jobs import permissions  # noqa: F401  (registers the predicates)
