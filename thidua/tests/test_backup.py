"""``thidua backup`` / ``thidua restore``: a round trip into a fresh database keeps everything working."""

from __future__ import annotations

import datetime
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import translation

from thidua.audit.services import audit_record
from thidua.backup import MANIFEST, PG_DUMP
from thidua.documents.models import GeneratedFile
from thidua.register.services import number_take
from thidua.testing import Cast, postgres_url

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, database_url: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "DEBUG": "true", "THIDUA_LANGUAGE": "en", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _counts(cursor: psycopg.Cursor | sqlite3.Cursor, tables: list[str]) -> dict[str, int]:  # type: ignore[type-arg]
    # The table names come from the database's own catalogue.
    return {table: cursor.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


@pytest.fixture
def restored_database():  # type: ignore[no-untyped-def]
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = psycopg.connect(postgres_url("postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    yield name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_round_trip_keeps_numbers_audit_and_files(cast: Cast, tmp_path, restored_database) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL dump and restore (SQLite's round trip is the next test)")
    issuer = cast.town
    with transaction.atomic():
        first, second = (
            number_take(issuer=issuer, symbol="QĐ-UBND", issued_on=datetime.date(2014, 3, 1), kind="awards.decision")
            for _ in range(2)
        )
    pdf = b"%PDF-1.7 the issued decision " + bytes(range(256)) * 50
    generated = GeneratedFile(kind="decision", name="qd-01.pdf", size=len(pdf), created_by=cast["backan"])
    with transaction.atomic():
        generated.file.save("qd-01.pdf", ContentFile(pdf), save=False)
        generated.save()
        audit_record(actor=cast["backan"], action="documents.generate", obj=generated, after={"name": "qd-01.pdf"})

    archive = tmp_path / "backup.tar"
    call_command("backup", output=archive)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))  # type: ignore[arg-type]
    assert manifest["vendor"] == "postgresql" and PG_DUMP in manifest["members"]
    assert manifest["migrations"]["audit"] and manifest["migrations"]["documents"]

    target = postgres_url(restored_database)
    result = _manage("restore", str(archive), database_url=target)
    assert result.returncode == 0, result.stderr
    assert "Restored the backup" in result.stdout

    with connection.cursor() as source:
        source.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = [row[0] for row in source.fetchall()]
    with psycopg.connect(postgres_url()) as source, psycopg.connect(target) as copy:
        assert _counts(copy.cursor(), tables) == _counts(source.cursor(), tables)
        stored = copy.execute("SELECT content FROM documents_storedfile WHERE name = %s", [generated.file.name])
        assert bytes(stored.fetchone()[0]) == pdf
        # The audit is still append-only in the restored database.
        with pytest.raises(psycopg.Error):
            copy.execute("UPDATE audit_auditentry SET reason = 'rewritten'")
        copy.rollback()

    # The register continues where it stopped: no gap, no duplicate.
    script = (
        "from django.db import transaction; from thidua.units.models import Unit; "
        "import datetime; from thidua.register.services import number_take\n"
        f"with transaction.atomic(): print(number_take(issuer=Unit.objects.get(pk={issuer.pk}), symbol='QĐ-UBND', "
        "issued_on=datetime.date(2014, 3, 1), kind='awards.decision').number)"
    )
    result = _manage("shell", "-c", script, database_url=target)
    assert result.returncode == 0, result.stderr
    assert (first.number, second.number, int(result.stdout.strip().splitlines()[-1])) == (1, 2, 3)

    # A second restore over the now full database is refused and changes nothing.
    again = _manage("restore", str(archive), database_url=target)
    assert again.returncode != 0 and "is not empty" in again.stderr


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_restores_nothing(tmp_path, restored_database) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL")
    archive = tmp_path / "backup.tar"
    call_command("backup", output=archive)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == PG_DUMP:
                data = data[:-100] + bytes(100)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    result = _manage("restore", str(damaged), database_url=postgres_url(restored_database))
    assert result.returncode != 0
    assert "damaged: database.dump does not match its checksum" in result.stderr
    # Checked before anything is touched: the target database was not even created.
    with psycopg.connect(postgres_url("postgres")) as admin:
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [restored_database]).fetchone() is None


def test_an_archive_that_is_not_a_backup_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "bogus.tar"
    bogus.write_bytes(b"not a tar at all")
    with translation.override("en"), pytest.raises(CommandError, match="is not a thidua backup"):
        call_command("restore", str(bogus))


def test_a_sqlite_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor == "sqlite":
        pytest.skip("run once, from the PostgreSQL suite: it makes its own SQLite databases")
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    target_path = tmp_path / "restored.sqlite3"
    assert _manage("migrate", "-v0", database_url=source).returncode == 0
    script = (
        "from django.core.files.base import ContentFile; from django.core.files.storage import default_storage; "
        "default_storage.save('documents/giay-khen.pdf', ContentFile(b'%PDF giay khen'))"
    )
    assert _manage("shell", "-c", script, database_url=source).returncode == 0
    archive = tmp_path / "backup.tar"
    result = _manage("backup", "--output", str(archive), database_url=source)
    assert result.returncode == 0, result.stderr
    result = _manage("restore", str(archive), database_url=f"sqlite:///{target_path}")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "source.sqlite3") as one, sqlite3.connect(target_path) as two:
        tables = [row[0] for row in one.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")]
        assert _counts(two.cursor(), tables) == _counts(one.cursor(), tables)
        content = two.execute("SELECT content FROM documents_storedfile WHERE name = 'documents/giay-khen.pdf'")
        assert content.fetchone()[0] == b"%PDF giay khen"
