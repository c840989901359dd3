"""The commune's dossier of cultural residential areas (KDC văn hóa) for a year: its areas with their
results, the rules' verdict on an area's year, and the district's queue of such dossiers.

The commune registers its areas, holds its area evaluation meeting (the votes of each area), applies
the rules (``kdc.services.areas_evaluate``) and sends the dossier up; the district reviews, returns
with a reason, and decides by its numbered decision (``services.decision_record``). The share of
cultural families shown is counted from the household titles in one query, never typed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _lazy

from thidua.campaigns import rules
from thidua.campaigns.parameters import MTTQ_TIER_LABELS
from thidua.campaigns.rules import Check, Result
from thidua.campaigns.selectors import campaign_contents_on, parameters_for, year_end
from thidua.errors import DomainError
from thidua.evaluations.models import (
    AreaYear,
    Dossier,
    DossierKind,
    HouseholdYear,
    Meeting,
    MeetingKind,
    TitleException,
)
from thidua.evaluations.selectors import SENT, commune_areas, posted_days
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_ancestors, unit_children


def province_of(area: Unit, day: datetime.date) -> Unit:
    """The province above ``area`` on ``day`` (its last day, when it ended before)."""
    if area.valid_to is not None and area.valid_to < day:
        day = area.valid_to
    chain = unit_ancestors(area, as_of=day)
    return chain[0] if chain else area


def commune_of(area: Unit, day: datetime.date) -> Unit:
    """The commune above ``area`` on ``day`` (its last day, when it ended before)."""
    if area.valid_to is not None and area.valid_to < day:
        day = area.valid_to
    chain = unit_ancestors(area, as_of=day)
    return chain[-2] if len(chain) >= 2 else area


def self_assessed_points(area_year: AreaYear) -> Decimal | None:
    """The total of the area's self-assessment, or the points recorded when it has none."""
    if area_year.self_assessment:
        return sum((Decimal(str(v)) for v in area_year.self_assessment.values()), Decimal(0))
    return area_year.points


def area_year_result(area_year: AreaYear) -> rules.Result:
    """The rules' verdict on one area's year, with every check and its reason ("why not?")."""
    meeting = area_year.meeting
    if meeting is None:
        raise DomainError(_lazy("%(name)s has no evaluation meeting yet."), name=area_year.area.full_name)
    params = parameters_for(province_of(area_year.area, meeting.held_on), meeting.held_on)
    points = self_assessed_points(area_year)
    facts = rules.AreaFacts(
        registered=area_year.registered_on is not None,
        meeting=rules.Meeting(convened=meeting.convened, present=meeting.present, votes_for=area_year.votes_for or 0),
        points=float(points) if points is not None else None,
        gdvh_households=area_year.gdvh_households,
        households=area_year.households,
        posted_days=posted_days(meeting),
        year=area_year.year,
    )
    return rules.area_title(facts, day=meeting.held_on, regime=rules.regime_for(meeting.held_on), params=params)


@dataclass
class KdcLine:
    area: Unit
    line: AreaYear | None
    households: int
    gdvh_households: int
    result: Result | None
    # The decision titled this area although the commune's screening and vote did not carry it.
    exception: TitleException | None = None

    @property
    def gdvh_share(self) -> float | None:
        return self.gdvh_households / self.households if self.households else None

    @property
    def failed(self) -> list[Check]:
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
    exceptions = {
        e.area_year_id: e
        for e in TitleException.objects.filter(area_year__area__in=areas, area_year__year=year).select_related(
            "decision", "recorded_by"
        )
    }
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
        exception = exceptions.get(line.pk) if line is not None else None
        result_lines.append(KdcLine(area, line, count["total"], count["titled"], result, exception))
    dossier = (
        Dossier.objects.filter(kind=DossierKind.KDC, unit=commune, year=year).select_related("decision", "unit").first()
    )
    return KdcYear(commune, year, result_lines, meeting, dossier)


def registered_lines(commune: Unit, year: int) -> dict[int, AreaYear]:
    """The lines of the year of the commune's registered areas, by id."""
    lines = AreaYear.objects.filter(area__in=commune_areas(commune, year), year=year, registered_on__isnull=False)
    return {line.pk: line for line in lines.select_related("area")}


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


@dataclass
class EntryRow:
    line: KdcLine
    scores: list[tuple[int, str]]  # (content number, value as typed or recorded)
    points: str
    grade: str

    @property
    def total(self) -> Decimal | None:
        try:
            return sum((Decimal(v) for _n, v in self.scores if v.strip()), Decimal(0)) if self.scores else None
        except InvalidOperation:
            return None


@dataclass
class EntryGrid:
    contents: list[Any]
    grades: list[tuple[str, str]]  # (key, label) of the province's tiers
    scale: Decimal
    rows: list[EntryRow]


def entry_grid(view: KdcYear, typed: dict[str, str] | None = None) -> EntryGrid:
    """The grid of the registered areas' self-assessments and Front evaluations, with ``typed``
    (the posted form) over what is recorded."""
    day = year_end(view.year)
    contents = campaign_contents_on(day)
    province = (unit_ancestors(view.commune, as_of=min(day, view.commune.valid_to or day)) or [view.commune])[0]
    params = parameters_for(province, day)
    grades = [(str(key), str(MTTQ_TIER_LABELS.get(str(key), key))) for key, _minimum in params.get("mttq_tiers") or []]
    typed = typed or {}
    rows = []
    for kdc_line in view.registered:
        line = kdc_line.line
        assert line is not None
        recorded = line.self_assessment or {}
        scores = [
            (c.number, typed.get(f"score-{line.pk}-{c.number}", str(recorded.get(str(c.number), "")))) for c in contents
        ]
        points = typed.get(f"mttq-{line.pk}", "" if line.mttq_points is None else str(line.mttq_points))
        grade = typed.get(f"grade-{line.pk}", line.front_head_grade)
        rows.append(EntryRow(kdc_line, scores, points, grade))
    return EntryGrid(contents, grades, Decimal(str(params["mttq_scale_max"])), rows)
