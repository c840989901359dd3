"""Benchmarks of a province's households on PostgreSQL (run by `make bench`, not by the tests).

Prints one figure a line, `name: value`:
- a year of a generated province (``thidua.demo.province``, Bắc Kạn's communes of 2024) imported
  through ``households_import``, the path of the web page and of `thidua import households`, one
  file per commune: rows per second, and its speed as a share of PostgreSQL's own COPY of the same
  CSV content into a bare table of the same columns, same run (goal: at least 0.5). Both baselines are
  ordinary tables, written to the WAL as the real ones are. Twice: the first year, when every
  household is new (``households_first_year_*``: a line writes a household, its residence and its
  record of the year), and the next, as every year after the first (``households_*``, the issue's
  figure: the households are recorded, a line writes its record of the year);
- the recompute of the households' streaks of every year present through ``streaks_recompute``
  (one province-level call with ``since``, the first year), which stores the runs of consecutive title
  years (one row a run), against a hand-written window query computing the same runs into a table
  (goal: within 2×);
- what writing the same rows costs at the least, without computing or checking anything: the
  files' rows COPYed straight into the tables the import fills, and the window query's runs
  inserted into the streaks' table, foreign keys checked (``*_write_only_*``; rolled back). They
  bound what any import or recompute can reach against the bare COPY and the bare query. In the
  first year a line is three rows written (household, residence, record of the year): the same COPYs
  into bare copies of the three tables (``*_copy_three_tables_*``) say how much of the cost is the
  indexes and keys;
- the peak memory of each, by tracemalloc, untimed: over the import of the first commune's file
  of each year (each file is imported on its own; the timed figures are over the others), and over
  a second recompute of the last year.

BENCH_HOUSEHOLDS (default 1,000,000, the issue's figure; 200000 takes a fifth of the time),
BENCH_YEARS (default 15) and BENCH_AREAS_PER_COMMUNE (default 20) size it.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from thidua.accounts.system import SYSTEM_ACTOR  # noqa: E402
from thidua.demo.province import (  # noqa: E402
    LAST_YEAR,
    CommuneFile,
    household_files,
    province_areas,
    province_communes,
)
from thidua.evaluations.imports.services import households_import  # noqa: E402
from thidua.evaluations.models import Streak  # noqa: E402
from thidua.evaluations.streaks.services import streaks_recompute  # noqa: E402
from thidua.lib.progress import Progress  # noqa: E402
from thidua.people.models import Household  # noqa: E402
from thidua.units.models import Level, Unit  # noqa: E402
from thidua.units.official import units_import_official  # noqa: E402

HOUSEHOLDS = int(os.environ.get("BENCH_HOUSEHOLDS", "1000000"))
YEARS = int(os.environ.get("BENCH_YEARS", "15"))
AREAS_PER_COMMUNE = int(os.environ.get("BENCH_AREAS_PER_COMMUNE", "20"))
PROVINCE = "vn-2024:06"
SEED = 2024


def figure(name: str, value: float, digits: int = 1) -> None:
    print(f"{name}: {value:.{digits}f}", flush=True)


def copy_baseline(contents: list[bytes]) -> float:
    """PostgreSQL's COPY of the same CSV content into a bare table with the same columns: an ordinary
    table, written to the WAL as the real tables are (a temporary table is not, and was faster)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_households (code text, head_name text, head_gender text, address text,"
            " area text, members text, register text, registered_on text)"
        )
        start = time.perf_counter()
        for content in contents:
            with cursor.connection.cursor().copy("COPY bench_households FROM STDIN (FORMAT csv, HEADER true)") as copy:
                copy.write(content)
        elapsed = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_households")
    return elapsed


# The three tables the import fills, and their bare copies: the same columns, no index, no key.
TABLES = ("people_household", "people_residence", "evaluations_householdyear")
BARE = {table: f"bench_{table}" for table in TABLES}


# The records of the year as the write-only floors COPY them.
YEAR_COPY = "COPY {table} (household_id, year, area_id, registered_on, exclusions, revocation_reason) FROM STDIN"


def file_lines(f: CommuneFile) -> list[tuple[str, str, str, str, str, str, datetime.date | None]]:
    """The lines of a generated file: code, head, gender, address, area code, members, registration date."""
    return [
        (
            code,
            head,
            gender,
            address,
            area,
            members,
            datetime.datetime.strptime(day, "%d/%m/%Y").date() if registers == "có" else None,
        )
        for code, head, gender, address, area, members, registers, day in list(
            csv.reader(io.StringIO(f.content.decode()))
        )[1:]
    ]


