"""The council of a round (Hội đồng Thi đua – Khen thưởng): members, sessions, recusals and ballots.

The pure functions come first (quorum, pass threshold, recusal); they take plain values and return a
``Check`` whose detail says why in numbers ("5/9 = 55,55% > 50%"), compared with integer arithmetic
on exact fractions as in ``thidua.campaigns.rules``. The services follow.

A secret ballot keeps counts only: a vote writes a ``BallotParticipation`` (that the member voted)
and adds one to the chosen count with an ``F()`` update, and nothing else — no row, no audit entry,
no log line — says which choice a member made. A show of hands records a ``NamedVote``.

"All members" of a pass rule or of the quorum are the council's members active on the day of the
session; a recused member still counts among them (the rule is on the whole council) but not among
those present for that nominee.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.services import audit_record, snapshot
from thidua.awards.consultation.services import consultation_blocker_errors
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
    PassRule,
    Recusal,
    Round,
    RoundStatus,
)
from thidua.awards.rounds.services import round_status_set
from thidua.campaigns.rules import Check, as_fraction, at_least, percent
from thidua.errors import DomainError
from thidua.lib.vietnamese import vi_capitalize
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_ancestors, unit_name_at

# --- pure rules ------------------------------------------------------------------------------------


def quorum_met(present: int, members: int, share: Fraction) -> Check:
    """The council sits when at least ``share`` of all its members are present: "6/9 = 66,66% ≥ 66,66%"."""
    if members <= 0:
        return Check("quorum", False, _("the council has no member"))
    passed = at_least(present, members, share)
    sign = "≥" if passed else "<"
    return Check(
        "quorum", passed, f"{present}/{members} = {percent(Fraction(present, members))} {sign} {percent(share)}"
    )


def ballot_passes(votes_for: int, members: int, present: int, rule: str, share: Fraction | None) -> Check:
    """Whether a ballot passes under the form's rule.

    ``more_than_half``: strictly more than half of all members (4 of 8 fails, 5 of 9 passes);
    ``share_of_members``: at least ``share`` of all members (7 of 10 passes at 70%);
    ``share_of_present``: at least ``share`` of the members present (for this nominee).
    """
    if rule == PassRule.MORE_THAN_HALF:
        if members <= 0:
            return Check("pass", False, _("the council has no member"))
        passed = votes_for * 2 > members
        sign = ">" if passed else "≤"
        ratio = f"{votes_for}/{members} = {percent(Fraction(votes_for, members))} {sign} 50%"
        return Check("pass", passed, ratio + " " + _("(more than half of all members)"))
    if rule not in (PassRule.SHARE_OF_MEMBERS, PassRule.SHARE_OF_PRESENT):
        raise DomainError(gettext_lazy("Unknown pass rule %(rule)s."), rule=rule)
    if share is None or not 0 < share <= 1:
        raise DomainError(
            gettext_lazy("The pass rule %(rule)s needs a share between 0 and 1, for example 70/100."), rule=rule
        )
    whole = members if rule == PassRule.SHARE_OF_MEMBERS else present
    if whole <= 0:
        return Check("pass", False, _("nobody could vote"))
    passed = at_least(votes_for, whole, share)
    sign = "≥" if passed else "<"
    ratio = f"{votes_for}/{whole} = {percent(Fraction(votes_for, whole))} {sign} {percent(share)}"
    if rule == PassRule.SHARE_OF_MEMBERS:
        return Check("pass", passed, ratio + " " + _("(of all members)"))
    return Check("pass", passed, ratio + " " + _("(of the members present)"))


@dataclass(frozen=True)
class MemberFacts:
    """A council member as the recusal rule reads it: the member as a person, and the member's area."""

    person_id: int | None
    area_id: int | None


@dataclass(frozen=True)
class NomineeFacts:
    """A nomination: the nominated person or area, the person's area, and the area's name for the reason."""

    person_id: int | None
    area_id: int | None
    person_area_id: int | None = None
    area_name: str = ""


