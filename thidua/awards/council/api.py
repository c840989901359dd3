"""/api/v1/awards/council/…: the council of a round through the same services and selectors as the pages.

A round, session or ballot outside the user's reach is a 404; a refusal answers with the API's one
error shape (``thidua.api.errors``). A secret ballot's counts are given only once it is closed.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema

from thidua.accounts.models import User
from thidua.api.errors import responses
from thidua.awards.council import services
from thidua.awards.council.documents import council_minutes_file
from thidua.awards.council.selectors import get_box_for_user, get_session_for_user
from thidua.awards.models import BallotBox, BallotMethod, Choice, CouncilRole, CouncilSession, Round, SittingStatus
from thidua.awards.pages import download
from thidua.awards.places import nominee_name
from thidua.awards.rounds.selectors import get_round_for_user
from thidua.errors import DomainError
from thidua.http import AuthedRequest
from thidua.people.models import Person
from thidua.units.models import Level
from thidua.units.selectors import units_visible_to

router = Router(tags=["awards: council"])
Format = Literal["pdf", "docx"]


class MemberOut(Schema):
    id: int
    full_name: str
    role: str
    position: str
    username: str | None


class CouncilOut(Schema):
    id: int
    name: str
    members: list[MemberOut]


class CouncilIn(Schema):
    name: str


class MemberIn(Schema):
    full_name: str
    role: CouncilRole = CouncilRole.MEMBER
    position: str = ""
    username: str | None = None
    # For recusal: the member as a person (a nominee) and the residential area the member lives in.
    person_id: int | None = None
    area_id: int | None = None


class SessionIn(Schema):
    held_on: datetime.date
    present: list[int]
    place: str = ""


class BallotOut(Schema):
    id: int
    nomination_id: int
    nominee: str
    method: str
    voted: int
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    closed: bool
    passed: bool | None
    tally_detail: str


class RecusalOut(Schema):
    member_id: int
    nomination_id: int
    reason: str


class SessionOut(Schema):
    id: int
    round_id: int
    held_on: datetime.date
    place: str
    closed: bool
    present: list[int]
    recusals: list[RecusalOut]
    ballots: list[BallotOut]


class BallotIn(Schema):
    nomination_id: int
    method: BallotMethod


class BallotVoteIn(Schema):
    choice: Choice


class TallyIn(Schema):
    votes_for: int
    votes_against: int
    votes_abstain: int = 0


def _council_out(round: Round) -> dict[str, Any] | None:
    council = round.council
    if council is None:
        return None
    return {
        "id": council.pk,
        "name": council.name,
        "members": [
            {
                "id": m.pk,
                "full_name": m.full_name,
                "role": m.role,
                "position": m.position,
                "username": m.user.username if m.user else None,
            }
            for m in council.members.select_related("user").order_by("id")
        ],
    }


def _box_out(box: BallotBox) -> dict[str, Any]:
    closed = box.status == SittingStatus.CLOSED
    shown = closed or box.method == BallotMethod.HANDS
    return {
        "id": box.pk,
        "nomination_id": box.nomination_id,
        "nominee": nominee_name(box.nomination),
        "method": box.method,
        "voted": box.participations.count(),
        "votes_for": box.votes_for if shown else None,
        "votes_against": box.votes_against if shown else None,
        "votes_abstain": box.votes_abstain if shown else None,
        "closed": closed,
        "passed": box.passed,
        "tally_detail": box.tally_detail,
    }


def _session_out(session: CouncilSession) -> dict[str, Any]:
    return {
        "id": session.pk,
        "round_id": session.round_id,
        "held_on": session.held_on,
        "place": session.place,
        "closed": session.status == SittingStatus.CLOSED,
        "present": sorted(session.present.values_list("pk", flat=True)),
        "recusals": list(session.recusals.values("member_id", "nomination_id", "reason")),
        "ballots": [
            _box_out(b)
            for b in session.ballots.select_related("nomination__area", "nomination__person", "nomination__person_area")
        ],
    }


@router.get("/council/rounds/{int:round_id}", response={200: CouncilOut | None, **responses(403, 404)})
def council_detail(request: AuthedRequest, round_id: int) -> dict[str, Any] | None:
    return _council_out(get_round_for_user(request.user, round_id, "awards.view_council"))


@router.post("/council/rounds/{int:round_id}", response={200: CouncilOut, **responses(400, 403, 404)})
def council_create(request: AuthedRequest, round_id: int, payload: CouncilIn) -> dict[str, Any] | None:
    round = get_round_for_user(request.user, round_id, "awards.view_council")
    services.council_create(unit=round.issuer, name=payload.name, round=round, actor=request.user)
    return _council_out(round)


@router.post("/council/rounds/{int:round_id}/members", response={200: MemberOut, **responses(400, 403, 404)})
def member_add(request: AuthedRequest, round_id: int, payload: MemberIn) -> dict[str, Any]:
    round = get_round_for_user(request.user, round_id, "awards.view_council")
    user = None
    if payload.username:
        user = User.objects.filter(username=payload.username, is_active=True).first()
        if user is None:
            raise DomainError(_("There is no active account %(user)s."), user=payload.username, column="username")
    person = get_object_or_404(Person, pk=payload.person_id) if payload.person_id is not None else None
    area = None
    if payload.area_id is not None:
        area = get_object_or_404(units_visible_to(request.user).filter(level=Level.AREA), pk=payload.area_id)
    if round.council is None:
        raise DomainError(services.NO_COUNCIL, round=round.name)
    member = services.council_member_add(
        council=round.council,
        full_name=payload.full_name,
        role=payload.role,
        position=payload.position,
        user=user,
        person=person,
        area=area,
        actor=request.user,
    )
    return {
        "id": member.pk,
        "full_name": member.full_name,
        "role": member.role,
        "position": member.position,
        "username": user.username if user else None,
    }


@router.post("/council/rounds/{int:round_id}/sessions", response={200: SessionOut, **responses(400, 403, 404)})
def session_open(request: AuthedRequest, round_id: int, payload: SessionIn) -> dict[str, Any]:
    round = get_round_for_user(request.user, round_id, "awards.view_council")
    members = {m.pk: m for m in round.council.members.all()} if round.council else {}
    if not set(payload.present) <= set(members):
        raise Http404(_("A member present is not a member of the round's council."))
    session = services.session_open(
        round=round,
        held_on=payload.held_on,
        present=[members[pk] for pk in payload.present],
        place=payload.place,
        actor=request.user,
    )
    return _session_out(session)


@router.get("/council/sessions/{int:session_id}", response={200: SessionOut, **responses(403, 404)})
def session_detail(request: AuthedRequest, session_id: int) -> dict[str, Any]:
    return _session_out(get_session_for_user(request.user, session_id))


@router.post("/council/sessions/{int:session_id}/ballots", response={200: BallotOut, **responses(400, 403, 404)})
def ballot_open(request: AuthedRequest, session_id: int, payload: BallotIn) -> dict[str, Any]:
    session = get_session_for_user(request.user, session_id)
    nomination = get_object_or_404(session.round.nominations, pk=payload.nomination_id)
    box = services.ballot_open(session=session, nomination=nomination, method=payload.method, actor=request.user)
    return _box_out(box)


@router.post("/council/sessions/{int:session_id}/close", response={200: SessionOut, **responses(400, 403, 404)})
def session_close(request: AuthedRequest, session_id: int) -> dict[str, Any]:
    session = get_session_for_user(request.user, session_id)
    return _session_out(services.session_close(session=session, actor=request.user))


@router.post("/council/ballots/{int:box_id}/votes", response={200: BallotOut, **responses(400, 403, 404)})
def vote_cast(request: AuthedRequest, box_id: int, payload: BallotVoteIn) -> dict[str, Any]:
    """The user's own vote, as the council member their account is linked to."""
    box = get_box_for_user(request.user, box_id, "awards.vote")
    services.vote_cast(box=box, choice=payload.choice, actor=request.user)
    box.refresh_from_db()
    return _box_out(box)


@router.post("/council/ballots/{int:box_id}/tally", response={200: BallotOut, **responses(400, 403, 404)})
def ballot_tally(request: AuthedRequest, box_id: int, payload: TallyIn) -> dict[str, Any]:
    box = services.ballot_tally_record(
        box=get_box_for_user(request.user, box_id),
        votes_for=payload.votes_for,
        votes_against=payload.votes_against,
        votes_abstain=payload.votes_abstain,
        actor=request.user,
    )
    return _box_out(box)


@router.post("/council/ballots/{int:box_id}/close", response={200: BallotOut, **responses(400, 403, 404)})
def ballot_close(request: AuthedRequest, box_id: int) -> dict[str, Any]:
    return _box_out(services.ballot_close(box=get_box_for_user(request.user, box_id), actor=request.user))


@router.get("/council/sessions/{int:session_id}/minutes", response=responses(403, 404))
def minutes_document(request: AuthedRequest, session_id: int, format: Query[Format] = "pdf") -> HttpResponse:
    return download(council_minutes_file(get_session_for_user(request.user, session_id), format))