def keys_checked(raw: Any) -> None:
    """What each import's commit does: check the foreign keys of the rows written so far."""
    raw.execute("SET CONSTRAINTS ALL IMMEDIATE")
    raw.execute("SET CONSTRAINTS ALL DEFERRED")


def write_floor(files: list[CommuneFile], *, year: int, bare: bool = False) -> float:
    """The rows of the files COPYed straight into the households, their residences and their records of
    the year, one COPY a table a file and the foreign keys checked, without any check of the import:
    the least any import writing them can cost. With ``bare``, the same COPYs into bare copies of the
    three tables (``BARE``): PostgreSQL's COPY of the three rows each line of a file makes. Rolled
    back; the rows are made before the clock starts."""
    names = BARE if bare else {table: table for table in TABLES}
    areas = dict(Unit.objects.filter(level=Level.AREA).values_list("code", "pk"))
    tables = []
    for f in files:
        households, residences, lines = [], [], []
        for code, head, gender, address, area, members, registered in file_lines(f):
            households.append((code, head, "female" if gender == "nữ" else "male", address, int(members), areas[area]))
            residences.append((areas[area],))
            lines.append((year, areas[area], registered))
        tables.append((households, residences, lines))
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.connection.cursor()
        if bare:
            for table, name in BARE.items():
                raw.execute(f"CREATE TABLE {name} (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY)")
        # The ids and the COPY payloads made before the clock starts, as the CSV baseline's content is:
        # the clock counts PostgreSQL's work only.
        raw.execute(
            "SELECT nextval(pg_get_serial_sequence('people_household', 'id')) FROM generate_series(1, %s)",
            [sum(len(households) for households, _residences, _lines in tables)],
        )
        ids = iter([pk for (pk,) in raw.fetchall()])
        payloads = []
        for households, residences, lines in tables:
            pks = [next(ids) for _row in households]
            payloads.append(
                (
                    _copy_text(
                        (pk, code, head, gender, address, members, area, head, "")
                        for pk, (code, head, gender, address, members, area) in zip(pks, households, strict=True)
                    ),
                    _copy_text((pk, area) for pk, (area,) in zip(pks, residences, strict=True)),
                    _copy_text(
                        (pk, year, area, registered, "[]", "")
                        for pk, (year, area, registered) in zip(pks, lines, strict=True)
                    ),
                )
            )
        start = time.perf_counter()
        for households_text, residences_text, lines_text in payloads:
            with raw.copy(
                f"COPY {names['people_household']} (id, code, head_name, head_gender, address, member_count, area_id,"
                " search_text, dissolution_reason) FROM STDIN"
            ) as copy:
                copy.write(households_text)
            with raw.copy(f"COPY {names['people_residence']} (household_id, area_id) FROM STDIN") as copy:
                copy.write(residences_text)
            with raw.copy(YEAR_COPY.format(table=names["evaluations_householdyear"])) as copy:
                copy.write(lines_text)
            keys_checked(raw)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def year_write_floor(files: list[CommuneFile], *, year: int) -> float:
    """What a later year's import of the same households writes, at the least: each line's record of
    the year (one row) COPYed straight into its table, the foreign keys checked, nothing looked up or
    checked by the clock (the households' ids are found before it starts). Rolled back."""
    areas = dict(Unit.objects.filter(level=Level.AREA).values_list("code", "pk"))
    households = dict(Household.objects.values_list("code", "pk"))
    payloads = []
    for f in files:
        lines = []
        for code, _head, _gender, _address, area, _members, registered in file_lines(f):
            lines.append((households[code], year, areas[area], registered, "[]", ""))
        payloads.append(_copy_text(lines))
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.connection.cursor()
        start = time.perf_counter()
        for payload in payloads:
            with raw.copy(YEAR_COPY.format(table="evaluations_householdyear")) as copy:
                copy.write(payload)
            keys_checked(raw)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def _copy_text(rows: Iterable[tuple[object, ...]]) -> bytes:
    """Rows in COPY's text format (None as NULL)."""

    def cell(value: object) -> str:
        if value is None:
            return "\\N"
        return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    return "".join("\t".join(cell(value) for value in row) + "\n" for row in rows).encode()


