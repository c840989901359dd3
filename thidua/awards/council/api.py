"""/api/v1/awards/council/…: the council of a round through the same services and predicates as the pages.

A round, session or ballot outside the user's reach is a 404; a refused operation is a 400 whose
``detail`` is the reason in Vietnamese and English. A secret ballot's counts are given only once it
is closed.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from thidua.accounts.models import User
from thidua.accounts.permissions import has_permission
from thidua.api.schemas import refused as _refused
from thidua.awards.council import services as services
from thidua.awards.council.documents import council_minutes_file
from thidua.awards.council.permissions import council_rounds_visible_to, membership
from thidua.awards.models import BallotBox, BallotMethod, Choice, CouncilRole, CouncilSession, Round
from thidua.errors import DomainError
from thidua.people.models import Person
from thidua.units.models import Level
from thidua.units.selectors import units_visible_to

router = Router(tags=["awards: council"])
Format = Literal["pdf", "docx"]


class ErrorOut(Schema):
    detail: str


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


class VoteIn(Schema):
    choice: Choice


class TallyIn(Schema):
    votes_for: int
    votes_against: int
    votes_abstain: int = 0


def _round(request: HttpRequest, round_id: int) -> Round:
    return get_object_or_404(council_rounds_visible_to(request.user), pk=round_id)  # type: ignore[arg-type]


def _session(request: HttpRequest, session_id: int) -> CouncilSession:
    rounds = council_rounds_visible_to(request.user)  # type: ignore[arg-type]
    return get_object_or_404(CouncilSession.objects.filter(round__in=rounds).select_related("round"), pk=session_id)


def _box(request: HttpRequest, box_id: int) -> BallotBox:
    rounds = council_rounds_visible_to(request.user)  # type: ignore[arg-type]
    return get_object_or_404(
        BallotBox.objects.filter(session__round__in=rounds).select_related("session__round"), pk=box_id
    )


def _forbidden(request: HttpRequest, action: str, obj: object) -> Status | None:
    allowed, reason = has_permission(action, request.user, obj)
    return None if allowed else Status(403, {"detail": reason})


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
    shown = box.closed_at is not None or box.method == BallotMethod.HANDS
    return {
        "id": box.pk,
        "nomination_id": box.nomination_id,
        "nominee": services.nominee_name(box.nomination),
        "method": box.method,
        "voted": box.participations.count(),
        "votes_for": box.votes_for if shown else None,
        "votes_against": box.votes_against if shown else None,
        "votes_abstain": box.votes_abstain if shown else None,
        "closed": box.closed_at is not None,
        "passed": box.passed,
        "tally_detail": box.tally_detail,
    }


def _session_out(session: CouncilSession) -> dict[str, Any]:
    return {
        "id": session.pk,
        "round_id": session.round_id,
        "held_on": session.held_on,
        "place": session.place,
        "closed": session.closed_at is not None,
        "present": sorted(session.present.values_list("pk", flat=True)),
        "recusals": list(session.recusals.values("member_id", "nomination_id", "reason")),
        "ballots": [
            _box_out(b)
            for b in session.ballots.select_related("nomination__area", "nomination__person", "nomination__person_area")
        ],
    }


@router.get("/council/rounds/{int:round_id}", response={200: CouncilOut | None, 403: ErrorOut, 404: ErrorOut})
def council_detail(request: HttpRequest, round_id: int) -> Any:
    round = _round(request, round_id)
    return _forbidden(request, "awards.view_council", round) or _council_out(round)


@router.post("/council/rounds/{int:round_id}", response={200: CouncilOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def council_create(request: HttpRequest, round_id: int, payload: CouncilIn) -> Any:
    round = _round(request, round_id)
    if refused := _forbidden(request, "awards.manage_council", round):
        return refused
    try:
        services.council_create(unit=round.issuer, name=payload.name, round=round, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return _council_out(round)


@router.post(
    "/council/rounds/{int:round_id}/members", response={200: MemberOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def member_add(request: HttpRequest, round_id: int, payload: MemberIn) -> Any:
    round = _round(request, round_id)
    if refused := _forbidden(request, "awards.manage_council", round):
        return refused
    user = None
    if payload.username:
        user = User.objects.filter(username=payload.username, is_active=True).first()
        if user is None:
            return Status(400, {"detail": f"{payload.username}?"})
    person = get_object_or_404(Person, pk=payload.person_id) if payload.person_id is not None else None
    area = None
    if payload.area_id is not None:
        visible = units_visible_to(request.user).filter(level=Level.AREA)  # type: ignore[arg-type]
        area = get_object_or_404(visible, pk=payload.area_id)
    try:
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
    except DomainError as exc:
        return _refused(exc)
    return {
        "id": member.pk,
        "full_name": member.full_name,
        "role": member.role,
        "position": member.position,
        "username": user.username if user else None,
    }


@router.post(
    "/council/rounds/{int:round_id}/sessions", response={200: SessionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def session_open(request: HttpRequest, round_id: int, payload: SessionIn) -> Any:
    round = _round(request, round_id)
    if refused := _forbidden(request, "awards.manage_council", round):
        return refused
    members = {m.pk: m for m in round.council.members.all()} if round.council else {}
    if not set(payload.present) <= set(members):
        return Status(404, {"detail": "member"})
    try:
        session = services.session_open(
            round=round,
            held_on=payload.held_on,
            present=[members[pk] for pk in payload.present],
            place=payload.place,
            actor=request.user,
        )
    except DomainError as exc:
        return _refused(exc)
    return _session_out(session)


@router.get("/council/sessions/{int:session_id}", response={200: SessionOut, 403: ErrorOut, 404: ErrorOut})
def session_detail(request: HttpRequest, session_id: int) -> Any:
    session = _session(request, session_id)
    return _forbidden(request, "awards.view_council", session.round) or _session_out(session)


@router.post(
    "/council/sessions/{int:session_id}/ballots", response={200: BallotOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def ballot_open(request: HttpRequest, session_id: int, payload: BallotIn) -> Any:
    session = _session(request, session_id)
    if refused := _forbidden(request, "awards.manage_council", session.round):
        return refused
    nomination = get_object_or_404(session.round.nominations, pk=payload.nomination_id)
    try:
        box = services.ballot_open(session=session, nomination=nomination, method=payload.method, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return _box_out(box)


@router.post(
    "/council/sessions/{int:session_id}/close", response={200: SessionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def session_close(request: HttpRequest, session_id: int) -> Any:
    session = _session(request, session_id)
    if refused := _forbidden(request, "awards.manage_council", session.round):
        return refused
    try:
        services.session_close(session=session, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return _session_out(session)


@router.post(
    "/council/ballots/{int:box_id}/votes", response={200: BallotOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def vote_cast(request: HttpRequest, box_id: int, payload: VoteIn) -> Any:
    """The user's own vote, as the council member their account is linked to."""
    box = _box(request, box_id)
    if refused := _forbidden(request, "awards.vote", box.session):
        return refused
    seat = membership(request.user, box.session.round)  # type: ignore[arg-type]
    assert seat is not None
    try:
        services.vote_cast(box=box, member=seat, choice=payload.choice, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    box.refresh_from_db()
    return _box_out(box)


@router.post(
    "/council/ballots/{int:box_id}/tally", response={200: BallotOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def ballot_tally(request: HttpRequest, box_id: int, payload: TallyIn) -> Any:
    box = _box(request, box_id)
    if refused := _forbidden(request, "awards.manage_council", box.session.round):
        return refused
    try:
        box = services.ballot_tally_record(
            box=box,
            votes_for=payload.votes_for,
            votes_against=payload.votes_against,
            votes_abstain=payload.votes_abstain,
            actor=request.user,
        )
    except DomainError as exc:
        return _refused(exc)
    return _box_out(box)


@router.post(
    "/council/ballots/{int:box_id}/close", response={200: BallotOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def ballot_close(request: HttpRequest, box_id: int) -> Any:
    box = _box(request, box_id)
    if refused := _forbidden(request, "awards.manage_council", box.session.round):
        return refused
    try:
        box = services.ballot_close(box=box, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return _box_out(box)


@router.get("/council/sessions/{int:session_id}/minutes", response={403: ErrorOut, 404: ErrorOut})
def minutes_document(request: HttpRequest, session_id: int, format: Query[Format] = "pdf") -> Any:
    session = _session(request, session_id)
    if refused := _forbidden(request, "awards.view_council", session.round):
        return refused
    rendered = council_minutes_file(session, format)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
