from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.campaigns.services import parameter_set
from thidua.errors import DomainError
from thidua.evaluations.models import (
    AreaYear,
    CertificateAward,
    Decision,
    DecisionKind,
    HouseholdYear,
    Meeting,
    MeetingKind,
    Streak,
    StreakKind,
)
from thidua.evaluations.streaks.selectors import (
    REVOKED,
    TITLED,
    area_history,
    area_streak,
    certificate_pool,
    household_history,
    household_streak,
    stored_streaks,
)
from thidua.evaluations.streaks.services import certificate_award_record, streaks_recompute
from thidua.people.models import Household
from thidua.people.services import household_create
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind
from thidua.units.services import area_dissolve, areas_merge, units_merge

pytestmark = pytest.mark.django_db
D = datetime.date


def _set(cast: Cast, name: str, value: object, year: int = 2020) -> None:
    parameter_set(
        province=cast.province,
        name=name,
        year_from=year,
        value=value,
        legal_basis="QĐ 01/QĐ-UBND",
        reason="t",
        actor=SYSTEM_ACTOR,
    )


def _household_years(
    household: Household, years: range | list[int], *, revoked: tuple[int, ...] = (), votes: int = 0
) -> None:
    for year in years:
        HouseholdYear.objects.create(
            household=household,
            year=year,
            area=household.area,
            registered_on=D(year, 1, 10),
            titled=True,
            votes_for=votes,
            revoked_on=D(year, 12, 30) if year in revoked else None,
        )


def _area_years(area: Unit, years: range | list[int], *, households: int = 0, votes: int = 0) -> None:
    for year in years:
        AreaYear.objects.create(
            area=area, year=year, registered_on=D(year, 1, 10), titled=True, households=households, votes_for=votes
        )


def _merge(cast: Cast, areas: list[Unit], name: str, date: datetime.date) -> Unit:
    """A new area made of ``areas`` from ``date`` (the cast's communes end in 2025, hence a unit of our own)."""
    successor = make_unit(
        code=f"01840-{name}", name=name, kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_from=date, valid_to=None
    )
    units_merge(predecessors=areas, successor=successor, date=date, actor=SYSTEM_ACTOR)
    return successor


def _area(cast: Cast, name: str, code: str = "") -> Unit:
    return make_unit(
        code=code or f"01840-{name}", name=name, kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None
    )


# --- history cards ---------------------------------------------------------------------------------


def test_the_history_card_names_the_regime_of_each_year_across_the_switch_dates(
    cast: Cast, households: list[Household]
) -> None:
    household = households[0]
    decision = Decision.objects.create(
        kind=DecisionKind.GDVH, issuer=cast.duc_xuan, year=2018, number=5, issued_on=D(2018, 12, 5)
    )
    held = {2011: D(2011, 11, 23), 2012: D(2012, 11, 24), 2017: None, 2018: D(2018, 11, 4), 2019: D(2019, 11, 5)}
    for year, day in held.items():
        meeting = None
        if day is not None:
            meeting = Meeting.objects.create(
                kind=MeetingKind.HOUSEHOLD_REVIEW, unit=cast.to_8a, year=year, held_on=day, convened=10, present=10
            )
        HouseholdYear.objects.create(
            household=household,
            year=year,
            area=cast.to_8a,
            registered_on=D(year, 1, 10),
            meeting=meeting,
            titled=year != 2012,
            decision=decision if year == 2018 else None,
            revoked_on=D(2020, 3, 1) if year == 2019 else None,
            revocation_reason="vi phạm" if year == 2019 else "",
        )
    card = household_history(household)
    assert [(line.year, line.regime, line.result) for line in card] == [
        (2011, "qd62-2006", TITLED),
        (2012, "tt12-2011", "not_titled"),
        (2017, "tt12-2011", TITLED),
        (2018, "tt12-2011", TITLED),
        (2019, "nd122-2018", REVOKED),
    ]
    assert (card[3].decision, card[3].decided_on) == ("05/QĐ-UBND", D(2018, 12, 5))
    assert card[4].revocation_reason == "vi phạm"


