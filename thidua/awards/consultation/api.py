"""/api/v1/awards: a round's public consultation — its state, publishing the list, the objections and
their answers, through the same services and permissions as the officers' page.

The public sends objections through the public page only, not through this API: the page carries
the CSRF token, the honeypot and the signed fill-time stamp that keep robots out, and the API is for
signed-in officers.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from thidua.api.errors import responses
from thidua.awards.consultation import services
from thidua.awards.consultation.selectors import MIN_WORKING_DAYS, consultation_state
from thidua.awards.models import PublicObjection, Round
from thidua.awards.rounds.selectors import get_round_for_user, rounds_visible_to
from thidua.http import AuthedRequest

router = Router(tags=["awards"])


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
    working_days: int = MIN_WORKING_DAYS


class PublicObjectionOut(Schema):
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


def _state(round: Round) -> dict[str, Any]:
    state = consultation_state(round, timezone.localdate())
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


@router.get("/rounds/{round_id}/consultation", response={200: ConsultationOut, **responses(403, 404)})
def consultation_get(request: AuthedRequest, round_id: int) -> dict[str, Any]:
    return _state(get_round_for_user(request.user, round_id, "awards.view_consultation"))


@router.post("/rounds/{round_id}/consultation/publish", response={200: ConsultationOut, **responses(400, 403, 404)})
def consultation_publish(request: AuthedRequest, round_id: int, payload: PublishIn) -> dict[str, Any]:
    round = get_round_for_user(request.user, round_id, "awards.view_consultation")
    round = services.consultation_publish(
        round=round, on=payload.on, working_days=payload.working_days, actor=request.user
    )
    return _state(round)


@router.get("/rounds/{round_id}/objections", response={200: list[PublicObjectionOut], **responses(403, 404)})
def objection_list(request: AuthedRequest, round_id: int) -> list[dict[str, Any]]:
    round = get_round_for_user(request.user, round_id, "awards.view_consultation")
    objections = (
        PublicObjection.objects.filter(round=round)
        .select_related("nomination__form", "nomination__area", "nomination__person", "answered_by")
        .order_by("raised_at", "pk")
    )
    return [_objection_out(o) for o in objections]


@router.post("/objections/{objection_id}/answer", response={200: PublicObjectionOut, **responses(400, 403, 404)})
def objection_answer(request: AuthedRequest, objection_id: int, payload: AnswerIn) -> dict[str, Any]:
    objection = get_object_or_404(
        PublicObjection.objects.filter(round__in=rounds_visible_to(request.user)), pk=objection_id
    )
    get_round_for_user(request.user, objection.round_id, "awards.view_consultation")
    objection = services.objection_answer(
        objection=objection, status=payload.status, answer=payload.answer, actor=request.user
    )
    return _objection_out(objection)
