"""Migration 0004 turns the streaks stored a row a year into runs, in SQL, on either database."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.people.services import household_create
from thidua.testing import Cast

BEFORE = [("evaluations", "0003_householdyear_streak_drop_redundant_indexes")]
AFTER = [("evaluations", "0004_streak_runs")]


def _migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def _migrate_to_the_latest() -> None:
    # Going back to 0003 also unapplied what depends on 0004 in other apps (the register's data
    # migration, the awards after it): the database goes back to every app's latest migration.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_rows_of_each_year_become_the_runs_they_end(cast: Cast) -> None:
    first = household_create(code="01840-08A-001", head_name="A", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR)
    second = household_create(code="01840-08A-002", head_name="B", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR)
    _migrate(BEFORE)
    try:
        rows = [
            # The first household: titled 2013–2015 and 2017–2018 (2016 not); the second: only 2018
            # was recomputed, with a streak of 4 then.
            *[("household", first.pk, None, y, n) for y, n in [(2013, 1), (2014, 2), (2015, 3), (2016, 0)]],
            *[("household", first.pk, None, y, n) for y, n in [(2017, 1), (2018, 2)]],
            ("household", second.pk, None, 2018, 4),
            ("area", None, cast.to_8a.pk, 2019, 0),
            ("area", None, cast.to_8a.pk, 2020, 1),
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO evaluations_streak (kind, household_id, area_id, year, length)"
                " VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
    finally:
        _migrate(AFTER)
        _migrate_to_the_latest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, household_id, area_id, first_year, last_year FROM evaluations_streak"
            " ORDER BY kind, household_id, area_id, first_year"
        )
        runs = cursor.fetchall()
    assert runs == [
        ("area", None, cast.to_8a.pk, 2020, 2020),
        ("household", first.pk, None, 2013, 2015),
        ("household", first.pk, None, 2017, 2018),
        ("household", second.pk, None, 2015, 2018),
    ]
