"""Files in the database: what one process writes, every other reads; a rolled-back write leaves nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from thidua.documents.models import StoredFile
from thidua.documents.storage import DatabaseStorage
from thidua.testing import postgres_url

ROOT = Path(__file__).resolve().parents[3]


def test_the_default_storage_is_the_database() -> None:
    assert isinstance(default_storage, DatabaseStorage)


def test_a_file_reads_back_byte_for_byte_with_its_size_and_checksum(db) -> None:  # type: ignore[no-untyped-def]
    storage = DatabaseStorage()
    data = bytes(range(256)) * 1000
    name = storage.save("documents/2014/01/quyet-dinh.pdf", ContentFile(data))
    assert storage.exists(name)
    assert storage.size(name) == len(data)
    with storage.open(name) as handle:
        assert handle.read() == data
    assert storage.checksum(name) == hashlib.sha256(data).hexdigest()
    assert storage.listdir("documents/2014") == (["01"], [])
    assert storage.listdir("documents/2014/01") == ([], ["quyet-dinh.pdf"])
    storage.delete(name)
    assert not storage.exists(name)
    with pytest.raises(FileNotFoundError):
        storage.open(name)


def test_a_second_file_of_the_same_name_gets_a_name_of_its_own(db) -> None:  # type: ignore[no-untyped-def]
    storage = DatabaseStorage()
    first = storage.save("giay-khen.pdf", ContentFile(b"one"))
    second = storage.save("giay-khen.pdf", ContentFile(b"two"))
    assert first != second
    assert storage.open(first).read() == b"one" and storage.open(second).read() == b"two"


def test_a_rolled_back_transaction_leaves_no_file(db) -> None:  # type: ignore[no-untyped-def]
    storage = DatabaseStorage()
    with pytest.raises(RuntimeError), transaction.atomic():
        storage.save("orphan.pdf", ContentFile(b"never"))
        raise RuntimeError("the job failed after writing its file")
    assert not StoredFile.objects.filter(name__startswith="orphan").exists()


def test_a_stored_file_cannot_be_opened_for_writing(db) -> None:  # type: ignore[no-untyped-def]
    storage = DatabaseStorage()
    name = storage.save("issued.pdf", ContentFile(b"%PDF"))
    with pytest.raises(ValueError, match="never opened for writing"):
        storage.open(name, "wb")


@pytest.mark.django_db(transaction=True)
def test_a_file_written_by_another_process_is_read_here() -> None:
    """What a worker on another machine writes, an app server reads: two processes, one database."""
    if connection.vendor != "postgresql":
        pytest.skip("two processes on one test database: PostgreSQL (SQLite's test database is in memory)")
    url = postgres_url()
    script = (
        "from django.core.files.base import ContentFile; from django.core.files.storage import default_storage; "
        "print(default_storage.save('certificates/batch.pdf', ContentFile(b'%PDF-1.7 worker two')))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DEBUG": "true"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    name = result.stdout.strip().splitlines()[-1]
    with default_storage.open(name) as handle:
        assert handle.read() == b"%PDF-1.7 worker two"
