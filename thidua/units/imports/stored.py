"""Uploaded import files: kept in the database so that a background job can import them later."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor, person_of
from thidua.audit.services import audit_record
from thidua.errors import DomainError, DomainErrors
from thidua.lib.progress import Progress
from thidua.units.imports.areas import areas_import
from thidua.units.imports.lineage import lineage_import
from thidua.units.models import ImportFile, ImportKind, Unit

MAX_IMPORT_BYTES = 10 * 1024 * 1024

E_TOO_BIG = _("The file is larger than %(size)s MB: split it into several files.")


def import_file_store(
    *, kind: str, file_name: str, content: bytes, commune: Unit | None = None, actor: Actor
) -> ImportFile:
    """Keep an uploaded file for checking and importing; its name and size are audited."""
    authorize(actor, f"units.import_{kind}", commune if kind == ImportKind.AREAS else None)
    if len(content) > MAX_IMPORT_BYTES:
        raise DomainErrors([DomainError(E_TOO_BIG, size=MAX_IMPORT_BYTES // (1024 * 1024))])
    with transaction.atomic():
        stored = ImportFile.objects.create(
            kind=kind,
            name=file_name[:200],
            content=content,
            commune=commune if kind == ImportKind.AREAS else None,
            uploaded_by=person_of(actor),
        )
        audit_record(actor=actor, action="units.upload_import", obj=stored, after={"kind": kind, "size": len(content)})
    return stored


def import_file_apply(
    *, import_file: int, actor: Actor, progress: Progress | None = None, dry_run: bool = False
) -> dict[str, Any]:
    """Check or import a stored file; the background job of the import pages runs this."""
    stored = ImportFile.objects.select_related("commune").get(pk=import_file)
    content = bytes(stored.content)
    if stored.kind == ImportKind.AREAS:
        return areas_import(
            file_name=stored.name,
            content=content,
            commune=stored.commune,
            actor=actor,
            progress=progress,
            dry_run=dry_run,
        )
    return lineage_import(file_name=stored.name, content=content, actor=actor, progress=progress, dry_run=dry_run)
