"""Who may see and change administrative units.

Communes and the units above them come from the official lists (``thidua units import-official``,
an administrator's or thidua's own work); residential areas are the communes' to run.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, outside, predicate
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

# Who runs the residential areas of a commune: its officers and those above them.
AREA_MANAGERS = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


def _sees(user: User, unit: Unit) -> bool:
    return units_visible_to(user).filter(pk=unit.pk).exists()


@predicate("units.view_unit")
def can_view_unit(user: User, unit: Unit) -> Decision:
    if _sees(user, unit):
        return ALLOWED
    return outside()


@predicate("units.manage_areas")
def can_manage_areas(user: User, unit: Unit) -> Decision:
    """Create, rename, transfer, merge, split or dissolve the residential areas of a commune;
    ``unit`` is the commune, or the area itself."""
    if not _sees(user, unit):
        return outside()
    if not has_role(user, *AREA_MANAGERS):
        return Decision(False, _("Only commune officers and those above them manage residential areas."))
    if unit.level not in (Level.COMMUNE, Level.AREA):
        return Decision(False, _("Residential areas are managed from their commune."))
    return ALLOWED


def _official_units_only(user: User) -> Decision:
    if has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    return Decision(
        False,
        _("Communes, districts and provinces change only through the official lists, loaded by an administrator."),
    )


@predicate("units.change_unit")
def can_change_unit(user: User, unit: Unit) -> Decision:
    """Record a change in the lineage of ``unit`` (rename, reclassify, transfer, merge, split, dissolve):
    a residential area's is its commune's to record; any other unit's, an administrator's."""
    if unit.level == Level.AREA:
        return can_manage_areas(user, unit)
    if not _sees(user, unit):
        return outside()
    return _official_units_only(user)


@predicate("units.add_unit")
def can_add_unit(user: User, parent: Unit | None) -> Decision:
    """Establish a unit under ``parent`` (None: a province): a residential area under a commune is the
    commune's to establish; any other unit, an administrator's."""
    if parent is not None and parent.level == Level.COMMUNE:
        return can_manage_areas(user, parent)
    if parent is not None and not _sees(user, parent):
        return outside()
    return _official_units_only(user)


@predicate("units.import_official")
def can_import_official(user: User, obj: object) -> Decision:
    """Load the whole country's official list of administrative units."""
    if has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    return Decision(False, _("Only an administrator loads the official list of administrative units."))


@predicate("units.import_areas")
def can_import_areas(user: User, commune: Unit | None) -> Decision:
    """Import residential areas from a file, for one commune or for the communes the file names
    (each of which must be inside the user's unit: the import checks them)."""
    if commune is not None and not units_visible_to(user).filter(pk=commune.pk, level=Level.COMMUNE).exists():
        return outside(_("This commune is outside the unit you work for."))
    if not has_role(user, *AREA_MANAGERS):
        return Decision(
            False, _("Only commune, district and province officers and administrators import residential areas.")
        )
    return ALLOWED


@predicate("units.import_lineage")
def can_import_lineage(user: User, obj: object) -> Decision:
    """Import lineage events of residential areas; the import only finds the areas the user may see."""
    if not has_role(user, *AREA_MANAGERS):
        return Decision(
            False, _("Only commune, district and province officers and administrators import lineage events.")
        )
    return ALLOWED
