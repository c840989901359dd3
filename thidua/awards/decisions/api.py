"""/api/v1/awards: the decision of a round, its revocation, its documents and certificates, the proposals.

Through the same services and permissions as the pages. A round, decision or proposal outside the
user's reach is a 404; a refused operation is a 400 whose ``detail`` is the message in Vietnamese and
English. No route edits an issued decision (no PUT or PATCH): it changes only by its revocation.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from thidua.accounts.permissions import has_permission
from thidua.api.schemas import ErrorOut, JobOut
from thidua.api.schemas import refused as _refused
from thidua.awards.decisions import services as services
from thidua.awards.decisions.documents import award_decision_file, proposal_file
from thidua.awards.models import AwardDecision, Proposal, Round
from thidua.awards.rounds.selectors import rounds_visible_to
from thidua.errors import DomainError

router = Router(tags=["awards"])
Format = Literal["pdf", "docx"]


class AwardOut(Schema):
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
    awards: list[AwardOut]


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


class RevokeIn(Schema):
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
    awards: list[AwardOut]


class ProposalIn(Schema):
    form_code: str
    sent_on: datetime.date
    to_body: str


class OutcomeIn(Schema):
    status: Literal["decided", "refused"]
    higher_decision: str = ""
    higher_decided_on: datetime.date | None = None
    nominations: list[int] = []


def _round(request: HttpRequest, round_id: int, action: str = "awards.view_round") -> Round:
    round = get_object_or_404(rounds_visible_to(request.user), pk=round_id)
    allowed, reason = has_permission(action, request.user, round)
    if not allowed:
        # Inside the user's reach but not their role's work: a 403 that says why, as the pages do.
        raise HttpError(403, str(reason))
    return round


def _award_out(award: Any) -> dict[str, Any]:
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


def _decision(request: HttpRequest, decision_id: int, action: str = "awards.view_round") -> AwardDecision:
    decision = get_object_or_404(services.decisions_of(request.user), pk=decision_id)
    allowed, reason = has_permission(action, request.user, decision.round)
    if not allowed:
        # Inside the user's reach but not their role's work: a 403 that says why, as the pages do.
        raise HttpError(403, str(reason))
    return decision


def _proposal(request: HttpRequest, proposal_id: int, action: str = "awards.view_round") -> Proposal:
    proposal = get_object_or_404(services.proposals_of(request.user), pk=proposal_id)
    allowed, reason = has_permission(action, request.user, proposal.round)
    if not allowed:
        # Inside the user's reach but not their role's work: a 403 that says why, as the pages do.
        raise HttpError(403, str(reason))
    return proposal


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


WRITE = {200: DecisionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("/rounds/{int:round_id}/decisions", response={200: list[DecisionOut], 403: ErrorOut, 404: ErrorOut})
def decision_list(request: HttpRequest, round_id: int) -> Any:
    round = _round(request, round_id)
    return [_decision_out(d) for d in round.decisions.order_by("issued_on", "number")]


@router.post("/rounds/{int:round_id}/decisions", response=WRITE)
def decision_issue(request: HttpRequest, round_id: int, payload: IssueIn) -> Any:
    round = _round(request, round_id, "awards.manage_round")
    try:
        decision = services.decision_issue(round=round, actor=request.user, **payload.dict())
    except DomainError as exc:
        return _refused(exc)
    return _decision_out(decision)


@router.get("/decisions/{int:decision_id}", response={200: DecisionOut, 403: ErrorOut, 404: ErrorOut})
def decision_detail(request: HttpRequest, decision_id: int) -> Any:
    return _decision_out(_decision(request, decision_id))


@router.post("/decisions/{int:decision_id}/revoke", response=WRITE)
def decision_revoke(request: HttpRequest, decision_id: int, payload: RevokeIn) -> Any:
    decision = _decision(request, decision_id, "awards.manage_round")
    try:
        services.decision_revoke(decision=decision, on=payload.on, reason=payload.reason, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return _decision_out(decision)


@router.get("/decisions/{int:decision_id}/document", response={403: ErrorOut, 404: ErrorOut})
def decision_document(request: HttpRequest, decision_id: int, format: Query[Format] = "pdf") -> Any:
    """The Quyết định khen thưởng with its annexed lists, as PDF or DOCX."""
    rendered = award_decision_file(_decision(request, decision_id), format)
    return _attachment(rendered.content, rendered.content_type, rendered.filename)


@router.post(
    "/decisions/{int:decision_id}/certificates", response={202: JobOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def decision_certificates(request: HttpRequest, decision_id: int) -> Any:
    """Queue one Giấy khen per standing award, as one PDF; follow the job at /api/v1/jobs/{id}."""
    decision = _decision(request, decision_id, "awards.manage_round")
    try:
        return Status(202, services.award_certificates_start(decision=decision, actor=request.user))
    except DomainError as exc:
        return _refused(exc)


PROPOSAL_WRITE = {200: ProposalOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("/rounds/{int:round_id}/proposals", response={200: list[ProposalOut], 403: ErrorOut, 404: ErrorOut})
def proposal_list(request: HttpRequest, round_id: int) -> Any:
    round = _round(request, round_id)
    return [_proposal_out(p) for p in round.proposals.select_related("form").order_by("sent_on", "id")]


@router.post("/rounds/{int:round_id}/proposals", response=PROPOSAL_WRITE)
def proposal_send(request: HttpRequest, round_id: int, payload: ProposalIn) -> Any:
    round = _round(request, round_id, "awards.manage_round")
    try:
        proposal = services.proposal_send(round=round, actor=request.user, **payload.dict())
    except DomainError as exc:
        return _refused(exc)
    return _proposal_out(proposal)


@router.get("/proposals/{int:proposal_id}", response={200: ProposalOut, 403: ErrorOut, 404: ErrorOut})
def proposal_detail(request: HttpRequest, proposal_id: int) -> Any:
    return _proposal_out(_proposal(request, proposal_id))


@router.post("/proposals/{int:proposal_id}/outcome", response=PROPOSAL_WRITE)
def proposal_outcome(request: HttpRequest, proposal_id: int, payload: OutcomeIn) -> Any:
    proposal = _proposal(request, proposal_id, "awards.manage_round")
    try:
        services.proposal_outcome_record(proposal=proposal, actor=request.user, **payload.dict())
    except DomainError as exc:
        return _refused(exc)
    return _proposal_out(proposal)


@router.get("/proposals/{int:proposal_id}/document", response={403: ErrorOut, 404: ErrorOut})
def proposal_document(request: HttpRequest, proposal_id: int, format: Query[Format] = "pdf") -> Any:
    """The tờ trình with its annexed list, as PDF or DOCX."""
    rendered = proposal_file(_proposal(request, proposal_id), format)
    return _attachment(rendered.content, rendered.content_type, rendered.filename)
