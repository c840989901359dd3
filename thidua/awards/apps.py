from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    verbose_name = _("Commendation rounds")

    def ready(self) -> None:
        # The guards that keep an issued decision and its awards unchanged (signals), connected at startup.
        from thidua.awards import (
            decisions,  # noqa: F401
            permissions,  # noqa: F401  (registers the predicates)
        )
