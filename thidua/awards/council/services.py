"""The council of a round (Hội đồng Thi đua – Khen thưởng): members, sessions, recusals and ballots.

A secret ballot keeps counts only: a vote writes a ``BallotParticipation`` (that the member voted)
and adds one to the chosen count with an ``F()`` update, and nothing else — no row, no audit entry,
no log line — says which choice a member made. A show of hands records a ``NamedVote``.

Every function authorizes its actor first: the officers who run the council (``awards.manage_council``)
set it up, open and close sessions and ballots and record a paper tally; a member votes in the seat
their account is linked to (``awards.vote``), found here, for every caller. The rules (quorum, pass
threshold, recusal) are ``thidua.awards.council.rules``.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.audit.services import audit_record, snapshot
from thidua.awards.consultation.selectors import consultation_blocker_errors
from thidua.awards.council.rules import MemberFacts, quorum_met, recusal_reasons, share_of
from thidua.awards.council.selectors import (
    accepted_nominations,
    ballot_result,
    eligible_voters,
    members_on,
    nominee_facts,
    paper_counted,
    seat_of,
)
from thidua.awards.council.workflow import BALLOT_WORKFLOW, SESSION_WORKFLOW
from thidua.awards.models import (
    BallotBox,
    BallotMethod,
    BallotParticipation,
    Choice,
    Council,
    CouncilMember,
    CouncilRole,
    CouncilSession,
    NamedVote,
    Nomination,
    NominationStatus,
    Recusal,
    Round,
    RoundStatus,
    SittingStatus,
)
from thidua.awards.places import nominee_name
from thidua.awards.rounds.workflow import ROUND_WORKFLOW
from thidua.errors import DomainError
from thidua.people.models import Person
from thidua.units.models import Unit
from thidua.workflow import transition


class VoteBlocked(DomainError):
    """The consultation forbids a vote: its reasons, read in one sentence in the reader's language."""

    def __init__(self, errors: list[DomainError]) -> None:
        self.errors = errors
        super().__init__(gettext_lazy("The council may not vote yet: %(reasons)s"), reasons="")

    def reason(self, language: str | None = None) -> str:
        with translation.override(language or translation.get_language() or "vi"):
            head = str(gettext_lazy("The council may not vote yet: %(reasons)s"))
            return head % {"reasons": " ".join(error.reason(language) for error in self.errors)}


def _refuse_if_blocked(round: Round, on: datetime.date) -> None:
    errors = consultation_blocker_errors(round, on)
    if errors:
        raise VoteBlocked(errors)


NO_COUNCIL = gettext_lazy("The round %(round)s has no council yet.")


def council_create(*, unit: Unit, name: str, actor: User, round: Round | None = None) -> Council:
    """A council of ``unit``; given a round of that unit, the round is given this council."""
    authorize(actor, "awards.manage_council", round if round is not None else unit)
    name = name.strip()
    if not name:
        raise DomainError(gettext_lazy("The council needs a name."), column="name")
    if round is not None and round.issuer_id != unit.pk:
        raise DomainError(
            gettext_lazy("The council of %(unit)s cannot sit for a round issued by %(issuer)s."),
            unit=unit.full_name,
            issuer=round.issuer.full_name,
        )
    with transaction.atomic():
        council = Council.objects.create(unit=unit, name=name)
        audit_record(actor=actor, action="awards.council_create", obj=council, after=snapshot(council))
        if round is not None:
            round_council_set(round=round, council=council, actor=actor)
    return council


def round_council_set(*, round: Round, council: Council, actor: User) -> Round:
    """The council that votes in ``round``: one of the issuing unit's councils, before any session."""
    authorize(actor, "awards.manage_council", round)
    if council.unit_id != round.issuer_id:
        raise DomainError(
            gettext_lazy("The council of %(unit)s cannot sit for a round issued by %(issuer)s."),
            unit=council.unit.full_name,
            issuer=round.issuer.full_name,
        )
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if locked.council_id not in (None, council.pk) and locked.sessions.exists():
            raise DomainError(gettext_lazy("The council has already sat for this round; it cannot be replaced."))
        before = snapshot(locked, ["council"])
        locked.council = council
        locked.save(update_fields=["council"])
        audit_record(
            actor=actor, action="awards.round_council_set", obj=locked, before=before, after={"council": council.pk}
        )
    round.council = council
    return round