def recusal_reasons(member: MemberFacts, nominee: NomineeFacts) -> list[str]:
    """Why a member steps out for a nominee: the member is the nominee, or belongs to the nominated area
    (the area nominated, or the area where the nominated person made the achievement)."""
    reasons = []
    if member.person_id is not None and member.person_id == nominee.person_id:
        reasons.append(_("the member is the nominee"))
    if member.area_id is not None and member.area_id in (nominee.area_id, nominee.person_area_id):
        reasons.append(_("the member belongs to the nominated area %(area)s") % {"area": nominee.area_name})
    return reasons


def share_of(text: str) -> Fraction | None:
    """A share written as text ("2/3", "0.7", "70%"); None when empty; a bad one is refused."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if text.endswith("%"):
            return as_fraction(text[:-1].strip()) / 100
        return as_fraction(text)
    except (ValueError, ZeroDivisionError):
        raise DomainError(gettext_lazy("%(share)s is not a share (write 2/3, 0.7 or 70%%)."), share=text) from None


# --- reads -----------------------------------------------------------------------------------------


def members_on(council: Council, day: datetime.date) -> QuerySet[CouncilMember]:
    """The council's members active on ``day``."""
    return council.members.filter(
        Q(active_from__isnull=True) | Q(active_from__lte=day), Q(active_to__isnull=True) | Q(active_to__gte=day)
    ).order_by("id")


def _area_name(unit: Unit | None) -> str:
    return unit.full_name if unit is not None else ""


def nominee_facts(nomination: Nomination) -> NomineeFacts:
    area = nomination.area or nomination.person_area
    return NomineeFacts(
        person_id=nomination.person_id,
        area_id=nomination.area_id,
        person_area_id=nomination.person_area_id,
        area_name=_area_name(area),
    )


def _where(unit: Unit, day: datetime.date) -> str:
    """ "tổ 8A, phường Đức Xuân": an area with its commune, by their names on ``day``; a commune alone."""
    if unit.level == Level.AREA:
        # The tree of that day: an area of 2013 sits in the ward of 2013, not in the one it moved to.
        chain = unit_ancestors(unit, as_of=min(day, unit.valid_to or day))
        if len(chain) >= 2:
            return f"{unit_name_at(unit, day)}, {unit_name_at(chain[-2], day)}"
    return unit_name_at(unit, day)


def nominee_name(nomination: Nomination) -> str:
    """ "Tổ 8A, phường Đức Xuân" or "Hoàng Văn Thụ, tổ 8A, phường Đức Xuân", named as at the end of the
    round's period, as the decision names them."""
    day = datetime.date(nomination.round.period_end, 12, 31)
    if nomination.person is not None:
        where = f", {_where(nomination.person_area, day)}" if nomination.person_area else ""
        return f"{nomination.person.full_name}{where}"
    return vi_capitalize(_where(nomination.area, day)) if nomination.area else ""


def accepted_nominations(round: Round) -> QuerySet[Nomination]:
    return (
        round.nominations.filter(status=NominationStatus.ACCEPTED)
        .select_related("form", "area", "person", "person_area")
        .order_by("form__rank", "form_id", "id")
    )


class VoteBlocked(DomainError):
    """The consultation forbids a vote: HC's reasons (bilingual errors), read in one sentence."""

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


def recused_ids(session: CouncilSession, nomination: Nomination) -> set[int]:
    return set(session.recusals.filter(nomination=nomination).values_list("member_id", flat=True))


def may_vote_on(session: CouncilSession, member: CouncilMember) -> list[BallotBox]:
    """The open ballots of an open session on which ``member`` may still vote."""
    if session.closed_at is not None or not session.present.filter(pk=member.pk).exists():
        return []
    recused = Recusal.objects.filter(session=session, member=member).values("nomination_id")
    voted = BallotParticipation.objects.filter(member=member).values("box_id")
    return list(
        session.ballots.filter(closed_at__isnull=True)
        .exclude(nomination_id__in=recused)
        .exclude(pk__in=voted)
        .select_related("nomination__form", "nomination__area", "nomination__person", "nomination__person_area")
        .order_by("nomination__form__rank", "nomination_id")
    )


