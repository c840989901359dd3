from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "thidua.evaluations"
    verbose_name = _("Yearly evaluations")

    def ready(self) -> None:
        from thidua.documents.sources import register_certificate_source
        from thidua.evaluations import permissions  # noqa: F401  (registers the predicates)
        from thidua.jobs.registry import register_job_kind

        register_certificate_source("evaluations.decision", "thidua.evaluations.documents.decision_certificates")

        # Takes {"unit_id", "year", "since"}: a district's or a province's recount takes seconds to minutes.
        register_job_kind(
            "evaluations.streaks_recompute",
            "thidua.evaluations.streaks.streaks_recompute_job",
            _("Recount the streaks of consecutive title years"),
        )
