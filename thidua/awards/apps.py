from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    verbose_name = _("Commendation rounds")

    def ready(self) -> None:
        # Every predicate of every part, registered before the first request or command, and the
        # guards that keep an issued decision and its awards unchanged (signals).
        from thidua.awards.consultation import permissions as consultation_permissions  # noqa: F401
        from thidua.awards.council import permissions as council_permissions  # noqa: F401
        from thidua.awards.decisions import services as decisions_services  # noqa: F401
        from thidua.awards.history import permissions as history_permissions  # noqa: F401
        from thidua.awards.nominations import services as nominations_services  # noqa: F401
        from thidua.awards.rounds import permissions as rounds_permissions  # noqa: F401
