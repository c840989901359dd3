"""Who organizes a conference (the organizer's district or province officers) and who works its desk."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, outside, predicate
from thidua.units.models import Unit
from thidua.units.selectors import units_visible_to

ORGANIZING_ROLES = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


@predicate("events.manage_conference")
def can_manage_conference(user: User, organizer: Unit) -> Decision:
    """Create a conference, invite, print the letters, and check people in at the desk."""
    if not units_visible_to(user).filter(pk=organizer.pk).exists():
        return outside()
    if not has_role(user, *ORGANIZING_ROLES):
        return Decision(False, _("Only the district's or the province's officers organize a conference."))
    return ALLOWED
