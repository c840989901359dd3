"""Benchmarks of the administrative tree on PostgreSQL (run by `make bench`, not by the tests).

Prints one figure a line, `name: value`:
- the full official import (units, versions, 2025 lineage, history) in seconds and rows per second,
  and its ratio to PostgreSQL's own COPY of the same unit rows into a scratch table, same run;
- 90,000 generated residential areas (under the 2025 communes) added with COPY;
- "the subtree of a province as of a date" through thidua's selector, in milliseconds (median of
  20), and its ratio to a hand-written three-level join over the same data;
- the lineage-aware scope of a province officer (everything the province ever answered for).
"""

from __future__ import annotations

import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from thidua.lib.progress import Progress  # noqa: E402
from thidua.units.models import Unit  # noqa: E402
from thidua.units.official import units_import_official  # noqa: E402
from thidua.units.selectors import subtree_q, unit_subtree_ids  # noqa: E402

AREAS = int(os.environ.get("BENCH_AREAS", "90000"))
DAY = datetime.date(2026, 1, 1)


def figure(name: str, value: float, digits: int = 1) -> None:
    print(f"{name}: {value:.{digits}f}", flush=True)


def median_ms(function: object, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def copy_units_baseline() -> float:
    """PostgreSQL's COPY of the same unit rows into a scratch table: the floor for a bulk load."""
    rows = list(Unit.objects.values_list("code", "name", "kind", "level", "parent_id", "valid_from", "valid_to"))
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_units (code text, name text, kind text, level int, parent_id bigint,"
            " valid_from date, valid_to date)"
        )
        start = time.perf_counter()
        with cursor.connection.cursor().copy("COPY bench_units FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        elapsed = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_units")
    return elapsed


def generate_areas(count: int) -> float:
    """Residential areas under the 2025 communes, written with COPY (units, then one version each)."""
    communes = list(Unit.objects.filter(source_key__startswith="vn-2025:", level=3).values_list("pk", "code"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM units_unit")
        next_id = cursor.fetchone()[0] + 1
        units, versions = io.StringIO(), io.StringIO()
        for n in range(count):
            commune_id, commune_code = communes[n % len(communes)]
            code = f"{commune_code}-B{n:06d}"
            name = f"Thôn {n}"
            search = f"thon {n} {code}".lower()
            unit_id = next_id + n
            units.write(f"{unit_id}\t{code}\t{name}\tthon\t4\t{commune_id}\t2025-07-01\t\\N\t{search}\t\\N\n")
            versions.write(f"{unit_id}\t2025-07-01\t\\N\t{name}\tthon\t4\t{commune_id}\n")
        start = time.perf_counter()
        raw = cursor.connection
        with raw.cursor().copy(
            "COPY units_unit (id, code, name, kind, level, parent_id, valid_from, valid_to, search_text, source_key)"
            " FROM STDIN"
        ) as copy:
            copy.write(units.getvalue())
        with raw.cursor().copy(
            "COPY units_unitversion (unit_id, valid_from, valid_to, name, kind, level, parent_id) FROM STDIN"
        ) as copy:
            copy.write(versions.getvalue())
        cursor.execute("SELECT setval(pg_get_serial_sequence('units_unit', 'id'), (SELECT MAX(id) FROM units_unit))")
        cursor.execute("ANALYZE units_unit")
        cursor.execute("ANALYZE units_unitversion")
        cursor.execute("ANALYZE units_lineagelink")
        return time.perf_counter() - start


HAND_WRITTEN_SUBTREE = """
SELECT p.unit_id FROM units_unitversion p WHERE p.unit_id = %(root)s
UNION ALL
SELECT c.unit_id FROM units_unitversion c
 WHERE c.parent_id = %(root)s AND (c.valid_from IS NULL OR c.valid_from <= %(day)s)
   AND (c.valid_to IS NULL OR c.valid_to >= %(day)s)
UNION ALL
SELECT a.unit_id FROM units_unitversion c JOIN units_unitversion a ON a.parent_id = c.unit_id
 WHERE c.parent_id = %(root)s AND (c.valid_from IS NULL OR c.valid_from <= %(day)s)
   AND (c.valid_to IS NULL OR c.valid_to >= %(day)s)
   AND (a.valid_from IS NULL OR a.valid_from <= %(day)s) AND (a.valid_to IS NULL OR a.valid_to >= %(day)s)
"""


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench_units runs on PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("flush", interactive=False, verbosity=0)
    start = time.perf_counter()
    summary = units_import_official(actor=None, progress=Progress())
    seconds = time.perf_counter() - start
    figure("units_import_official_seconds", seconds, 2)
    figure("units_import_official_units_per_second", summary["total"] / seconds, 0)
    copy_seconds = copy_units_baseline()
    figure("units_copy_baseline_units_per_second", summary["total"] / copy_seconds, 0)
    figure("units_import_vs_copy_ratio", seconds / copy_seconds, 1)
    start = time.perf_counter()
    units_import_official(actor=None, progress=Progress())
    figure("units_import_official_again_seconds", time.perf_counter() - start, 2)

    area_seconds = generate_areas(AREAS)
    figure("areas_generated", AREAS, 0)
    figure("areas_copy_rows_per_second", 2 * AREAS / area_seconds, 0)

    province = Unit.objects.get(source_key="vn-2025:01")  # Hà Nội: the largest subtree
    ids = unit_subtree_ids(province.pk, DAY)
    figure("subtree_province_units", len(ids), 0)
    thidua_ms = median_ms(lambda: unit_subtree_ids(province.pk, DAY))
    with connection.cursor() as cursor:

        def hand_written() -> list[tuple[int]]:
            cursor.execute(HAND_WRITTEN_SUBTREE, {"root": province.pk, "day": DAY})
            return cursor.fetchall()

        assert len(hand_written()) == len(ids)
        hand_ms = median_ms(hand_written)
    figure("subtree_province_as_of_ms", thidua_ms, 2)
    figure("subtree_province_hand_written_sql_ms", hand_ms, 2)
    figure("subtree_vs_hand_written_ratio", thidua_ms / hand_ms, 2)

    old_province = Unit.objects.get(source_key="vn-2024:06")  # Bắc Kạn, before 2025
    day_2013 = datetime.date(2013, 12, 31)
    figure("subtree_old_province_2013_ms", median_ms(lambda: unit_subtree_ids(old_province.pk, day_2013)), 2)
    reach = Unit.objects.filter(subtree_q(Unit.objects.get(source_key="vn-2025:19").pk))
    figure("scope_thai_nguyen_2025_units", reach.count(), 0)
    figure("scope_thai_nguyen_2025_ms", median_ms(lambda: reach.count(), repeat=10), 2)


if __name__ == "__main__":
    main()
