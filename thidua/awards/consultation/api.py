"""/api/v1/awards: a round's public consultation — its state, publishing the list, the objections and
their answers, through the same services and permissions as the officers' page.

The public sends objections through the public page only, not through this API: the page carries
the CSRF token, the honeypot and the signed fill-time stamp that keep robots out, and the API is for
signed-in officers.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from thidua.accounts.permissions import has_permission
from thidua.awards.consultation import services as consultation
from thidua.awards.consultation.permissions import consultation_rounds_visible_to
from thidua.awards.models import PublicObjection, Round
from thidua.errors import DomainError

router = Router(tags=["awards"])


class ErrorOut(Schema):
    detail: str


class ConsultationOut(Schema):
    round_id: int
    status: str
    consultation_from: datetime.date | None
    consultation_working_days: int
    consultation_until: datetime.date | None
    open_today: bool
    objections_open: int
    objections_answered: int
    blockers: list[str]


class PublishIn(Schema):
    on: datetime.date
    working_days: int = consultation.MIN_WORKING_DAYS


class ObjectionOut(Schema):
    id: int
    nomination_id: int | None
    nomination: str | None
    text: str
    name: str
    contact: str
    raised_at: datetime.datetime
    status: str
    answer: str
    answered_by: str | None
    answered_at: datetime.datetime | None


class AnswerIn(Schema):
    status: str
    answer: str


def _round(request: HttpRequest, round_id: int, action: str) -> Round | Status:
    round = get_object_or_404(consultation_rounds_visible_to(request.user), pk=round_id)  # type: ignore[arg-type]
    allowed, reason = has_permission(action, request.user, round)
    if not allowed:
        return Status(403, {"detail": reason})
    return round


def _state(round: Round) -> dict[str, Any]:
    state = consultation.consultation_state(round, timezone.localdate())
    return {
        "round_id": round.pk,
        "status": round.status,
        "consultation_from": round.consultation_from,
        "consultation_working_days": round.consultation_working_days,
        "consultation_until": round.consultation_until,
        "open_today": state.open_today,
        "objections_open": state.objections_open,
        "objections_answered": state.objections_answered,
        "blockers": state.blockers,
    }


def _objection_out(objection: PublicObjection) -> dict[str, Any]:
    return {
        "id": objection.pk,
        "nomination_id": objection.nomination_id,
        "nomination": str(objection.nomination) if objection.nomination else None,
        "text": objection.text,
        "name": objection.name,
        "contact": objection.contact,
        "raised_at": objection.raised_at,
        "status": objection.status,
        "answer": objection.answer,
        "answered_by": objection.answered_by.username if objection.answered_by else None,
        "answered_at": objection.answered_at,
    }


RESPONSES = {200: ConsultationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("/rounds/{round_id}/consultation", response=RESPONSES)
def consultation_get(request: HttpRequest, round_id: int) -> Any:
    round = _round(request, round_id, "awards.view_consultation")
    return round if isinstance(round, Status) else _state(round)


@router.post("/rounds/{round_id}/consultation/publish", response=RESPONSES)
def consultation_publish(request: HttpRequest, round_id: int, payload: PublishIn) -> Any:
    round = _round(request, round_id, "awards.run_consultation")
    if isinstance(round, Status):
        return round
    try:
        round = consultation.consultation_publish(
            round=round, on=payload.on, working_days=payload.working_days, actor=request.user
        )
    except DomainError as exc:
        return Status(400, {"detail": str(exc)})
    return _state(round)


@router.get("/rounds/{round_id}/objections", response={200: list[ObjectionOut], 403: ErrorOut, 404: ErrorOut})
def objection_list(request: HttpRequest, round_id: int) -> Any:
    round = _round(request, round_id, "awards.view_consultation")
    if isinstance(round, Status):
        return round
    objections = (
        PublicObjection.objects.filter(round=round)
        .select_related("nomination__form", "nomination__area", "nomination__person", "answered_by")
        .order_by("raised_at", "pk")
    )
    return [_objection_out(o) for o in objections]


@router.post(
    "/objections/{objection_id}/answer", response={200: ObjectionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def objection_answer(request: HttpRequest, objection_id: int, payload: AnswerIn) -> Any:
    visible = consultation_rounds_visible_to(request.user)  # type: ignore[arg-type]
    objection = get_object_or_404(PublicObjection.objects.filter(round__in=visible), pk=objection_id)
    round = _round(request, objection.round_id, "awards.run_consultation")
    if isinstance(round, Status):
        return round
    try:
        objection = consultation.objection_answer(
            objection=objection, status=payload.status, answer=payload.answer, actor=request.user
        )
    except DomainError as exc:
        return Status(400, {"detail": str(exc)})
    return _objection_out(objection)
