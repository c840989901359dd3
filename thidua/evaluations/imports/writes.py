"""Writing a checked households file, set-based: new rows in batches and one ``UPDATE`` per
batch (or per target area, per registration date), never a statement per row. Runs inside the
import's transaction, after ``households_check`` found nothing wrong.

New households, residences and records of the year go in with ``COPY`` on PostgreSQL (the new
households' ids reserved from their sequence first), ``bulk_create`` elsewhere: at a province's
scale the ORM's building and quoting of the INSERTs was most of the import's time (``make bench``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import connection
from django.utils.translation import gettext_lazy as _

from thidua.db import copy_rows
from thidua.evaluations.imports.checks import Plan, Planned, chunks
from thidua.evaluations.models import Dossier, DossierKind, HouseholdYear
from thidua.evaluations.rollup import rollup_touch
from thidua.lib.progress import Progress
from thidua.people.models import Household, Residence, household_search_text
from thidua.units.models import Unit


def _stay_start(area: Unit, year: int) -> datetime.date | None:
    """Where a new household's residence begins: unknown, as for a household that was there before
    the records began (so that importing an earlier year later finds it there), unless its area
    only begins within the year."""
    first_day = datetime.date(year, 1, 1)
    return area.valid_from if area.valid_from is not None and area.valid_from > first_day else None


def _details(row: Planned, **fields: object) -> Household:
    return Household(
        head_name=row.head_name,
        head_gender=row.head_gender,
        address=row.address,
        member_count=row.member_count,
        search_text=household_search_text(row.head_name, row.code, row.address),
        **fields,
    )


def _copy_households(new: list[Planned], progress: Progress) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Household._meta.db_table, len(new)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
    for row, pk in zip(new, ids, strict=True):
        row.household_id = pk
    fields = ("id", "code", "head_name", "head_gender", "address", "member_count", "area_id", "search_text")
    copy_rows(
        Household,
        fields,
        [
            (
                row.household_id,
                row.code,
                row.head_name,
                row.head_gender,
                row.address,
                row.member_count,
                row.area.pk,
                household_search_text(row.head_name, row.code, row.address),
            )
            for row in new
        ],
    )
    progress.advance(len(new))


def _create_households(new: list[Planned], progress: Progress) -> None:
    if connection.vendor == "postgresql":
        _copy_households(new, progress)
        return
    for batch in chunks(new):
        households = [_details(row, code=row.code, area=row.area) for row in batch]
        Household.objects.bulk_create(households)
        for row, household in zip(batch, households, strict=True):
            row.household_id = household.pk or 0
        progress.advance(len(batch))
    missing = [row.code for row in new if not row.household_id]
    if missing:
        # A database that returns no ids from a bulk insert: find them by code, in bulk.
        ids: dict[str, int] = {}
        for codes in chunks(missing):
            ids.update(Household.objects.filter(code__in=codes).values_list("code", "pk"))
        for row in new:
            row.household_id = row.household_id or ids[row.code]


def _move(moved: list[Planned], year: int, progress: Progress) -> list[Residence]:
    """Close the residences the moves leave on 31/12 of the year before; the households' current
    area becomes the new one. Returns the residences that begin on 01/01."""
    eve = datetime.date(year - 1, 12, 31)
    for batch in chunks([row.move_from for row in moved if row.move_from is not None]):
        Residence.objects.filter(pk__in=batch).update(valid_to=eve)
        progress.advance(len(batch))
    by_area: dict[int, list[int]] = defaultdict(list)
    for row in moved:
        by_area[row.area.pk].append(row.household_id)
    for area_id, household_ids in by_area.items():
        for ids in chunks(household_ids):
            Household.objects.filter(pk__in=ids).update(area_id=area_id)
    first_day = datetime.date(year, 1, 1)
    return [Residence(household_id=row.household_id, area=row.area, valid_from=first_day) for row in moved]


def households_write(plan: Plan, *, year: int, progress: Progress) -> None:
    rows = plan.rows
    new = [row for row in rows if row.known is None]
    for row in rows:
        if row.known is not None:
            row.household_id = row.known.pk
    moved = [row for row in rows if row.move_from is not None]
    updated = [row for row in rows if row.update_details]
    lines = [row for row in rows if row.new_line]
    registering = [row for row in rows if row.register_line is not None]
    total = 2 * len(new) + 2 * len(moved) + len(updated) + len(lines) + len(registering) + len(plan.dossiers)
    progress.start(total, _("Writing"))

    _create_households(new, progress)
    residences = [
        Residence(household_id=row.household_id, area=row.area, valid_from=_stay_start(row.area, year)) for row in new
    ]
    residences += _move(moved, year, progress)
    if connection.vendor == "postgresql":
        fields = ("household_id", "area_id", "valid_from", "valid_to")
        copy_rows(Residence, fields, [(r.household_id, r.area_id, r.valid_from, r.valid_to) for r in residences])
        progress.advance(len(residences))
    else:
        for batch_of_residences in chunks(residences):
            Residence.objects.bulk_create(batch_of_residences)
            progress.advance(len(batch_of_residences))

    for batch in chunks(updated):
        Household.objects.bulk_update(
            [_details(row, pk=row.household_id) for row in batch],
            ["head_name", "head_gender", "address", "member_count", "search_text"],
        )
        progress.advance(len(batch))

    if connection.vendor == "postgresql":
        fields = ("household_id", "year", "area_id", "registered_on")
        copy_rows(HouseholdYear, fields, [(row.household_id, year, row.area.pk, row.registered_on) for row in lines])
        progress.advance(len(lines))
    else:
        for batch in chunks(lines):
            HouseholdYear.objects.bulk_create(
                HouseholdYear(household_id=row.household_id, year=year, area=row.area, registered_on=row.registered_on)
                for row in batch
            )
            progress.advance(len(batch))
    by_date: dict[datetime.date, list[int]] = defaultdict(list)
    for row in registering:
        if row.register_line is not None and row.registered_on is not None:
            by_date[row.registered_on].append(row.register_line)
    for day, line_ids in by_date.items():
        for ids in chunks(line_ids):
            HouseholdYear.objects.filter(pk__in=ids).update(registered_on=day)
            progress.advance(len(ids))

    # The area's dossier of the year opens with its first registration, as ``households_register`` does.
    Dossier.objects.bulk_create(
        [Dossier(kind=DossierKind.GDVH, unit_id=area_id, year=year) for area_id in plan.dossiers],
        ignore_conflicts=True,
    )
    progress.advance(len(plan.dossiers))
    # The file's areas' roll-up rows, recounted set-based in the import's transaction.
    rollup_touch(area_ids={row.area.pk for row in rows} | set(plan.dossiers), year=year)
