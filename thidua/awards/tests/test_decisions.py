"""The numbered decision of a round: numbers, quota, one achievement one award, immutability, revocation."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.awards.decisions.services import (
    award_revoke,
    decision_issue,
    decision_revoke,
    proposal_outcome_record,
    proposal_send,
)
from thidua.awards.models import (
    Award,
    AwardDecision,
    Organ,
    Proposal,
    ProposalStatus,
    RoundStatus,
)
from thidua.awards.rounds.services import round_status_set
from thidua.awards.tests.fixtures_decisions import LEGAL_BASES, SUBJECT, RoundData, build_round, nominate
from thidua.errors import DomainError
from thidua.register.models import EntryKind, RegisterSequence
from thidua.register.services import number_claim, number_take
from thidua.testing import Cast

ISSUED_ON = datetime.date(2014, 1, 10)


@pytest.fixture
def data(cast: Cast) -> RoundData:
    return build_round(cast)


def issue(data: RoundData, actor: Any, **overrides: Any) -> AwardDecision:
    values: dict[str, Any] = {
        "round": data.round,
        "form_codes": ["gk-kdc", "gk-bctmt"],
        "issued_on": ISSUED_ON,
        "subject": SUBJECT,
        "legal_bases": LEGAL_BASES,
        "signer_prefix": "",
        "signer_title": "Chủ tịch",
        "signer_name": "Nguyễn Văn Du",
        "recipients_note": "Như Điều 3;\nThường trực Thị ủy (b/c);",
        "actor": actor,
    }
    values.update(overrides)
    return decision_issue(**values)


def counts() -> tuple[int, int, int, list[int]]:
    return (
        AwardDecision.objects.count(),
        Award.objects.count(),
        AuditEntry.objects.filter(action__startswith="awards.").count(),
        list(RegisterSequence.objects.order_by("pk").values_list("last", flat=True)),
    )


def refused(call: Any) -> DomainError:
    before = counts()
    with pytest.raises(DomainError) as info:
        call()
    assert counts() == before
    return info.value


# Numbers ----------------------------------------------------------------------------------------


def number_next(*, issuer: Any, organ: str, year: int, symbol: str) -> int:
    del organ  # the organ is the symbol's ("QĐ-UBND", "QĐ-MTTQ")
    return number_take(issuer=issuer, symbol=symbol, issued_on=datetime.date(year, 6, 1), kind=EntryKind.AWARD).number


def test_numbers_follow_each_other_and_restart_each_year(cast: Cast) -> None:
    with transaction.atomic():
        first = [number_next(issuer=cast.town, organ=Organ.UBND, year=2014, symbol="QĐ-UBND") for _ in range(3)]
        next_year = number_next(issuer=cast.town, organ=Organ.UBND, year=2015, symbol="QĐ-UBND")
        other_symbol = number_next(issuer=cast.town, organ=Organ.UBND, year=2014, symbol="TTr-UBND")
    assert first == [1, 2, 3]
    assert next_year == 1
    assert other_symbol == 1


def test_numbers_skip_past_recognition_decisions_of_the_same_register(cast: Cast) -> None:
    with transaction.atomic():
        number_claim(issuer=cast.town, symbol="QĐ-UBND", number=7, issued_on=ISSUED_ON, kind=EntryKind.RECOGNITION)
        assert number_next(issuer=cast.town, organ=Organ.UBND, year=2014, symbol="QĐ-UBND") == 8
        # The Front's register is another one: its decisions start at 1.
        assert number_next(issuer=cast.town, organ=Organ.MTTQ, year=2014, symbol="QĐ-MTTQ") == 1


@pytest.mark.django_db(transaction=True)
def test_a_number_is_only_given_inside_a_transaction(cast: Cast) -> None:
    with pytest.raises(RuntimeError):
        number_next(issuer=cast.town, organ=Organ.UBND, year=2014, symbol="QĐ-UBND")


def test_a_failed_issue_leaves_no_gap(data: RoundData, cast: Cast) -> None:
    officer = cast["backan"]
    first = issue(data, officer, form_codes=["gk-kdc"])
    # A later round's issue fails after its number was taken (tổ 8A's window overlaps): rolled back …
    later = build_round_later(data, cast)
    refused(lambda: issue(later, officer, form_codes=["gk-kdc"]))
    assert RegisterSequence.objects.get(issuer=cast.town, year=2014, type_symbol="QĐ").last == 1
    # … so the next decision of the year takes 02, not 03.
    second = issue(data, officer, form_codes=["gk-bctmt"])
    assert (first.number, second.number) == (1, 2)
    assert str(second) == "02/QĐ-UBND"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_issuing_at_once_get_consecutive_numbers(cast: Cast) -> None:
    barrier = threading.Barrier(2)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def allocate() -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                number = number_next(issuer=cast.town, organ=Organ.UBND, year=2014, symbol="QĐ-UBND")
                # Hold the lock a little, so that the other thread really waits on it.
                connection.cursor().execute("SELECT pg_sleep(0.2)")
                numbers.append(number)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=allocate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(numbers) == [1, 2]
    assert RegisterSequence.objects.get(issuer=cast.town, year=2014, type_symbol="QĐ").last == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_whole_issues_at_once_never_share_a_number(cast: Cast) -> None:
    data = build_round(cast)
    officer = cast["backan"]
    barrier = threading.Barrier(2)
    issued: list[str] = []
    errors: list[BaseException] = []

    def run(codes: list[str]) -> None:
        try:
            barrier.wait(timeout=10)
            issued.append(str(issue(data, officer, form_codes=codes)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(codes,)) for codes in (["gk-kdc"], ["gk-bctmt"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(issued) == ["01/QĐ-UBND", "02/QĐ-UBND"]


# Issue ------------------------------------------------------------------------------------------


def test_it_issues_the_decision_with_one_award_per_passed_nomination(data: RoundData, cast: Cast) -> None:
    decision = issue(data, cast["backan"])
    assert (decision.number, decision.symbol, decision.year) == (1, "QĐ-UBND", 2014)
    assert str(decision) == "01/QĐ-UBND"
    awards = Award.objects.filter(decision=decision)
    assert awards.count() == 5
    assert {(a.window_start, a.window_end) for a in awards} == {(2009, 2013)}
    data.round.refresh_from_db()
    assert data.round.status == RoundStatus.DECIDED
    assert AuditEntry.objects.filter(action="awards.decision_issue", object_id=str(decision.pk)).exists()


def test_the_front_committee_numbers_its_decisions_qd_mttq(data: RoundData, cast: Cast) -> None:
    data.round.organ = Organ.MTTQ
    data.round.save()
    assert issue(data, cast["backan"]).symbol == "QĐ-MTTQ"


def test_a_nomination_the_council_refused_gets_no_award(data: RoundData, cast: Cast) -> None:
    data.boxes["12"].passed = False
    data.boxes["12"].save()
    decision = issue(data, cast["backan"])
    assert not Award.objects.filter(nomination=data.nominations["12"]).exists()
    assert decision.awards.count() == 4


def test_it_refuses_a_round_without_closed_ballots(cast: Cast) -> None:
    data = build_round(cast, ballots_closed=False)
    error = refused(lambda: issue(data, cast["backan"]))
    assert "no ballot" in error.text("en")


def test_it_refuses_over_the_quota_with_the_numbers_and_the_ranking(data: RoundData, cast: Cast) -> None:
    data.area_form.quota_count = 2
    data.area_form.save()
    error = refused(lambda: issue(data, cast["backan"]))
    text = error.text("en")
    assert "3 nominations passed but the quota is 2" in text
    # Ranked by votes for: tổ 8A (9), tổ 2 (8), tổ 12 (6).
    assert text.index("1. tổ 8A [#") < text.index("2. tổ 2 [#") < text.index("3. tổ 12 [#")


def test_at_the_quota_exactly_it_issues(data: RoundData, cast: Cast) -> None:
    data.area_form.quota_count = 3
    data.area_form.save()
    assert issue(data, cast["backan"], form_codes=["gk-kdc"]).awards.count() == 3


def test_the_officer_narrows_to_the_quota_with_a_selection(data: RoundData, cast: Cast) -> None:
    data.area_form.quota_count = 2
    data.area_form.save()
    chosen = [data.nominations["8a"].pk, data.nominations["2"].pk]
    decision = issue(data, cast["backan"], form_codes=["gk-kdc"], select=chosen)
    assert sorted(decision.awards.values_list("nomination_id", flat=True)) == sorted(chosen)


def test_it_refuses_an_overlapping_window_one_achievement_one_award(data: RoundData, cast: Cast) -> None:
    first = issue(data, cast["backan"], form_codes=["gk-kdc"])
    # Another round of 2011–2015 nominates tổ 8A again: its window overlaps 2009–2013.
    later = build_round_later(data, cast)
    error = refused(lambda: issue(later, cast["backan"], form_codes=["gk-kdc"]))
    assert str(first) in error.text("en")
    assert "one achievement, one award" in error.text("en")


def build_round_later(data: RoundData, cast: Cast) -> RoundData:
    from thidua.awards.models import AwardForm, CouncilSession, Round

    round = Round.objects.create(
        name="Đợt sau", issuer=cast.town, organ=Organ.UBND, period_start=2011, period_end=2013, status="council"
    )
    form = AwardForm.objects.create(
        round=round, code="gk-kdc", name="Giấy khen", subject="area", kind="give", awarding_body="UBND"
    )
    session = CouncilSession.objects.create(round=round, held_on=datetime.date(2014, 1, 5))
    later = RoundData(round, form, form, form, session, data.areas, data.people)
    nominate(later, "8a", form, area=cast.to_8a)
    return later


def test_an_adjacent_window_is_not_an_overlap(data: RoundData, cast: Cast) -> None:
    issue(data, cast["backan"], form_codes=["gk-kdc"])
    later = build_round_later(data, cast)
    later.round.period_start, later.round.period_end = 2014, 2015
    later.round.save()
    assert issue(later, cast["backan"], form_codes=["gk-kdc"], issued_on=datetime.date(2016, 1, 10)).awards.count() == 1


def test_a_revoked_award_frees_its_window(data: RoundData, cast: Cast) -> None:
    first = issue(data, cast["backan"], form_codes=["gk-kdc"])
    decision_revoke(decision=first, on=datetime.date(2014, 3, 1), reason="Sai sót hồ sơ", actor=cast["backan"])
    later = build_round_later(data, cast)
    assert issue(later, cast["backan"], form_codes=["gk-kdc"], issued_on=datetime.date(2016, 1, 10)).number == 1


def test_it_refuses_a_propose_form_in_a_decision(data: RoundData, cast: Cast) -> None:
    error = refused(lambda: issue(data, cast["backan"], form_codes=["gk-mttq-tinh"]))
    assert "does not belong here" in error.text("en")


def test_it_refuses_a_decision_without_legal_bases_or_signer(data: RoundData, cast: Cast) -> None:
    refused(lambda: issue(data, cast["backan"], legal_bases=["  "]))
    refused(lambda: issue(data, cast["backan"], signer_name=""))


def test_it_refuses_a_decision_before_the_period_ends(data: RoundData, cast: Cast) -> None:
    refused(lambda: issue(data, cast["backan"], issued_on=datetime.date(2012, 12, 30)))


def test_it_refuses_a_round_before_the_council(data: RoundData, cast: Cast) -> None:
    round_status_set(round=data.round, to=RoundStatus.CONSULTING, actor=cast["backan"])
    refused(lambda: issue(data, cast["backan"]))


# Immutability and revocation ----------------------------------------------------------------------


def test_an_issued_decision_cannot_be_edited_through_the_orm(data: RoundData, cast: Cast) -> None:
    decision = issue(data, cast["backan"])
    decision.signer_name = "Người khác"
    with pytest.raises(DomainError):
        decision.save()
    decision.refresh_from_db()
    assert decision.signer_name == "Nguyễn Văn Du"
    award = decision.awards.first()
    assert award is not None
    award.window_start = 2010
    with pytest.raises(DomainError):
        award.save()


def test_decisions_and_awards_are_never_deleted(data: RoundData, cast: Cast) -> None:
    decision = issue(data, cast["backan"])
    award = decision.awards.first()
    assert award is not None
    with pytest.raises(DomainError), transaction.atomic():
        award.delete()
    assert Award.objects.filter(pk=award.pk).exists()


@pytest.mark.postgres
def test_the_database_refuses_an_update_but_lets_a_revocation_through(data: RoundData, cast: Cast) -> None:
    # QuerySet.update skips the signals: only the trigger of migration awards.0002 stands in the way.
    decision = issue(data, cast["backan"])
    with pytest.raises(Exception, match="immutable"), transaction.atomic():
        AwardDecision.objects.filter(pk=decision.pk).update(signer_name="X")
    AwardDecision.objects.filter(pk=decision.pk).update(revoked_on=datetime.date(2014, 3, 1), revocation_reason="r")
    decision.refresh_from_db()
    assert (decision.signer_name, decision.revoked_on) == ("Nguyễn Văn Du", datetime.date(2014, 3, 1))


def test_revoking_without_a_reason_is_refused(data: RoundData, cast: Cast) -> None:
    decision = issue(data, cast["backan"])
    refused(lambda: decision_revoke(decision=decision, on=datetime.date(2014, 3, 1), reason="  ", actor=cast["backan"]))
    decision.refresh_from_db()
    assert decision.revoked_on is None


def test_a_revoked_decision_keeps_its_row_and_its_awards(data: RoundData, cast: Cast) -> None:
    decision = issue(data, cast["backan"])
    decision_revoke(decision=decision, on=datetime.date(2014, 3, 1), reason="Phát hiện sai sót", actor=cast["backan"])
    decision.refresh_from_db()
    assert (decision.revoked_on, decision.revocation_reason, decision.revoked_by) == (
        datetime.date(2014, 3, 1),
        "Phát hiện sai sót",
        cast["backan"],
    )
    assert (decision.number, decision.signer_name) == (1, "Nguyễn Văn Du")
    assert decision.awards.count() == 5
    assert set(decision.awards.values_list("revoked_on", flat=True)) == {datetime.date(2014, 3, 1)}
    refused(
        lambda: decision_revoke(decision=decision, on=datetime.date(2014, 4, 1), reason="lần hai", actor=SYSTEM_ACTOR)
    )


def test_revoking_before_the_issue_date_is_refused(data: RoundData, cast: Cast) -> None:
    decision = issue(data, cast["backan"])
    refused(lambda: decision_revoke(decision=decision, on=datetime.date(2014, 1, 9), reason="r", actor=SYSTEM_ACTOR))


def test_one_award_is_revoked_alone(data: RoundData, cast: Cast) -> None:
    decision = issue(data, cast["backan"])
    award = decision.awards.get(nomination=data.nominations["thu"])
    refused(lambda: award_revoke(award=award, on=datetime.date(2014, 2, 1), reason="", actor=SYSTEM_ACTOR))
    award_revoke(award=award, on=datetime.date(2014, 2, 1), reason="Không đúng đối tượng", actor=cast["backan"])
    assert decision.awards.filter(revoked_on__isnull=True).count() == 4
    decision.refresh_from_db()
    assert decision.revoked_on is None


# Proposals -------------------------------------------------------------------------------------------


def test_a_proposal_is_numbered_ttr_and_its_outcome_makes_awards(data: RoundData, cast: Cast) -> None:
    proposal = proposal_send(
        round=data.round,
        form_code="gk-mttq-tinh",
        sent_on=datetime.date(2014, 1, 15),
        to_body="Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        actor=cast["backan"],
    )
    assert str(proposal) == "01/TTr-UBND"
    assert list(proposal.nominations.all()) == [data.nominations["13"]]
    proposal_outcome_record(
        proposal=proposal,
        status=ProposalStatus.DECIDED,
        higher_decision="125/QĐ-MTTQ-BTT ngày 20/4/2014",
        higher_decided_on=datetime.date(2014, 4, 20),
        nominations=[data.nominations["13"]],
        actor=cast["backan"],
    )
    award = Award.objects.get(nomination=data.nominations["13"])
    assert (award.proposal, award.decision, award.window_start, award.window_end) == (proposal, None, 2009, 2013)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED


def test_a_proposal_outcome_is_refused_for_a_stranger_or_without_citation(data: RoundData, cast: Cast) -> None:
    proposal = proposal_send(
        round=data.round,
        form_code="gk-mttq-tinh",
        sent_on=datetime.date(2014, 1, 15),
        to_body="Tỉnh",
        actor=SYSTEM_ACTOR,
    )
    common = {"proposal": proposal, "actor": cast["backan"], "higher_decided_on": datetime.date(2014, 4, 20)}
    refused(
        lambda: proposal_outcome_record(
            status="decided", higher_decision="125", nominations=[data.nominations["8a"]], **common
        )
    )
    refused(
        lambda: proposal_outcome_record(
            status="decided", higher_decision="", nominations=[data.nominations["13"]], **common
        )
    )
    refused(
        lambda: proposal_outcome_record(
            status="refused", higher_decision="", nominations=[data.nominations["13"]], **common
        )
    )
    proposal_outcome_record(status="refused", higher_decision="", nominations=[], **common)
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.REFUSED
    assert not Award.objects.filter(proposal=proposal).exists()


def test_a_give_form_cannot_be_proposed(data: RoundData, cast: Cast) -> None:
    refused(
        lambda: proposal_send(
            round=data.round, form_code="gk-kdc", sent_on=datetime.date(2014, 1, 15), to_body="Tỉnh", actor=SYSTEM_ACTOR
        )
    )


def test_a_nomination_is_proposed_once(data: RoundData, cast: Cast) -> None:
    proposal_send(
        round=data.round, form_code="gk-mttq-tinh", sent_on=datetime.date(2014, 1, 15), to_body="T", actor=SYSTEM_ACTOR
    )
    refused(
        lambda: proposal_send(
            round=data.round,
            form_code="gk-mttq-tinh",
            sent_on=datetime.date(2014, 1, 16),
            to_body="T",
            actor=SYSTEM_ACTOR,
        )
    )
