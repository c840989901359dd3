"""Who may see and change a province's parameters of the rules."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, outside, predicate
from thidua.units.models import Level, Unit, UnitVersion
from thidua.units.selectors import units_visible_to


def provinces_of(user: User) -> list[Unit]:
    """The provinces the user's unit ever belonged to, the latest first (tổ 8A: Thái Nguyên, then Bắc Kạn)."""
    if user.unit_id is None:
        return []
    seen = {user.unit_id}
    frontier = {user.unit_id}
    # Upwards through every version of every ancestor: at most four levels above a residential area.
    for _level in range(Level.AREA):
        parents = set(
            UnitVersion.objects.filter(unit_id__in=frontier, parent__isnull=False).values_list("parent_id", flat=True)
        )
        frontier = parents - seen
        if not frontier:
            break
        seen |= frontier
    found = Unit.objects.filter(pk__in=seen, level=Level.PROVINCE)
    return sorted(
        found, key=lambda u: (u.valid_to is None, u.valid_to or u.valid_from or datetime.date.min), reverse=True
    )


def _works_in(user: User, province: Unit) -> bool:
    """Everyone working in a province applies its parameters: the province is theirs."""
    return (
        has_role(user, Role.ADMINISTRATOR)
        or province in provinces_of(user)
        or units_visible_to(user).filter(pk=province.pk).exists()
    )


@predicate("campaigns.view_parameters")
def can_view_parameters(user: User, province: Unit) -> Decision:
    if _works_in(user, province):
        return ALLOWED
    return outside(_("This province is outside the unit you work for."))


@predicate("campaigns.change_parameters")
def can_change_parameters(user: User, province: Unit) -> Decision:
    if not _works_in(user, province):
        return outside(_("This province is outside the unit you work for."))
    if has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    if user.role == Role.PROVINCE_OFFICER and units_visible_to(user).filter(pk=province.pk).exists():
        return ALLOWED
    return Decision(False, _("Only an officer of the province or an administrator changes the province's parameters."))
