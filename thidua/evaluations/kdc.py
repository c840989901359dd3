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
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.campaigns.parameters import MTTQ_TIER_LABELS
from thidua.campaigns.rules import Result
from thidua.campaigns.selectors import campaign_contents_on, parameters_for, year_end
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.areas import area_front_evaluation_record, area_self_assessment_record, area_year_result
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


# The area's self-assessment and the Front's evaluation, entered for all the commune's areas at once.


@dataclass
class AreaError:
    """A refusal of one area's entry: the area is the row, the service's column the column."""

    area: str
    error: DomainError

    def column_label(self) -> str:
        column = self.error.column or ""
        if column.startswith("content "):
            return _("content %(number)s") % {"number": column.removeprefix("content ")}
        labels = {
            "scores": _("self-assessment"),
            "mttq_points": _("the Front's points"),
            "front_head_grade": _("grade of the Trưởng ban"),
        }
        return labels.get(column, column)

    def text(self, language: str | None = None) -> str:
        with translation.override(language or translation.get_language() or "vi"):
            reason = self.error.reason()
            if not self.error.column:
                return _("%(area)s: %(reason)s") % {"area": self.area, "reason": reason}
            return _("%(area)s, column %(column)s: %(reason)s") % {
                "area": self.area,
                "column": self.column_label(),
                "reason": reason,
            }

    def __str__(self) -> str:
        return f"{self.text('vi')} / {self.text('en')}"


class AreaErrors(Exception):
    """Every refused area of one entry; nothing of the entry was saved."""

    def __init__(self, errors: list[AreaError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _record_each(
    entries: list[tuple[AreaYear, dict[str, Any]]], record: Any, actor: Any, errors: list[AreaError] | None = None
) -> int:
    errors = list(errors or [])
    with transaction.atomic():
        for line, fields in entries:
            try:
                record(area_year=line, actor=actor, **fields)
            except DomainErrors as exc:
                errors += [AreaError(line.area.full_name, error) for error in exc.errors]
            except DomainError as exc:
                errors.append(AreaError(line.area.full_name, exc))
        # Raising inside the block rolls back the areas already recorded: all of them or none.
        if errors:
            raise AreaErrors(errors)
    return len(entries)


def kdc_self_assessments_record(*, entries: list[tuple[AreaYear, dict[int, str]]], actor: Any) -> int:
    """Record the self-assessment of several areas (``areas.area_self_assessment_record`` for each):
    every area's problems are reported at once, naming the area, and nothing is saved on any."""
    return _record_each([(line, {"scores": scores}) for line, scores in entries], area_self_assessment_record, actor)


def kdc_front_evaluations_record(*, entries: list[tuple[AreaYear, str, str]], actor: Any) -> int:
    """Record the Front's evaluation of several areas (points and the Trưởng ban's grade) all or nothing."""
    blank = [
        AreaError(line.area.full_name, DomainError(gettext_lazy("Type the points."), column="mttq_points"))
        for line, points, _grade in entries
        if not str(points).strip()
    ]
    rows = [(line, {"points": points, "front_head_grade": grade}) for line, points, grade in entries if points.strip()]
    return _record_each(rows, area_front_evaluation_record, actor, blank)


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
