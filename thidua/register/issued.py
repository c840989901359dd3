"""The issued text: rendered once after the issue, stored with its checksum, served as stored.

A document built from live data changes when the data does: a rename back-dated through the API
changed the text of a decision issued years before. So the text of a registered document is rendered
once, by a background job started when the issuing transaction commits (a big decision takes
seconds), and kept through Django's storage API with its SHA-256 in the register entry. The download
is that file, checked against its checksum; a later rename, merge or correction cannot alter it (the
register's trigger also refuses a second file for the entry).

Each app registers the renderer of its kind of document in its ``AppConfig.ready``
(``register_issued_renderer("evaluations.decision", "thidua.evaluations.documents.decision_issued")``):
a function ``render(document) -> Rendered`` (``thidua.documents.formats``), the PDF as issued.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.documents.formats import Rendered
from thidua.errors import DomainError
from thidua.register.models import RegisterEntry
from thidua.register.selectors import entry_of

JOB_KIND = "register.render_issued"
_RENDERERS: dict[str, str] = {}


def register_issued_renderer(kind: str, function: str) -> None:
    if _RENDERERS.get(kind, function) != function:
        raise ValueError(f"The renderer of issued {kind!r} documents is registered twice.")
    _RENDERERS[kind] = function


def render_later(entry: RegisterEntry) -> None:
    """Start the job that renders ``entry``'s document once the issuing transaction commits."""
    if entry.kind not in _RENDERERS:
        return
    from thidua.jobs.services import job_start

    pk = entry.pk
    transaction.on_commit(lambda: job_start(kind=JOB_KIND, actor=SYSTEM_ACTOR, params={"entry_id": pk}))


def issued_render(*, actor: Any, progress: Any = None, entry_id: int) -> dict[str, int]:
    """The job: render the registered document once and store it with its checksum.

    It writes only what the register allows once (the file and its checksum of an issued entry) and
    decides nothing, so it runs as whoever queued it (the system, at issue).
    """
    with transaction.atomic():
        entry = RegisterEntry.objects.select_for_update().get(pk=entry_id)
        if entry.sha256:
            return {"unchanged": 1}
        document = entry.document
        if document is None:
            raise ValueError(f"The register entry {entry_id} has no document yet.")
        rendered: Rendered = import_string(_RENDERERS[entry.kind])(document)
        entry.file.save(
            f"{entry.issuer_id}-{entry.year}-{rendered.filename}", ContentFile(rendered.content), save=False
        )
        entry.sha256 = hashlib.sha256(rendered.content).hexdigest()
        entry.save(update_fields=["file", "sha256"])
    return {"pages": 1}


def issued_file(document: models.Model) -> bytes | None:
    """The stored text of an issued ``document``, checked against its checksum; None if not stored (yet)."""
    entry = entry_of(document)
    if entry is None or not entry.sha256:
        return None
    with entry.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != entry.sha256:
        raise DomainError(
            _("The stored file of %(document)s does not match its checksum: it was altered. Restore it from a backup."),
            document=f"{entry.number:02d}/{entry.symbol} ({entry.year})",
        )
    return bytes(content)


def issued_pending(document: models.Model) -> bool:
    """True while the issued text of a registered ``document`` is being prepared."""
    entry = entry_of(document)
    return entry is not None and not entry.sha256 and entry.kind in _RENDERERS
