"""The area evaluation: the self-assessment against the campaign's five contents, the commune's
meeting that proposes the cultural areas, the explanation of a result, and the Front's own evaluation.

The share of cultural families is never typed: it is recounted from the household titles of the
year (``services.area_recount``) every time the areas are evaluated. Points are on the province's
scale: the self-assessment and the Front's evaluation are both scored against the five contents of
the campaign, so both use the Front's scale ``mttq_scale_max`` (the parameters hold no other scale).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.audit.services import audit_record
from thidua.campaigns import rules
from thidua.campaigns.selectors import campaign_contents_on, parameters_for, year_end
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.deadlines import check_open
from thidua.evaluations.models import AreaYear, DeadlineKind, DossierKind, Meeting, MeetingKind
from thidua.evaluations.services import _refuse_if_closed, area_recount
from thidua.units.models import Unit
from thidua.units.selectors import unit_ancestors


def _province(area: Unit, day: datetime.date) -> Unit:
    if area.valid_to is not None and area.valid_to < day:
        day = area.valid_to
    chain = unit_ancestors(area, as_of=day)
    return chain[0] if chain else area


def _points(value: Any, *, column: str) -> Decimal:
    try:
        points = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("%(value)s is not a number of points."), column=column, value=value) from None
    if not points.is_finite():
        raise DomainError(_("%(value)s is not a number of points."), column=column, value=value)
    return points


def _today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def area_self_assessment_record(*, area_year: AreaYear, scores: Mapping[int | str, Any], actor: Any) -> AreaYear:
    """Record the area's points for each of the campaign's five contents of the year; the total is its points.

    Every content of the year must be scored, no other, each between 0 and the province's scale, and
    the total within the scale; every problem is reported at once and nothing is saved.
    """
    year = area_year.year
    day = year_end(year)
    contents = campaign_contents_on(day)
    if not contents:
        raise DomainError(_("No contents of the campaign are known for %(year)s."), year=year)
    scale = Decimal(str(parameters_for(_province(area_year.area, day), day)["mttq_scale_max"]))
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
    check_open(area_year.area, year, DeadlineKind.AREA_REVIEW, _today())
    with transaction.atomic():
        _refuse_if_closed(DossierKind.KDC, _commune_of(area_year.area, day), year)
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


def _commune_of(area: Unit, day: datetime.date) -> Unit:
    if area.valid_to is not None and area.valid_to < day:
        day = area.valid_to
    chain = unit_ancestors(area, as_of=day)
    return chain[-2] if len(chain) >= 2 else area


def _self_assessed_points(area_year: AreaYear) -> Decimal | None:
    if area_year.self_assessment:
        return sum((Decimal(str(v)) for v in area_year.self_assessment.values()), Decimal(0))
    return area_year.points


def area_year_result(area_year: AreaYear) -> rules.Result:
    """The rules' verdict on one area's year, with every check and its reason ("why not?")."""
    meeting = area_year.meeting
    if meeting is None:
        raise DomainError(_("%(name)s has no evaluation meeting yet."), name=area_year.area.full_name)
    params = parameters_for(_province(area_year.area, meeting.held_on), meeting.held_on)
    points = _self_assessed_points(area_year)
    facts = rules.AreaFacts(
        registered=area_year.registered_on is not None,
        meeting=rules.Meeting(convened=meeting.convened, present=meeting.present, votes_for=area_year.votes_for or 0),
        points=float(points) if points is not None else None,
        gdvh_households=area_year.gdvh_households,
        households=area_year.households,
    )
    return rules.area_title(facts, day=meeting.held_on, regime=rules.regime_for(meeting.held_on), params=params)


def areas_evaluate(*, meeting: Meeting, actor: Any) -> dict[str, int]:
    """Apply the rules of the meeting's date to every area the commune's meeting evaluated: who is proposed.

    The share of cultural families of each area is recounted from its household titles first; the
    points are the self-assessment's total when one is recorded.
    """
    if meeting.kind != MeetingKind.AREA_REVIEW:
        raise DomainError(_("Areas are evaluated by the commune's area evaluation meeting."))
    with transaction.atomic():
        _refuse_if_closed(DossierKind.KDC, meeting.unit, meeting.year)
        lines = list(meeting.area_years.select_related("area", "meeting"))
        for line in lines:
            counted = area_recount(area=line.area, year=line.year)
            line.households, line.gdvh_households = counted.households, counted.gdvh_households
            line.points = _self_assessed_points(line)
            line.proposed = bool(area_year_result(line).outcome)
        AreaYear.objects.bulk_update(lines, ["points", "proposed"])
        summary = {"evaluated": len(lines), "proposed": sum(1 for line in lines if line.proposed)}
        audit_record(actor=actor, action="evaluations.areas_evaluate", obj=meeting, after=summary)
    return summary


def area_front_evaluation_record(*, area_year: AreaYear, points: Any, front_head_grade: str, actor: Any) -> AreaYear:
    """The Front's own evaluation of the campaign in the area: points on the province's scale give the
    tier; the head of the Front working committee is graded on the same tiers."""
    year = area_year.year
    day = year_end(year)
    params = parameters_for(_province(area_year.area, day), day)
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
    check_open(area_year.area, year, DeadlineKind.FRONT_EVALUATION, _today())
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
    return area_year
