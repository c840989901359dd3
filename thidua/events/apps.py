from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "thidua.events"
    verbose_name = _("Honouring conferences")

    def ready(self) -> None:
        from thidua.events import permissions  # noqa: F401  (registers the predicates)
