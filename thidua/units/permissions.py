"""Who may see and change administrative units."""

from __future__ import annotations

from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.permissions import ALLOWED, Decision, predicate
from thidua.units.models import Unit
from thidua.units.selectors import units_visible_to


@predicate("units.view_unit")
def can_view_unit(user: User, unit: Unit) -> Decision:
    if units_visible_to(user).filter(pk=unit.pk).exists():
        return ALLOWED
    return False, _("This unit is outside the unit you work for.")
