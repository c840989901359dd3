from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "thidua.evaluations"
    verbose_name = _("Yearly evaluations")

    def ready(self) -> None:
        from thidua.documents.sources import register_certificate_source, register_document_export
        from thidua.evaluations import permissions  # noqa: F401  (registers the predicates)
        from thidua.jobs.registry import register_job_kind
        from thidua.register.issued import register_issued_renderer

        register_certificate_source("evaluations.decision", "thidua.evaluations.documents.decision_certificates")
        register_issued_renderer("evaluations.decision", "thidua.evaluations.documents.decision_issued")
        # ``thidua documents decision ID`` and ``thidua documents minutes ID``.
        register_document_export(
            "decision",
            selector="thidua.evaluations.selectors.decisions_visible_to",
            render="thidua.evaluations.documents.decision_file",
            help=_("Export a recognition decision (PDF, DOCX)"),
        )
        register_document_export(
            "minutes",
            selector="thidua.evaluations.selectors.meetings_visible_to",
            render="thidua.evaluations.documents.minutes_file",
            help=_("Export the minutes of an evaluation meeting (PDF, DOCX)"),
        )

        # Takes {"import_file": <HouseholdImportFile id>}, which holds the commune and the year. The
        # name is the one the jobs of the import have always carried (stored jobs keep it).
        register_job_kind(
            "people.import_households",
            "thidua.evaluations.imports.services.household_file_apply",
            _("Import households and registrations"),
        )
        # Takes {"unit_id", "year", "since"}: a district's or a province's recount takes seconds to minutes.
        register_job_kind(
            "evaluations.streaks_recompute",
            "thidua.evaluations.streaks.services.streaks_recompute_job",
            _("Recount the streaks of consecutive title years"),
        )
