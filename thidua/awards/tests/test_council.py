"""The council: quorum, pass thresholds and recusal as pure rules; sessions, ballots and votes as services."""

from __future__ import annotations

import datetime
import threading
from fractions import Fraction

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.awards.council.rules import MemberFacts, NomineeFacts, ballot_passes, quorum_met, recusal_reasons
from thidua.awards.council.selectors import passed_nominations
from thidua.awards.council.services import (
    ballot_close,
    ballot_open,
    ballot_tally_record,
    council_member_add,
    session_close,
    session_open,
    vote_cast,
)
from thidua.awards.models import (
    BallotBox,
    BallotMethod,
    BallotParticipation,
    Choice,
    CouncilRole,
    NamedVote,
    Nomination,
    NominationStatus,
    PassRule,
    PublicObjection,
    Recusal,
)
from thidua.awards.tests.fixtures_council import HELD_ON, CouncilWorld, council_world
from thidua.errors import DomainError
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

# --- pure rules ------------------------------------------------------------------------------------


def test_quorum_is_met_at_exactly_two_thirds_and_not_one_short() -> None:
    met = quorum_met(6, 9, Fraction(2, 3))
    short = quorum_met(5, 9, Fraction(2, 3))
    assert met.passed and met.detail == "6/9 = 66,66% ≥ 66,66%"
    assert not short.passed and short.detail == "5/9 = 55,55% < 66,66%"


def test_a_council_without_members_has_no_quorum() -> None:
    assert not quorum_met(0, 0, Fraction(2, 3)).passed


def test_exactly_half_of_all_members_is_not_more_than_half() -> None:
    half = ballot_passes(4, 8, 8, PassRule.MORE_THAN_HALF, None)
    more = ballot_passes(5, 8, 8, PassRule.MORE_THAN_HALF, None)
    assert not half.passed and half.detail.startswith("4/8 = 50% ≤ 50%")
    assert more.passed and more.detail.startswith("5/8 = 62,5% > 50%")


def test_more_than_half_counts_all_members_not_those_present() -> None:
    # 5 of the 6 present, but 5 of 9 members is what counts: 55,55% > 50%.
    check = ballot_passes(5, 9, 6, PassRule.MORE_THAN_HALF, None)
    assert check.passed and check.detail.startswith("5/9 = 55,55% > 50%")
    assert not ballot_passes(4, 9, 4, PassRule.MORE_THAN_HALF, None).passed


def test_seventy_percent_of_members_holds_at_exactly_seventy_percent() -> None:
    exactly = ballot_passes(7, 10, 8, PassRule.SHARE_OF_MEMBERS, Fraction(7, 10))
    short = ballot_passes(6, 10, 6, PassRule.SHARE_OF_MEMBERS, Fraction(7, 10))
    assert exactly.passed and exactly.detail.startswith("7/10 = 70% ≥ 70%")
    assert not short.passed and short.detail.startswith("6/10 = 60% < 70%")


def test_a_share_of_present_counts_on_those_present() -> None:
    assert ballot_passes(7, 12, 10, PassRule.SHARE_OF_PRESENT, Fraction(7, 10)).passed
    assert not ballot_passes(6, 12, 10, PassRule.SHARE_OF_PRESENT, Fraction(7, 10)).passed


def test_a_share_rule_without_a_share_is_refused() -> None:
    with pytest.raises(DomainError):
        ballot_passes(7, 10, 10, PassRule.SHARE_OF_MEMBERS, None)


@translation.override("en")
def test_a_member_who_is_the_nominee_or_from_the_nominated_area_steps_out() -> None:
    member = MemberFacts(person_id=7, area_id=3)
    assert recusal_reasons(member, NomineeFacts(person_id=7, area_id=None)) == ["the member is the nominee"]
    assert recusal_reasons(member, NomineeFacts(person_id=None, area_id=3, area_name="tổ 8A")) == [
        "the member belongs to the nominated area tổ 8A"
    ]
    # A Trưởng ban's area is the nominated area of an individual nomination too.
    assert recusal_reasons(member, NomineeFacts(person_id=8, area_id=None, person_area_id=3, area_name="tổ 8A"))
    assert recusal_reasons(member, NomineeFacts(person_id=8, area_id=4)) == []
    assert recusal_reasons(MemberFacts(None, None), NomineeFacts(person_id=None, area_id=4)) == []