def test_the_history_card_of_an_area_shows_the_years_of_its_predecessors(cast: Cast) -> None:
    old, other = _area(cast, "Cũ"), _area(cast, "Khác")
    _area_years(old, [2017, 2018])
    merged = _merge(cast, [old, other], "Mới", D(2019, 1, 1))
    _area_years(merged, [2019])
    card = area_history(merged)
    assert [(line.year, line.unit.pk, line.regime) for line in card] == [
        (2017, old.pk, "tt12-2011"),
        # Without a meeting a year is judged at its end: 31/12/2018 is under NĐ 122/2018.
        (2018, old.pk, "nd122-2018"),
        (2019, merged.pk, "nd122-2018"),
    ]


# --- household streaks -----------------------------------------------------------------------------


def test_a_missing_year_breaks_a_household_streak(households: list[Household]) -> None:
    _household_years(households[0], [2016, 2017, 2019, 2020])
    assert household_streak(households[0], 2020) == 2
    assert household_streak(households[0], 2017) == 2
    assert household_streak(households[0], 2018) == 0


def test_a_revoked_title_breaks_a_household_streak(households: list[Household]) -> None:
    _household_years(households[0], range(2017, 2021), revoked=(2019,))
    assert household_streak(households[0], 2020) == 1
    assert household_streak(households[0], 2018) == 2


def test_a_household_keeps_its_streak_when_its_area_merges(cast: Cast) -> None:
    old, other = _area(cast, "Cũ"), _area(cast, "Khác")
    household = household_create(
        code="H-1", head_name="Nông Văn Dền", area=old, since=D(2015, 1, 1), actor=SYSTEM_ACTOR
    )
    _household_years(household, [2018, 2019])
    merged = _merge(cast, [old, other], "Mới", D(2020, 1, 1))
    HouseholdYear.objects.create(household=household, year=2020, area=merged, registered_on=D(2020, 1, 5), titled=True)
    assert household_streak(household, 2020) == 3


# --- area streaks across merges and reused codes ---------------------------------------------------


@pytest.fixture
def merged(cast: Cast) -> Unit:
    """Three areas merged on 1/1/2020: A titled 2015–2019 (10 households), B 2017–2019 (30), C 2018–2019 (5)."""
    a, b, c = _area(cast, "A"), _area(cast, "B"), _area(cast, "C")
    _area_years(a, range(2015, 2020), households=10)
    _area_years(b, range(2017, 2020), households=30)
    _area_years(c, range(2018, 2020), households=5)
    area = _merge(cast, [a, b, c], "HN", D(2020, 1, 1))
    _area_years(area, [2020])
    return area


@pytest.mark.parametrize(
    ("policy", "streak"),
    # largest: B's 3 years + 2020; longest: A's 5 + 2020; shortest: the 2 years all held + 2020; restart: 2020.
    [("largest_predecessor", 4), ("longest", 6), ("shortest", 3), ("restart", 1)],
)
def test_an_area_streak_is_carried_across_a_merge_by_the_province_policy(
    cast: Cast, merged: Unit, policy: str, streak: int
) -> None:
    _set(cast, "streak_merge_policy", policy)
    assert area_streak(merged, 2020) == streak


def test_the_default_policy_inherits_from_the_largest_predecessor(merged: Unit) -> None:
    assert area_streak(merged, 2020) == 4


