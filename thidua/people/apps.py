from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "thidua.people"
    verbose_name = _("Households and people")

    def ready(self) -> None:
        from thidua.jobs.registry import register_job_kind
        from thidua.people import permissions  # noqa: F401  (registers the predicates)

        # Takes {"import_file": <HouseholdImportFile id>}, which holds the commune and the year.
        register_job_kind(
            "people.import_households",
            "thidua.people.imports.household_file_apply",
            _("Import households and registrations"),
        )