# --- services --------------------------------------------------------------------------------------


@pytest.fixture
def world(cast: Cast) -> CouncilWorld:
    return council_world(cast)


def _counts() -> tuple[int, ...]:
    return (
        Recusal.objects.count(),
        BallotBox.objects.count(),
        BallotParticipation.objects.count(),
        NamedVote.objects.count(),
        AuditEntry.objects.count(),
    )


def _open(world: CouncilWorld, *, present: int = 9):
    return session_open(
        round=world.round, held_on=HELD_ON, present=world.members[:present], place="Hội trường UBND", actor=SYSTEM_ACTOR
    )


def test_a_session_opens_with_exactly_the_quorum_and_records_the_recusals(world: CouncilWorld) -> None:
    thu = world.member("Hoàng Văn Thụ")
    session = session_open(round=world.round, held_on=HELD_ON, present=[*world.members[:5], thu], actor=SYSTEM_ACTOR)
    assert session.present.count() == 6
    reasons = dict(Recusal.objects.filter(member=thu).values_list("nomination_id", "reason"))
    # Kept in Vietnamese, the language of the minutes.
    with translation.override("vi"):
        assert reasons[world.person_nomination.pk] == gettext("the member is the nominee")
        assert reasons[world.area_nomination.pk] == gettext("the member belongs to the nominated area %(area)s") % {
            "area": "tổ 8A"
        }


def test_a_session_one_member_short_of_the_quorum_is_refused_and_nothing_is_recorded(world: CouncilWorld) -> None:
    before = (_counts(), world.round.sessions.count())
    with pytest.raises(DomainError) as info:
        _open(world, present=5)
    assert "5/9 = 55,55% < 66,66%" in info.value.reason("en")
    assert (_counts(), world.round.sessions.count()) == before


def test_a_session_is_refused_while_the_consultation_is_open(world: CouncilWorld) -> None:
    with pytest.raises(DomainError) as info:
        session_open(round=world.round, held_on=datetime.date(2014, 3, 20), present=world.members, actor=SYSTEM_ACTOR)
    assert "20/03/2014" in info.value.reason("en")
    assert not world.round.sessions.exists()


def test_a_session_is_refused_with_an_objection_unanswered(world: CouncilWorld) -> None:
    PublicObjection.objects.create(round=world.round, nomination=world.area_nomination, text="Chưa đúng")
    with pytest.raises(DomainError) as info:
        _open(world)
    assert "objection" in info.value.reason("en")
    assert not world.round.sessions.exists()


def test_a_round_without_a_council_cannot_sit(world: CouncilWorld) -> None:
    world.round.council = None
    world.round.save()
    with pytest.raises(DomainError):
        _open(world)
    assert not world.round.sessions.exists()


def test_a_second_chair_is_refused(world: CouncilWorld) -> None:
    before = world.council.members.count()
    with pytest.raises(DomainError):
        council_member_add(council=world.council, full_name="Vi Văn Hùng", role=CouncilRole.CHAIR, actor=SYSTEM_ACTOR)
    assert world.council.members.count() == before


def test_only_accepted_nominations_are_put_to_the_vote(world: CouncilWorld) -> None:
    session = _open(world)
    submitted = Nomination.objects.create(
        round=world.round,
        form=world.area_form,
        area=make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=world.round.issuer),
        nominated_by=world.round.issuer,
        status=NominationStatus.SUBMITTED,
    )
    with pytest.raises(DomainError):
        ballot_open(session=session, nomination=submitted, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    assert not BallotBox.objects.exists()


def test_a_recused_member_s_vote_is_refused(world: CouncilWorld) -> None:
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    before = _counts()
    with pytest.raises(DomainError) as info:
        vote_cast(box=box, member=world.member("Hoàng Văn Thụ"), choice=Choice.FOR, actor=SYSTEM_ACTOR)
    assert "stepped out" in info.value.reason("en")
    assert _counts() == before
    box.refresh_from_db()
    assert box.votes_for == 0


def test_a_non_member_s_vote_is_refused(world: CouncilWorld, cast: Cast) -> None:
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    other = council_create_other(cast)
    before = _counts()
    with pytest.raises(DomainError) as info:
        vote_cast(box=box, member=other, choice=Choice.FOR, actor=SYSTEM_ACTOR)
    assert "is not a member of the council" in info.value.reason("en")
    assert _counts() == before


def council_create_other(cast: Cast):
    from thidua.awards.council.services import council_create

    other = council_create(unit=cast.cho_moi, name="Hội đồng huyện Chợ Mới", actor=SYSTEM_ACTOR)
    return council_member_add(council=other, full_name="Lường Văn Sơn", role=CouncilRole.MEMBER, actor=SYSTEM_ACTOR)


def test_an_absent_member_s_vote_is_refused(world: CouncilWorld) -> None:
    session = _open(world, present=8)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.HANDS, actor=SYSTEM_ACTOR)
    with pytest.raises(DomainError) as info:
        vote_cast(box=box, member=world.members[8], choice=Choice.FOR, actor=SYSTEM_ACTOR)
    assert "not recorded as present" in info.value.reason("en")
    assert not NamedVote.objects.exists()


