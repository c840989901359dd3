"""/api/v1/awards: the decision of a round, its revocation, its documents and certificates, the proposals.

Through the same services and selectors as the pages. A round, decision or proposal outside the
user's reach is a 404; a refusal answers with the API's one error shape (``thidua.api.errors``). No
route edits an issued decision (no PUT or PATCH): it changes only by its revocation.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status

from thidua.api.errors import responses
from thidua.api.schemas import JobOut
from thidua.awards.decisions import services
from thidua.awards.decisions.documents import award_decision_file, proposal_file
from thidua.awards.decisions.selectors import get_decision_for_user, get_proposal_for_user
from thidua.awards.models import Award, AwardDecision, Proposal
from thidua.awards.pages import download
from thidua.awards.rounds.selectors import get_round_for_user
from thidua.http import AuthedRequest

router = Router(tags=["awards"])
Format = Literal["pdf", "docx"]


class DecisionAwardOut(Schema):
    id: int
    nomination_id: int
    form: str
    area: str | None
    person: str | None
    window_start: int
    window_end: int
    revoked_on: datetime.date | None
    revocation_reason: str


class DecisionOut(Schema):
    id: int
    round_id: int
    number: int
    symbol: str
    citation: str
    issued_on: datetime.date
    subject: str
    legal_bases: list[str]
    signer_prefix: str
    signer_title: str
    signer_name: str
    recipients_note: str
    revoked_on: datetime.date | None
    revocation_reason: str
    awards: list[DecisionAwardOut]


class IssueIn(Schema):
    form_codes: list[str]
    issued_on: datetime.date
    subject: str
    legal_bases: list[str]
    signer_prefix: str = ""
    signer_title: str
    signer_name: str
    recipients_note: str = ""
    select: list[int] | None = None


class DecisionRevokeIn(Schema):
    on: datetime.date
    reason: str


class ProposalOut(Schema):
    id: int
    round_id: int
    form: str
    number: int
    symbol: str
    citation: str
    sent_on: datetime.date
    to_body: str
    status: str
    higher_decision: str
    higher_decided_on: datetime.date | None
    nominations: list[int]
    awards: list[DecisionAwardOut]


class ProposalIn(Schema):
    form_code: str
    sent_on: datetime.date
    to_body: str


class OutcomeIn(Schema):
    status: Literal["decided", "refused"]
    higher_decision: str = ""
    higher_decided_on: datetime.date | None = None
    nominations: list[int] = []


def _award_out(award: Award) -> dict[str, Any]:
    return {
        "id": award.pk,
        "nomination_id": award.nomination_id,
        "form": award.form.code,
        "area": award.area.full_name if award.area else None,
        "person": str(award.person) if award.person else None,
        "window_start": award.window_start,
        "window_end": award.window_end,
        "revoked_on": award.revoked_on,
        "revocation_reason": award.revocation_reason,
    }


def _decision_out(decision: AwardDecision) -> dict[str, Any]:
    awards = decision.awards.select_related("form", "area", "person").order_by("id")
    return {
        **{
            name: getattr(decision, name)
            for name in (
                "id",
                "round_id",
                "number",
                "symbol",
                "issued_on",
                "subject",
                "legal_bases",
                "signer_prefix",
                "signer_title",
                "signer_name",
                "recipients_note",
                "revoked_on",
                "revocation_reason",
            )
        },
        "citation": str(decision),
        "awards": [_award_out(a) for a in awards],
    }


def _proposal_out(proposal: Proposal) -> dict[str, Any]:
    return {
        "id": proposal.pk,
        "round_id": proposal.round_id,
        "form": proposal.form.code,
        "number": proposal.number,
        "symbol": proposal.symbol,
        "citation": str(proposal),
        "sent_on": proposal.sent_on,
        "to_body": proposal.to_body,
        "status": proposal.status,
        "higher_decision": proposal.higher_decision,
        "higher_decided_on": proposal.higher_decided_on,
        "nominations": sorted(proposal.nominations.values_list("pk", flat=True)),
        "awards": [_award_out(a) for a in proposal.awards.select_related("form", "area", "person")],
    }


WRITE = {200: DecisionOut, **responses(400, 403, 404)}


@router.get("/rounds/{int:round_id}/decisions", response={200: list[DecisionOut], **responses(403, 404)})
def decision_list(request: AuthedRequest, round_id: int) -> list[dict[str, Any]]:
    round = get_round_for_user(request.user, round_id)
    return [_decision_out(d) for d in round.decisions.order_by("issued_on", "number")]


@router.post("/rounds/{int:round_id}/decisions", response=WRITE)
def decision_issue(request: AuthedRequest, round_id: int, payload: IssueIn) -> dict[str, Any]:
    round = get_round_for_user(request.user, round_id)
    return _decision_out(services.decision_issue(round=round, actor=request.user, **payload.dict()))


@router.get("/decisions/{int:decision_id}", response={200: DecisionOut, **responses(403, 404)})
def decision_detail(request: AuthedRequest, decision_id: int) -> dict[str, Any]:
    return _decision_out(get_decision_for_user(request.user, decision_id))


@router.post("/decisions/{int:decision_id}/revoke", response=WRITE)
def decision_revoke(request: AuthedRequest, decision_id: int, payload: DecisionRevokeIn) -> dict[str, Any]:
    decision = get_decision_for_user(request.user, decision_id)
    services.decision_revoke(decision=decision, on=payload.on, reason=payload.reason, actor=request.user)
    return _decision_out(decision)


@router.get("/decisions/{int:decision_id}/document", response=responses(403, 404))
def decision_document(request: AuthedRequest, decision_id: int, format: Query[Format] = "pdf") -> HttpResponse:
    """The Quyết định khen thưởng with its annexed lists, as PDF or DOCX."""
    return download(award_decision_file(get_decision_for_user(request.user, decision_id), format))


@router.post("/decisions/{int:decision_id}/certificates", response={202: JobOut, **responses(400, 403, 404)})
def decision_certificates(request: AuthedRequest, decision_id: int) -> Status:
    """Queue one Giấy khen per standing award, as one PDF; follow the job at /api/v1/jobs/{id}."""
    decision = get_decision_for_user(request.user, decision_id)
    return Status(202, services.award_certificates_start(decision=decision, actor=request.user))


PROPOSAL_WRITE = {200: ProposalOut, **responses(400, 403, 404)}


@router.get("/rounds/{int:round_id}/proposals", response={200: list[ProposalOut], **responses(403, 404)})
def proposal_list(request: AuthedRequest, round_id: int) -> list[dict[str, Any]]:
    round = get_round_for_user(request.user, round_id)
    return [_proposal_out(p) for p in round.proposals.select_related("form").order_by("sent_on", "id")]


@router.post("/rounds/{int:round_id}/proposals", response=PROPOSAL_WRITE)
def proposal_send(request: AuthedRequest, round_id: int, payload: ProposalIn) -> dict[str, Any]:
    round = get_round_for_user(request.user, round_id)
    return _proposal_out(services.proposal_send(round=round, actor=request.user, **payload.dict()))


@router.get("/proposals/{int:proposal_id}", response={200: ProposalOut, **responses(403, 404)})
def proposal_detail(request: AuthedRequest, proposal_id: int) -> dict[str, Any]:
    return _proposal_out(get_proposal_for_user(request.user, proposal_id))


@router.post("/proposals/{int:proposal_id}/outcome", response=PROPOSAL_WRITE)
def proposal_outcome(request: AuthedRequest, proposal_id: int, payload: OutcomeIn) -> dict[str, Any]:
    proposal = get_proposal_for_user(request.user, proposal_id)
    services.proposal_outcome_record(proposal=proposal, actor=request.user, **payload.dict())
    return _proposal_out(proposal)


@router.get("/proposals/{int:proposal_id}/document", response=responses(403, 404))
def proposal_document(request: AuthedRequest, proposal_id: int, format: Query[Format] = "pdf") -> HttpResponse:
    """The tờ trình with its annexed list, as PDF or DOCX."""
    return download(proposal_file(get_proposal_for_user(request.user, proposal_id), format))
