"""Who may see and enter an area's year, and who may revoke a title.

The moves of a dossier (submit, return, review, decide, lock) are decided by the workflow's table
(``workflow.may_act``), not here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

# The area's own officer enters its year; communes often type their areas' lists in themselves.
ENTRY_ROLES = (Role.AREA_OFFICER, Role.COMMUNE_OFFICER, Role.ADMINISTRATOR)
# The commune decides the household titles, so the commune (or an administrator) revokes them.
REVOKING_ROLES = (Role.COMMUNE_OFFICER, Role.ADMINISTRATOR)


def _within(user: User, unit: Unit) -> bool:
    return units_visible_to(user).filter(pk=unit.pk).exists()


@predicate("evaluations.view_year")
def can_view_year(user: User, unit: Unit) -> Decision:
    """See an area's or a commune's year: registrations, meeting, results, dossiers."""
    if unit.level in (Level.AREA, Level.COMMUNE) and _within(user, unit):
        return ALLOWED
    return False, _("This unit is outside the unit you work for.")


@predicate("evaluations.enter_area_year")
def can_enter_area_year(user: User, area: Unit) -> Decision:
    """Register households, record the evaluation meeting and its votes, apply the rules."""
    if not has_role(user, *ENTRY_ROLES):
        return False, _("Only the area's officer and the commune's officers enter an area's evaluation.")
    if area.level != Level.AREA or not _within(user, area):
        return False, _("This unit is outside the unit you work for.")
    return ALLOWED


@predicate("evaluations.revoke_title")
def can_revoke_title(user: User, area: Unit) -> Decision:
    if not has_role(user, *REVOKING_ROLES):
        return False, _("Only the commune that decided a title revokes it.")
    if not _within(user, area):
        return False, _("This unit is outside the unit you work for.")
    return ALLOWED


# Streaks are derived from decided titles: whoever decides titles below a unit may have them recounted.
STREAK_ROLES = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


@predicate("evaluations.recompute_streaks")
def can_recompute_streaks(user: User, unit: Unit) -> Decision:
    """Recount the consecutive title years of the households and areas under a commune or above."""
    if not has_role(user, *STREAK_ROLES):
        return False, _("Only the officers of a commune, a district or a province recount the streaks.")
    if unit.level == Level.AREA or not _within(user, unit):
        return False, _("This unit is outside the unit you work for.")
    return ALLOWED
