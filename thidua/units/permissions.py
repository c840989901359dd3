"""Who may see and change administrative units."""

from __future__ import annotations

from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to


@predicate("units.view_unit")
def can_view_unit(user: User, unit: Unit) -> Decision:
    if units_visible_to(user).filter(pk=unit.pk).exists():
        return ALLOWED
    return False, _("This unit is outside the unit you work for.")


# Who runs the residential areas of a commune: its officers and those above them.
AREA_MANAGERS = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


@predicate("units.manage_areas")
def can_manage_areas(user: User, unit: Unit) -> Decision:
    """Create, rename, transfer, merge, split or dissolve the residential areas of a commune;
    ``unit`` is the commune, or the area itself."""
    if not has_role(user, *AREA_MANAGERS):
        return False, _("Only commune officers and those above them manage residential areas.")
    if unit.level not in (Level.COMMUNE, Level.AREA):
        return False, _("Residential areas are managed from their commune.")
    if not units_visible_to(user).filter(pk=unit.pk).exists():
        return False, _("This unit is outside the unit you work for.")
    return ALLOWED


@predicate("units.import_areas")
def can_import_areas(user: User, commune: Unit | None) -> Decision:
    """Import residential areas from a file, for one commune or for the communes the file names
    (each of which must be inside the user's unit: the import checks them)."""
    if not has_role(user, *AREA_MANAGERS):
        return False, _("Only commune, district and province officers and administrators import residential areas.")
    if commune is not None and not units_visible_to(user).filter(pk=commune.pk, level=Level.COMMUNE).exists():
        return False, _("This commune is outside the unit you work for.")
    return ALLOWED


@predicate("units.import_lineage")
def can_import_lineage(user: User, obj: object) -> Decision:
    """Import lineage events of residential areas; the import only finds the areas the user may see."""
    if not has_role(user, *AREA_MANAGERS):
        return False, _("Only commune, district and province officers and administrators import lineage events.")
    return ALLOWED