def passed_nominations(round: Round) -> list[tuple[Nomination, BallotBox]]:
    """The accepted nominations the council passed, each with its (latest) passing ballot, in form order."""
    boxes = (
        BallotBox.objects.filter(session__round=round, passed=True, nomination__status=NominationStatus.ACCEPTED)
        .select_related("nomination__form", "nomination__area", "nomination__person", "nomination__person_area")
        .order_by("nomination__form__rank", "nomination__form_id", "nomination_id", "-session__held_on", "-id")
    )
    result: dict[int, tuple[Nomination, BallotBox]] = {}
    for box in boxes:
        result.setdefault(box.nomination_id, (box.nomination, box))
    return list(result.values())


# --- services --------------------------------------------------------------------------------------


NO_COUNCIL = gettext_lazy("The round %(round)s has no council yet.")


def council_create(*, unit: Unit, name: str, actor: Any, round: Round | None = None) -> Council:
    """A council of ``unit``; given a round of that unit, the round is given this council."""
    name = name.strip()
    if not name:
        raise DomainError(gettext_lazy("The council needs a name."))
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


def round_council_set(*, round: Round, council: Council, actor: Any) -> Round:
    """The council that votes in ``round``: one of the issuing unit's councils, before any session."""
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
    user: Any = None,
    person: Any = None,
    area: Unit | None = None,
    active_from: datetime.date | None = None,
    active_to: datetime.date | None = None,
    actor: Any,
) -> CouncilMember:
    full_name = " ".join(full_name.split())
    if not full_name:
        raise DomainError(gettext_lazy("A council member needs a full name."))
    if role not in CouncilRole.values:
        raise DomainError(
            gettext_lazy("There is no council role %(role)s; the roles are: %(roles)s."),
            role=role,
            roles=", ".join(CouncilRole.values),
        )
    if active_from and active_to and active_to < active_from:
        raise DomainError(gettext_lazy("A member's end date cannot come before the start date."))
    with transaction.atomic():
        # Lock the council so that two officers adding a chair at once cannot both succeed.
        Council.objects.select_for_update().filter(pk=council.pk).first()
        current = council.members.filter(Q(active_to__isnull=True) | Q(active_to__gte=active_from or datetime.date.min))
        if role in (CouncilRole.CHAIR, CouncilRole.SECRETARY) and current.filter(role=role).exists():
            raise DomainError(
                gettext_lazy("The council already has a %(role)s: %(name)s."),
                role=CouncilRole(role).label,
                name=current.filter(role=role).first().full_name,  # type: ignore[union-attr]
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
    actor: Any,
) -> CouncilSession:
    """Open a session of the round's council on ``held_on`` with the members ``present``.

    Refused without a council, without a quorum of the members active that day, while the
    consultation forbids a vote, or while another session of the round is open. The recusals of the
    members present for the round's accepted nominations are recorded with their reasons.
    """
    if round.council_id is None:
        raise DomainError(NO_COUNCIL, round=round.name)
    if round.status in (RoundStatus.DECIDED, RoundStatus.CLOSED):
        raise DomainError(gettext_lazy("The round %(round)s is already decided."), round=round.name)
    council = round.council
    assert council is not None
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
        if round.sessions.filter(closed_at__isnull=True).exists():
            raise DomainError(gettext_lazy("A session of this round is still open; close it first."))
        # The council sits once the consultation is over: a round still "consulting" moves on to
        # "council", the status the decision expects, through the round's own table of moves.
        if round.status == RoundStatus.CONSULTING:
            round_status_set(round=round, to=RoundStatus.COUNCIL, actor=actor)
            round.status = RoundStatus.COUNCIL
        session = CouncilSession.objects.create(
            round=round, held_on=held_on, place=place.strip(), opened_at=timezone.now()
        )
        session.present.set(sorted(present_ids))
        recusals = []
        members = [m for m in active if m.pk in present_ids]
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


def _open_session(session: CouncilSession) -> CouncilSession:
    locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if locked.closed_at is not None:
        raise DomainError(gettext_lazy("The session of %(day)s is closed."), day=locked.held_on.strftime("%d/%m/%Y"))
    return locked


