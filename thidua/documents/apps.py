from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from thidua.documents import permissions  # noqa: F401  (registers the predicates)
        from thidua.jobs.registry import register_job_kind

        # Takes {"certificates": [...]} or {"source": name, "source_params": {...}} (``thidua.documents.sources``).
        register_job_kind(
            "documents.certificates",
            "thidua.documents.services.certificates_render_batch",
            _("Print certificates"),
            action="documents.print_certificates",
        )