def test_a_second_vote_from_one_member_is_refused(world: CouncilWorld) -> None:
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    vote_cast(box=box, member=world.members[0], choice=Choice.FOR, actor=SYSTEM_ACTOR)
    before = _counts()
    with pytest.raises(DomainError) as info:
        vote_cast(box=box, member=world.members[0], choice=Choice.AGAINST, actor=SYSTEM_ACTOR)
    assert "already voted" in info.value.reason("en")
    assert _counts() == before
    box.refresh_from_db()
    assert (box.votes_for, box.votes_against) == (1, 0)


def test_a_vote_with_an_objection_unanswered_is_refused(world: CouncilWorld) -> None:
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    PublicObjection.objects.create(round=world.round, text="Khu dân cư còn để xảy ra tệ nạn")
    with pytest.raises(DomainError) as info:
        vote_cast(box=box, member=world.members[0], choice=Choice.FOR, actor=SYSTEM_ACTOR)
    assert info.value.reason("en").startswith("The council may not vote yet:")
    assert not BallotParticipation.objects.exists()


def test_a_vote_while_the_consultation_is_open_is_refused(world: CouncilWorld) -> None:
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    # The consultation was extended past the session's day (a republished list).
    world.round.consultation_until = HELD_ON
    world.round.save()
    box = BallotBox.objects.get(pk=box.pk)
    with pytest.raises(DomainError):
        vote_cast(box=box, member=world.members[0], choice=Choice.FOR, actor=SYSTEM_ACTOR)
    assert not BallotParticipation.objects.exists()


def test_a_secret_ballot_keeps_no_trace_of_who_voted_what(world: CouncilWorld) -> None:
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    first = AuditEntry.objects.order_by("-id").first()
    assert first is not None
    choices = [Choice.FOR, Choice.AGAINST, Choice.FOR, Choice.ABSTAIN, Choice.FOR]
    for member, choice in zip(world.members, choices, strict=False):
        vote_cast(box=box, member=member, choice=choice, actor=SYSTEM_ACTOR)
    box.refresh_from_db()
    assert (box.votes_for, box.votes_against, box.votes_abstain) == (3, 1, 1)
    assert not NamedVote.objects.exists()
    # A participation has only the box and the member: nothing of the choice, no time.
    assert {f.name for f in BallotParticipation._meta.concrete_fields} == {"id", "box", "member"}
    assert BallotParticipation.objects.filter(box=box).count() == 5
    entries = AuditEntry.objects.filter(id__gt=first.pk)
    assert entries.count() == 5
    for entry in entries:
        text = f"{entry.object_repr} {entry.changes} {entry.reason}".lower()
        assert not any(word in text for word in ("for", "against", "abstain", "votes"))
        assert set(entry.changes) == {"box", "member"}


def test_a_show_of_hands_is_named(world: CouncilWorld) -> None:
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.HANDS, actor=SYSTEM_ACTOR)
    vote_cast(box=box, member=world.members[2], choice=Choice.AGAINST, actor=SYSTEM_ACTOR)
    assert NamedVote.objects.get(box=box).choice == Choice.AGAINST


