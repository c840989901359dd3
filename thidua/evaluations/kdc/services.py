"""Writes of the area evaluation: the commune registers its areas, records each area's self-assessment
against the campaign's five contents and the Front's own evaluation, and applies the rules after its
area evaluation meeting (``services.meeting_record``). Each authorizes its actor against the commune.

The share of cultural families is never typed: it is recounted from the household titles of the
year (``services.area_recount``) every time the areas are evaluated. Points are on the province's
scale: the self-assessment and the Front's evaluation are both scored against the five contents of
the campaign, so both use the Front's scale ``mttq_scale_max`` (the parameters hold no other scale).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.campaigns import rules
from thidua.campaigns.selectors import campaign_contents_on, parameters_for, year_end
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.deadlines.selectors import check_open
from thidua.evaluations.kdc.selectors import area_year_result, commune_of, province_of, self_assessed_points
from thidua.evaluations.models import AreaYear, DeadlineKind, DossierKind, Meeting, MeetingKind
from thidua.evaluations.rollup import rollup_touch
from thidua.evaluations.selectors import commune_areas
from thidua.evaluations.services import area_recount, refuse_if_closed
from thidua.units.models import Level, Unit


def _points(value: Any, *, column: str) -> Decimal:
    try:
        points = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("%(value)s is not a number of points."), column=column, value=value) from None
    if not points.is_finite():
        raise DomainError(_("%(value)s is not a number of points."), column=column, value=value)
    return points


def _commune(area: Unit, year: int) -> Unit:
    return commune_of(area, year_end(year))


def area_register(*, area: Unit, year: int, registered_on: datetime.date, actor: Actor) -> AreaYear:
    """The commune registers one of its residential areas for ``year`` (bản đăng ký of the area)."""
    if area.level != Level.AREA:
        raise DomainError(_("%(unit)s is not a residential area."), unit=area.full_name)
    authorize(actor, "evaluations.enter_commune_year", _commune(area, year))
    with transaction.atomic():
        if AreaYear.objects.filter(area=area, year=year, registered_on__isnull=False).exists():
            raise DomainError(
                _("The residential area %(unit)s is already registered for %(year)s."), unit=area.full_name, year=year
            )
        row, _created = AreaYear.objects.update_or_create(
            area=area, year=year, defaults={"registered_on": registered_on}
        )
        audit_record(actor=actor, action="evaluations.area_register", obj=area, after={"year": year})
        rollup_touch(area_ids=[area.pk], year=year)
    return row


def areas_register(
    *, commune: Unit, year: int, areas: Sequence[Unit], registered_on: datetime.date, actor: Actor
) -> int:
    """Register several areas of ``commune`` at once: all of them, or none."""
    authorize(actor, "evaluations.enter_commune_year", commune)
    ours = set(commune_areas(commune, year).values_list("pk", flat=True))
    strangers = [area.full_name for area in areas if area.pk not in ours]
    if strangers:
        raise DomainError(
            _("%(areas)s are not residential areas of %(commune)s in %(year)s."),
            areas=", ".join(strangers),
            commune=commune.full_name,
            year=year,
        )
    with transaction.atomic():
        for area in areas:
            area_register(area=area, year=year, registered_on=registered_on, actor=actor)
    return len(areas)


def area_self_assessment_record(*, area_year: AreaYear, scores: Mapping[int | str, Any], actor: Actor) -> AreaYear:
    """Record the area's points for each of the campaign's five contents of the year; the total is its points.

    Every content of the year must be scored, no other, each between 0 and the province's scale, and
    the total within the scale; every problem is reported at once and nothing is saved.
    """
    year = area_year.year
    day = year_end(year)
    commune = commune_of(area_year.area, day)
    authorize(actor, "evaluations.enter_commune_year", commune)
    contents = campaign_contents_on(day)
    if not contents:
        raise DomainError(_("No contents of the campaign are known for %(year)s."), year=year)
    scale = Decimal(str(parameters_for(province_of(area_year.area, day), day)["mttq_scale_max"]))
    numbers = {content.number for content in contents}
    errors: list[DomainError] = []
    given: dict[int, Decimal] = {}
    seen: set[int] = set()
    for key, value in scores.items():
        try:
            number = int(key)
        except (TypeError, ValueError):
            number = -1
        if number not in numbers:
            errors.append(
                DomainError(
                    _("%(key)s is not a content of the campaign in %(year)s (contents %(numbers)s)."),
                    column="scores",
                    key=key,
                    year=year,
                    numbers=", ".join(str(n) for n in sorted(numbers)),
                )
            )
            continue
        seen.add(number)
        try:
            points = _points(value, column=f"content {number}")
        except DomainError as error:
            errors.append(error)
            continue
        if not Decimal(0) <= points <= scale:
            errors.append(
                DomainError(
                    _("Content %(number)s: %(points)s points is outside the scale 0–%(scale)s."),
                    column=f"content {number}",
                    number=number,
                    points=points,
                    scale=scale,
                )
            )
        given[number] = points
    for number in sorted(numbers - seen):
        errors.append(DomainError(_("Content %(number)s is not scored."), column=f"content {number}", number=number))
    total = sum(given.values(), Decimal(0))
    if not errors and total > scale:
        errors.append(
            DomainError(
                _("The total of %(total)s points is more than the scale of %(scale)s."),
                column="scores",
                total=total,
                scale=scale,
            )
        )
    if errors:
        raise DomainErrors(errors)
    check_open(area_year.area, year, DeadlineKind.AREA_REVIEW, timezone.localdate())
    with transaction.atomic():
        refuse_if_closed(DossierKind.KDC, commune, year)
        before = {"self_assessment": area_year.self_assessment, "points": str(area_year.points)}
        area_year.self_assessment = {str(n): str(p) for n, p in sorted(given.items())}
        area_year.points = total
        area_year.save(update_fields=["self_assessment", "points"])
        audit_record(
            actor=actor,
            action="evaluations.area_self_assessment_record",
            obj=area_year,
            before=before,
            after={"self_assessment": area_year.self_assessment, "points": str(total)},
        )
    return area_year


def areas_evaluate(*, commune: Unit, year: int, actor: Actor) -> dict[str, int]:
    """Apply the rules of the date of ``commune``'s area evaluation meeting of ``year`` to every area it
    evaluated: who is proposed.

    The share of cultural families of each area is recounted from its household titles first; the
    points are the self-assessment's total when one is recorded.
    """
    authorize(actor, "evaluations.enter_commune_year", commune)
    meeting = Meeting.objects.filter(kind=MeetingKind.AREA_REVIEW, unit=commune, year=year).first()
    if meeting is None:
        raise DomainError(_("Record the evaluation meeting first."))
    with transaction.atomic():
        refuse_if_closed(DossierKind.KDC, meeting.unit, meeting.year)
        lines = list(meeting.area_years.select_related("area", "meeting"))
        for line in lines:
            counted = area_recount(area=line.area, year=line.year)
            line.households, line.gdvh_households = counted.households, counted.gdvh_households
            line.points = self_assessed_points(line)
            line.proposed = bool(area_year_result(line).outcome)
        AreaYear.objects.bulk_update(lines, ["points", "proposed"])
        summary = {"evaluated": len(lines), "proposed": sum(1 for line in lines if line.proposed)}
        audit_record(actor=actor, action="evaluations.areas_evaluate", obj=meeting, after=summary)
    return summary


def area_front_evaluation_record(*, area_year: AreaYear, points: Any, front_head_grade: str, actor: Actor) -> AreaYear:
    """The Front's own evaluation of the campaign in the area: points on the province's scale give the
    tier; the head of the Front working committee is graded on the same tiers."""
    year = area_year.year
    day = year_end(year)
    authorize(actor, "evaluations.enter_commune_year", commune_of(area_year.area, day))
    params = parameters_for(province_of(area_year.area, day), day)
    scale = Decimal(str(params["mttq_scale_max"]))
    value = _points(points, column="mttq_points")
    if not Decimal(0) <= value <= scale:
        raise DomainError(
            _("%(points)s points is outside the Front's scale 0–%(scale)s."),
            column="mttq_points",
            points=value,
            scale=scale,
        )
    tiers = [str(name) for name, _minimum in params.get("mttq_tiers") or []]
    if front_head_grade and front_head_grade not in tiers:
        raise DomainError(
            _("%(grade)s is not a grade of the province's scale (%(grades)s)."),
            column="front_head_grade",
            grade=front_head_grade,
            grades=", ".join(tiers),
        )
    try:
        tier = rules.mttq_tier(float(value), params)
    except ValueError:
        raise DomainError(
            _("%(points)s points is below every tier of the province's scale."), column="mttq_points", points=value
        ) from None
    check_open(area_year.area, year, DeadlineKind.FRONT_EVALUATION, timezone.localdate())
    with transaction.atomic():
        before = {
            "mttq_points": str(area_year.mttq_points),
            "mttq_tier": area_year.mttq_tier,
            "front_head_grade": area_year.front_head_grade,
        }
        area_year.mttq_points, area_year.mttq_tier, area_year.front_head_grade = value, tier, front_head_grade
        area_year.save(update_fields=["mttq_points", "mttq_tier", "front_head_grade"])
        audit_record(
            actor=actor,
            action="evaluations.area_front_evaluation_record",
            obj=area_year,
            before=before,
            after={"mttq_points": str(value), "mttq_tier": tier, "front_head_grade": front_head_grade},
        )
        rollup_touch(area_ids=[area_year.area_id], year=year)
    return area_year


# The area's self-assessment and the Front's evaluation, entered for all the commune's areas at once.


class AreaError(DomainError):
    """A refusal of one area's entry: its message names the area, and the column by its label."""

    def __init__(self, area: str, error: DomainError) -> None:
        self.area, self.error = area, error
        super().__init__(error.message, row=error.row, column=error.column, **error.params)

    def column_label(self) -> str:
        column = self.error.column or ""
        if column.startswith("content "):
            return gettext("content %(number)s") % {"number": column.removeprefix("content ")}
        labels = {
            "scores": gettext("self-assessment"),
            "mttq_points": gettext("the Front's points"),
            "front_head_grade": gettext("grade of the Trưởng ban"),
        }
        return labels.get(column, column)

    def reason(self, language: str | None = None) -> str:
        with translation.override(language or translation.get_language() or "vi"):
            reason = self.error.reason()
            if not self.error.column:
                return gettext("%(area)s: %(reason)s") % {"area": self.area, "reason": reason}
            return gettext("%(area)s, column %(column)s: %(reason)s") % {
                "area": self.area,
                "column": self.column_label(),
                "reason": reason,
            }

    def text(self, language: str | None = None) -> str:
        return self.reason(language)


