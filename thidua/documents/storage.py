"""Files kept in the database: every app server and worker reaches them, and the backup takes them.

thidua's generated files (certificates, decisions) and issued documents are written by a worker on
one machine and downloaded through an app server on another. Kept on a local disk they would be a 404
everywhere but where they were made. The choices were PostgreSQL itself or an S3-compatible store
through django-storages; thidua keeps them in PostgreSQL because:

- nothing more to run, secure and back up: the database's dump (``thidua backup``) holds the files
  with the rows that point at them, consistent to the same instant;
- a file is written in the same transaction as its row: a rolled-back job leaves no orphan, and a row
  never points at a missing file;
- the sizes are modest (a decision's PDF is tens of kB, a batch of certificates a few MB; a province
  makes a few GB over a decade), well within what PostgreSQL's TOAST stores.

A province that outgrows it sets ``FILE_STORAGE=filesystem`` with ``MEDIA_ROOT`` on a shared mount,
or plugs in django-storages' S3 backend through ``STORAGES``: every caller goes through Django's
storage API, never a path.
"""

from __future__ import annotations

import hashlib
import posixpath
from datetime import datetime
from typing import IO, Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible

from thidua.documents.models import StoredFile


@deconstructible
class DatabaseStorage(Storage):
    """Django's storage API over the ``documents_storedfile`` table."""

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Stored files are written with save(), never opened for writing.")
        row = StoredFile.objects.filter(name=name).values_list("content", flat=True).first()
        if row is None:
            raise FileNotFoundError(name)
        return ContentFile(bytes(row), name=name)

    def _save(self, name: str, content: IO[bytes] | File[Any]) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if isinstance(content, File) else content.read()
        if isinstance(data, str):
            data = data.encode()
        digest = hashlib.sha256(data).hexdigest()
        # Two writers may pick the same free name at once: the unique name decides, the loser takes
        # another name (as the file system storage does with O_EXCL).
        while True:
            try:
                with transaction.atomic():
                    StoredFile.objects.create(name=name, content=data, size=len(data), sha256=digest)
                return name
            except IntegrityError:
                name = self.get_alternative_name(*posixpath.splitext(name))

    def delete(self, name: str) -> None:
        StoredFile.objects.filter(name=name).delete()

    def exists(self, name: str) -> bool:
        return StoredFile.objects.filter(name=name).exists()

    def size(self, name: str) -> int:
        size = StoredFile.objects.filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return int(size)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = path.rstrip("/") + "/" if path else ""
        directories: set[str] = set()
        files: list[str] = []
        for name in StoredFile.objects.filter(name__startswith=prefix).values_list("name", flat=True):
            rest = name[len(prefix) :]
            head, _, tail = rest.partition("/")
            if tail:
                directories.add(head)
            else:
                files.append(head)
        return sorted(directories), sorted(files)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Stored files are downloaded through their owner's view, which checks access.")

    def _time(self, name: str) -> datetime:
        created = StoredFile.objects.filter(name=name).values_list("created_at", flat=True).first()
        if created is None:
            raise FileNotFoundError(name)
        return created

    def get_created_time(self, name: str) -> datetime:
        return self._time(name)

    def get_modified_time(self, name: str) -> datetime:
        return self._time(name)

    def checksum(self, name: str) -> str:
        """The SHA-256 of the stored bytes, recorded when the file was written."""
        digest = StoredFile.objects.filter(name=name).values_list("sha256", flat=True).first()
        if digest is None:
            raise FileNotFoundError(name)
        return str(digest)
