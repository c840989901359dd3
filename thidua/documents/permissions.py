"""Who may print certificates (the documents whose records an app's source authorizes itself)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate

# Those who issue certificates: the commune (families), the district and the province (areas, people).
PRINTING_ROLES = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


@predicate("documents.print_certificates")
def can_print_certificates(user: User, obj: object) -> Decision:
    if has_role(user, *PRINTING_ROLES):
        return ALLOWED
    return Decision(False, _("Only the officers of a commune, a district or a province print certificates."))