class AreaErrors(DomainErrors):
    """Every refused area of one entry; nothing of the entry was saved."""


def _lines_of(commune: Unit, lines: Sequence[AreaYear]) -> None:
    """Refuse (as outside the commune) a line of an area that is not the commune's in its year."""
    ours = {year: set(commune_areas(commune, year).values_list("pk", flat=True)) for year in {li.year for li in lines}}
    for line in lines:
        if line.area_id not in ours[line.year]:
            raise DomainError(
                _("%(area)s is not a residential area of %(commune)s in %(year)s."),
                area=line.area.full_name,
                commune=commune.full_name,
                year=line.year,
            )


def _record_each(
    entries: Sequence[tuple[AreaYear, dict[str, Any]]],
    record: Callable[..., AreaYear],
    actor: Actor,
    errors: Sequence[AreaError] = (),
) -> int:
    refused: list[DomainError] = list(errors)
    with transaction.atomic():
        for line, fields in entries:
            try:
                record(area_year=line, actor=actor, **fields)
            except DomainErrors as exc:
                refused += [AreaError(line.area.full_name, error) for error in exc.errors]
            except DomainError as exc:
                refused.append(AreaError(line.area.full_name, exc))
        # Raising inside the block rolls back the areas already recorded: all of them or none.
        if refused:
            raise AreaErrors(refused)
    return len(entries)


