"""The rules without a database: every boundary of every regime, and properties that must always hold."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from thidua.campaigns import rules
from thidua.campaigns.parameters import (
    MERGE_POLICY_LABELS,
    PARAMETERS,
    REGISTRY,
    ROUNDING_LABELS,
    TIE_BREAK_LABELS,
    ParameterError,
    defaults_for,
)
from thidua.campaigns.rules import (
    AreaFacts,
    Candidate,
    HouseholdFacts,
    Meeting,
    Predecessor,
    StreakFacts,
    regime_by_key,
    regime_for,
)

D = datetime.date
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # The details are read in English here; the numbers are the same in both languages but the decimal mark.
    with translation.override("en"):
        yield


def params(regime: str, day: datetime.date | None = None, **overrides: Any) -> dict[str, Any]:
    return {**defaults_for(regime, day), **overrides}


def household(
    day: datetime.date, *, convened: int | None = 50, present: int = 30, votes: int = 18, **facts: Any
) -> rules.Result:
    regime = regime_for(day)
    values = params(regime.key, day, **facts.pop("params", {}))
    registered = facts.pop("registered", True)
    data = HouseholdFacts(registered=registered, meeting=Meeting(convened, present, votes), **facts)
    return rules.household_title(data, day=day, regime=regime, params=values)


def check(result: rules.Result, rule: str) -> rules.Check:
    return next(c for c in result.checks if c.rule == rule)


# --- regimes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (D(2006, 6, 23), "qd62-2006"),
        (D(2011, 11, 23), "qd62-2006"),
        (D(2011, 11, 24), "tt12-2011"),
        (D(2018, 11, 4), "tt12-2011"),
        (D(2018, 11, 5), "nd122-2018"),
        (D(2024, 1, 29), "nd122-2018"),
        (D(2024, 1, 30), "nd86-2023"),
        (D(2031, 12, 31), "nd86-2023"),
    ],
)
def test_the_regime_is_chosen_by_the_evaluation_date_on_both_sides_of_each_switch(day: datetime.date, key: str) -> None:
    assert regime_for(day).key == key


@pytest.mark.parametrize("day", [D(2005, 12, 31), D(2006, 6, 22), D(1999, 1, 1)])
def test_a_date_before_the_first_regime_is_refused_with_a_clear_error(day: datetime.date) -> None:
    with pytest.raises(rules.RegimeError) as raised:
        regime_for(day)
    assert "QĐ 62/2006/QĐ-BVHTT" in raised.value.text("en")
    assert day.strftime("%d/%m/%Y") in raised.value.text("en")


def test_the_regimes_cover_every_day_from_the_first_without_gaps_or_overlaps() -> None:
    for before, after in zip(rules.REGIMES, rules.REGIMES[1:], strict=False):
        assert before.end is not None and after.start == before.end + datetime.timedelta(days=1)
    assert rules.REGIMES[-1].end is None


def test_an_unknown_regime_name_is_refused() -> None:
    with pytest.raises(rules.RegimeError, match="nd999"):
        regime_by_key("nd999")


# --- the meeting: quorum and vote (NĐ 122/2018) ----------------------------------------------------


def test_exactly_60_percent_of_those_present_passes_and_one_vote_less_fails() -> None:
    passed = household(D(2019, 11, 20), present=30, votes=18)
    assert passed.outcome is True
    assert check(passed, "vote").detail == "18/30 = 60% ≥ 60%"
    failed = household(D(2019, 11, 20), present=30, votes=17)
    assert failed.outcome is False
    assert check(failed, "vote").passed is False
    assert check(failed, "vote").detail == "17/30 = 56.66% < 60%"


def test_a_quorum_of_exactly_60_percent_holds_and_one_person_less_does_not() -> None:
    held = household(D(2019, 11, 20), convened=50, present=30, votes=30)
    assert check(held, "quorum").detail == "30/50 = 60% ≥ 60%" and held.outcome is True
    short = household(D(2019, 11, 20), convened=50, present=29, votes=29)
    assert check(short, "quorum").passed is False
    assert check(short, "quorum").detail == "29/50 = 58% < 60%"
    assert short.outcome is False


def test_shares_are_compared_exactly_where_floating_point_would_err() -> None:
    # 0.7 × 10 is 7.000000000000001 in floating point: 7 of 10 would wrongly fail.
    result = household(D(2019, 11, 20), convened=10, present=10, votes=7, params={"pass_share": 0.7})
    assert check(result, "vote").passed is True
    assert check(result, "vote").detail == "7/10 = 70% ≥ 70%"


def test_a_share_just_under_the_threshold_is_never_displayed_as_reaching_it() -> None:
    result = household(D(2019, 11, 20), convened=1000, present=999, votes=599)
    assert check(result, "vote").passed is False
    assert check(result, "vote").detail.startswith("599/999 = 59.95% <")


def test_a_meeting_nobody_attended_passes_nothing() -> None:
    result = household(D(2019, 11, 20), convened=10, present=0, votes=0)
    assert check(result, "vote").passed is False and result.outcome is False


def test_only_registered_households_are_evaluated() -> None:
    result = household(D(2019, 11, 20), registered=False)
    assert result.outcome is False
    assert "only registered" in check(result, "registered").detail


# --- other regimes ---------------------------------------------------------------------------------


def test_tt12_has_no_quorum_rule_and_says_so_but_keeps_the_60_percent_of_attendees() -> None:
    result = household(D(2015, 12, 1), convened=50, present=10, votes=6)
    quorum = check(result, "quorum")
    assert quorum.passed is True
    assert "no quorum rule confirmed in TT 12/2011/TT-BVHTTDL" in quorum.detail
    assert check(result, "vote").detail == "6/10 = 60% ≥ 60%"
    assert result.outcome is True
    assert household(D(2015, 12, 1), convened=None, present=10, votes=5).outcome is False


def test_nd86_applies_the_configured_vote_rule_and_says_it_is_not_confirmed() -> None:
    result = household(D(2024, 11, 20), convened=50, present=30, votes=18, posted_days=10)
    assert result.outcome is True
    vote = check(result, "vote").detail
    assert vote.startswith("18/30 = 60% ≥ 60%")
    assert "not confirmed in NĐ 86/2023/NĐ-CP" in vote and "NĐ 122/2018/NĐ-CP" in vote
    assert household(D(2024, 11, 20), present=30, votes=17, posted_days=10).outcome is False
    assert household(D(2024, 11, 20), present=30, votes=17, posted_days=10, params={"pass_share": 0.5}).outcome is True


def test_nd86_evaluations_must_be_held_before_25_november() -> None:
    assert check(household(D(2024, 11, 24)), "review_deadline").passed is True
    late = household(D(2024, 11, 25))
    assert check(late, "review_deadline").passed is False and late.outcome is False
    assert "25/11/2024" in check(late, "review_deadline").detail
    assert all(c.rule != "review_deadline" for c in household(D(2019, 12, 20)).checks)


def test_nd86_list_must_stay_posted_ten_days_and_a_posting_not_recorded_fails() -> None:
    assert check(household(D(2024, 11, 1), posted_days=10), "posting").passed is True
    assert household(D(2024, 11, 1), posted_days=10).outcome is True
    assert household(D(2024, 11, 1), posted_days=9).outcome is False
    missing = check(household(D(2024, 11, 1)), "posting")
    assert missing.passed is False
    assert missing.detail.startswith("the posting of the list is not recorded; NĐ 86/2023/NĐ-CP requires 10 days")
    # Before NĐ 86 no posting is required.
    assert all(c.rule != "posting" for c in household(D(2019, 11, 1)).checks)


def test_nd86_area_list_must_be_published_by_the_commune() -> None:
    def area(**facts: Any) -> rules.Result:
        day = D(2024, 12, 10)
        regime = regime_for(day)
        data = rules.AreaFacts(registered=True, meeting=Meeting(20, 18, 17), **facts)
        return rules.area_title(data, day=day, regime=regime, params=params(regime.key, day))

    assert check(area(), "posting").passed is False
    assert "not recorded" in check(area(), "posting").detail
    assert check(area(posted_days=9), "posting").passed is False
    assert area(posted_days=10).outcome is True


def test_the_deadline_is_the_25_november_of_the_year_evaluated() -> None:
    # A January meeting for the previous year is late; the same day for its own year is not.
    late = household(D(2025, 1, 10), posted_days=10, year=2024)
    assert check(late, "review_deadline").passed is False and "25/11/2024" in check(late, "review_deadline").detail
    assert check(household(D(2025, 1, 10), posted_days=10), "review_deadline").passed is True
    assert check(household(D(2024, 11, 24), posted_days=10, year=2024), "review_deadline").passed is True
    assert check(household(D(2024, 11, 25), posted_days=10, year=2024), "review_deadline").passed is False


def test_qd62_borrows_the_vote_share_of_tt12_and_says_so() -> None:
    result = household(D(2009, 12, 1), convened=40, present=20, votes=12)
    assert "not confirmed in QĐ 62/2006/QĐ-BVHTT" in check(result, "vote").detail
    assert result.outcome is True


# --- exclusions ------------------------------------------------------------------------------------


def test_an_nd86_exclusion_makes_a_household_ineligible_whatever_the_vote() -> None:
    result = household(D(2024, 11, 1), present=50, votes=50, exclusions=("tax_default",))
    assert result.outcome is False
    assert check(result, "exclusions").detail == "not eligible: tax_default"


def test_under_nd122_the_configured_list_decides_what_excludes() -> None:
    day = D(2020, 11, 1)
    assert household(day, exclusions=("criminal_prosecution",)).outcome is False
    own_list = {"exclusion_categories": ["local_case_1"]}
    assert household(day, exclusions=("criminal_prosecution",), params=own_list).outcome is True
    assert household(day, exclusions=("local_case_1",), params=own_list).outcome is False


def test_tt12_has_no_exclusion_list_and_reports_what_was_recorded() -> None:
    result = household(D(2015, 11, 1), exclusions=("tax_default",))
    assert result.outcome is True
    assert "not an exclusion" in check(result, "exclusions").detail


# --- points and the province's thresholds ----------------------------------------------------------


def area(day: datetime.date, **kwargs: Any) -> rules.Result:
    regime = regime_for(day)
    values = params(regime.key, day, **kwargs.pop("params", {}))
    meeting = kwargs.pop("meeting", Meeting(20, 15, 12))
    facts = AreaFacts(registered=kwargs.pop("registered", True), meeting=meeting, **kwargs)
    return rules.area_title(facts, day=day, regime=regime, params=values)


def test_an_area_reaches_the_province_points_at_exactly_the_minimum() -> None:
    limits = {"area_min_points": 80}
    assert check(area(D(2020, 12, 10), points=80, params=limits), "points").detail == "80 ≥ 80"
    assert area(D(2020, 12, 10), points=79.5, params=limits).outcome is False
    assert all(c.rule != "points" for c in area(D(2020, 12, 10), points=10).checks)


def test_the_share_of_cultural_families_is_checked_only_when_the_province_sets_it() -> None:
    limits = {"area_min_gdvh_share": 0.8}
    assert area(D(2020, 12, 10), gdvh_households=80, households=100, params=limits).outcome is True
    below = area(D(2020, 12, 10), gdvh_households=79, households=100, params=limits)
    assert below.outcome is False and check(below, "gdvh_share").detail == "79/100 = 79% < 80%"
    assert check(area(D(2020, 12, 10), gdvh_share=0.82, params=limits), "gdvh_share").detail == "82% ≥ 80%"
    assert all(c.rule != "gdvh_share" for c in area(D(2020, 12, 10), gdvh_share=0.1).checks)


def test_a_household_needs_the_province_points_when_it_sets_a_minimum() -> None:
    limits = {"household_min_points": 85}
    assert household(D(2020, 11, 1), points=85, params=limits).outcome is True
    assert household(D(2020, 11, 1), points=84, params=limits).outcome is False
    assert household(D(2020, 11, 1), params=limits).outcome is False


# --- certificates for consecutive years ------------------------------------------------------------


def certificate(kind: str, day: datetime.date, years: list[int], rewarded: list[tuple[int, int]]) -> rules.Result:
    regime = regime_for(day)
    facts = StreakFacts(year=day.year, title_years=frozenset(years), rewarded_windows=tuple(rewarded))
    function = rules.household_certificate if kind == "household" else rules.area_certificate
    return function(facts, regime=regime, params=params(regime.key, day))


def test_a_family_needs_three_consecutive_title_years_ending_in_the_year() -> None:
    assert certificate("household", D(2021, 12, 1), [2019, 2020, 2021], []).outcome is True
    broken = certificate("household", D(2021, 12, 1), [2018, 2019, 2021], [])
    assert broken.outcome is False
    assert "title missing in 2020" in check(broken, "streak").detail
    assert certificate("household", D(2021, 12, 1), [2017, 2018, 2019, 2020], []).outcome is False


def test_an_area_needs_five_consecutive_years() -> None:
    assert certificate("area", D(2022, 12, 1), [2018, 2019, 2020, 2021, 2022], []).outcome is True
    assert certificate("area", D(2022, 12, 1), [2019, 2020, 2021, 2022], []).outcome is False


def test_a_window_overlapping_a_rewarded_one_is_refused_and_an_adjacent_one_allowed() -> None:
    # Bộ VHTTDL, 24/11/2023: rewarded in 2022 for 2020–2022, not eligible in 2023 for 2021–2023.
    refused = certificate("household", D(2023, 12, 1), [2020, 2021, 2022, 2023], [(2020, 2022)])
    assert refused.outcome is False
    assert check(refused, "window_not_reused").detail == "2021–2023 overlaps the window already rewarded 2020–2022"
    adjacent = certificate("household", D(2021, 12, 1), [2019, 2020, 2021], [(2016, 2018)])
    assert adjacent.outcome is True
    assert certificate("household", D(2023, 12, 1), [2021, 2022, 2023], [(2018, 2020)]).outcome is True


def test_under_nd86_the_nd122_certificates_are_off_unless_the_province_turns_them_on() -> None:
    day = D(2025, 12, 1)
    off = certificate("household", day, [2023, 2024, 2025], [])
    assert off.outcome is False
    assert "NĐ 86/2023/NĐ-CP has no Giấy khen for consecutive title years" in check(off, "available").detail
    regime = regime_for(day)
    facts = StreakFacts(year=2025, title_years=frozenset({2023, 2024, 2025}))
    values = params(regime.key, day, consecutive_certificates="on")
    assert rules.household_certificate(facts, regime=regime, params=values).outcome is True
    assert certificate("household", D(2023, 12, 1), [2021, 2022, 2023], []).outcome is True


def test_a_certificate_the_regime_does_not_have_is_refused_with_the_reason() -> None:
    result = certificate("area", D(2015, 12, 1), [2011, 2012, 2013, 2014, 2015], [])
    assert result.outcome is False
    assert "area_certificate_years" in check(result, "available").detail
    assert certificate("household", D(2015, 12, 1), [2013, 2014, 2015], []).outcome is True


# --- quota -----------------------------------------------------------------------------------------


def quota(day: datetime.date, pool: list[Candidate], **overrides: Any) -> rules.Result:
    regime = regime_for(day)
    return rules.quota(pool, regime=regime, params=params(regime.key, day, **overrides))


def test_fifteen_percent_of_two_rounds_down_to_nobody_by_default() -> None:
    result = quota(D(2022, 12, 1), [Candidate("x", 40), Candidate("y", 35)])
    assert result.outcome == []
    assert check(result, "quota").detail.startswith("15% × 2 = 0.3 → 0 (rounded down")


def test_a_province_may_let_a_small_pool_reward_one() -> None:
    result = quota(D(2022, 12, 1), [Candidate("x", 40), Candidate("y", 35)], quota_rounding="floor_min_1")
    assert result.outcome == ["x"]


def test_the_quota_takes_the_highest_votes_first() -> None:
    pool = [Candidate(f"h{i}", votes) for i, votes in enumerate([30, 45, 12, 45, 50, 8, 33, 41, 29, 38, 40, 22, 19, 7])]
    result = quota(D(2022, 12, 1), pool + [Candidate(f"z{i}", 1) for i in range(6)])
    assert result.outcome == ["h4", "h1", "h3"]  # 15% of 20 is 3; h1 and h3 tie on 45, ordered by name


def test_equal_votes_at_the_limit_are_ordered_by_name_in_vietnamese_order_before_nd152() -> None:
    # In Vietnamese order "D" comes before "Đ", whatever the code points say.
    pool = [Candidate("x", 40, name="Đinh Thị Hoa", woman=True), Candidate("y", 40, name="Dương Văn Bình")]
    pool += [Candidate(f"p{i}", 1) for i in range(5)]
    result = quota(D(2024, 12, 1), pool)
    assert result.outcome == ["y"]
    assert check(result, "tie_break").detail == "y, x tie at 40 votes at the limit; ordered by votes, name"


def test_from_1_july_2025_a_woman_is_preferred_on_equal_votes() -> None:
    pool = [Candidate("b", 40, name="Lê Văn An"), Candidate("c", 40, name="Nông Thị Lan", woman=True)]
    pool += [Candidate(f"p{i}", 1) for i in range(5)]
    share = {"quota_share": 0.15}
    assert quota(D(2025, 6, 30), pool, **share).outcome == ["b"]
    after = quota(D(2025, 7, 1), pool, **share)
    assert after.outcome == ["c"]
    assert "c, b tie at 40 votes" in check(after, "tie_break").detail


def test_a_collective_with_70_percent_women_is_preferred_on_equal_votes() -> None:
    pool = [Candidate("t1", 9, name="Tổ 1", women_share=0.69), Candidate("t2", 9, name="Tổ 2", women_share=0.7)]
    pool += [Candidate(f"p{i}", 1) for i in range(5)]
    assert quota(D(2025, 12, 1), pool).outcome == ["t2"]


def test_the_quota_is_exact_where_floating_point_would_lose_one() -> None:
    # 0.57 × 100 is 56.99999999999999 in floating point.
    pool = [Candidate(f"h{i:03d}", i) for i in range(100)]
    assert len(quota(D(2022, 12, 1), pool, quota_share=0.57).outcome) == 57  # type: ignore[arg-type]


def test_without_a_quota_every_eligible_candidate_is_selected() -> None:
    result = quota(D(2015, 12, 1), [Candidate("x", 3), Candidate("y", 5)])
    assert result.outcome == ["y", "x"]
    assert "no quota" in check(result, "quota").detail


# --- properties ------------------------------------------------------------------------------------

meetings = st.integers(min_value=1, max_value=400).flatmap(
    lambda convened: st.tuples(st.just(convened), st.integers(min_value=0, max_value=convened)).flatmap(
        lambda cp: st.tuples(st.just(cp[0]), st.just(cp[1]), st.integers(min_value=0, max_value=cp[1]))
    )
)
days = st.dates(min_value=D(2006, 6, 23), max_value=D(2030, 12, 31))


@given(meeting=meetings, day=days)
def test_one_more_vote_never_turns_a_pass_into_a_fail(meeting: tuple[int, int, int], day: datetime.date) -> None:
    convened, present, votes = meeting
    if votes == present:
        return
    with translation.override("en"):
        now = household(day, convened=convened, present=present, votes=votes, params={"gdvh_review_deadline": None})
        more = household(
            day, convened=convened, present=present, votes=votes + 1, params={"gdvh_review_deadline": None}
        )
    assert not (now.outcome is True and more.outcome is False)


pools = st.lists(st.integers(min_value=0, max_value=500), max_size=60)
shares = st.sampled_from([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.33, 0.5, 0.57, 0.7, 1.0])


@given(votes=pools, share=shares)
def test_the_quota_never_exceeds_its_share_and_takes_the_best_votes(votes: list[int], share: float) -> None:
    pool = [Candidate(f"c{i:03d}", v) for i, v in enumerate(votes)]
    with translation.override("en"):
        result = quota(D(2022, 12, 1), pool, quota_share=share)
    selected = result.outcome
    assert isinstance(selected, list)
    assert len(selected) * 100 <= round(share * 100) * len(pool)
    chosen = {c.id for c in pool if c.id in selected}
    if chosen and len(chosen) < len(pool):
        assert min(c.votes_for for c in pool if c.id in chosen) >= max(c.votes_for for c in pool if c.id not in chosen)


# --- merges and the Front's own scale --------------------------------------------------------------


def test_a_merged_area_inherits_the_streak_chosen_by_the_policy() -> None:
    big = Predecessor("big", 300, frozenset({2022, 2023, 2024}))
    small = Predecessor("small", 80, frozenset({2019, 2020, 2021, 2022, 2023, 2024}))
    mixed = Predecessor("mixed", 120, frozenset({2023, 2024}))
    both = [big, small, mixed]
    assert rules.merged_title_years(both, policy="largest_predecessor", last_year=2024) == big.title_years
    assert rules.merged_title_years(both, policy="longest", last_year=2024) == small.title_years
    assert rules.merged_title_years(both, policy="shortest", last_year=2024) == frozenset({2023, 2024})
    assert rules.merged_title_years(both, policy="restart", last_year=2024) == frozenset()


def test_the_front_tiers_start_at_their_minimum() -> None:
    values = defaults_for("nd86-2023")
    assert [rules.mttq_tier(p, values) for p in (100, 90, 89.5, 70, 50, 49, 0)] == [
        "tot",
        "tot",
        "kha",
        "kha",
        "trung_binh",
        "yeu",
        "yeu",
    ]
    with pytest.raises(ValueError, match="outside the scale"):
        rules.mttq_tier(101, values)


# --- the registry of parameters --------------------------------------------------------------------


def test_every_parameter_has_a_default_and_a_source_under_every_regime() -> None:
    for p in PARAMETERS:
        for regime in rules.REGIMES:
            default = p.default_for(regime.key, regime.start)
            assert default.source, p.name
            assert p.clean(default.value) == default.value, p.name
            assert str(p.description) and str(p.label)


def test_the_registry_agrees_with_the_rules_on_choices() -> None:
    assert set(ROUNDING_LABELS) == set(rules.QUOTA_ROUNDINGS)
    assert set(TIE_BREAK_LABELS) == set(rules.TIE_BREAK_KEYS)
    assert set(MERGE_POLICY_LABELS) == set(rules.MERGE_POLICIES)


def test_the_defaults_follow_the_regime_and_the_date_within_it() -> None:
    assert defaults_for("nd122-2018")["quorum_share"] == 0.6
    assert defaults_for("tt12-2011")["quorum_share"] is None
    assert defaults_for("nd86-2023", D(2025, 6, 30))["tie_break"] == ["votes", "name"]
    assert defaults_for("nd86-2023", D(2025, 7, 1))["tie_break"] == ["votes", "women", "name"]
    assert defaults_for("nd86-2023", D(2025, 7, 1))["area_title_authority"] == "commune_chairman"
    assert defaults_for("nd122-2018")["area_title_authority"] == "district_chairman"


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("area_min_gdvh_share", "80%", 0.8),
        ("area_min_gdvh_share", "0,8", 0.8),
        ("area_min_points", "80", 80),
        ("area_min_points", "", None),
        ("gdvh_review_deadline", "25/11", "11-25"),
        ("tie_break", "votes, women", ["votes", "women", "name"]),
        ("mttq_tiers", "tot:90, kha:70, yeu:0", [["tot", 90], ["kha", 70], ["yeu", 0]]),
        ("quota_rounding", "floor_min_1", "floor_min_1"),
    ],
)
def test_values_are_read_as_officials_type_them(name: str, text: str, value: Any) -> None:
    assert REGISTRY[name].parse(text) == value


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("quorum_share", 1.5),
        ("quorum_share", True),
        ("area_min_gdvh_share", None),
        ("household_certificate_years", 0),
        ("quota_rounding", "ceil"),
        ("tie_break", ["votes", "age"]),
        ("exclusion_categories", ["Not A Code"]),
        ("gdvh_review_deadline", "02-30"),
        ("mttq_tiers", [["tot", 90]]),
    ],
)
def test_bad_values_are_refused_naming_the_parameter(name: str, value: Any) -> None:
    with pytest.raises(ParameterError) as raised:
        REGISTRY[name].clean(value)
    assert name in raised.value.text("en")


def test_the_documentation_describes_every_regime_check_and_parameter() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for name in [*REGISTRY, *(r.key for r in rules.REGIMES)]:
        assert f"`{name}`" in text, name
    for check_name in ("household_title", "area_title", "household_certificate", "area_certificate", "quota"):
        assert f"`{check_name}`" in text, check_name


@pytest.mark.parametrize(
    ("years", "runs"),
    [
        ([], []),
        ([2015], [(2015, 2015)]),
        ([2013, 2014, 2015, 2017, 2018], [(2013, 2015), (2017, 2018)]),
        ([2018, 2013, 2014, 2014], [(2013, 2014), (2018, 2018)]),  # any order, a year given twice
    ],
)
def test_title_runs_are_the_consecutive_years_oldest_first(years: list[int], runs: list[tuple[int, int]]) -> None:
    assert rules.title_runs(years) == runs
    for first, last in runs:  # each run's last year ends a streak of its whole length
        assert rules.current_streak(frozenset(years), last) == last - first + 1
