from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    verbose_name = _("Commendation rounds")

    def ready(self) -> None:
        # Every predicate of every part, registered before the first request or command; the guards
        # that keep an issued decision and its awards unchanged (signals); the decision's Giấy khen
        # as a source of the documents' certificate job.
        from thidua.awards.consultation import permissions as consultation_permissions  # noqa: F401
        from thidua.awards.council import permissions as council_permissions  # noqa: F401
        from thidua.awards.decisions import signals  # noqa: F401
        from thidua.awards.history import permissions as history_permissions  # noqa: F401
        from thidua.awards.nominations import permissions as nominations_permissions  # noqa: F401
        from thidua.awards.rounds import permissions as rounds_permissions  # noqa: F401
        from thidua.documents.sources import register_certificate_source
        from thidua.register.issued import register_issued_renderer

        register_certificate_source("awards.decision", "thidua.awards.decisions.services.decision_certificates")
        register_issued_renderer("awards.decision", "thidua.awards.decisions.documents.award_decision_issued")
        register_issued_renderer("awards.proposal", "thidua.awards.decisions.documents.proposal_issued")
