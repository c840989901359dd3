"""The stored streaks of households: PostgreSQL's one statement over all the years (gaps and islands)
stores the runs whose streaks are those the rules compute year by year (``rules.current_streak``), on
the same data, and so does the Python path."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError
from thidua.evaluations.models import HouseholdYear, Streak, StreakKind
from thidua.evaluations.streaks.selectors import areas_under, household_streaks, stored_streaks
from thidua.evaluations.streaks.services import _household_streaks_python, streaks_recompute
from thidua.people.models import Household
from thidua.people.services import household_create
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db
D = datetime.date
FIRST, LAST = 2013, 2020

# Each household's years: titled (T), not titled (N), undecided (U), revoked (R), or no record (.).
PATTERNS = {
    "every year": "TTTTTTTT",
    "a missing year": "TTT.TTTT",
    "a revoked title": "TTTTRTTT",
    "not titled last": "TTTTTTTN",
    "undecided": "TTUTTTTU",
    "alternating": "TNTNTNTN",
    "new in the middle": "....TTTT",
    "gone before the end": "TTTTT...",
    "elsewhere then here": "eeeTTTTT",  # titled in an area outside the commune first
}


@pytest.fixture
def households(cast: Cast) -> dict[str, Household]:
    elsewhere = make_unit(code="01837-01", name="1", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau, valid_to=None)
    made = {}
    for number, (name, pattern) in enumerate(PATTERNS.items(), start=1):
        household = household_create(
            code=f"01840-08A-{number:03d}", head_name=name, area=cast.to_8a, since=D(2009, 1, 1), actor=SYSTEM_ACTOR
        )
        for year, mark in zip(range(FIRST, LAST + 1), pattern, strict=True):
            if mark == ".":
                continue
            HouseholdYear.objects.create(
                household=household,
                year=year,
                area=elsewhere if mark == "e" else cast.to_8a,
                registered_on=D(year, 1, 10),
                titled={"T": True, "N": False, "U": None, "R": True, "e": True}[mark],
                revoked_on=D(year, 12, 30) if mark == "R" else None,
            )
        made[name] = household
    return made


def stored(cast: Cast) -> dict[tuple[int, int], int]:
    """The stored streak of each household of the commune, each year it was there, read from the runs."""
    lengths = {}
    for year in range(FIRST, LAST + 1):
        ids = HouseholdYear.objects.filter(area_id__in=areas_under(cast.duc_xuan, year), year=year).values_list(
            "household_id", flat=True
        )
        lengths.update(
            {(h, year): n for h, n in stored_streaks(kind=StreakKind.HOUSEHOLD, ids=list(ids), year=year).items()}
        )
    return lengths


def runs(household: Household) -> list[tuple[int, int]]:
    return list(
        Streak.objects.filter(household=household).order_by("first_year").values_list("first_year", "last_year")
    )


def python_path(cast: Cast) -> None:
    _household_streaks_python({year: areas_under(cast.duc_xuan, year) for year in range(FIRST, LAST + 1)})


def test_the_streaks_of_every_year_are_those_the_rules_count(cast: Cast, households: dict[str, Household]) -> None:
    summary = streaks_recompute(unit=cast.duc_xuan, year=LAST, since=FIRST, actor=SYSTEM_ACTOR)
    expected = {}
    for year in range(FIRST, LAST + 1):
        ids = list(HouseholdYear.objects.filter(area=cast.to_8a, year=year).values_list("household_id", flat=True))
        expected.update({(h, year): n for h, n in household_streaks(ids, year).items()})
    assert stored(cast) == expected
    # A household holds a run when it was titled in one of the years counted.
    assert summary["households_with_runs"] == len({h for (h, _year), n in expected.items() if n})
    # The runs are the streaks' last years: a year titled with the next one not (or not recorded).
    assert summary["household_runs"] == sum(
        1 for (h, year), n in expected.items() if n and not expected.get((h, year + 1))
    )
    assert summary["household_runs"] == Streak.objects.filter(kind=StreakKind.HOUSEHOLD).count()
    assert summary["runs_written"] == Streak.objects.count()  # all new
    by_name = {name: household.pk for name, household in households.items()}
    assert stored(cast)[(by_name["a missing year"], LAST)] == 4
    assert stored(cast)[(by_name["a revoked title"], LAST)] == 3
    assert stored(cast)[(by_name["elsewhere then here"], LAST)] == 8
    assert (by_name["gone before the end"], LAST) not in stored(cast)
    # One row a run: a missing year or a revoked title ends one; another area does not.
    assert runs(households["a missing year"]) == [(2013, 2015), (2017, 2020)]
    assert runs(households["a revoked title"]) == [(2013, 2016), (2018, 2020)]
    assert runs(households["alternating"]) == [(2013, 2013), (2015, 2015), (2017, 2017), (2019, 2019)]
    assert runs(households["elsewhere then here"]) == [(2013, 2020)]
    assert runs(households["not titled last"]) == [(2013, 2019)]
    assert AuditEntry.objects.get(action="evaluations.streaks_recompute").changes["since"] == [None, FIRST]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares PostgreSQL's statement with the Python path")
def test_the_statement_and_the_python_path_store_the_same_streaks(cast: Cast, households: dict[str, Household]) -> None:
    streaks_recompute(unit=cast.duc_xuan, year=LAST, since=FIRST, actor=SYSTEM_ACTOR)
    by_statement = stored(cast)
    Streak.objects.all().delete()
    python_path(cast)
    assert stored(cast) == by_statement
    assert set(by_statement.values()) == set(range(9))  # every length from 0 to 8 occurs


def test_one_year_at_a_time_stores_what_all_the_years_at_once_store(
    cast: Cast, households: dict[str, Household]
) -> None:
    streaks_recompute(unit=cast.duc_xuan, year=LAST, since=FIRST, actor=SYSTEM_ACTOR)
    at_once = stored(cast)
    others = set(
        Streak.objects.exclude(household=households["every year"]).values_list("id", "first_year", "last_year")
    )
    HouseholdYear.objects.filter(household=households["every year"], year=2016).update(revoked_on=D(2017, 1, 5))
    for year in range(FIRST, LAST + 1):
        streaks_recompute(unit=cast.duc_xuan, year=year, actor=SYSTEM_ACTOR)
    one_by_one = stored(cast)
    changed = {key for key in at_once if at_once[key] != one_by_one[key]}
    pk = households["every year"].pk
    # The revocation of 2016 shortens that household's streaks from 2016 on, and nothing else.
    assert changed == {(pk, year) for year in range(2016, LAST + 1)}
    assert one_by_one[(pk, LAST)] == 4
    # The run is split in two, where it was (its row updated, one inserted); the other runs are left alone.
    assert runs(households["every year"]) == [(2013, 2015), (2017, 2020)]
    assert (
        set(Streak.objects.exclude(household=households["every year"]).values_list("id", "first_year", "last_year"))
        == others
    )


def test_a_first_year_after_the_last_is_refused_and_writes_nothing(
    cast: Cast, households: dict[str, Household]
) -> None:
    with pytest.raises(DomainError):
        streaks_recompute(unit=cast.duc_xuan, year=2015, since=2016, actor=SYSTEM_ACTOR)
    assert not Streak.objects.exists()
    assert not AuditEntry.objects.filter(action="evaluations.streaks_recompute").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares PostgreSQL's statement with the Python path")
def test_the_statement_follows_the_areas_of_each_year_when_they_change(
    cast: Cast, households: dict[str, Household]
) -> None:
    newer = make_unit(
        code="01840-12",
        name="12",
        kind=UnitKind.TO_DAN_PHO,
        parent=cast.duc_xuan,
        valid_from=D(2017, 1, 1),
        valid_to=None,
    )
    assert areas_under(cast.duc_xuan, 2016) != areas_under(cast.duc_xuan, 2017)
    moved = household_create(
        code="01840-12-001", head_name="moved in", area=newer, since=D(2017, 1, 1), actor=SYSTEM_ACTOR
    )
    for year in range(2014, LAST + 1):
        area = newer if year >= 2017 else cast.to_8a
        HouseholdYear.objects.create(household=moved, year=year, area=area, titled=year != 2015)
    streaks_recompute(unit=cast.duc_xuan, year=LAST, since=FIRST, actor=SYSTEM_ACTOR)
    by_statement = stored(cast)
    Streak.objects.all().delete()
    python_path(cast)
    assert stored(cast) == by_statement
    assert by_statement[(moved.pk, LAST)] == 5
