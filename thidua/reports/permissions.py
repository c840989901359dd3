"""Who may see the statistics and the summary report of a unit's subtree."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import ALLOWED, Decision, outside, predicate
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to


@predicate("reports.view_summary")
def can_view_summary(user: User, unit: Unit) -> Decision:
    """The statistics of a province, a district or a commune the user's unit answers for."""
    if unit.level == Level.AREA:
        return Decision(False, _("A summary report covers a commune, a district or a province."))
    if not units_visible_to(user).filter(pk=unit.pk).exists():
        return outside()
    return ALLOWED


@predicate("reports.view_dashboard")
def can_view_dashboard(user: User, unit: Unit) -> Decision:
    """The dashboard of any unit the user's unit answers for, down to a residential area."""
    if not units_visible_to(user).filter(pk=unit.pk).exists():
        return outside()
    return ALLOWED
