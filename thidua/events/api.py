"""/api/v1/events: conferences through the same services as the pages (create, invite, check in, attendance)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from thidua.accounts.permissions import has_permission
from thidua.api.errors import responses
from thidua.awards.models import Round
from thidua.events import selectors, services
from thidua.events.models import Conference, Invitation
from thidua.http import AuthedRequest
from thidua.units.selectors import units_visible_to

router = Router(tags=["events"])


class AgendaItem(Schema):
    time: str
    item: str
    by: str = ""


class ConferenceIn(Schema):
    organizer_id: int
    name: str
    starts_at: datetime.datetime
    place: str
    agenda: list[AgendaItem] = []
    round_id: int | None = None


class AttendanceOut(Schema):
    invited: int
    present: int
    percent: int


class ConferenceOut(Schema):
    id: int
    name: str
    starts_at: datetime.datetime
    place: str
    organizer_id: int
    round_id: int | None
    agenda: list[AgendaItem]


class InvitationOut(Schema):
    id: int
    kind: str
    full_name: str
    representing: str
    code: str
    checked_in_at: datetime.datetime | None


class GuestIn(Schema):
    full_name: str
    representing: str = ""


class CheckinIn(Schema):
    code: str


def _conference(request: AuthedRequest, pk: int) -> Conference:
    conference = get_object_or_404(selectors.conferences_visible_to(request.user), pk=pk)
    if not has_permission("events.manage_conference", request.user, conference.organizer)[0]:
        # The desk and the organizer's officers only; others do not learn the conference exists.
        raise Http404
    return conference


@router.get("/conferences", response=list[ConferenceOut])
def conference_list(request: AuthedRequest) -> QuerySet[Conference]:
    return selectors.conferences_visible_to(request.user)


@router.post("/conferences", response={201: ConferenceOut, **responses(400, 403, 404)})
def conference_create(request: AuthedRequest, data: ConferenceIn) -> Status:
    organizer = get_object_or_404(units_visible_to(request.user), pk=data.organizer_id)
    round_ = get_object_or_404(Round, pk=data.round_id, issuer=organizer) if data.round_id else None
    conference = services.conference_create(
        organizer=organizer,
        name=data.name,
        starts_at=data.starts_at,
        place=data.place,
        agenda=[item.dict() for item in data.agenda],
        round=round_,
        actor=request.user,
    )
    return Status(201, conference)


@router.get("/conferences/{pk}/invitations", response={200: list[InvitationOut], **responses(404)})
def invitation_list(request: AuthedRequest, pk: int) -> QuerySet[Invitation]:
    return _conference(request, pk).invitations.order_by("kind", "full_name")


@router.post("/conferences/{pk}/invite-awarded", response={200: dict[str, int], **responses(400, 404)})
def invite_awarded(request: AuthedRequest, pk: int) -> dict[str, int]:
    return services.invitations_from_awards(conference=_conference(request, pk), actor=request.user)


@router.post("/conferences/{pk}/guests", response={201: InvitationOut, **responses(400, 404)})
def invite_guest(request: AuthedRequest, pk: int, data: GuestIn) -> Status:
    invitation = services.guest_invite(
        conference=_conference(request, pk),
        full_name=data.full_name,
        representing=data.representing,
        actor=request.user,
    )
    return Status(201, invitation)


@router.post("/conferences/{pk}/checkin", response={200: InvitationOut, **responses(400, 404)})
def checkin(request: AuthedRequest, pk: int, data: CheckinIn) -> Invitation:
    return services.checkin(conference=_conference(request, pk), code=data.code, actor=request.user)


@router.get("/conferences/{pk}/attendance", response={200: AttendanceOut, **responses(404)})
def attendance(request: AuthedRequest, pk: int) -> dict[str, int]:
    counts = selectors.attendance(_conference(request, pk))
    return {"invited": counts.invited, "present": counts.present, "percent": counts.percent}
