"""Uploaded household files: kept in the database so that a background job can import them later."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from thidua.audit.services import audit_record
from thidua.errors import DomainError, DomainErrors
from thidua.lib.progress import Progress
from thidua.people.imports.households import households_import
from thidua.people.models import HouseholdImportFile
from thidua.units.imports.stored import E_TOO_BIG, MAX_IMPORT_BYTES
from thidua.units.models import Unit


def household_file_store(
    *, file_name: str, content: bytes, commune: Unit | None, year: int, actor: Any
) -> HouseholdImportFile:
    """Keep an uploaded file for checking and importing; its name, size, commune and year are audited."""
    if len(content) > MAX_IMPORT_BYTES:
        raise DomainErrors([DomainError(E_TOO_BIG, size=MAX_IMPORT_BYTES // (1024 * 1024))])
    with transaction.atomic():
        stored = HouseholdImportFile.objects.create(
            name=file_name[:200],
            content=content,
            commune=commune,
            year=year,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="people.upload_households",
            obj=stored,
            after={"size": len(content), "commune": commune.pk if commune else None, "year": year},
        )
    return stored


def household_file_apply(
    *, import_file: int, actor: Any, progress: Progress | None = None, dry_run: bool = False
) -> dict[str, Any]:
    """Check or import a stored file; the background job of the import page runs this."""
    stored = HouseholdImportFile.objects.select_related("commune").get(pk=import_file)
    return households_import(
        file_name=stored.name,
        content=bytes(stored.content),
        commune=stored.commune,
        year=stored.year,
        actor=actor,
        progress=progress,
        dry_run=dry_run,
    )