def council_member_add(
    *,
    council: Council,
    full_name: str,
    role: str,
    position: str = "",
    user: User | None = None,
    person: Person | None = None,
    area: Unit | None = None,
    active_from: datetime.date | None = None,
    active_to: datetime.date | None = None,
    actor: User,
) -> CouncilMember:
    authorize(actor, "awards.manage_council", council)
    full_name = " ".join(full_name.split())
    if not full_name:
        raise DomainError(gettext_lazy("A council member needs a full name."), column="full_name")
    if role not in CouncilRole.values:
        raise DomainError(
            gettext_lazy("There is no council role %(role)s; the roles are: %(roles)s."),
            role=role,
            roles=", ".join(CouncilRole.values),
            column="role",
        )
    if active_from and active_to and active_to < active_from:
        raise DomainError(gettext_lazy("A member's end date cannot come before the start date."))
    with transaction.atomic():
        # Lock the council so that two officers adding a chair at once cannot both succeed.
        Council.objects.select_for_update().filter(pk=council.pk).first()
        current = council.members.filter(Q(active_to__isnull=True) | Q(active_to__gte=active_from or datetime.date.min))
        holder = current.filter(role=role).first() if role in (CouncilRole.CHAIR, CouncilRole.SECRETARY) else None
        if holder is not None:
            raise DomainError(
                gettext_lazy("The council already has a %(role)s: %(name)s."),
                role=CouncilRole(role).label,
                name=holder.full_name,
            )
        if user is not None and council.members.filter(user=user).exists():
            raise DomainError(
                gettext_lazy("The account %(user)s is already linked to a member of this council."),
                user=user.username,
            )
        member = CouncilMember.objects.create(
            council=council,
            full_name=full_name,
            role=role,
            position=position.strip(),
            user=user,
            person=person,
            area=area,
            active_from=active_from,
            active_to=active_to,
        )
        audit_record(actor=actor, action="awards.council_member_add", obj=member, after=snapshot(member))
    return member


def session_open(
    *,
    round: Round,
    held_on: datetime.date,
    present: list[CouncilMember],
    place: str = "",
    actor: User,
) -> CouncilSession:
    """Open a session of the round's council on ``held_on`` with the members ``present``.

    Refused without a council, without a quorum of the members active that day, while the
    consultation forbids a vote, or while another session of the round is open. The recusals of the
    members present for the round's accepted nominations are recorded with their reasons.
    """
    authorize(actor, "awards.manage_council", round)
    council = round.council
    if council is None:
        raise DomainError(NO_COUNCIL, round=round.name)
    if round.status in (RoundStatus.DECIDED, RoundStatus.CLOSED):
        raise DomainError(gettext_lazy("The round %(round)s is already decided."), round=round.name)
    active = list(members_on(council, held_on))
    active_ids = {m.pk for m in active}
    strangers = [m for m in present if m.pk not in active_ids]
    if strangers:
        raise DomainError(
            gettext_lazy("%(names)s is not a member of the council on %(day)s."),
            names=", ".join(m.full_name for m in strangers),
            day=held_on.strftime("%d/%m/%Y"),
        )
    present_ids = {m.pk for m in present}
    quorum = quorum_met(len(present_ids), len(active), share_of(round.quorum_share) or Fraction(2, 3))
    if not quorum.passed:
        raise DomainError(gettext_lazy("The council has no quorum: %(detail)s."), detail=quorum.detail)
    _refuse_if_blocked(round, held_on)
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round.pk).first()
        if round.sessions.filter(status=SittingStatus.OPEN).exists():
            raise DomainError(gettext_lazy("A session of this round is still open; close it first."))
        # The council sits once the consultation is over: a round still "consulting" moves on to
        # "council", the status the decision expects, through the round's own table of moves.
        if round.status == RoundStatus.CONSULTING:
            transition(ROUND_WORKFLOW, round, to=RoundStatus.COUNCIL, actor=actor)
        session = CouncilSession.objects.create(
            round=round, held_on=held_on, place=place.strip(), opened_at=timezone.now()
        )
        session.present.set(sorted(present_ids))
        recusals = []
        members = [m for m in active if m.pk in present_ids]
        # A recusal's reason is part of the round's record, written in the language of the records.
        with translation.override("vi"):
            for nomination in accepted_nominations(round):
                facts = nominee_facts(nomination)
                for member in members:
                    reasons = recusal_reasons(MemberFacts(member.person_id, member.area_id), facts)
                    if reasons:
                        recusals.append(
                            Recusal(
                                session=session, member=member, nomination=nomination, reason="; ".join(reasons)[:300]
                            )
                        )
        Recusal.objects.bulk_create(recusals)
        audit_record(
            actor=actor,
            action="awards.session_open",
            obj=session,
            after={
                **snapshot(session, ["round", "held_on", "place"]),
                "present": sorted(present_ids),
                "recusals": [[r.member_id, r.nomination_id] for r in recusals],
            },
        )
    return session