def titles_fixture(area_ids: list[int], first_year: int) -> int:
    """Titles for the streaks, written directly with COPY and UPDATE: a benchmark fixture only (the demo
    and the application make titles through meetings and decisions). The years before the two imported
    get a HouseholdYear in the household's area; every year's is titled ~80% of the time,
    deterministically (the imported years' only when registered)."""
    with connection.cursor() as cursor:
        # Only the years the area exists in (an area of a commune made in 2020 has no record of 2019).
        cursor.execute(
            "SELECT h.id, h.area_id, COALESCE(EXTRACT(YEAR FROM u.valid_from)::int, 0) FROM people_household h"
            " JOIN units_unit u ON u.id = h.area_id WHERE h.area_id = ANY(%s) ORDER BY h.id",
            [area_ids],
        )
        households = cursor.fetchall()
        buffer = io.StringIO()
        written = 0
        for household_id, area_id, area_start in households:
            for year in range(max(first_year, area_start), LAST_YEAR - 1):
                written += 1
                titled = "t" if (household_id * 7919 + year * 104729) % 10 < 8 else "f"
                buffer.write(f"{household_id}\t{year}\t{area_id}\t{titled}\t[]\t\n")
        with cursor.connection.cursor().copy(
            "COPY evaluations_householdyear (household_id, year, area_id, titled, exclusions, revocation_reason)"
            " FROM STDIN"
        ) as copy:
            copy.write(buffer.getvalue())
        cursor.execute(
            "UPDATE evaluations_householdyear"
            " SET titled = registered_on IS NOT NULL AND ((household_id * 7919 + year * 104729) %% 10) < 8"
            " WHERE year >= %s AND area_id = ANY(%s)",
            [LAST_YEAR - 1, area_ids],
        )
        cursor.execute("ANALYZE evaluations_householdyear")
        return written


# The runs of consecutive title years of every household of the province's areas (unrevoked titles),
# as the classic gaps-and-islands query: what ``streaks_recompute`` stores, one row a run. Into an
# ordinary table, written to the WAL as the streaks' table is (a temporary table is not).
WINDOW_QUERY = """
CREATE TABLE bench_streaks AS
SELECT household_id, min(year) AS first_year, max(year) AS last_year
  FROM (SELECT household_id, year, year - row_number() OVER (PARTITION BY household_id ORDER BY year) AS island
          FROM evaluations_householdyear
         WHERE titled AND revoked_on IS NULL
           AND household_id IN (SELECT household_id FROM evaluations_householdyear WHERE area_id = ANY(%(areas)s))
       ) AS titled
 GROUP BY household_id, island
"""


def files_of(communes: list[Unit], year: int) -> list[CommuneFile]:
    return list(
        household_files(
            communes=communes, households=HOUSEHOLDS, areas_per_commune=AREAS_PER_COMMUNE, year=year, seed=SEED
        )
    )


def imported_peak(first: CommuneFile, year: int) -> int:
    """The memory of the import: tracemalloc's peak over one commune's file (untimed). Each commune's
    file is imported on its own, so the province's import peaks at about that figure."""
    tracemalloc.start()
    households_import(
        file_name=first.file_name, content=first.content, commune=first.commune, year=year, actor=SYSTEM_ACTOR
    )
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def imported_seconds(files: list[CommuneFile], year: int) -> float:
    """The files imported one by one, as a commune's officers would, through the web page's path."""
    start = time.perf_counter()
    for f in files:
        households_import(file_name=f.file_name, content=f.content, commune=f.commune, year=year, actor=SYSTEM_ACTOR)
    return time.perf_counter() - start


