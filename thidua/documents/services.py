"""Producing documents as files: the batch of certificates behind the job kind "documents.certificates"."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor, person_of
from thidua.audit.services import audit_record
from thidua.documents.model import certificate_from_json, stock_layout_from_json
from thidua.documents.models import GeneratedFile, GeneratedFileKind
from thidua.documents.pdf import render_certificates_pdf
from thidua.documents.sources import certificate_source
from thidua.lib.progress import Progress


def _generated_file_create(
    *, kind: str, name: str, content: bytes, pages: int, actor: Actor, content_type: str = "application/pdf"
) -> GeneratedFile:
    """Store ``content`` in the file storage (the database by default) and record it for its owner.

    The file is written before the row: a row must never point at a missing file, and a file left
    behind by a failed transaction is removed here.
    """
    generated = GeneratedFile(
        kind=kind,
        name=name,
        content_type=content_type,
        size=len(content),
        pages=pages,
        created_by=person_of(actor),
    )
    generated.file.save(name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            generated.save()
            audit_record(
                actor=actor,
                action="documents.generate",
                obj=generated,
                after={"kind": kind, "name": name, "pages": pages, "size": len(content)},
            )
    except Exception:
        with contextlib.suppress(OSError):
            generated.file.delete(save=False)
        raise
    return generated


def generated_file_url(generated: GeneratedFile) -> str:
    return reverse("documents:download", kwargs={"pk": generated.pk})


def certificates_render_batch(
    *,
    actor: Actor,
    progress: Progress | None = None,
    certificates: Sequence[Mapping[str, Any]] = (),
    source: str = "",
    source_params: Mapping[str, Any] | None = None,
    text_only: bool = False,
    stock: Mapping[str, Any] | None = None,
    name: str = "giay-khen.pdf",
) -> dict[str, Any]:
    """Render certificates (as JSON, see ``certificate_to_json``) into one stored PDF, one page each.

    With ``source`` the certificates are built by the source its app registered
    (``thidua.documents.sources``) from ``source_params``, so that the job's parameters stay small;
    the source authorizes the actor again on its records (a job runs as the user who started it).

    Progress advances after each chunk of certificates; the summary holds ``download_url``, which
    the job's page shows as a link.
    """
    authorize(actor, "documents.print_certificates")
    progress = progress or Progress()
    items = [certificate_from_json(data) for data in certificates]
    if source:
        items += certificate_source(source)(actor=actor, **(source_params or {}))
    progress.start(len(items), _("Rendering certificates: %(count)s"), count=len(items))
    content = render_certificates_pdf(
        items,
        text_only=text_only,
        stock=stock_layout_from_json(stock) if text_only else None,
        on_chunk=progress.advance,
    )
    generated = _generated_file_create(
        kind=GeneratedFileKind.CERTIFICATES, name=name, content=content, pages=len(items), actor=actor
    )
    progress.finish(_("PDF written"))
    return {
        "certificates": len(items),
        "pages": generated.pages,
        "file": str(generated.pk),
        "download_url": generated_file_url(generated),
    }