def _refuse_unless_sitting(session: CouncilSession) -> None:
    """Lock the session and refuse unless it sits (is open)."""
    locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SittingStatus.OPEN:
        raise DomainError(gettext_lazy("The session of %(day)s is closed."), day=locked.held_on.strftime("%d/%m/%Y"))


def ballot_open(*, session: CouncilSession, nomination: Nomination, method: str, actor: User) -> BallotBox:
    """A ballot on one accepted nomination of the session's round, secret or by show of hands."""
    authorize(actor, "awards.manage_council", session.round)
    if method not in BallotMethod.values:
        raise DomainError(
            gettext_lazy("There is no ballot method %(method)s; use one of: %(methods)s."),
            method=method,
            methods=", ".join(BallotMethod.values),
            column="method",
        )
    if nomination.round_id != session.round_id:
        raise DomainError(gettext_lazy("This nomination belongs to another round."))
    if nomination.status != NominationStatus.ACCEPTED:
        raise DomainError(
            gettext_lazy("Only accepted nominations are put to the vote; %(nominee)s is %(status)s."),
            nominee=nominee_name(nomination),
            status=nomination.get_status_display(),
        )
    _refuse_if_blocked(session.round, session.held_on)
    with transaction.atomic():
        _refuse_unless_sitting(session)
        if BallotBox.objects.filter(session=session, nomination=nomination).exists():
            raise DomainError(
                gettext_lazy("The session already has a ballot on %(nominee)s."), nominee=nominee_name(nomination)
            )
        if BallotBox.objects.filter(nomination=nomination, passed=True).exists():
            raise DomainError(
                gettext_lazy("The council has already passed %(nominee)s."), nominee=nominee_name(nomination)
            )
        box = BallotBox.objects.create(session=session, nomination=nomination, method=method)
        audit_record(
            actor=actor, action="awards.ballot_open", obj=box, after=snapshot(box, ["session", "nomination", "method"])
        )
    return box


COUNT_FIELD = {Choice.FOR: "votes_for", Choice.AGAINST: "votes_against", Choice.ABSTAIN: "votes_abstain"}


def vote_cast(*, box: BallotBox, choice: str, actor: User, member: CouncilMember | None = None) -> None:
    """One member's vote.

    Without ``member`` (or with their own) the actor votes in their own seat: the member of the
    round's council their account is linked to (``awards.vote``). With another member, an officer who
    runs the council (or the console's operator) records that member's vote. Refused from a
    non-member, an absent or recused member, a second time, on a closed ballot, on a paper ballot
    already counted, and while the consultation forbids a vote.
    """
    session = box.session
    round = session.round
    if member is None or (actor.pk is not None and member.user_id == actor.pk):
        authorize(actor, "awards.vote", session)
        member = member or seat_of(actor, round)
        if member is None:
            raise DomainError(gettext_lazy("Say which member of the council votes."), column="member")
    else:
        authorize(actor, "awards.manage_council", round)
    if choice not in COUNT_FIELD:
        raise DomainError(
            gettext_lazy("There is no vote %(choice)s; vote one of: %(choices)s."),
            choice=choice,
            choices=", ".join(Choice.values),
            column="choice",
        )
    if (
        member.council_id != round.council_id
        or not members_on(member.council, session.held_on).filter(pk=member.pk).exists()
    ):
        raise DomainError(gettext_lazy("%(name)s is not a member of the council of this round."), name=member.full_name)
    if not session.present.filter(pk=member.pk).exists():
        raise DomainError(
            gettext_lazy("%(name)s is not recorded as present at the session of %(day)s."),
            name=member.full_name,
            day=session.held_on.strftime("%d/%m/%Y"),
        )
    recusal = Recusal.objects.filter(session=session, member=member, nomination=box.nomination_id).first()
    if recusal is not None:
        raise DomainError(
            gettext_lazy("%(name)s has stepped out for %(nominee)s (%(reason)s) and does not vote on it."),
            name=member.full_name,
            nominee=nominee_name(box.nomination),
            reason=recusal.reason,
        )
    _refuse_if_blocked(round, session.held_on)
    with transaction.atomic():
        # The box's row lock orders concurrent votes and a concurrent close; each vote still adds
        # with F() so that no count is read and written back.
        locked = BallotBox.objects.select_for_update().get(pk=box.pk)
        if locked.status != SittingStatus.OPEN or session.status != SittingStatus.OPEN:
            raise DomainError(gettext_lazy("This ballot is closed."))
        if locked.method == BallotMethod.SECRET and paper_counted(locked):
            raise DomainError(gettext_lazy("The tally committee has recorded this ballot's count; no vote is added."))
        try:
            with transaction.atomic():
                participation = BallotParticipation.objects.create(box=locked, member=member)
        except IntegrityError:
            raise DomainError(
                gettext_lazy("%(name)s has already voted on %(nominee)s."),
                name=member.full_name,
                nominee=nominee_name(box.nomination),
            ) from None
        field = COUNT_FIELD[Choice(choice)]
        BallotBox.objects.filter(pk=locked.pk).update(**{field: F(field) + 1})
        if locked.method == BallotMethod.HANDS:
            named = NamedVote.objects.create(box=locked, member=member, choice=choice)
            audit_record(actor=actor, action="awards.vote_cast", obj=named, after=snapshot(named))
        else:
            # Secret: only that the member took part. The object is the participation, whose text is
            # "box/member"; the box's own text carries its counts and must stay out of the record.
            audit_record(
                actor=actor,
                action="awards.ballot_participate",
                obj=participation,
                after={"box": locked.pk, "member": member.pk},
            )


