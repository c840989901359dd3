"""Who may see and run commendation rounds, and record the movements of an area.

Named predicates behind ``thidua.accounts.permissions.has_permission``; each part of a round adds
its own here. A round belongs to its issuing unit: the district's (or province's) officers run it;
the officers below it see it, since their communes nominate in it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.awards.models import Round
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

ROUND_MANAGERS = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
MOVEMENT_RECORDERS = (Role.AREA_OFFICER, Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.ADMINISTRATOR)


def _within(user: User, unit: Unit) -> bool:
    return units_visible_to(user).filter(pk=unit.pk).exists()


def _issuer(obj: Round | Unit) -> Unit:
    return obj.issuer if isinstance(obj, Round) else obj


@predicate("awards.manage_round")
def can_manage_round(user: User, obj: Round | Unit) -> Decision:
    """Create a round for a unit (``obj`` the issuer) or change a round: its forms, its status."""
    if not has_role(user, *ROUND_MANAGERS):
        return False, _("Only the district's or the province's officers run a commendation round.")
    if not _within(user, _issuer(obj)):
        return False, _("This round belongs to a unit outside the unit you work for.")
    return ALLOWED


@predicate("awards.view_round")
def can_view_round(user: User, round: Round) -> Decision:
    from thidua.awards.rounds.selectors import rounds_visible_to

    if rounds_visible_to(user).filter(pk=round.pk).exists():
        return ALLOWED
    return False, _("This round belongs to a unit outside the unit you work for.")


@predicate("awards.record_movement")
def can_record_movement(user: User, area: Any) -> Decision:
    if not has_role(user, *MOVEMENT_RECORDERS):
        return False, _("Only the officers of the area, its commune or its district record its movements.")
    if not isinstance(area, Unit) or area.level != Level.AREA or not _within(user, area):
        return False, _("This unit is outside the unit you work for.")
    return ALLOWED


@predicate("awards.manage_movements")
def can_manage_movements(user: User, obj: Any) -> Decision:
    if has_role(user, *ROUND_MANAGERS):
        return ALLOWED
    return False, _("Only the district's or the province's officers keep the catalogue of movements.")
