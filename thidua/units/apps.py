from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "thidua.units"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from thidua.jobs.registry import register_job_kind
        from thidua.units import permissions  # noqa: F401  (registers the predicates)

        register_job_kind(
            "units.import_official",
            "thidua.units.official.units_import_official",
            _("Load the official administrative units"),
            action="units.import_official",
        )
        # Both take {"import_file": <ImportFile id>}: the upload is kept in the database for the worker.
        register_job_kind(
            "units.import_areas",
            "thidua.units.imports.import_file_apply",
            _("Import residential areas"),
            action="units.import_areas",
        )
        register_job_kind(
            "units.import_lineage",
            "thidua.units.imports.import_file_apply",
            _("Import lineage events"),
            action="units.import_lineage",
        )
