from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "thidua.people"
    verbose_name = _("Households and people")

    def ready(self) -> None:
        from thidua.people import permissions  # noqa: F401  (registers the predicates)
