"""The candidates of a round on generated data: evidence, reasons, higher forms, windows, scale."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.models import Award, AwardDecision, Nomination, Organ
from thidua.awards.rounds.candidates import CandidateRow, candidate_check, round_candidates
from thidua.awards.tests.fixtures_rounds import RoundData, area_years, build_round, head
from thidua.evaluations.models import AreaYear, CertificateAward, Decision, StreakKind
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind
from thidua.units.services import areas_merge

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


@pytest.fixture
def data(cast: Cast) -> RoundData:
    return build_round(cast, actor=cast["backan"])


def _row(rows: list[CandidateRow], form: object, subject: object) -> CandidateRow:
    return next(r for r in rows if r.form == form and (r.area == subject or r.person == subject))


def _failed(row: CandidateRow) -> list[str]:
    return [c.rule for c in row.result.checks if not c.passed]


def test_an_area_titled_every_year_is_a_candidate_with_its_decisions_and_tiers(data: RoundData) -> None:
    rows = round_candidates(data.round)
    row = _row(rows, data.area_form, data.good)
    assert row.eligible
    assert row.commune.name == "Đức Xuân"
    assert row.evidence["years"]["2010"] == {
        "titled": True,
        "decision": "05/QĐ-UBND 20/12/2010",
        "tier": "kha",
        "tier_label": "Fair",
        "points": "",
        "gdvh": "90/100",
        "grade": "kha",
    }
    assert "2009–2013: cultural area 5/5 years" in [c.detail for c in row.result.checks]


def test_areas_failing_a_check_are_listed_with_the_failing_check(data: RoundData) -> None:
    rows = round_candidates(data.round, form=data.area_form)
    gap, weak = _row(rows, data.area_form, data.gap), _row(rows, data.area_form, data.weak)
    assert not gap.eligible and _failed(gap) == ["title_years"]
    assert not weak.eligible and _failed(weak) == ["min_tier"]
    assert "2012: tier Average < Fair" in weak.result.checks[1].detail
    assert all(r.form == data.area_form for r in rows)
    assert data.far not in [r.area for r in rows]


def test_an_area_eligible_for_the_higher_form_is_listed_there_and_noted_in_the_lower(data: RoundData) -> None:
    rows = round_candidates(data.round)
    upper, lower = _row(rows, data.province_form, data.best), _row(rows, data.area_form, data.best)
    assert upper.eligible and "listed_under" not in upper.evidence
    assert lower.evidence["listed_under"] == "gk-mttq-tinh"
    assert any(c.rule == "higher_form" for c in lower.result.checks)
    assert not _row(rows, data.province_form, data.good).eligible


def test_a_trưởng_ban_of_a_cultural_area_for_the_whole_period_is_eligible_with_terms(data: RoundData) -> None:
    rows = round_candidates(data.round, form=data.head_form)
    lan = _row(rows, data.head_form, data.lan)
    assert lan.eligible
    assert lan.person_area == data.good
    assert lan.evidence["terms"] == [{"area": "tổ 1", "area_id": data.good.pk, "from": "01/03/2008", "to": ""}]
    assert lan.evidence["years"]["2009"]["months"] == 12
    short = _row(rows, data.head_form, data.short)
    assert not short.eligible
    assert "2009: 5 months" in short.result.checks[0].detail


def test_a_unit_filter_keeps_its_subtree_only(data: RoundData, cast: Cast) -> None:
    rows = round_candidates(data.round, unit=cast.song_cau)
    assert {r.area for r in rows if r.area} == {data.song}
    assert not [r for r in rows if r.person]


def test_why_not_for_an_area_outside_the_issuer_fails_the_scope(data: RoundData) -> None:
    row = candidate_check(data.round, data.area_form, area=data.far)
    assert not row.eligible
    assert _failed(row) == ["in_scope"]
    assert row.commune.name == "Đồng Tâm"


def test_why_not_for_a_person_without_a_term(data: RoundData) -> None:
    from thidua.people.models import Person

    nobody = Person.objects.create(full_name="Ma Văn Không")
    row = candidate_check(data.round, data.head_form, person=nobody)
    assert not row.eligible
    assert "never Trưởng ban" in row.result.checks[0].detail


def test_candidate_check_agrees_with_the_list(data: RoundData) -> None:
    rows = round_candidates(data.round)
    for subject, form in ((data.good, data.area_form), (data.best, data.area_form), (data.weak, data.area_form)):
        listed = _row(rows, form, subject)
        checked = candidate_check(data.round, form, area=subject)
        assert (checked.eligible, checked.result, checked.evidence) == (listed.eligible, listed.result, listed.evidence)
    checked = candidate_check(data.round, data.head_form, person=data.lan)
    assert checked.eligible and checked.evidence == _row(rows, data.head_form, data.lan).evidence


def test_an_award_overlapping_the_period_makes_the_area_not_eligible_citing_the_decision(
    data: RoundData, cast: Cast
) -> None:
    previous = build_previous_award(cast, data)
    row = candidate_check(data.round, data.area_form, area=data.good)
    assert not row.eligible
    assert _failed(row) == ["window_not_reused"]
    assert "03/QĐ-UBND 10/01/2012" in row.result.checks[-1].detail
    assert row.already_awarded == ["2009–2011: " + previous]
    # A revoked award frees its window.
    Award.objects.update(revoked_on=D(2013, 1, 1))
    assert candidate_check(data.round, data.area_form, area=data.good).eligible


def build_previous_award(cast: Cast, data: RoundData) -> str:
    from thidua.awards.rounds import services

    old = services.round_create(
        name="Đợt 2009–2011", issuer=cast.town, organ=Organ.UBND, period_start=2009, period_end=2011, actor=SYSTEM_ACTOR
    )
    form = services.award_form_add(
        round=old,
        code="gk",
        name="Giấy khen",
        subject="area",
        kind="give",
        awarding_body="UBND",
        rank=0,
        criteria={},
        actor=SYSTEM_ACTOR,
    )
    nomination = Nomination.objects.create(round=old, form=form, area=data.good, nominated_by=cast.duc_xuan)
    decision = AwardDecision.objects.create(
        round=old, issuer=cast.town, organ=Organ.UBND, year=2012, number=3, symbol="QĐ-UBND",
        issued_on=D(2012, 1, 10), subject="Về việc khen thưởng", signer_title="Chủ tịch", signer_name="A",
    )  # fmt: skip
    Award.objects.create(
        nomination=nomination, form=form, area=data.good, window_start=2009, window_end=2011, decision=decision
    )
    return "Giấy khen, 03/QĐ-UBND 10/01/2012"


def test_a_certificate_of_the_yearly_cycle_overlapping_the_period_also_counts(data: RoundData) -> None:
    CertificateAward.objects.create(
        kind=StreakKind.AREA, area=data.good, window_start=2013, window_end=2017, decision="12/QĐ-UBND",
        decided_on=D(2018, 1, 5),
    )  # fmt: skip
    row = candidate_check(data.round, data.area_form, area=data.good)
    assert not row.eligible
    assert "12/QĐ-UBND 05/01/2018" in row.result.checks[-1].detail


def test_a_merged_area_carries_the_title_years_of_its_largest_predecessor(data: RoundData, cast: Cast) -> None:
    decided = {d.year: d for d in Decision.objects.all()}
    small = make_unit(code="01840-S", name="S", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    big = make_unit(code="01840-B", name="B", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    area_years(small, decided, titled=[2009, 2010])
    AreaYear.objects.filter(area=small).update(households=40)
    AreaYear.objects.bulk_create(
        [AreaYear(area=big, year=y, titled=True, mttq_tier="kha", households=300) for y in (2009, 2010, 2011)]
    )
    merged = areas_merge(areas=[small], into=big, date=D(2012, 1, 1), actor=SYSTEM_ACTOR)
    area_years_after = [AreaYear(area=merged, year=y, titled=True, mttq_tier="kha") for y in (2012, 2013)]
    AreaYear.objects.bulk_create(area_years_after)
    row = candidate_check(data.round, data.area_form, area=merged)
    assert row.eligible, row.result
    assert small not in [r.area for r in round_candidates(data.round, form=data.area_form)]


@pytest.mark.postgres
def test_the_queries_do_not_grow_with_the_number_of_areas(data: RoundData, cast: Cast) -> None:
    with CaptureQueriesContext(connection) as few:
        round_candidates(data.round)
    decided = {d.year: d for d in Decision.objects.all()}
    for n in range(30):
        area = make_unit(code=f"X{n}", name=f"X{n}", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau)
        area_years(area, decided)
        head(area, f"Người {n}", D(2005, 1, 1))
    with CaptureQueriesContext(connection) as many:
        rows = round_candidates(data.round)
    assert len(rows) > 60
    assert len(many) == len(few)
