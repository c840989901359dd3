"""Who may see and record households, persons and their positions, and import a commune's households.

Every predicate refuses a unit outside the user's subtree first, as hidden (``outside``: pages and
the API answer "not found"), and only then the role, with the reason.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, outside, predicate
from thidua.people.models import Household
from thidua.units.models import Level, Unit
from thidua.units.permissions import AREA_MANAGERS
from thidua.units.selectors import units_visible_to

# Who records an area's households: its own officer, and those who run its residential areas.
HOUSEHOLD_KEEPERS = (Role.AREA_OFFICER, *AREA_MANAGERS)


def _within(user: User, unit: Unit) -> bool:
    return units_visible_to(user).filter(pk=unit.pk).exists()


@predicate("people.import_households")
def can_import_households(user: User, commune: Unit | None) -> Decision:
    """Import a commune's households and registrations from a file; ``commune`` is the one chosen
    (None: the page before a commune is chosen, or a file whose areas the import checks one by one)."""
    if commune is not None and not units_visible_to(user).filter(pk=commune.pk, level=Level.COMMUNE).exists():
        return outside(_("This commune is outside the unit you work for."))
    if not has_role(user, *AREA_MANAGERS):
        return Decision(False, _("Only commune, district and province officers and administrators import households."))
    return ALLOWED


@predicate("people.view_households")
def can_view_households(user: User, area: Unit) -> Decision:
    """See the households of a residential area and their registrations."""
    if not _within(user, area):
        return outside()
    if area.level != Level.AREA:
        return Decision(False, _("This unit is not a residential area."))
    return ALLOWED


@predicate("people.record_households")
def can_record_households(user: User, area: Unit) -> Decision:
    """Record a household of ``area``, its move into or out of it, its dissolution."""
    if not _within(user, area):
        return outside()
    if not has_role(user, *HOUSEHOLD_KEEPERS):
        return Decision(False, _("Only the officers of the area, of its commune and above record its households."))
    return ALLOWED


@predicate("people.record_person")
def can_record_person(user: User, household: Household | None) -> Decision:
    """Record a person (a Trưởng ban, a nominee); one of a household is recorded within its area."""
    if household is not None and not units_visible_to(user).filter(pk=household.area_id).exists():
        return outside()
    if not has_role(user, *HOUSEHOLD_KEEPERS):
        return Decision(False, _("Only the officers of the areas, the communes and above record persons."))
    return ALLOWED


@predicate("people.assign_position")
def can_assign_position(user: User, unit: Unit) -> Decision:
    """Give a position in ``unit`` (Trưởng ban công tác Mặt trận, Trưởng thôn …) to a person."""
    if not _within(user, unit):
        return outside()
    if not has_role(user, *AREA_MANAGERS):
        return Decision(False, _("Only the officers of a commune and above give the positions of its units."))
    return ALLOWED
