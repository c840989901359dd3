"""Reads of a round's council: its members on a day, a member's seat, the nominations before it, the
ballots a member may still vote on, what the council passed, and one session or ballot for a user."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.awards.council.rules import NomineeFacts, ballot_passes, share_of
from thidua.awards.models import (
    BallotBox,
    BallotParticipation,
    Council,
    CouncilMember,
    CouncilSession,
    Nomination,
    NominationStatus,
    Recusal,
    Round,
    SittingStatus,
)
from thidua.awards.rounds.selectors import rounds_visible_to
from thidua.campaigns.rules import Check


def members_on(council: Council, day: datetime.date) -> QuerySet[CouncilMember]:
    """The council's members active on ``day``."""
    return council.members.filter(
        Q(active_from__isnull=True) | Q(active_from__lte=day), Q(active_to__isnull=True) | Q(active_to__gte=day)
    ).order_by("id")


def seat_of(user: User, round: Round) -> CouncilMember | None:
    """The user's seat in the round's council, if any: the member their account is linked to."""
    if round.council_id is None or user.pk is None:
        return None
    return CouncilMember.objects.filter(council_id=round.council_id, user=user).first()


def get_session_for_user(user: User, pk: int, action: str = "awards.view_council") -> CouncilSession:
    """A session of a round the user sees, for ``action`` on its round (on the session, for a vote)."""
    session = (
        CouncilSession.objects.filter(round__in=rounds_visible_to(user), pk=pk)
        .select_related("round__council", "round__issuer")
        .first()
    )
    if session is None:
        raise Http404(_("There is no such session, or it is outside the unit you work for."))
    authorize(user, action, session if action == "awards.vote" else session.round)
    return session


def get_box_for_user(user: User, pk: int, action: str = "awards.view_council") -> BallotBox:
    """A ballot of a round the user sees, for ``action`` on its round (on its session, for a vote)."""
    box = (
        BallotBox.objects.filter(session__round__in=rounds_visible_to(user), pk=pk)
        .select_related("session__round__council", "nomination__form")
        .first()
    )
    if box is None:
        raise Http404(_("There is no such ballot, or it is outside the unit you work for."))
    authorize(user, action, box.session if action == "awards.vote" else box.session.round)
    return box


def nominee_facts(nomination: Nomination) -> NomineeFacts:
    area = nomination.area or nomination.person_area
    return NomineeFacts(
        person_id=nomination.person_id,
        area_id=nomination.area_id,
        person_area_id=nomination.person_area_id,
        area_name=area.full_name if area is not None else "",
    )


def accepted_nominations(round: Round) -> QuerySet[Nomination]:
    return (
        round.nominations.filter(status=NominationStatus.ACCEPTED)
        .select_related("round", "form", "area", "person", "person_area")
        .order_by("form__rank", "form_id", "id")
    )


def recused_ids(session: CouncilSession, nomination: Nomination) -> set[int]:
    return set(session.recusals.filter(nomination=nomination).values_list("member_id", flat=True))


def may_vote_on(session: CouncilSession, member: CouncilMember) -> list[BallotBox]:
    """The open ballots of an open session on which ``member`` may still vote."""
    if session.status != SittingStatus.OPEN or not session.present.filter(pk=member.pk).exists():
        return []
    recused = Recusal.objects.filter(session=session, member=member).values("nomination_id")
    voted = BallotParticipation.objects.filter(member=member).values("box_id")
    return list(
        session.ballots.filter(status=SittingStatus.OPEN)
        .exclude(nomination_id__in=recused)
        .exclude(pk__in=voted)
        .select_related(
            "nomination__round", "nomination__form", "nomination__area", "nomination__person", "nomination__person_area"
        )
        .order_by("nomination__form__rank", "nomination_id")
    )


def passed_nominations(round: Round) -> list[tuple[Nomination, BallotBox]]:
    """The accepted nominations the council passed, each with its (latest) passing ballot, in form order."""
    boxes = (
        BallotBox.objects.filter(session__round=round, passed=True, nomination__status=NominationStatus.ACCEPTED)
        .select_related(
            "nomination__round", "nomination__form", "nomination__area", "nomination__person", "nomination__person_area"
        )
        .order_by("nomination__form__rank", "nomination__form_id", "nomination_id", "-session__held_on", "-id")
    )
    result: dict[int, tuple[Nomination, BallotBox]] = {}
    for box in boxes:
        result.setdefault(box.nomination_id, (box.nomination, box))
    return list(result.values())


def eligible_voters(box: BallotBox) -> int:
    """The members present who may vote on the box's nominee: present minus recused."""
    session = box.session
    return session.present.count() - session.recusals.filter(nomination=box.nomination_id).count()


def paper_counted(box: BallotBox) -> bool:
    """Whether the tally committee counted the box on paper (counts, and nobody voted on the page)."""
    total = box.votes_for + box.votes_against + box.votes_abstain
    return total > 0 and not box.participations.exists()


def ballot_result(box: BallotBox) -> Check:
    """The ballot under its form's rule, on the members active on the session's day."""
    session = box.session
    council = session.round.council
    assert council is not None
    form = box.nomination.form
    members = members_on(council, session.held_on).count()
    return ballot_passes(box.votes_for, members, eligible_voters(box), form.pass_rule, share_of(form.pass_share))
