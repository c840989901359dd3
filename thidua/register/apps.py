from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "thidua.register"
    verbose_name = _("Register of issued documents")

    def ready(self) -> None:
        from thidua.jobs.registry import register_job_kind

        # Takes {"entry_id"}: started by the system when an issue commits (``issued.render_later``).
        register_job_kind(
            "register.render_issued",
            "thidua.register.issued.issued_render",
            _("Render and keep the issued text of a document"),
        )