def kdc_self_assessments_record(
    *, commune: Unit, entries: Sequence[tuple[AreaYear, dict[int, str]]], actor: Actor
) -> int:
    """Record the self-assessment of several areas of ``commune`` (``area_self_assessment_record`` for
    each): every area's problems are reported at once, naming the area, and nothing is saved on any."""
    authorize(actor, "evaluations.enter_commune_year", commune)
    _lines_of(commune, [line for line, _scores in entries])
    return _record_each([(line, {"scores": scores}) for line, scores in entries], area_self_assessment_record, actor)


def kdc_front_evaluations_record(*, commune: Unit, entries: Sequence[tuple[AreaYear, str, str]], actor: Actor) -> int:
    """Record the Front's evaluation of several areas of ``commune`` (points and the Trưởng ban's
    grade), all or nothing."""
    authorize(actor, "evaluations.enter_commune_year", commune)
    _lines_of(commune, [line for line, _points, _grade in entries])
    blank = [
        AreaError(line.area.full_name, DomainError(_("Type the points."), column="mttq_points"))
        for line, points, _grade in entries
        if not str(points).strip()
    ]
    rows = [(line, {"points": points, "front_head_grade": grade}) for line, points, grade in entries if points.strip()]
    return _record_each(rows, area_front_evaluation_record, actor, blank)
