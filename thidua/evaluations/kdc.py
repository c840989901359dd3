"""The commune's dossier of cultural residential areas (KDC văn hóa) for a year: its areas with their
results, and the district's queue of such dossiers.

The commune registers its areas, holds its area evaluation meeting (the votes of each area), applies
the rules (``areas.areas_evaluate``) and sends the dossier up; the district reviews, returns with a
reason, and decides by its numbered decision (``services.decision_record``). The share of cultural
families shown is counted from the household titles in one query, never typed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.campaigns.rules import Result
from thidua.errors import DomainError
from thidua.evaluations.areas import area_year_result
from thidua.evaluations.models import AreaYear, Dossier, DossierKind, HouseholdYear, Meeting, MeetingKind
from thidua.evaluations.selectors import SENT, commune_areas
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_ancestors, unit_children, units_visible_to

# The commune's officers enter their areas' evaluation; an administrator may too.
KDC_ENTRY_ROLES = (Role.COMMUNE_OFFICER, Role.ADMINISTRATOR)


@predicate("evaluations.enter_commune_year")
def can_enter_commune_year(user: User, commune: Unit) -> Decision:
    """Register the commune's areas, record its area evaluation meeting, apply the rules."""
    if not has_role(user, *KDC_ENTRY_ROLES):
        return False, _("Only the commune's officers enter the evaluation of its areas.")
    if commune.level != Level.COMMUNE or not units_visible_to(user).filter(pk=commune.pk).exists():
        return False, _("This unit is outside the unit you work for.")
    return ALLOWED


@predicate("evaluations.view_district_year")
def can_view_district_year(user: User, district: Unit) -> Decision:
    if district.level not in (Level.DISTRICT, Level.PROVINCE):
        return False, _("The queue of cultural areas is kept by a district or a province.")
    if not units_visible_to(user).filter(pk=district.pk).exists():
        return False, _("This unit is outside the unit you work for.")
    return ALLOWED


@dataclass
class KdcLine:
    area: Unit
    line: AreaYear | None
    households: int
    gdvh_households: int
    result: Result | None

    @property
    def gdvh_share(self) -> float | None:
        return self.gdvh_households / self.households if self.households else None

    @property
    def failed(self) -> list[Any]:
        return [check for check in self.result.checks if not check.passed] if self.result else []


@dataclass
class KdcYear:
    commune: Unit
    year: int
    lines: list[KdcLine]
    meeting: Meeting | None
    dossier: Dossier | None

    @property
    def registered(self) -> list[KdcLine]:
        return [a for a in self.lines if a.line is not None and a.line.registered_on is not None]


def kdc_year(commune: Unit, year: int) -> KdcYear:
    """Every area of ``commune`` in ``year`` with its line, the share of cultural families counted from
    the household titles, and the rules' verdict once the commune's meeting is recorded."""
    areas = list(commune_areas(commune, year))
    lines = {row.area_id: row for row in AreaYear.objects.filter(area__in=areas, year=year).select_related("meeting")}
    counts = {
        row["area"]: row
        for row in HouseholdYear.objects.filter(area__in=areas, year=year)
        .values("area")
        .annotate(total=Count("pk"), titled=Count("pk", filter=Q(titled=True, revoked_on__isnull=True)))
    }
    meeting = Meeting.objects.filter(kind=MeetingKind.AREA_REVIEW, unit=commune, year=year).first()
    result_lines = []
    for area in areas:
        line = lines.get(area.pk)
        count = counts.get(area.pk, {"total": 0, "titled": 0})
        result = None
        if line is not None and line.meeting_id is not None:
            line.area = area
            try:
                result = area_year_result(line)
            except DomainError:
                result = None
        result_lines.append(KdcLine(area, line, count["total"], count["titled"], result))
    dossier = (
        Dossier.objects.filter(kind=DossierKind.KDC, unit=commune, year=year).select_related("decision", "unit").first()
    )
    return KdcYear(commune, year, result_lines, meeting, dossier)


def district_of(commune: Unit, year: int) -> Unit | None:
    """The district (or, after the districts were abolished, the province) above ``commune`` in ``year``."""
    day = datetime.date(year, 12, 31)
    if commune.valid_to is not None and commune.valid_to < day:
        day = commune.valid_to
    chain = unit_ancestors(commune, as_of=day)
    above = [unit for unit in chain if unit.level in (Level.DISTRICT, Level.PROVINCE)]
    return above[-1] if above else None


@dataclass
class DistrictQueue:
    unit: Unit
    year: int
    rows: list[tuple[Unit, Dossier | None]]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def submitted(self) -> int:
        return sum(1 for _commune, dossier in self.rows if dossier is not None and dossier.status in SENT)


def district_queue(unit: Unit, year: int) -> DistrictQueue:
    """Each commune's KDC dossier of the year under ``unit`` (a district, or a province's communes)."""
    day = datetime.date(year, 12, 31)
    communes: list[Unit] = []
    frontier = [unit]
    while frontier:
        children = list(unit_children(frontier.pop(0), as_of=day).filter(level__lte=Level.COMMUNE))
        communes += [child for child in children if child.level == Level.COMMUNE]
        frontier += [child for child in children if child.level < Level.COMMUNE]
    dossiers = {
        d.unit_id: d
        for d in Dossier.objects.filter(kind=DossierKind.KDC, year=year, unit__in=communes).select_related("decision")
    }
    return DistrictQueue(unit, year, [(commune, dossiers.get(commune.pk)) for commune in communes])