def ballot_open(*, session: CouncilSession, nomination: Nomination, method: str, actor: Any) -> BallotBox:
    """A ballot on one accepted nomination of the session's round, secret or by show of hands."""
    if method not in BallotMethod.values:
        raise DomainError(
            gettext_lazy("There is no ballot method %(method)s; use one of: %(methods)s."),
            method=method,
            methods=", ".join(BallotMethod.values),
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
        _open_session(session)
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


def vote_cast(*, box: BallotBox, member: CouncilMember, choice: str, actor: Any) -> None:
    """One member's vote. Refused from a non-member, an absent or recused member, a second time, on a
    closed ballot, on a paper ballot already counted, and while the consultation forbids a vote."""
    if choice not in COUNT_FIELD:
        raise DomainError(
            gettext_lazy("There is no vote %(choice)s; vote one of: %(choices)s."),
            choice=choice,
            choices=", ".join(Choice.values),
        )
    session = box.session
    round = session.round
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
        if locked.closed_at is not None or session.closed_at is not None:
            raise DomainError(gettext_lazy("This ballot is closed."))
        if locked.method == BallotMethod.SECRET and _paper_counted(locked):
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


def _paper_counted(box: BallotBox) -> bool:
    total = box.votes_for + box.votes_against + box.votes_abstain
    return total > 0 and not box.participations.exists()


def eligible_voters(box: BallotBox) -> int:
    """The members present who may vote on the box's nominee: present minus recused."""
    session = box.session
    return session.present.count() - session.recusals.filter(nomination=box.nomination_id).count()


def ballot_tally_record(
    *, box: BallotBox, votes_for: int, votes_against: int, votes_abstain: int, actor: Any
) -> BallotBox:
    """The count of a paper secret ballot by the tally committee (ban kiểm phiếu)."""
    counts = (votes_for, votes_against, votes_abstain)
    if any(c < 0 for c in counts):
        raise DomainError(gettext_lazy("A count cannot be negative."))
    with transaction.atomic():
        locked = BallotBox.objects.select_for_update().get(pk=box.pk)
        if locked.closed_at is not None:
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


def ballot_result(box: BallotBox) -> Check:
    """The ballot under its form's rule, on the members active on the session's day."""
    session = box.session
    council = session.round.council
    assert council is not None
    form = box.nomination.form
    members = members_on(council, session.held_on).count()
    return ballot_passes(box.votes_for, members, eligible_voters(box), form.pass_rule, share_of(form.pass_share))


def ballot_close(*, box: BallotBox, actor: Any) -> BallotBox:
    """Close the ballot: whether it passed, and the tally's explanation kept with it."""
    with transaction.atomic():
        locked = (
            BallotBox.objects.select_for_update(of=("self",))
            .select_related("session__round__council", "nomination__form")
            .get(pk=box.pk)
        )
        if locked.closed_at is not None:
            raise DomainError(gettext_lazy("This ballot is closed."))
        with translation.override("vi"):
            check = ballot_result(locked)
        locked.closed_at = timezone.now()
        locked.passed = check.passed
        locked.tally_detail = check.detail[:300]
        locked.save(update_fields=["closed_at", "passed", "tally_detail"])
        audit_record(
            actor=actor,
            action="awards.ballot_close",
            obj=locked,
            after=snapshot(locked, ["votes_for", "votes_against", "votes_abstain", "passed", "tally_detail"]),
        )
    box.refresh_from_db()
    return box


def session_close(*, session: CouncilSession, actor: Any, note: str | None = None) -> CouncilSession:
    with transaction.atomic():
        locked = _open_session(session)
        if locked.ballots.filter(closed_at__isnull=True).exists():
            raise DomainError(gettext_lazy("Close every ballot of the session first."))
        locked.closed_at = timezone.now()
        fields = ["closed_at"]
        if note is not None:
            locked.note = note.strip()
            fields.append("note")
        locked.save(update_fields=fields)
        audit_record(actor=actor, action="awards.session_close", obj=locked, after=snapshot(locked, fields))
    session.refresh_from_db()
    return session
