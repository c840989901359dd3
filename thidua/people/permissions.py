"""Who may import households and see the households of an area."""

from __future__ import annotations

from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.units.models import Level, Unit
from thidua.units.permissions import AREA_MANAGERS
from thidua.units.selectors import units_visible_to


@predicate("people.import_households")
def can_import_households(user: User, commune: Unit | None) -> Decision:
    """Import a commune's households and registrations from a file; ``commune`` is the one chosen
    (None: the page before a commune is chosen, or a file whose areas the import checks one by one)."""
    if not has_role(user, *AREA_MANAGERS):
        return False, _("Only commune, district and province officers and administrators import households.")
    if commune is not None and not units_visible_to(user).filter(pk=commune.pk, level=Level.COMMUNE).exists():
        return False, _("This commune is outside the unit you work for.")
    return ALLOWED


@predicate("people.view_households")
def can_view_households(user: User, area: Unit) -> Decision:
    """See the households of a residential area and their registrations."""
    if area.level == Level.AREA and units_visible_to(user).filter(pk=area.pk).exists():
        return ALLOWED
    return False, _("This unit is outside the unit you work for.")
