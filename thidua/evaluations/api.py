"""/api/v1/evaluations: the yearly cycle of an area, the queue of a commune, the dossiers, the titles,
the streaks and the documents of a decision or a meeting, through the same selectors and services as
the pages; the commune's dossier of cultural areas is ``kdc.api``'s.

Endpoints parse, call and answer: the services authorize and refuse, and the handlers registered on
the assembled API (``thidua.api.errors``) answer every refusal in one shape — a unit outside the
user's reach is a 404, a role that may not a 403, a refused operation a 400 listing every line.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from thidua.accounts.permissions import authorize, has_permission
from thidua.accounts.system import Actor
from thidua.api.errors import responses
from thidua.api.schemas import JobOut
from thidua.documents.formats import Rendered
from thidua.evaluations import selectors, services
from thidua.evaluations.documents import decision_file, minutes_file
from thidua.evaluations.kdc.api import router as kdc_router
from thidua.evaluations.kdc.selectors import district_of
from thidua.evaluations.models import Ballot, Dossier, DossierKind, HouseholdYear, MeetingKind, Objection
from thidua.evaluations.streaks.services import streaks_recompute
from thidua.evaluations.workflow import DOSSIER
from thidua.http import AuthedRequest
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to
from thidua.workflow import available_moves

router = Router(tags=["evaluations"])
router.add_router("", kdc_router)


class TitleCheckOut(Schema):
    """One check of the rules on a title, with its reason."""

    rule: str
    passed: bool
    detail: str


class TitleExceptionOut(Schema):
    """A line titled by the decision although its meeting did not carry it."""

    decision: str
    reason: str
    document: str
    overridden: list[str]
    recorded_by: str
    recorded_at: datetime.datetime


class HouseholdLineOut(Schema):
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
    checks: list[TitleCheckOut]
    # Only for those who decide the titles (None for anyone else); every such answer is audited.
    points: Decimal | None = None
    exclusions: list[str] | None = None
    exception: TitleExceptionOut | None = None


class EvaluationMeetingOut(Schema):
    held_on: datetime.date
    convened: int
    present: int
    ballot: str
    chair: str
    front_head: str
    posted_from: datetime.date | None = None
    posted_until: datetime.date | None = None


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
    meeting: EvaluationMeetingOut | None
    dossier: DossierOut | None
    households: list[HouseholdLineOut]


class CommuneQueueRowOut(Schema):
    area_id: int
    area: str
    dossier: DossierOut | None


class CommuneQueueOut(Schema):
    commune_id: int
    year: int
    submitted: int
    total: int
    areas: list[CommuneQueueRowOut]


class RegistrationsIn(Schema):
    registered_on: datetime.date
    households: list[int]


class MeetingVoteIn(Schema):
    line_id: int
    votes_for: int
    # Only those who decide the titles send points and exclusion categories.
    points: Decimal | None = None
    exclusions: list[str] = []


class EvaluationMeetingIn(Schema):
    held_on: datetime.date
    convened: int
    present: int
    ballot: Ballot = Ballot.HANDS
    chair: str = ""
    front_head: str = ""
    # NĐ 86/2023: the list posted for residents' opinions after the meeting, before the dossier goes up.
    posted_from: datetime.date | None = None
    posted_until: datetime.date | None = None
    votes: list[MeetingVoteIn]


class DossierTransitionIn(Schema):
    to: str
    reason: str = ""


class TitleExceptionIn(Schema):
    """A line the decision titles although its meeting did not carry it: why, on which document."""

    line_id: int
    reason: str
    document: str


class TitleDecisionIn(Schema):
    number: int
    issued_on: datetime.date
    signer_title: str = ""
    signer_name: str = ""
    titled: list[int]
    exceptions: list[TitleExceptionIn] = []


class TitleRevokeIn(Schema):
    revoked_on: datetime.date
    reason: str


class EvaluationSummaryOut(Schema):
    detail: str
    counts: dict[str, int] = {}


class StreaksIn(Schema):
    year: int
    since: int | None = None


class HouseholdObjectionOut(Schema):
    id: int
    line_id: int | None
    household: str | None
    raised_on: datetime.date
    raised_by: str
    text: str
    resolved_on: datetime.date | None
    resolution: str


class HouseholdObjectionIn(Schema):
    line_id: int
    raised_on: datetime.date
    raised_by: str = ""
    text: str


class ObjectionResolutionIn(Schema):
    resolved_on: datetime.date
    resolution: str


def year_unit(request: AuthedRequest, pk: int, level: int, action: str = "evaluations.view_year") -> Unit:
    """The unit of ``level`` the user may ``action``: 404 outside their reach, 403 for a role that may not."""
    unit = get_object_or_404(units_visible_to(request.user).filter(level=level), pk=pk)
    authorize(request.user, action, unit)
    return unit


def dossier_out(dossier: Dossier | None, user: Actor) -> dict[str, Any] | None:
    if dossier is None:
        return None
    return {
        "id": dossier.pk,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "decision": str(dossier.decision) if dossier.decision else None,
        "transitions": [target for target, _label in available_moves(DOSSIER, dossier, user)],
    }


def _dossier(request: AuthedRequest, pk: int) -> Dossier:
    visible = units_visible_to(request.user)
    return get_object_or_404(Dossier.objects.filter(unit__in=visible).select_related("unit", "decision"), pk=pk)


@router.get("/areas/{area_id}/{year}", response={200: AreaYearOut, **responses(403, 404)})
def area_year(request: AuthedRequest, area_id: int, year: int) -> dict[str, Any]:
    area = year_unit(request, area_id, Level.AREA)
    view = selectors.area_year(area, year)
    may_see = has_permission("evaluations.view_exclusions", request.user, area)[0]
    if may_see and view.registered:
        services.exclusions_viewed(
            actor=request.user, area=area, year=year, lines=[a.line for a in view.registered], channel="api"
        )
    return {
        "area_id": area.pk,
        "area": area.full_name,
        "year": year,
        "meeting": view.meeting,
        "dossier": dossier_out(view.dossier, request.user),
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
                "checks": [c.as_dict() for c in selectors.masked_checks(a.result.checks, may_see=may_see)]
                if a.result
                else [],
                "points": a.line.points if a.line and may_see else None,
                "exclusions": list(a.line.exclusions) if a.line and may_see else None,
                "exception": selectors.title_exception_out(a.exception),
            }
            for a in view.lines
        ],
    }


@router.get("/communes/{commune_id}/{year}", response={200: CommuneQueueOut, **responses(403, 404)})
def commune_year(request: AuthedRequest, commune_id: int, year: int) -> dict[str, Any]:
    commune = year_unit(request, commune_id, Level.COMMUNE)
    queue = selectors.commune_queue(commune, year)
    return {
        "commune_id": commune.pk,
        "year": year,
        "submitted": queue.submitted,
        "total": queue.total,
        "areas": [
            {"area_id": area.pk, "area": area.full_name, "dossier": dossier_out(dossier, request.user)}
            for area, dossier in queue.rows
        ],
    }


ENTRY = {200: EvaluationSummaryOut, **responses(400, 403, 404)}


@router.post("/areas/{area_id}/{year}/registrations", response=ENTRY)
def area_register(request: AuthedRequest, area_id: int, year: int, payload: RegistrationsIn) -> dict[str, Any]:
    area = year_unit(request, area_id, Level.AREA)
    of_area = {a.household.pk: a.household for a in selectors.area_year(area, year).lines}
    if not set(payload.households) <= set(of_area):
        raise Http404
    rows = services.households_register(
        area=area,
        year=year,
        households=[of_area[pk] for pk in payload.households],
        registered_on=payload.registered_on,
        actor=request.user,
    )
    return {"detail": "ok", "counts": {"registered": len(rows)}}


@router.post("/areas/{area_id}/{year}/meeting", response=ENTRY)
def area_meeting(request: AuthedRequest, area_id: int, year: int, payload: EvaluationMeetingIn) -> dict[str, Any]:
    area = year_unit(request, area_id, Level.AREA)
    votes = {v.line_id: services.Vote(v.votes_for, v.points, tuple(v.exclusions)) for v in payload.votes}
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
        posted_from=payload.posted_from,
        posted_until=payload.posted_until,
        votes=votes,
        actor=request.user,
    )
    return {"detail": "ok", "counts": {"lines": len(votes)}}


@router.post("/areas/{area_id}/{year}/evaluate", response=ENTRY)
def area_evaluate(request: AuthedRequest, area_id: int, year: int) -> dict[str, Any]:
    area = year_unit(request, area_id, Level.AREA)
    summary = services.households_evaluate(area=area, year=year, actor=request.user)
    return {"detail": "ok", "counts": summary}


@router.post("/dossiers/{dossier_id}/transition", response={200: DossierOut, **responses(400, 403, 404)})
def dossier_transition(request: AuthedRequest, dossier_id: int, payload: DossierTransitionIn) -> dict[str, Any] | None:
    dossier = services.dossier_transition(
        dossier=_dossier(request, dossier_id), to=payload.to, actor=request.user, reason=payload.reason
    )
    return dossier_out(dossier, request.user)


@router.post("/dossiers/{dossier_id}/decision", response=ENTRY)
def dossier_decide(request: AuthedRequest, dossier_id: int, payload: TitleDecisionIn) -> dict[str, Any]:
    dossier = _dossier(request, dossier_id)
    # The commune decides its households' titles, the district (or province) its areas'.
    if dossier.kind == DossierKind.GDVH:
        issuer = selectors.commune_of(dossier.unit, dossier.year)
    else:
        issuer = district_of(dossier.unit, dossier.year)
    if issuer is None:
        raise Http404
    decision = services.decision_record(
        dossier=dossier,
        number=payload.number,
        issued_on=payload.issued_on,
        issuer=issuer,
        signer_title=payload.signer_title,
        signer_name=payload.signer_name,
        titled_ids=payload.titled,
        exceptions={e.line_id: services.LineException(e.reason, e.document) for e in payload.exceptions},
        actor=request.user,
    )
    counts = {"titled": len(set(payload.titled)), "exceptions": len(payload.exceptions)}
    return {"detail": str(decision), "counts": counts}


@router.post("/lines/{line_id}/revoke", response=ENTRY)
def title_revoke(request: AuthedRequest, line_id: int, payload: TitleRevokeIn) -> dict[str, Any]:
    visible = units_visible_to(request.user)
    line = get_object_or_404(HouseholdYear.objects.filter(area__in=visible).select_related("area"), pk=line_id)
    services.title_revoke(line=line, revoked_on=payload.revoked_on, reason=payload.reason, actor=request.user)
    return {"detail": "ok", "counts": {"revoked": 1}}


@router.post("/units/{unit_id}/streaks", response=ENTRY)
def streaks_recount(request: AuthedRequest, unit_id: int, payload: StreaksIn) -> dict[str, Any]:
    """Recount the runs of consecutive title years of every household and area under a unit (a
    commune, a district or a province), those of ``year`` or from ``since`` to ``year``."""
    unit = get_object_or_404(units_visible_to(request.user).exclude(level=Level.AREA), pk=unit_id)
    summary = streaks_recompute(unit=unit, year=payload.year, since=payload.since, actor=request.user)
    return {"detail": str(unit), "counts": summary}


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


@router.get("/areas/{area_id}/{year}/objections", response={200: list[HouseholdObjectionOut], **responses(403, 404)})
def objection_list(request: AuthedRequest, area_id: int, year: int) -> list[dict[str, Any]]:
    area = year_unit(request, area_id, Level.AREA)
    objections = (
        Objection.objects.filter(household_year__area=area, household_year__year=year)
        .select_related("household_year__household")
        .order_by("raised_on", "pk")
    )
    return [_objection_out(objection) for objection in objections]


@router.post("/areas/{area_id}/{year}/objections", response={201: HouseholdObjectionOut, **responses(400, 403, 404)})
def objection_raise(request: AuthedRequest, area_id: int, year: int, payload: HouseholdObjectionIn) -> Status[Any]:
    area = year_unit(request, area_id, Level.AREA)
    lines = HouseholdYear.objects.filter(area=area, year=year).select_related("meeting", "area", "household")
    line = get_object_or_404(lines, pk=payload.line_id)
    objection = services.objection_raise(
        line=line, raised_on=payload.raised_on, raised_by=payload.raised_by, text=payload.text, actor=request.user
    )
    return Status(201, _objection_out(objection))


@router.post("/objections/{objection_id}/resolve", response={200: HouseholdObjectionOut, **responses(400, 403, 404)})
def objection_resolve(request: AuthedRequest, objection_id: int, payload: ObjectionResolutionIn) -> dict[str, Any]:
    visible = units_visible_to(request.user)
    objection = get_object_or_404(
        Objection.objects.filter(household_year__area__in=visible).select_related(
            "household_year__area", "household_year__household"
        ),
        pk=objection_id,
    )
    services.objection_resolve(
        objection=objection, resolved_on=payload.resolved_on, resolution=payload.resolution, actor=request.user
    )
    return _objection_out(objection)


DocumentFormat = Literal["pdf", "docx"]


def _attachment(rendered: Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@router.get("/decisions/{int:decision_id}", response=responses(404))
def decision_document(request: AuthedRequest, decision_id: int, format: Query[DocumentFormat] = "pdf") -> HttpResponse:
    """The decision of a decided dossier whose issuer the user sees, as PDF or DOCX; 404 for any other."""
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=decision_id)
    return _attachment(decision_file(decision, format))


@router.get("/meetings/{int:meeting_id}", response=responses(404))
def minutes_document(request: AuthedRequest, meeting_id: int, format: Query[DocumentFormat] = "pdf") -> HttpResponse:
    """The minutes of a meeting held in a unit the user sees, as PDF or DOCX; 404 for any other."""
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=meeting_id)
    return _attachment(minutes_file(meeting, format))


@router.post("/decisions/{int:decision_id}/certificates", response={202: JobOut, **responses(404)})
def decision_certificates(request: AuthedRequest, decision_id: int) -> Status[Any]:
    """Queue one certificate per title of the decision, as one PDF; follow the job at /api/v1/jobs/{id}."""
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=decision_id)
    return Status(202, services.decision_certificates_start(decision=decision, actor=request.user))
