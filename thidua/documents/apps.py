from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from thidua.documents import permissions  # noqa: F401  (registers the predicates)
        from thidua.documents.sources import register_document_export
        from thidua.jobs.registry import register_job_kind

        # Takes {"certificates": [...]} or {"source": name, "source_params": {...}} (``thidua.documents.sources``).
        register_job_kind(
            "documents.certificates",
            "thidua.documents.services.certificates_render_batch",
            _("Print certificates"),
            action="documents.print_certificates",
        )
        # The evaluations' decision and minutes, by dotted path only (the engine imports no domain app);
        # these two registrations move to the evaluations app's ready with its downloads and selectors.
        register_document_export(
            "decision",
            selector="thidua.documents.selectors.decisions_visible_to",
            render="thidua.documents.downloads.decision_file",
            help=_("Export a recognition decision (PDF, DOCX)"),
        )
        register_document_export(
            "minutes",
            selector="thidua.documents.selectors.meetings_visible_to",
            render="thidua.documents.downloads.minutes_file",
            help=_("Export the minutes of an evaluation meeting (PDF, DOCX)"),
        )
