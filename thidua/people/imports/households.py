"""Importing a commune's households and their registrations for one year, from Excel or CSV.

The file is checked whole before anything is written: every row on its own, against the other
rows, and against the database, which is read in bulk (a few thousand codes a query, never a
query per row). Then everything is written set-based in one transaction — ``bulk_create`` in
batches, one ``UPDATE`` per batch — with one audit entry for the import; or nothing is written and
``DomainErrors`` names every bad row, column and reason.

Decisions, also explained on the template's instruction sheet:

* Every household of the file gets its row of the year (``HouseholdYear``), registered or not,
  so that the area's share of cultural families counts every household (``area_recount``).
* A household already recorded in another area is moved to the file's area from 01/01 of the
  year — the yearly list is how communes learn of most moves — but only when the head's name
  matches (a mistyped code must not move someone else's household), its current residence began
  before that day, and no record of that year or a later one places it elsewhere. Otherwise the
  row is refused: the move is recorded first, with its real date.
* Importing the same file again writes nothing twice: recorded households stay, and a
  registration already recorded on the same date stays. A row that contradicts a recorded
  registration (another date, or "không") is the evaluations' rule "registered twice in a year".
* The details of a recorded household (head, gender, address, number of members) follow the
  file, unless the household has records of a later year: an old list does not overwrite a newer one.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from thidua.audit.services import audit_record
from thidua.lib.progress import Progress
from thidua.people.imports.checks import Plan, households_check, overlapping, refuse_decided_areas
from thidua.people.imports.layout import (
    GENDER_WORDS,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_EXAMPLE,
    HOUSEHOLD_RULES,
    HOUSEHOLD_SHEET,
    REGISTER_WORDS,
)
from thidua.people.imports.staged import households_import_staged
from thidua.people.imports.writes import households_write
from thidua.units.imports.tables import Guide, template_workbook
from thidua.units.models import Level, Unit, UnitVersion


def commune_areas(commune: Unit, year: int | None = None) -> QuerySet[Unit]:
    """The residential areas under ``commune`` during ``year`` (at any time when None), by code."""
    versions = UnitVersion.objects.filter(parent=commune, level=Level.AREA)
    if year is not None:
        versions = versions.filter(overlapping(year))
    return Unit.objects.filter(pk__in=versions.values("unit_id")).order_by("code")


def households_template(*, commune: Unit | None = None, year: int | None = None) -> bytes:
    """The Excel template; for a commune, the area column offers its areas (of ``year``) as a list."""
    choices: dict[str, list[str]] = {
        "head_gender": list(GENDER_WORDS),
        "register": list(REGISTER_WORDS),
    }
    if commune is not None:
        codes = list(dict.fromkeys(commune_areas(commune, year).values_list("code", flat=True)))
        if codes:
            choices["area"] = codes
    title = "Danh sách hộ gia đình" + (f" — {commune.full_name}" if commune else "")
    title += f" — năm {year}" if year else ""
    return template_workbook(
        sheet_name=HOUSEHOLD_SHEET,
        columns=HOUSEHOLD_COLUMNS,
        choices=choices,
        guide=Guide(
            title_vi=f"{title}: hướng dẫn nhập",
            title_en="Households and their registrations for a year: how to fill in this file"
            + (f" ({year})" if year else ""),
            rules=HOUSEHOLD_RULES,
            example=HOUSEHOLD_EXAMPLE,
        ),
    )


def _summary(plan: Plan, rows: int) -> dict[str, int]:
    known = [row for row in plan.rows if row.known is not None]
    return {
        "rows": rows,
        "households_created": len(plan.rows) - len(known),
        "households_updated": sum(row.update_details for row in known),
        "households_unchanged": sum(not row.update_details and row.move_from is None for row in known),
        "moved": sum(row.move_from is not None for row in known),
        "registered": sum(row.registers_now for row in plan.rows),
        "registrations_unchanged": sum(row.registration_kept for row in plan.rows),
        "not_registering": sum(row.registered_on is None for row in plan.rows),
    }


def households_import(
    *,
    file_name: str,
    content: bytes,
    commune: Unit | None,
    year: int,
    actor: Any,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> dict[str, int]:
    """Import the households of an Excel or CSV file and their registrations for ``year``, all or nothing.

    ``commune`` restricts the file to the areas of one commune (None: any area the actor may see).
    Raises ``DomainErrors`` listing every bad row (row, column, reason) and writes nothing if
    anything is wrong. With ``dry_run`` every check runs and the summary says what the import would
    do, and nothing is written.
    """
    progress = progress or Progress()
    # On PostgreSQL, a CSV file of new households and of recorded ones registering for a new year
    # without moving: checked and written set-based in SQL (``staged``); anything else is planned here.
    staged = households_import_staged(
        file_name=file_name,
        content=content,
        commune=commune,
        year=year,
        actor=actor,
        progress=progress,
        dry_run=dry_run,
    )
    if staged is not None:
        return staged
    # The check only reads, outside the transaction, so that a job's page shows its progress. What
    # others write meanwhile cannot slip through: a household or a record of the year fails the
    # write on a unique constraint, titles decided meanwhile are checked again, and the
    # transaction leaves nothing behind.
    plan = households_check(
        file_name=file_name, content=content, commune=commune, year=year, actor=actor, progress=progress
    )
    summary = _summary(plan, len(plan.rows))
    changes = any(
        row.known is None or row.move_from or row.update_details or row.new_line or row.register_line
        for row in plan.rows
    )
    # A file imported again writes nothing, and leaves no audit entry either.
    if changes and not dry_run:
        with transaction.atomic():
            refuse_decided_areas(plan, year=year)
            households_write(plan, year=year, progress=progress)
            audit_record(
                actor=actor,
                action="people.import_households",
                obj=commune,
                after={"file": file_name, "year": year, **summary},
            )
    progress.finish()
    return summary