def test_more_than_half_fails_at_exactly_half_and_passes_at_half_plus_one(cast: Cast) -> None:
    world = council_world(cast, members=8)
    # Hoàng Văn Thụ is not among the eight: no recusal.
    session = session_open(round=world.round, held_on=HELD_ON, present=world.members, actor=SYSTEM_ACTOR)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    ballot_tally_record(box=box, votes_for=4, votes_against=3, votes_abstain=1, actor=SYSTEM_ACTOR)
    closed = ballot_close(box=box, actor=SYSTEM_ACTOR)
    assert closed.passed is False and closed.tally_detail.startswith("4/8 = 50% ≤ 50%")
    other = ballot_open(
        session=session, nomination=world.person_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR
    )
    world.person_form.pass_rule = PassRule.MORE_THAN_HALF
    world.person_form.save()
    ballot_tally_record(box=other, votes_for=5, votes_against=3, votes_abstain=0, actor=SYSTEM_ACTOR)
    assert ballot_close(box=other, actor=SYSTEM_ACTOR).passed is True
    assert [n.pk for n, _box in passed_nominations(world.round)] == [world.person_nomination.pk]


def test_seventy_percent_of_members_passes_at_seventy_percent_exactly(cast: Cast) -> None:
    world = council_world(cast, members=9)
    session = _open(world)
    world.person_form.pass_share = "2/3"
    world.person_form.save()
    box = ballot_open(
        session=session, nomination=world.person_nomination, method=BallotMethod.HANDS, actor=SYSTEM_ACTOR
    )
    voters = [m for m in world.members if m.full_name != "Hoàng Văn Thụ"]
    for member in voters[:6]:
        vote_cast(box=box, member=member, choice=Choice.FOR, actor=SYSTEM_ACTOR)
    for member in voters[6:]:
        vote_cast(box=box, member=member, choice=Choice.AGAINST, actor=SYSTEM_ACTOR)
    closed = ballot_close(box=box, actor=SYSTEM_ACTOR)
    # 6 of 9 members is exactly 2/3: "at least" holds.
    assert closed.passed is True and closed.tally_detail.startswith("6/9 = 66,66% ≥ 66,66%")


def test_a_paper_tally_cannot_exceed_the_members_present_minus_the_recused(world: CouncilWorld) -> None:
    session = _open(world)  # 9 present, Hoàng Văn Thụ recused for tổ 8A: 8 may vote
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    with pytest.raises(DomainError) as info:
        ballot_tally_record(box=box, votes_for=6, votes_against=2, votes_abstain=1, actor=SYSTEM_ACTOR)
    assert "only 8 members" in info.value.reason("en")
    box.refresh_from_db()
    assert (box.votes_for, box.votes_against, box.votes_abstain) == (0, 0, 0)
    ballot_tally_record(box=box, votes_for=6, votes_against=2, votes_abstain=0, actor=SYSTEM_ACTOR)
    box.refresh_from_db()
    assert box.votes_for == 6


def test_a_session_closes_only_after_its_ballots_and_then_takes_no_vote(world: CouncilWorld) -> None:
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    with pytest.raises(DomainError):
        session_close(session=session, actor=SYSTEM_ACTOR)
    ballot_close(box=box, actor=SYSTEM_ACTOR)
    session_close(session=session, actor=SYSTEM_ACTOR)
    box.refresh_from_db()
    with pytest.raises(DomainError):
        vote_cast(box=box, member=world.members[0], choice=Choice.FOR, actor=SYSTEM_ACTOR)
    assert not BallotParticipation.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_members_voting_at_the_same_time_are_all_counted(cast: Cast) -> None:
    world = council_world(cast)
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    voters = [m for m in world.members if m.full_name != "Hoàng Văn Thụ"]
    barrier = threading.Barrier(len(voters))
    errors: list[BaseException] = []

    def vote(member) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            vote_cast(box=BallotBox.objects.get(pk=box.pk), member=member, choice=Choice.FOR, actor=SYSTEM_ACTOR)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(m,)) for m in voters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    box.refresh_from_db()
    assert box.votes_for == len(voters) == BallotParticipation.objects.filter(box=box).count()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_member_voting_twice_at_once_is_counted_once(cast: Cast) -> None:
    world = council_world(cast)
    session = _open(world)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    barrier = threading.Barrier(4)
    refused: list[DomainError] = []

    def vote() -> None:
        try:
            barrier.wait()
            vote_cast(
                box=BallotBox.objects.get(pk=box.pk), member=world.members[0], choice=Choice.FOR, actor=SYSTEM_ACTOR
            )
        except DomainError as exc:
            refused.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    box.refresh_from_db()
    assert box.votes_for == 1 and len(refused) == 3
