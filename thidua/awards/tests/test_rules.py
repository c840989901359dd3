"""The eligibility, quota and ranking rules of a round at their boundaries, without a database."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from django.utils import translation

from thidua.awards import rules
from thidua.awards.rules import AreaFacts, AreaYearFacts, PersonFacts, Ranked, Rewarded, Term
from thidua.errors import DomainError

D = datetime.date
TIERS = [["tot", 90], ["kha", 70], ["trung_binh", 50], ["yeu", 0]]
PERIOD = range(2009, 2014)


@pytest.fixture(autouse=True)
def _english() -> object:
    # The details are checked in English (the msgids); the Vietnamese comes from the catalogue.
    with translation.override("en"):
        yield


def _area(titled: set[int] | None = None, tiers: dict[int, str] | None = None, **kw: object) -> AreaFacts:
    titled = set(PERIOD) if titled is None else titled
    tiers = tiers or {}
    years = {
        y: AreaYearFacts(y, y in titled, decision=f"0{y - 2008}/QĐ-UBND 20/12/{y}", tier=tiers.get(y, "kha"))
        for y in PERIOD
    }
    return AreaFacts(2009, 2013, years, **kw)  # type: ignore[arg-type]


def _check(result: rules.Result, rule: str) -> rules.Check:
    return next(c for c in result.checks if c.rule == rule)


def test_an_area_titled_every_year_of_the_period_is_eligible_and_says_five_of_five() -> None:
    result = rules.area_eligibility(_area(), criteria={"title_years": "all"}, tiers=TIERS)
    assert result.outcome is True
    assert _check(result, "title_years").detail == "2009–2013: cultural area 5/5 years"


def test_an_area_missing_one_title_year_is_not_eligible_and_names_the_year() -> None:
    result = rules.area_eligibility(_area(titled={2009, 2010, 2012, 2013}), criteria={}, tiers=TIERS)
    assert result.outcome is False
    detail = _check(result, "title_years").detail
    assert "4/5" in detail and "2011" in detail


def test_a_number_of_title_years_is_met_at_exactly_that_number() -> None:
    four = rules.area_eligibility(_area(titled={2009, 2010, 2012, 2013}), criteria={"title_years": 4}, tiers=TIERS)
    three = rules.area_eligibility(_area(titled={2009, 2010, 2013}), criteria={"title_years": 4}, tiers=TIERS)
    assert four.outcome is True
    assert three.outcome is False


def test_a_tier_exactly_at_the_minimum_passes_and_one_below_fails_naming_both_tiers() -> None:
    at = rules.area_eligibility(_area(), criteria={"min_tier": "kha"}, tiers=TIERS)
    below = rules.area_eligibility(_area(tiers={2011: "trung_binh"}), criteria={"min_tier": "kha"}, tiers=TIERS)
    assert at.outcome is True
    assert below.outcome is False
    assert "2011: tier Average < Fair" in _check(below, "min_tier").detail


def test_a_year_without_a_front_evaluation_fails_the_tier() -> None:
    facts = _area(tiers={2012: ""})
    result = rules.area_eligibility(facts, criteria={"min_tier": "kha", "min_tier_years": "all"}, tiers=TIERS)
    assert result.outcome is False
    assert "2012" in _check(result, "min_tier").detail
    some = rules.area_eligibility(facts, criteria={"min_tier": "kha", "min_tier_years": 4}, tiers=TIERS)
    assert some.outcome is True


def test_the_share_of_cultural_families_counts_a_titled_year_only_at_or_above_the_minimum() -> None:
    years = {y: AreaYearFacts(y, True, gdvh_households=80, households=100) for y in PERIOD}
    at = AreaFacts(2009, 2013, years)
    assert rules.area_eligibility(at, criteria={"min_gdvh_share": "0.8"}, tiers=TIERS).outcome is True
    below = AreaFacts(2009, 2013, {**years, 2010: AreaYearFacts(2010, True, gdvh_households=79, households=100)})
    assert rules.area_eligibility(below, criteria={"min_gdvh_share": "0.8"}, tiers=TIERS).outcome is False


def test_a_window_overlapping_an_award_is_not_reused_and_cites_the_decision() -> None:
    rewarded = (Rewarded(2012, 2014, "Giấy khen, 12/QĐ-UBND 05/01/2015"),)
    result = rules.area_eligibility(_area(rewarded=rewarded), criteria={}, tiers=TIERS)
    assert result.outcome is False
    assert "12/QĐ-UBND 05/01/2015" in _check(result, "window_not_reused").detail


def test_a_window_ending_the_year_before_the_period_does_not_overlap() -> None:
    rewarded = (Rewarded(2004, 2008, "Giấy khen, 03/QĐ-UBND"),)
    assert rules.area_eligibility(_area(rewarded=rewarded), criteria={}, tiers=TIERS).outcome is True


def _person(*terms: tuple[D, D | None], area_years: dict[int, AreaYearFacts] | None = None) -> PersonFacts:
    ts = tuple(Term("1", "tổ 8A", start, end) for start, end in terms)
    years = area_years or {y: AreaYearFacts(y, True, grade="kha") for y in PERIOD}
    return PersonFacts(2009, 2013, ts, {"1": years})


def test_exactly_six_months_in_a_year_counts_and_a_day_less_does_not() -> None:
    exactly = _person((D(2009, 7, 1), None))
    short = _person((D(2009, 7, 2), None))
    criteria = {"min_years_served": "all"}
    assert rules.bctmt_eligibility(exactly, criteria=criteria, tiers=TIERS).outcome is True
    result = rules.bctmt_eligibility(short, criteria=criteria, tiers=TIERS)
    assert result.outcome is False
    assert "2009: 5 months" in _check(result, "years_served").detail


def test_months_of_a_term_ending_mid_year_are_whole_months() -> None:
    assert rules.months_served([Term("1", "a", D(2008, 1, 1), D(2011, 6, 30))], 2011) == {"1": 6}
    assert rules.months_served([Term("1", "a", D(2008, 1, 1), D(2011, 6, 29))], 2011) == {"1": 5}


def test_only_years_of_a_titled_area_count_when_the_form_says_so() -> None:
    years = {y: AreaYearFacts(y, y != 2010) for y in PERIOD}
    person = _person((D(2005, 1, 1), None), area_years=years)
    assert rules.bctmt_eligibility(person, criteria={"min_years_served": 4, "area_titled": True}, tiers=TIERS).outcome
    result = rules.bctmt_eligibility(person, criteria={"min_years_served": 5, "area_titled": True}, tiers=TIERS)
    assert result.outcome is False
    assert "2010" in result.checks[0].detail


def test_a_grade_below_the_minimum_does_not_count_that_year() -> None:
    years = {y: AreaYearFacts(y, True, grade="tot" if y != 2013 else "kha") for y in PERIOD}
    person = _person((D(2005, 1, 1), None), area_years=years)
    result = rules.bctmt_eligibility(person, criteria={"min_years_served": "all", "min_grade": "tot"}, tiers=TIERS)
    assert result.outcome is False
    assert "2013: grade Fair < Good" in result.checks[0].detail


def test_criteria_are_refused_with_the_key_named() -> None:
    with pytest.raises(DomainError) as info:
        rules.criteria_clean("area", {"title_year": 5}, period=5, tiers=TIERS)
    assert "title_year" in info.value.reason("en")
    with pytest.raises(DomainError):
        rules.criteria_clean("area", {"title_years": 6}, period=5, tiers=TIERS)
    with pytest.raises(DomainError):
        rules.criteria_clean("area", {"min_tier": "xuat_sac"}, period=5, tiers=TIERS)
    with pytest.raises(DomainError):
        rules.criteria_clean("bctmt", {"area_titled": True}, period=5, tiers=TIERS)
    assert rules.criteria_clean("area", {"min_tier": "kha"}, period=5, tiers=TIERS) == {
        "title_years": "all",
        "min_tier": "kha",
        "min_tier_years": "all",
    }


@pytest.mark.parametrize(
    ("pool", "share", "rounding", "size"),
    [
        (113, Fraction(15, 100), "floor", 16),
        (113, Fraction(15, 100), "ceil", 17),
        (113, Fraction(15, 100), "half_up", 17),
        (10, Fraction(15, 100), "half_up", 2),  # 1.5 rounds up
        (9, Fraction(15, 100), "half_up", 1),  # 1.35 rounds down
        (20, Fraction(15, 100), "ceil", 3),  # exactly 3: no rounding up
        (6, Fraction(15, 100), "floor", 0),
    ],
)
def test_the_quota_share_rounds_as_the_form_says(pool: int, share: Fraction, rounding: str, size: int) -> None:
    assert rules.quota_size(pool, count=None, share=share, rounding=rounding) == size


def test_with_a_count_and_a_share_the_smaller_wins_and_never_more_than_the_pool() -> None:
    assert rules.quota_size(113, count=24, share=Fraction(15, 100), rounding="floor") == 16
    assert rules.quota_size(113, count=10, share=Fraction(15, 100), rounding="floor") == 10
    assert rules.quota_size(3, count=24, share=None, rounding="floor") == 3
    assert rules.quota_size(5, count=None, share=None, rounding="floor") == 5
    assert "→ 16" in rules.quota_text(113, count=24, share=Fraction(15, 100))


def test_ties_prefer_women_from_1_7_2025_and_go_by_name_before() -> None:
    pool = [
        Ranked("a", 9, name="Ân Văn Bình"),
        Ranked("b", 9, name="Bế Thị Cúc", woman=True),
        Ranked("c", 10, name="Đinh Văn Dũng"),
        Ranked("d", 9, name="Tổ 5", women_share=Fraction(7, 10)),
    ]
    before = rules.rank_candidates(pool, on=D(2025, 6, 30))
    after = rules.rank_candidates(pool, on=D(2025, 7, 1))
    assert [c.id for c in before] == ["c", "a", "b", "d"]
    assert [c.id for c in after] == ["c", "b", "d", "a"]


def test_a_collective_just_under_seventy_percent_women_gets_no_priority() -> None:
    pool = [Ranked("a", 5, name="A"), Ranked("z", 5, name="Z", women_share=Fraction(69, 100))]
    assert [c.id for c in rules.rank_candidates(pool, on=D(2026, 1, 1))] == ["a", "z"]


def test_a_form_may_prefer_women_before_the_decree() -> None:
    pool = [Ranked("a", 5, name="A"), Ranked("z", 5, name="Z", woman=True)]
    assert [c.id for c in rules.rank_candidates(pool, on=D(2014, 1, 1), tie_break=["women"])] == ["z", "a"]


def test_the_quota_text_shows_the_arithmetic() -> None:
    assert rules.quota_text(113, count=None, share=Fraction(15, 100)) == "15% × 113 = 16.95 → 16 (rounded down)"
    assert rules.quota_text(113, count=10, share=Fraction(15, 100)).endswith("at most 10 → 10")
    assert rules.quota_text(7, count=None, share=None) == "no quota: all 7 of the pool"
