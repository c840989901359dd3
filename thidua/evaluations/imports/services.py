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
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.audit.services import audit_record
from thidua.errors import DomainError, DomainErrors, Refused
from thidua.evaluations.imports.checks import Plan, households_check, refuse_decided_areas
from thidua.evaluations.imports.staged import households_import_staged
from thidua.evaluations.imports.writes import households_write
from thidua.jobs.models import Job
from thidua.jobs.services import job_start
from thidua.lib.progress import Progress
from thidua.people.models import HouseholdImportFile
from thidua.units.imports.stored import E_TOO_BIG, MAX_IMPORT_BYTES
from thidua.units.models import Unit


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
    actor: Actor,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> dict[str, int]:
    """Import the households of an Excel or CSV file and their registrations for ``year``, all or nothing.

    ``commune`` restricts the file to the areas of one commune (None: any area the actor may see).
    Raises ``DomainErrors`` listing every bad row (row, column, reason) and writes nothing if
    anything is wrong. With ``dry_run`` every check runs and the summary says what the import would
    do, and nothing is written.
    """
    authorize(actor, "people.import_households", commune)
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


def household_file_store(
    *, file_name: str, content: bytes, commune: Unit | None, year: int, actor: Actor
) -> HouseholdImportFile:
    """Keep an uploaded file for checking and importing; its name, size, commune and year are audited."""
    authorize(actor, "people.import_households", commune)
    if len(content) > MAX_IMPORT_BYTES:
        raise DomainErrors([DomainError(E_TOO_BIG, size=MAX_IMPORT_BYTES // (1024 * 1024))])
    with transaction.atomic():
        stored = HouseholdImportFile.objects.create(
            name=file_name[:200],
            content=content,
            commune=commune,
            year=year,
            uploaded_by=actor if actor.pk else None,
        )
        audit_record(
            actor=actor,
            action="people.upload_households",
            obj=stored,
            after={"size": len(content), "commune": commune.pk if commune else None, "year": year},
        )
    return stored


def household_file_apply(
    *, import_file: int, actor: Actor, progress: Progress | None = None, dry_run: bool = False
) -> dict[str, Any]:
    """Check or import a stored file; the background job of the import page runs this. A person
    imports only a file they uploaded themselves."""
    stored = HouseholdImportFile.objects.select_related("commune").get(pk=import_file)
    authorize(actor, "people.import_households", stored.commune)
    if actor is not SYSTEM_ACTOR and stored.uploaded_by_id != actor.pk:
        raise Refused(_("This file was uploaded by someone else."), hidden=True)
    return households_import(
        file_name=stored.name,
        content=bytes(stored.content),
        commune=stored.commune,
        year=stored.year,
        actor=actor,
        progress=progress,
        dry_run=dry_run,
    )


def household_import_start(*, stored: HouseholdImportFile, actor: Actor) -> Job:
    """Queue the import of a stored file as a background job (``household_file_apply``), whose page
    shows its progress; only its uploader starts it."""
    authorize(actor, "people.import_households", stored.commune)
    if actor is not SYSTEM_ACTOR and stored.uploaded_by_id != actor.pk:
        raise Refused(_("This file was uploaded by someone else."), hidden=True)
    return job_start(kind="people.import_households", actor=actor, params={"import_file": stored.pk})