def measured_import(
    prefix: str, files: list[CommuneFile], year: int, floor: Callable[[list[CommuneFile]], float]
) -> None:
    """The figures of one year's import: the first commune's file imported under tracemalloc (untimed),
    then COPY of the others into a bare table, what writing their rows alone costs (``floor``), and
    their import one by one, each figure named ``prefix_…``."""
    first, timed = files[0], files[1:]
    rows = sum(f.rows for f in timed)
    peak = imported_peak(first, year)
    figure(f"{prefix}_rows", rows + first.rows, 0)
    copy_seconds = copy_baseline([f.content for f in timed])
    figure(f"{prefix}_copy_rows_per_second", rows / copy_seconds, 0)
    floor_seconds = floor(timed)
    figure(f"{prefix}_write_only_rows_per_second", rows / floor_seconds, 0)
    figure(f"{prefix}_write_only_vs_copy_ratio", copy_seconds / floor_seconds, 3)
    seconds = imported_seconds(timed, year)
    figure(f"{prefix}_import_seconds", seconds, 2)
    figure(f"{prefix}_import_rows_per_second", rows / seconds, 0)
    figure(f"{prefix}_import_vs_copy_ratio", copy_seconds / seconds, 3)
    figure(f"{prefix}_import_peak_mb", peak / 1024 / 1024, 1)
    figure(f"{prefix}_import_peak_rows", first.rows, 0)


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench_households runs on PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("flush", interactive=False, verbosity=0)
    units_import_official(actor=None, progress=Progress())
    communes = province_communes(PROVINCE, LAST_YEAR)
    start = time.perf_counter()
    areas = province_areas(communes=communes, areas_per_commune=AREAS_PER_COMMUNE)
    figure("province_communes", len(communes), 0)
    figure("province_areas_created", areas, 0)
    figure("province_areas_import_seconds", time.perf_counter() - start, 2)

    # The first year: every household is new, and each line of a file writes three rows.
    previous = LAST_YEAR - 1

    def first_year_floor(files: list[CommuneFile]) -> float:
        rows = sum(f.rows for f in files)
        floor_seconds = write_floor(files, year=previous)
        # Each line of a file is three rows (a household, its residence, its record of the year): the
        # same COPYs into bare copies of the three tables, what writing them costs without indexes or keys.
        bare_seconds = write_floor(files, year=previous, bare=True)
        figure("households_first_year_copy_three_tables_rows_per_second", rows / bare_seconds, 0)
        figure("households_first_year_write_only_vs_copy_three_tables_ratio", bare_seconds / floor_seconds, 3)
        return floor_seconds

    measured_import("households_first_year", files_of(communes, previous), previous, first_year_floor)
    # One year of the province, as every year after the first: the same households, recorded, register
    # again (some of them change their details), each line one record of the year.
    measured_import(
        "households", files_of(communes, LAST_YEAR), LAST_YEAR, lambda files: year_write_floor(files, year=LAST_YEAR)
    )

    first_year = LAST_YEAR - YEARS + 1
    area_ids = list(Unit.objects.filter(parent__in=communes, level=Level.AREA).values_list("pk", flat=True))
    start = time.perf_counter()
    fixture_rows = titles_fixture(area_ids, first_year)
    figure("titles_fixture_rows", fixture_rows, 0)
    titles_rows = fixture_rows + 2 * HOUSEHOLDS  # and the two years imported
    figure("titles_fixture_seconds", time.perf_counter() - start, 2)

    province = Unit.objects.get(source_key=PROVINCE)
    start = time.perf_counter()
    streaks_recompute(unit=province, year=LAST_YEAR, since=first_year, actor=SYSTEM_ACTOR)
    recompute_seconds = time.perf_counter() - start
    stored_runs = Streak.objects.filter(kind="household").count()
    figure("streaks_years", YEARS, 0)
    figure("streaks_recompute_seconds", recompute_seconds, 2)
    figure("streaks_household_runs", stored_runs, 0)
    figure("streaks_recompute_household_years_per_second", titles_rows / recompute_seconds, 0)

    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute(WINDOW_QUERY, {"areas": area_ids})
        window_seconds = time.perf_counter() - start
        # The same runs both ways: every stored run is one of the query's, and as many.
        cursor.execute("SELECT COUNT(*) FROM bench_streaks")
        window_runs = cursor.fetchone()[0]
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT household_id, first_year, last_year FROM evaluations_streak"
            " WHERE household_id IS NOT NULL EXCEPT SELECT household_id, first_year, last_year FROM bench_streaks) d"
        )
        differing = cursor.fetchone()[0]
        # The least a recompute storing these streaks can cost: the query's rows inserted into the
        # streaks' table as they are, its indexes and foreign keys checked (rolled back).
        with transaction.atomic():
            cursor.execute("TRUNCATE evaluations_streak")  # as empty as the recompute found it
            start = time.perf_counter()
            cursor.execute(
                "INSERT INTO evaluations_streak (kind, household_id, first_year, last_year)"
                " SELECT 'household', household_id, first_year, last_year FROM bench_streaks"
            )
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            write_seconds = time.perf_counter() - start
            transaction.set_rollback(True)
        cursor.execute("DROP TABLE bench_streaks")
    assert window_runs == stored_runs and differing == 0, (window_runs, stored_runs, differing)
    figure("streaks_window_query_seconds", window_seconds, 2)
    figure("streaks_recompute_vs_window_query_ratio", recompute_seconds / window_seconds, 2)
    figure("streaks_write_only_seconds", write_seconds, 2)
    figure("streaks_write_only_vs_window_query_ratio", write_seconds / window_seconds, 2)

    tracemalloc.start()
    streaks_recompute(unit=province, year=LAST_YEAR, actor=SYSTEM_ACTOR)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figure("streaks_recompute_last_year_peak_mb", peak / 1024 / 1024, 1)


if __name__ == "__main__":
    main()
