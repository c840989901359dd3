"""/api/v1/awards: the nominations of a round — list, the district's queue, create, edit the report,
submit, return, accept, withdraw, and the report as DOCX/PDF — through the same services and checks as
the pages. A round or a nomination outside the user's reach is a 404; a refused operation a 400 whose
``detail`` is the message in Vietnamese and English."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from thidua.api.schemas import refused as _refused
from thidua.awards.models import Nomination, NominationStatus, Round
from thidua.awards.nominations import services as service
from thidua.awards.nominations.documents import nomination_report_file
from thidua.awards.rounds.selectors import rounds_visible_to
from thidua.errors import DomainError
from thidua.people.models import Person
from thidua.units.models import Unit

router = Router(tags=["awards"])


class ErrorOut(Schema):
    detail: str


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


class CommuneOut(Schema):
    commune_id: int
    commune: str
    submitted: bool
    nominations: list[int]


class QueueOut(Schema):
    round_id: int
    submitted: int
    total: int
    communes: list[CommuneOut]


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


def _round(request: HttpRequest, round_id: int) -> Round:
    return get_object_or_404(rounds_visible_to(request.user), pk=round_id)


def _nomination(request: HttpRequest, pk: int) -> Nomination:
    nomination = get_object_or_404(Nomination.objects.select_related("round"), pk=pk)
    round = _round(request, nomination.round_id)
    return get_object_or_404(service.nominations_visible_to(request.user, round), pk=pk)


def _out(n: Nomination, user: Any) -> dict[str, Any]:
    return {
        "id": n.pk,
        "round_id": n.round_id,
        "form": n.form.code,
        "form_name": n.form.name,
        "area_id": n.area_id,
        "person_id": n.person_id,
        "subject": n.area.full_name if n.area else n.person.full_name,  # type: ignore[union-attr]
        "person_area": n.person_area.full_name if n.person_area else None,
        "nominated_by_id": n.nominated_by_id,
        "nominated_by": n.nominated_by.full_name,
        "status": n.status,
        "status_label": str(NominationStatus(n.status).label),
        "outside_candidates": n.outside_candidates,
        "justification": n.justification,
        "transitions": [target for target, _label in service.available_transitions(n, user)],
    }


def _detail(n: Nomination, user: Any) -> dict[str, Any]:
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


@router.get("/rounds/{round_id}/nominations", response={200: list[NominationOut], 404: ErrorOut})
def nominations_list(request: HttpRequest, round_id: int) -> Any:
    round = _round(request, round_id)
    return [_out(n, request.user) for n in service.nominations_visible_to(request.user, round)]


@router.get("/rounds/{round_id}/nominations/queue", response={200: QueueOut, 403: ErrorOut, 404: ErrorOut})
def nominations_queue(request: HttpRequest, round_id: int) -> Any:
    round = _round(request, round_id)
    refusal = service.review_refusal(request.user, round)
    if refusal is not None:
        return Status(403, {"detail": str(refusal)})
    queue = service.round_queue(round, service.nominations_visible_to(request.user, round))
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


@router.post("/rounds/{round_id}/nominations", response={201: NominationDetailOut, 400: ErrorOut, 404: ErrorOut})
def nominations_create(request: HttpRequest, round_id: int, payload: CreateIn) -> Any:
    round = _round(request, round_id)
    form = get_object_or_404(round.forms.all(), pk=payload.form_id)
    if payload.nominated_by_id is not None:
        nominated_by = get_object_or_404(Unit, pk=payload.nominated_by_id)
    elif request.user.unit is not None:  # type: ignore[union-attr]
        nominated_by = request.user.unit  # type: ignore[union-attr]
    else:
        return _refused(DomainError(_("Say which unit makes the nomination.")))
    # The subject is looked up anywhere: one outside the commune is refused by the service, with why.
    area = get_object_or_404(Unit, pk=payload.area_id) if payload.area_id is not None else None
    person = get_object_or_404(Person, pk=payload.person_id) if payload.person_id is not None else None
    try:
        nomination = service.nomination_create(
            round=round,
            form=form,
            area=area,
            person=person,
            nominated_by=nominated_by,
            outside_candidates=payload.outside_candidates,
            justification=payload.justification,
            actor=request.user,
        )
    except DomainError as exc:
        return _refused(exc)
    return Status(201, _detail(nomination, request.user))


@router.get("/nominations/{nomination_id}", response={200: NominationDetailOut, 404: ErrorOut})
def nomination_detail(request: HttpRequest, nomination_id: int) -> Any:
    return _detail(_nomination(request, nomination_id), request.user)


@router.put("/nominations/{nomination_id}/report", response={200: NominationDetailOut, 400: ErrorOut, 404: ErrorOut})
def nomination_report(request: HttpRequest, nomination_id: int, payload: ReportIn) -> Any:
    nomination = _nomination(request, nomination_id)
    try:
        service.nomination_report_update(nomination=nomination, report=payload.report, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return _detail(nomination, request.user)


def _move(request: HttpRequest, nomination_id: int, to: str, reason: str = "") -> Any:
    nomination = _nomination(request, nomination_id)
    try:
        service.nomination_transition(nomination, to=to, actor=request.user, reason=reason)
    except DomainError as exc:
        return _refused(exc)
    return _detail(nomination, request.user)


MOVE = {200: NominationDetailOut, 400: ErrorOut, 404: ErrorOut}


@router.post("/nominations/{nomination_id}/submit", response=MOVE)
def nomination_submit(request: HttpRequest, nomination_id: int) -> Any:
    return _move(request, nomination_id, NominationStatus.SUBMITTED)


@router.post("/nominations/{nomination_id}/return", response=MOVE)
def nomination_return(request: HttpRequest, nomination_id: int, payload: ReasonIn) -> Any:
    return _move(request, nomination_id, NominationStatus.RETURNED, payload.reason)


@router.post("/nominations/{nomination_id}/accept", response=MOVE)
def nomination_accept(request: HttpRequest, nomination_id: int) -> Any:
    return _move(request, nomination_id, NominationStatus.ACCEPTED)


@router.post("/nominations/{nomination_id}/withdraw", response=MOVE)
def nomination_withdraw(request: HttpRequest, nomination_id: int, payload: ReasonIn) -> Any:
    return _move(request, nomination_id, NominationStatus.WITHDRAWN, payload.reason)


@router.get("/nominations/{nomination_id}/report.{fmt}", response={404: ErrorOut})
def nomination_report_download(request: HttpRequest, nomination_id: int, fmt: str) -> Any:
    nomination = _nomination(request, nomination_id)
    if fmt not in ("pdf", "docx"):
        return Status(404, {"detail": "pdf, docx"})
    rendered = nomination_report_file(nomination, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