def ballot_tally_record(
    *, box: BallotBox, votes_for: int, votes_against: int, votes_abstain: int, actor: User
) -> BallotBox:
    """The count of a paper secret ballot by the tally committee (ban kiểm phiếu)."""
    authorize(actor, "awards.manage_council", box.session.round)
    counts = (votes_for, votes_against, votes_abstain)
    if any(c < 0 for c in counts):
        raise DomainError(gettext_lazy("A count cannot be negative."))
    with transaction.atomic():
        locked = BallotBox.objects.select_for_update().get(pk=box.pk)
        if locked.status != SittingStatus.OPEN:
            raise DomainError(gettext_lazy("This ballot is closed."))
        if locked.method != BallotMethod.SECRET:
            raise DomainError(gettext_lazy("A show of hands is recorded member by member, not as a count."))
        if locked.participations.exists():
            raise DomainError(gettext_lazy("Members have voted on this ballot on the page; its count is theirs."))
        may = eligible_voters(locked)
        if sum(counts) > may:
            raise DomainError(
                gettext_lazy("%(total)s ballots counted, but only %(may)s members present may vote on this nominee."),
                total=sum(counts),
                may=may,
            )
        before = snapshot(locked, ["votes_for", "votes_against", "votes_abstain"])
        locked.votes_for, locked.votes_against, locked.votes_abstain = counts
        locked.save(update_fields=["votes_for", "votes_against", "votes_abstain"])
        audit_record(
            actor=actor,
            action="awards.ballot_tally_record",
            obj=locked,
            before=before,
            after=snapshot(locked, ["votes_for", "votes_against", "votes_abstain"]),
        )
    return locked


def ballot_close(*, box: BallotBox, actor: User) -> BallotBox:
    """Close the ballot: whether it passed, and the tally's explanation kept with it."""
    authorize(actor, "awards.manage_council", box.session.round)
    with transaction.atomic():
        locked = (
            BallotBox.objects.select_for_update(of=("self",))
            .select_related("session__round__council", "nomination__form")
            .get(pk=box.pk)
        )
        # The tally's explanation is part of the round's record, written in the language of the records.
        with translation.override("vi"):
            check = ballot_result(locked)
        counts = snapshot(locked, ["votes_for", "votes_against", "votes_abstain"])
        transition(
            BALLOT_WORKFLOW,
            locked,
            to=SittingStatus.CLOSED,
            actor=actor,
            audit_extra={**counts, "passed": check.passed, "tally_detail": check.detail[:300]},
        )
        locked.passed = check.passed
        locked.tally_detail = check.detail[:300]
        locked.save(update_fields=["passed", "tally_detail"])
    box.refresh_from_db()
    return box


def session_close(*, session: CouncilSession, actor: User, note: str | None = None) -> CouncilSession:
    authorize(actor, "awards.manage_council", session.round)
    noted = {"note": note.strip()} if note is not None else {}
    with transaction.atomic():
        transition(SESSION_WORKFLOW, session, to=SittingStatus.CLOSED, actor=actor, audit_extra=noted)
        if noted:
            CouncilSession.objects.filter(pk=session.pk).update(**noted)
    session.refresh_from_db()
    return session