def test_an_area_that_absorbs_others_counts_as_one_of_the_predecessors(cast: Cast) -> None:
    big, small = _area(cast, "Lớn"), _area(cast, "Nhỏ")
    _area_years(big, range(2018, 2020), households=40)
    _area_years(small, range(2015, 2020), households=8)
    goes_on = areas_merge(areas=[small], into=big, date=D(2020, 1, 1), actor=SYSTEM_ACTOR)
    assert goes_on.pk == big.pk
    _area_years(big, [2020, 2021])
    assert area_streak(big, 2021) == 4
    _set(cast, "streak_merge_policy", "longest", year=2021)
    assert area_streak(big, 2021) == 7


def test_a_reused_code_does_not_carry_a_streak_without_a_lineage_link(cast: Cast) -> None:
    old = _area(cast, "Xưa", code="01840-99")
    _area_years(old, range(2016, 2020))
    area_dissolve(area=old, date=D(2020, 1, 1), actor=SYSTEM_ACTOR)
    reused = make_unit(
        code="01840-99",
        name="Nay",
        kind=UnitKind.TO_DAN_PHO,
        parent=cast.duc_xuan,
        valid_from=D(2020, 1, 1),
        valid_to=None,
    )
    assert reused.code == old.code and reused.pk != old.pk
    _area_years(reused, [2020])
    assert area_streak(reused, 2020) == 1
    assert [line.year for line in area_history(reused)] == [2020]


def test_streaks_recompute_stores_every_streak_of_a_commune_in_a_few_queries(
    cast: Cast, households: list[Household], merged: Unit, django_assert_max_num_queries: object
) -> None:
    for n, household in enumerate(households):
        _household_years(household, range(2020 - n, 2021))
    # One more to authorize the actor, and three for the audit row's place in the chain (the chain's
    # lock, the database's time, the seal of the row before).
    with django_assert_max_num_queries(24):  # type: ignore[operator]
        summary = streaks_recompute(unit=cast.duc_xuan, year=2020, actor=cast["ducxuan"])
    assert summary == {"households_with_runs": 5, "household_runs": 5, "areas": 2, "area_runs": 1, "runs_written": 6}
    stored = stored_streaks(kind=StreakKind.HOUSEHOLD, ids=[h.pk for h in households], year=2020)
    assert stored == {h.pk: n + 1 for n, h in enumerate(households)}
    assert stored_streaks(kind=StreakKind.AREA, ids=[merged.pk, cast.to_8a.pk], year=2020) == {
        merged.pk: 4,
        cast.to_8a.pk: 0,
    }
    # A run a household (each titled from its first year on) and one for the merged area.
    assert Streak.objects.count() == 6
    # Recomputing what did not change writes nothing.
    assert streaks_recompute(unit=cast.duc_xuan, year=2020, actor=SYSTEM_ACTOR)["runs_written"] == 0
    assert Streak.objects.count() == 6
    assert AuditEntry.objects.filter(action="evaluations.streaks_recompute").count() == 2


# --- the certificate pool --------------------------------------------------------------------------


def test_the_pool_excludes_an_overlapping_rewarded_window_and_allows_an_adjacent_one(
    cast: Cast, households: list[Household]
) -> None:
    _set(cast, "quota_share", 1)
    for household in households[:3]:
        _household_years(household, range(2015, 2021))
    certificate_award_record(
        kind=StreakKind.HOUSEHOLD,
        recipients=[households[0]],
        window_start=2017,
        window_end=2019,
        decision="12/QĐ-UBND",
        decided_on=D(2019, 12, 20),
        actor=SYSTEM_ACTOR,
    )
    certificate_award_record(
        kind=StreakKind.HOUSEHOLD,
        recipients=[households[1]],
        window_start=2015,
        window_end=2017,
        decision="10/QĐ-UBND",
        decided_on=D(2017, 12, 20),
        actor=SYSTEM_ACTOR,
    )
    pool = certificate_pool(kind=StreakKind.HOUSEHOLD, unit=cast.duc_xuan, year=2020)
    assert pool.regime == "nd122-2018"
    assert [e.subject for e in pool.eligible] == [households[1], households[2]]
    refused = pool.not_eligible[0]
    assert refused.subject == households[0]
    window = next(c for c in refused.result.checks if c.rule == "window_not_reused")
    assert window.passed is False and "2017–2019" in window.detail


