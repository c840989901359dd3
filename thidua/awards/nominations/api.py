"""/api/v1/awards: the nominations of a round — list, the district's queue, create, edit the report,
submit, return, accept, withdraw, and the report as DOCX/PDF — through the same services and checks as
the pages. A round or a nomination outside the user's reach is a 404; a refusal answers with the
API's one error shape (``thidua.api.errors``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from thidua.accounts.models import User
from thidua.api.errors import responses
from thidua.awards.models import Nomination, NominationStatus
from thidua.awards.nominations import services
from thidua.awards.nominations.documents import nomination_report_file
from thidua.awards.nominations.selectors import get_nomination_for_user, nominations_visible_to, round_queue
from thidua.awards.nominations.workflow import nomination_buttons
from thidua.awards.pages import download
from thidua.awards.rounds.selectors import get_round_for_user
from thidua.documents.formats import FORMATS
from thidua.errors import DomainError
from thidua.http import AuthedRequest
from thidua.people.models import Person
from thidua.units.models import Unit

router = Router(tags=["awards"])


class StepOut(Schema):
    source: str
    target: str
    actor: str | None
    at: str
    reason: str


class NominationOut(Schema):
    id: int
    round_id: int
    form: str
    form_name: str
    area_id: int | None
    person_id: int | None
    subject: str
    person_area: str | None
    nominated_by_id: int
    nominated_by: str
    status: str
    status_label: str
    outside_candidates: bool
    justification: str
    transitions: list[str]


class NominationDetailOut(NominationOut):
    evidence: dict[str, Any]
    report: str
    steps: list[StepOut]


class NominationCommuneOut(Schema):
    commune_id: int
    commune: str
    submitted: bool
    nominations: list[int]


class NominationQueueOut(Schema):
    round_id: int
    submitted: int
    total: int
    communes: list[NominationCommuneOut]


class CreateIn(Schema):
    form_id: int
    area_id: int | None = None
    person_id: int | None = None
    nominated_by_id: int | None = None
    outside_candidates: bool = False
    justification: str = ""


class ReportIn(Schema):
    report: str


class ReasonIn(Schema):
    reason: str = ""


def _out(n: Nomination, user: User) -> dict[str, Any]:
    return {
        "id": n.pk,
        "round_id": n.round_id,
        "form": n.form.code,
        "form_name": n.form.name,
        "area_id": n.area_id,
        "person_id": n.person_id,
        "subject": n.area.full_name if n.area else str(n.person),
        "person_area": n.person_area.full_name if n.person_area else None,
        "nominated_by_id": n.nominated_by_id,
        "nominated_by": n.nominated_by.full_name,
        "status": n.status,
        "status_label": str(NominationStatus(n.status).label),
        "outside_candidates": n.outside_candidates,
        "justification": n.justification,
        "transitions": [target for target, _label in nomination_buttons(n, user)],
    }


def _detail(n: Nomination, user: User) -> dict[str, Any]:
    steps = [
        {
            "source": s.source,
            "target": s.target,
            "actor": s.actor.username if s.actor else None,
            "at": s.at.isoformat(),
            "reason": s.reason,
        }
        for s in n.steps.select_related("actor").order_by("at", "pk")
    ]
    return {**_out(n, user), "evidence": n.evidence, "report": n.report, "steps": steps}


@router.get("/rounds/{round_id}/nominations", response={200: list[NominationOut], **responses(404)})
def nominations_list(request: AuthedRequest, round_id: int) -> list[dict[str, Any]]:
    round = get_round_for_user(request.user, round_id)
    return [_out(n, request.user) for n in nominations_visible_to(request.user, round)]


@router.get("/rounds/{round_id}/nominations/queue", response={200: NominationQueueOut, **responses(403, 404)})
def nominations_queue(request: AuthedRequest, round_id: int) -> dict[str, Any]:
    # The queue is the reviewers' desk: a commune sees its own nominations in the list above.
    round = get_round_for_user(request.user, round_id, "awards.review_nominations")
    queue = round_queue(round, nominations_visible_to(request.user, round))
    return {
        "round_id": round.pk,
        "submitted": queue.submitted,
        "total": queue.total,
        "communes": [
            {
                "commune_id": c.commune.pk,
                "commune": c.commune.full_name,
                "submitted": c.submitted,
                "nominations": [n.pk for n in c.nominations],
            }
            for c in queue.communes
        ],
    }


@router.post("/rounds/{round_id}/nominations", response={201: NominationDetailOut, **responses(400, 403, 404)})
def nominations_create(request: AuthedRequest, round_id: int, payload: CreateIn) -> Status:
    round = get_round_for_user(request.user, round_id)
    form = get_object_or_404(round.forms.all(), pk=payload.form_id)
    if payload.nominated_by_id is not None:
        nominated_by = get_object_or_404(Unit, pk=payload.nominated_by_id)
    elif request.user.unit is not None:
        nominated_by = request.user.unit
    else:
        raise DomainError(_("Say which unit makes the nomination."), column="nominated_by_id")
    # The subject is looked up anywhere: one outside the commune is refused by the service, with why.
    area = get_object_or_404(Unit, pk=payload.area_id) if payload.area_id is not None else None
    person = get_object_or_404(Person, pk=payload.person_id) if payload.person_id is not None else None
    nomination = services.nomination_create(
        round=round,
        form=form,
        area=area,
        person=person,
        nominated_by=nominated_by,
        outside_candidates=payload.outside_candidates,
        justification=payload.justification,
        actor=request.user,
    )
    return Status(201, _detail(nomination, request.user))


@router.get("/nominations/{nomination_id}", response={200: NominationDetailOut, **responses(404)})
def nomination_detail(request: AuthedRequest, nomination_id: int) -> dict[str, Any]:
    return _detail(get_nomination_for_user(request.user, nomination_id), request.user)


MOVE = {200: NominationDetailOut, **responses(400, 403, 404)}


@router.put("/nominations/{nomination_id}/report", response=MOVE)
def nomination_report(request: AuthedRequest, nomination_id: int, payload: ReportIn) -> dict[str, Any]:
    nomination = get_nomination_for_user(request.user, nomination_id)
    services.nomination_report_update(nomination=nomination, report=payload.report, actor=request.user)
    return _detail(nomination, request.user)


def _move(request: AuthedRequest, nomination_id: int, to: str, reason: str = "") -> dict[str, Any]:
    nomination = get_nomination_for_user(request.user, nomination_id)
    services.nomination_move(nomination=nomination, to=to, actor=request.user, reason=reason)
    return _detail(nomination, request.user)


@router.post("/nominations/{nomination_id}/submit", response=MOVE)
def nomination_submit(request: AuthedRequest, nomination_id: int) -> dict[str, Any]:
    return _move(request, nomination_id, NominationStatus.SUBMITTED)


@router.post("/nominations/{nomination_id}/return", response=MOVE)
def nomination_return(request: AuthedRequest, nomination_id: int, payload: ReasonIn) -> dict[str, Any]:
    return _move(request, nomination_id, NominationStatus.RETURNED, payload.reason)


@router.post("/nominations/{nomination_id}/accept", response=MOVE)
def nomination_accept(request: AuthedRequest, nomination_id: int) -> dict[str, Any]:
    return _move(request, nomination_id, NominationStatus.ACCEPTED)


@router.post("/nominations/{nomination_id}/withdraw", response=MOVE)
def nomination_withdraw(request: AuthedRequest, nomination_id: int, payload: ReasonIn) -> dict[str, Any]:
    return _move(request, nomination_id, NominationStatus.WITHDRAWN, payload.reason)


@router.get("/nominations/{nomination_id}/report.{fmt}", response=responses(404))
def nomination_report_download(request: AuthedRequest, nomination_id: int, fmt: str) -> HttpResponse:
    nomination = get_nomination_for_user(request.user, nomination_id)
    if fmt not in FORMATS:
        raise Http404(", ".join(FORMATS))
    return download(nomination_report_file(nomination, fmt))
