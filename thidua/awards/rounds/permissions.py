"""Who may see and run commendation rounds, and record the movements of an area.

A round belongs to its issuing unit: the district's (or province's) officers run it, its forms, its
status and its decisions; the officers below it see it, since their communes nominate in it. A round
or a unit the user does not see at all is refused as "outside" (a 404), so that another district's
rounds do not even show that they exist; one the user sees but may not act on is refused with why.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, outside, predicate
from thidua.awards.models import Round
from thidua.awards.rounds.selectors import rounds_visible_to
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

ROUND_MANAGERS = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
MOVEMENT_RECORDERS = (Role.AREA_OFFICER, Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.ADMINISTRATOR)


def within(user: User, unit: Unit) -> bool:
    """Whether ``unit`` is in the user's subtree (what their unit ever answered for)."""
    return units_visible_to(user).filter(pk=unit.pk).exists()


def sees_round(user: User, round: Round) -> bool:
    return rounds_visible_to(user).filter(pk=round.pk).exists()


def _outside_round() -> Decision:
    return outside(_("This round belongs to a unit outside the unit you work for."))


@predicate("awards.view_round")
def can_view_round(user: User, round: Any) -> Decision:
    if isinstance(round, Round) and sees_round(user, round):
        return ALLOWED
    return _outside_round()


@predicate("awards.manage_round")
def can_manage_round(user: User, obj: Any) -> Decision:
    """Create a round for a unit (``obj`` the issuer) or change a round: its forms, its status, its
    decisions and proposals."""
    if isinstance(obj, Round):
        if not sees_round(user, obj):
            return _outside_round()
        issuer = obj.issuer
    elif isinstance(obj, Unit):
        if not within(user, obj):
            return _outside_round()
        issuer = obj
    else:
        return Decision(False, _("Choose the unit that runs the round."))
    if not has_role(user, *ROUND_MANAGERS):
        return Decision(False, _("Only the district's or the province's officers run a commendation round."))
    if not within(user, issuer):
        return Decision(False, _("This round belongs to a unit outside the unit you work for."))
    return ALLOWED


@predicate("awards.record_movement")
def can_record_movement(user: User, area: Any) -> Decision:
    if not isinstance(area, Unit) or area.level != Level.AREA or not within(user, area):
        return outside(_("This unit is outside the unit you work for."))
    if not has_role(user, *MOVEMENT_RECORDERS):
        return Decision(False, _("Only the officers of the area, its commune or its district record its movements."))
    return ALLOWED


@predicate("awards.manage_movements")
def can_manage_movements(user: User, obj: Any) -> Decision:
    """The catalogue of emulation movements is one for every province: it has no unit to be outside of."""
    if has_role(user, *ROUND_MANAGERS):
        return ALLOWED
    return Decision(False, _("Only the district's or the province's officers keep the catalogue of movements."))