def test_a_rewarded_window_is_never_recorded_twice(households: list[Household]) -> None:
    certificate_award_record(
        kind=StreakKind.HOUSEHOLD,
        recipients=[households[0]],
        window_start=2020,
        window_end=2022,
        decision="3/QĐ-UBND",
        decided_on=D(2022, 12, 1),
        actor=SYSTEM_ACTOR,
    )
    with pytest.raises(DomainError):
        certificate_award_record(
            kind=StreakKind.HOUSEHOLD,
            recipients=[households[0]],
            window_start=2021,
            window_end=2023,
            decision="4/QĐ-UBND",
            decided_on=D(2023, 12, 1),
            actor=SYSTEM_ACTOR,
        )
    assert CertificateAward.objects.count() == 1


def test_a_household_without_three_consecutive_years_is_not_in_the_pool(
    cast: Cast, households: list[Household]
) -> None:
    _household_years(households[0], [2018, 2020])
    _household_years(households[1], range(2018, 2021), revoked=(2019,))
    pool = certificate_pool(kind=StreakKind.HOUSEHOLD, unit=cast.to_8a, year=2020)
    assert pool.eligible == []
    assert {e.subject for e in pool.not_eligible} == {households[0], households[1]}


def test_the_quota_selects_the_highest_votes_of_the_pool(cast: Cast, households: list[Household]) -> None:
    _set(cast, "quota_share", 0.4)
    for household, votes in zip(households, [30, 40, 20, 35, 25], strict=True):
        _household_years(household, range(2018, 2021), votes=votes)
    pool = certificate_pool(kind=StreakKind.HOUSEHOLD, unit=cast.duc_xuan, year=2020)
    assert len(pool.eligible) == 5
    assert pool.selected == [households[1], households[3]]
    quota = pool.selection.checks[0] if pool.selection else None
    assert quota is not None and quota.detail.startswith("40% × 5 = 2 → 2")


def test_the_default_quota_of_nd_122_rewards_at_most_15_percent(cast: Cast, households: list[Household]) -> None:
    for household in households:
        _household_years(household, range(2018, 2021), votes=10)
    pool = certificate_pool(kind=StreakKind.HOUSEHOLD, unit=cast.duc_xuan, year=2020)
    assert len(pool.eligible) == 5 and pool.selected == []


def test_the_area_pool_counts_the_years_carried_across_a_merge(cast: Cast, merged: Unit) -> None:
    _set(cast, "quota_share", 1)
    _set(cast, "streak_merge_policy", "longest")
    pool = certificate_pool(kind=StreakKind.AREA, unit=cast.duc_xuan, year=2020)
    assert [e.subject for e in pool.eligible] == [merged]
    assert pool.selected == [merged]
    _set(cast, "streak_merge_policy", "restart")
    assert certificate_pool(kind=StreakKind.AREA, unit=cast.duc_xuan, year=2020).eligible == []


def test_the_streaks_of_a_commune_cost_the_same_queries_for_5_or_30_households(
    cast: Cast, households: list[Household]
) -> None:
    for household in households:
        _household_years(household, range(2018, 2021))
    with CaptureQueriesContext(connection) as few:
        streaks_recompute(unit=cast.duc_xuan, year=2020, actor=SYSTEM_ACTOR)
    for n in range(25):
        more = household_create(code=f"H-{n:03d}", head_name=f"Hộ {n}", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR)
        _household_years(more, range(2019, 2021))
    with CaptureQueriesContext(connection) as many:
        summary = streaks_recompute(unit=cast.duc_xuan, year=2020, actor=SYSTEM_ACTOR)
    assert summary["households_with_runs"] == 30
    assert len(many.captured_queries) == len(few.captured_queries)
