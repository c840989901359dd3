"""/api/v1/evaluations: the yearly cycle of an area and the queue of a commune, through the same
selectors, services and workflow as the pages. A unit outside the user's reach is a 404; a refused
operation is a 400 whose ``detail`` is the message in Vietnamese and English, and whose ``errors``
list every refused line."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from thidua.accounts.permissions import has_permission
from thidua.api.schemas import ErrorsOut, JobOut
from thidua.api.schemas import refused as _refused
from thidua.documents.downloads import Rendered
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations import kdc, selectors, services, streaks
from thidua.evaluations.deadlines import dossier_due_dates
from thidua.evaluations.documents import decision_file, minutes_file
from thidua.evaluations.kdc import district_of
from thidua.evaluations.models import (
    AreaYear,
    Ballot,
    Dossier,
    DossierKind,
    DossierStatus,
    HouseholdYear,
    MeetingKind,
    Objection,
)
from thidua.evaluations.sensitive import exclusions_viewed, masked_checks
from thidua.evaluations.workflow import available_transitions, transition
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

router = Router(tags=["evaluations"])


class CheckOut(Schema):
    rule: str
    passed: bool
    detail: str


class LineOut(Schema):
    household_id: int
    code: str
    head_name: str
    line_id: int | None
    registered_on: datetime.date | None
    votes_for: int | None
    proposed: bool | None
    titled: bool | None
    revoked_on: datetime.date | None
    outcome: bool | None
    checks: list[CheckOut]
    # Only for those who decide the titles (None for anyone else); every such answer is audited.
    points: Decimal | None = None
    exclusions: list[str] | None = None


class MeetingOut(Schema):
    held_on: datetime.date
    convened: int
    present: int
    ballot: str
    chair: str
    front_head: str


class DossierOut(Schema):
    id: int
    status: str
    status_label: str
    decision: str | None
    transitions: list[str]


class AreaYearOut(Schema):
    area_id: int
    area: str
    year: int
    meeting: MeetingOut | None
    dossier: DossierOut | None
    households: list[LineOut]


class QueueRowOut(Schema):
    area_id: int
    area: str
    dossier: DossierOut | None


class QueueOut(Schema):
    commune_id: int
    year: int
    submitted: int
    total: int
    areas: list[QueueRowOut]


class RegistrationsIn(Schema):
    registered_on: datetime.date
    households: list[int]


class VoteIn(Schema):
    line_id: int
    votes_for: int
    points: Decimal | None = None
    exclusions: list[str] = []


class MeetingIn(Schema):
    held_on: datetime.date
    convened: int
    present: int
    ballot: Ballot = Ballot.HANDS
    chair: str = ""
    front_head: str = ""
    votes: list[VoteIn]


class TransitionIn(Schema):
    to: str
    reason: str = ""


class DecisionIn(Schema):
    number: int
    issued_on: datetime.date
    signer_title: str = ""
    signer_name: str = ""
    titled: list[int]


class RevokeIn(Schema):
    revoked_on: datetime.date
    reason: str


class SummaryOut(Schema):
    detail: str
    counts: dict[str, int] = {}


def _unit(request: HttpRequest, pk: int, level: int, action: str = "evaluations.view_year") -> Unit:
    unit = get_object_or_404(units_visible_to(request.user).filter(level=level), pk=pk)  # type: ignore[arg-type]
    allowed, reason = has_permission(action, request.user, unit)
    if not allowed:
        # Inside the user's reach but not their role's work: a 403 that says why, as the pages do.
        raise HttpError(403, str(reason))
    return unit


def _dossier_out(dossier: Dossier | None, user: Any) -> dict[str, Any] | None:
    if dossier is None:
        return None
    return {
        "id": dossier.pk,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "decision": str(dossier.decision) if dossier.decision else None,
        "transitions": [target for target, _label in available_transitions(dossier, user)],
    }


def _dossier(request: HttpRequest, pk: int) -> Dossier:
    visible = units_visible_to(request.user)  # type: ignore[arg-type]
    return get_object_or_404(Dossier.objects.filter(unit__in=visible).select_related("unit", "decision"), pk=pk)


@router.get("/areas/{area_id}/{year}", response={200: AreaYearOut, 403: ErrorsOut, 404: ErrorsOut})
def area_year(request: HttpRequest, area_id: int, year: int) -> Any:
    area = _unit(request, area_id, Level.AREA)
    view = selectors.area_year(area, year)
    meeting = view.meeting
    may_see = has_permission("evaluations.view_exclusions", request.user, area)[0]
    if may_see and view.registered:
        exclusions_viewed(
            actor=request.user, area=area, year=year, lines=[a.line for a in view.registered], channel="api"
        )
    return {
        "area_id": area.pk,
        "area": area.full_name,
        "year": year,
        "meeting": meeting,
        "dossier": _dossier_out(view.dossier, request.user),
        "households": [
            {
                "household_id": a.household.pk,
                "code": a.household.code,
                "head_name": a.household.head_name,
                "line_id": a.line.pk if a.line else None,
                "registered_on": a.line.registered_on if a.line else None,
                "votes_for": a.line.votes_for if a.line else None,
                "proposed": a.line.proposed if a.line else None,
                "titled": a.line.titled if a.line else None,
                "revoked_on": a.line.revoked_on if a.line else None,
                "outcome": bool(a.result.outcome) if a.result else None,
                "checks": [c.as_dict() for c in masked_checks(a.result.checks, may_see=may_see)] if a.result else [],
                "points": a.line.points if a.line and may_see else None,
                "exclusions": list(a.line.exclusions) if a.line and may_see else None,
            }
            for a in view.lines
        ],
    }


@router.get("/communes/{commune_id}/{year}", response={200: QueueOut, 403: ErrorsOut, 404: ErrorsOut})
def commune_year(request: HttpRequest, commune_id: int, year: int) -> Any:
    commune = _unit(request, commune_id, Level.COMMUNE)
    queue = selectors.commune_queue(commune, year)
    return {
        "commune_id": commune.pk,
        "year": year,
        "submitted": queue.submitted,
        "total": queue.total,
        "areas": [
            {"area_id": area.pk, "area": area.full_name, "dossier": _dossier_out(dossier, request.user)}
            for area, dossier in queue.rows
        ],
    }


ENTRY = {200: SummaryOut, 400: ErrorsOut, 403: ErrorsOut, 404: ErrorsOut}


@router.post("/areas/{area_id}/{year}/registrations", response=ENTRY)
def area_register(request: HttpRequest, area_id: int, year: int, payload: RegistrationsIn) -> Any:
    area = _unit(request, area_id, Level.AREA, "evaluations.enter_area_year")
    of_area = {a.household.pk: a.household for a in selectors.area_year(area, year).lines}
    unknown = [pk for pk in payload.households if pk not in of_area]
    if unknown:
        raise Http404
    try:
        rows = services.households_register(
            area=area,
            year=year,
            households=[of_area[pk] for pk in payload.households],
            registered_on=payload.registered_on,
            actor=request.user,
        )
    except (DomainError, DomainErrors) as exc:
        return _refused(exc)
    return {"detail": "ok", "counts": {"registered": len(rows)}}


@router.post("/areas/{area_id}/{year}/meeting", response=ENTRY)
def area_meeting(request: HttpRequest, area_id: int, year: int, payload: MeetingIn) -> Any:
    area = _unit(request, area_id, Level.AREA, "evaluations.enter_area_year")
    # Lines of other areas are refused by the service as "not part of" the year only when the id
    # is unknown; a line of another area of the same year must be refused here.
    ours = {line.pk: line for line in HouseholdYear.objects.filter(area=area, year=year)}
    if not {v.line_id for v in payload.votes} <= set(ours):
        raise Http404
    may_see, reason = has_permission("evaluations.view_exclusions", request.user, area)
    if not may_see and any(v.points is not None or v.exclusions for v in payload.votes):
        return Status(403, {"detail": str(reason)})
    votes = {
        # Anyone but those who decide keeps the points and exclusions recorded as they are.
        v.line_id: services.Vote(v.votes_for, v.points, tuple(v.exclusions))
        if may_see
        else services.Vote(v.votes_for, ours[v.line_id].points, tuple(ours[v.line_id].exclusions))
        for v in payload.votes
    }
    try:
        services.meeting_record(
            kind=MeetingKind.HOUSEHOLD_REVIEW,
            unit=area,
            year=year,
            held_on=payload.held_on,
            convened=payload.convened,
            present=payload.present,
            ballot=payload.ballot,
            chair=payload.chair,
            front_head=payload.front_head,
            votes=votes,
            actor=request.user,
        )
    except (DomainError, DomainErrors) as exc:
        return _refused(exc)
    return {"detail": "ok", "counts": {"lines": len(votes)}}


@router.post("/areas/{area_id}/{year}/evaluate", response=ENTRY)
def area_evaluate(request: HttpRequest, area_id: int, year: int) -> Any:
    area = _unit(request, area_id, Level.AREA, "evaluations.enter_area_year")
    meeting = selectors.area_year(area, year).meeting
    try:
        if meeting is None:
            raise DomainError(_("Record the evaluation meeting first."))
        summary = services.households_evaluate(meeting=meeting, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return {"detail": "ok", "counts": summary}


@router.post("/dossiers/{dossier_id}/transition", response={200: DossierOut, 400: ErrorsOut, 404: ErrorsOut})
def dossier_transition(request: HttpRequest, dossier_id: int, payload: TransitionIn) -> Any:
    dossier = _dossier(request, dossier_id)
    if payload.to not in DossierStatus.values:
        return _refused(DomainError(_("There is no status %(status)s."), status=payload.to))
    if payload.to == DossierStatus.DECIDED:
        # Only decision_record moves a dossier to "decided": the decision is what decides.
        return _refused(DomainError(_("A dossier is decided by recording its numbered decision.")))
    try:
        transition(dossier, to=payload.to, actor=request.user, reason=payload.reason)
    except DomainError as exc:
        return _refused(exc)
    return _dossier_out(dossier, request.user)


@router.post("/dossiers/{dossier_id}/decision", response=ENTRY)
def dossier_decide(request: HttpRequest, dossier_id: int, payload: DecisionIn) -> Any:
    dossier = _dossier(request, dossier_id)
    # The commune decides its households' titles, the district (or province) its areas'.
    if dossier.kind == DossierKind.GDVH:
        issuer = selectors.commune_of(dossier.unit, dossier.year)
    else:
        issuer = district_of(dossier.unit, dossier.year)
    if issuer is None:
        raise Http404
    try:
        decision = services.decision_record(
            dossier=dossier,
            number=payload.number,
            issued_on=payload.issued_on,
            issuer=issuer,
            signer_title=payload.signer_title,
            signer_name=payload.signer_name,
            titled_ids=payload.titled,
            actor=request.user,
        )
    except DomainError as exc:
        return _refused(exc)
    return {"detail": str(decision), "counts": {"titled": len(set(payload.titled))}}


@router.post("/lines/{line_id}/revoke", response=ENTRY)
def title_revoke(request: HttpRequest, line_id: int, payload: RevokeIn) -> Any:
    visible = units_visible_to(request.user)  # type: ignore[arg-type]
    line = get_object_or_404(HouseholdYear.objects.filter(area__in=visible).select_related("area"), pk=line_id)
    allowed, reason = has_permission("evaluations.revoke_title", request.user, line.area)
    if not allowed:
        return Status(403, {"detail": reason})
    try:
        services.title_revoke(line=line, revoked_on=payload.revoked_on, reason=payload.reason, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return {"detail": "ok", "counts": {"revoked": 1}}


class StreaksIn(Schema):
    year: int
    since: int | None = None


@router.post("/units/{unit_id}/streaks", response=ENTRY)
def streaks_recompute(request: HttpRequest, unit_id: int, payload: StreaksIn) -> Any:
    """Recount the runs of consecutive title years of every household and area under a unit (a
    commune, a district or a province), those of ``year`` or from ``since`` to ``year``."""
    unit = get_object_or_404(units_visible_to(request.user).exclude(level=Level.AREA), pk=unit_id)  # type: ignore[arg-type]
    allowed, reason = has_permission("evaluations.recompute_streaks", request.user, unit)
    if not allowed:
        raise HttpError(403, str(reason))
    try:
        summary = streaks.streaks_recompute(unit=unit, year=payload.year, since=payload.since, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return {"detail": str(unit), "counts": summary}


class ObjectionOut(Schema):
    id: int
    line_id: int | None
    household: str | None
    raised_on: datetime.date
    raised_by: str
    text: str
    resolved_on: datetime.date | None
    resolution: str


class ObjectionIn(Schema):
    line_id: int
    raised_on: datetime.date
    raised_by: str = ""
    text: str


class ResolutionIn(Schema):
    resolved_on: datetime.date
    resolution: str


def _objection_out(objection: Objection) -> dict[str, Any]:
    line = objection.household_year
    return {
        "id": objection.pk,
        "line_id": line.pk if line else None,
        "household": f"{line.household.code} · {line.household.head_name}" if line else None,
        "raised_on": objection.raised_on,
        "raised_by": objection.raised_by,
        "text": objection.text,
        "resolved_on": objection.resolved_on,
        "resolution": objection.resolution,
    }


@router.get("/areas/{area_id}/{year}/objections", response={200: list[ObjectionOut], 403: ErrorsOut, 404: ErrorsOut})
def objection_list(request: HttpRequest, area_id: int, year: int) -> Any:
    area = _unit(request, area_id, Level.AREA)
    objections = (
        Objection.objects.filter(household_year__area=area, household_year__year=year)
        .select_related("household_year__household")
        .order_by("raised_on", "pk")
    )
    return [_objection_out(objection) for objection in objections]


@router.post(
    "/areas/{area_id}/{year}/objections",
    response={201: ObjectionOut, 400: ErrorsOut, 403: ErrorsOut, 404: ErrorsOut},
)
def objection_raise(request: HttpRequest, area_id: int, year: int, payload: ObjectionIn) -> Any:
    area = _unit(request, area_id, Level.AREA, "evaluations.enter_area_year")
    lines = HouseholdYear.objects.filter(area=area, year=year).select_related("meeting", "area", "household")
    line = get_object_or_404(lines, pk=payload.line_id)
    try:
        objection = services.objection_raise(
            line=line, raised_on=payload.raised_on, raised_by=payload.raised_by, text=payload.text, actor=request.user
        )
    except DomainError as exc:
        return _refused(exc)
    return Status(201, _objection_out(objection))


@router.post(
    "/objections/{objection_id}/resolve", response={200: ObjectionOut, 400: ErrorsOut, 403: ErrorsOut, 404: ErrorsOut}
)
def objection_resolve(request: HttpRequest, objection_id: int, payload: ResolutionIn) -> Any:
    visible = units_visible_to(request.user)  # type: ignore[arg-type]
    objection = get_object_or_404(
        Objection.objects.filter(household_year__area__in=visible).select_related(
            "household_year__area", "household_year__household"
        ),
        pk=objection_id,
    )
    line = objection.household_year
    assert line is not None
    allowed, reason = has_permission("evaluations.enter_area_year", request.user, line.area)
    if not allowed:
        return Status(403, {"detail": str(reason)})
    try:
        services.objection_resolve(
            objection=objection, resolved_on=payload.resolved_on, resolution=payload.resolution, actor=request.user
        )
    except DomainError as exc:
        return _refused(exc)
    return _objection_out(objection)


class DueDateOut(Schema):
    rule: str
    text: str
    start: datetime.date
    due: datetime.date
    done_on: datetime.date | None
    late: bool


class KdcDossierOut(DossierOut):
    due_dates: list[DueDateOut]


class KdcAreaOut(Schema):
    area_id: int
    code: str
    area: str
    line_id: int | None
    registered_on: datetime.date | None
    households: int
    gdvh_households: int
    gdvh_share: float | None
    self_assessment: dict[str, str]
    points: Decimal | None
    votes_for: int | None
    proposed: bool | None
    outcome: bool | None
    checks: list[CheckOut]
    titled: bool | None
    revoked_on: datetime.date | None
    mttq_points: Decimal | None
    mttq_tier: str
    front_head_grade: str


class KdcYearOut(Schema):
    commune_id: int
    commune: str
    year: int
    meeting: MeetingOut | None
    dossier: KdcDossierOut | None
    areas: list[KdcAreaOut]


def _kdc_area_out(row: kdc.KdcLine) -> dict[str, Any]:
    line = row.line
    return {
        "area_id": row.area.pk,
        "code": row.area.code,
        "area": row.area.full_name,
        "line_id": line.pk if line else None,
        "registered_on": line.registered_on if line else None,
        "households": row.households,
        "gdvh_households": row.gdvh_households,
        "gdvh_share": row.gdvh_share,
        "self_assessment": dict(line.self_assessment or {}) if line else {},
        "points": line.points if line else None,
        "votes_for": line.votes_for if line else None,
        "proposed": line.proposed if line else None,
        "outcome": bool(row.result.outcome) if row.result else None,
        "checks": [check.as_dict() for check in row.result.checks] if row.result else [],
        "titled": line.titled if line else None,
        "revoked_on": line.revoked_on if line else None,
        "mttq_points": line.mttq_points if line else None,
        "mttq_tier": line.mttq_tier if line else "",
        "front_head_grade": line.front_head_grade if line else "",
    }


@router.get("/communes/{commune_id}/{year}/areas", response={200: KdcYearOut, 403: ErrorsOut, 404: ErrorsOut})
def kdc_year(request: HttpRequest, commune_id: int, year: int) -> Any:
    """The commune's dossier of cultural areas: its areas with their results, the dossier's status,
    the moves open to the user and its working-day deadlines."""
    commune = _unit(request, commune_id, Level.COMMUNE)
    view = kdc.kdc_year(commune, year)
    dossier = _dossier_out(view.dossier, request.user)
    if dossier is not None and view.dossier is not None:
        today = timezone.localdate()
        dossier["due_dates"] = [
            {
                "rule": due.rule.key,
                "text": due.describe(),
                "start": due.start,
                "due": due.due,
                "done_on": due.done_on,
                "late": due.is_late(today),
            }
            for due in dossier_due_dates(view.dossier)
        ]
    return {
        "commune_id": commune.pk,
        "commune": commune.full_name,
        "year": year,
        "meeting": view.meeting,
        "dossier": dossier,
        "areas": [_kdc_area_out(row) for row in view.lines],
    }


class SelfAssessmentIn(Schema):
    line_id: int
    scores: dict[int, str]


class FrontEvaluationIn(Schema):
    line_id: int
    points: str
    front_head_grade: str = ""


def _kdc_lines(request: HttpRequest, commune_id: int, year: int, ids: list[int]) -> list[AreaYear]:
    commune = _unit(request, commune_id, Level.COMMUNE, "evaluations.enter_commune_year")
    ours = {row.line.pk: row.line for row in kdc.kdc_year(commune, year).registered if row.line is not None}
    if not set(ids) <= set(ours):
        raise Http404
    return [ours[pk] for pk in ids]


def _area_refused(exc: kdc.AreaErrors) -> Status:
    return Status(400, {"detail": str(exc.errors[0]), "errors": [str(error) for error in exc.errors]})


@router.post("/communes/{commune_id}/{year}/areas/self-assessment", response=ENTRY)
def kdc_self_assessment(request: HttpRequest, commune_id: int, year: int, payload: list[SelfAssessmentIn]) -> Any:
    """The self-assessment (points of each of the five contents) of several areas, all or nothing."""
    lines = _kdc_lines(request, commune_id, year, [entry.line_id for entry in payload])
    entries = [(line, dict(entry.scores)) for line, entry in zip(lines, payload, strict=True)]
    try:
        count = kdc.kdc_self_assessments_record(entries=entries, actor=request.user)
    except kdc.AreaErrors as exc:
        return _area_refused(exc)
    return {"detail": "ok", "counts": {"recorded": count}}


@router.post("/communes/{commune_id}/{year}/areas/front-evaluation", response=ENTRY)
def kdc_front_evaluation(request: HttpRequest, commune_id: int, year: int, payload: list[FrontEvaluationIn]) -> Any:
    """The Front's evaluation (points → tier, the grade of the Trưởng ban) of several areas, all or nothing."""
    lines = _kdc_lines(request, commune_id, year, [entry.line_id for entry in payload])
    entries = [(line, e.points, e.front_head_grade) for line, e in zip(lines, payload, strict=True)]
    try:
        count = kdc.kdc_front_evaluations_record(entries=entries, actor=request.user)
    except kdc.AreaErrors as exc:
        return _area_refused(exc)
    return {"detail": "ok", "counts": {"recorded": count}}


DocumentFormat = Literal["pdf", "docx"]


def _attachment(rendered: Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@router.get("/decisions/{int:decision_id}", response={404: ErrorsOut})
def decision_document(request: HttpRequest, decision_id: int, format: Query[DocumentFormat] = "pdf") -> HttpResponse:
    """The decision of a decided dossier whose issuer the user sees, as PDF or DOCX; 404 for any other."""
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=decision_id)
    return _attachment(decision_file(decision, format))


@router.get("/meetings/{int:meeting_id}", response={404: ErrorsOut})
def minutes_document(request: HttpRequest, meeting_id: int, format: Query[DocumentFormat] = "pdf") -> HttpResponse:
    """The minutes of a meeting held in a unit the user sees, as PDF or DOCX; 404 for any other."""
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=meeting_id)
    return _attachment(minutes_file(meeting, format))


@router.post("/decisions/{int:decision_id}/certificates", response={202: JobOut, 404: ErrorsOut})
def decision_certificates(request: HttpRequest, decision_id: int) -> Status:
    """Queue one certificate per title of the decision, as one PDF; follow the job at /api/v1/jobs/{id}."""
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=decision_id)
    return Status(202, services.decision_certificates_start(decision=decision, actor=request.user))
