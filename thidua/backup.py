"""``thidua backup`` and ``thidua restore``: the database and the stored files, in one archive.

An archive is a tar file holding ``manifest.json`` (when, what, the last migration of each app, the
SHA-256 of every member), the database (PostgreSQL's custom-format dump, or a copy of the SQLite file
made with SQLite's online backup, consistent while the server writes) and, only when files are kept on
disk (``FILE_STORAGE=filesystem``), the files under ``MEDIA_ROOT``; with the default storage the files
are in the database and so in the dump.

A restore goes into an empty database only: restoring over live data would mix two histories of
decisions, which the register must never hold. It checks every member against the manifest first,
then restores the database in one transaction (PostgreSQL: ``pg_restore --single-transaction``), so a
failed restore leaves the target as empty as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.lib.progress import Progress

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason in the user's language."""


@dataclass(frozen=True)
class Target:
    """The database a command works on, from Django's settings of an alias (or a URL's)."""

    vendor: str
    settings: dict[str, Any]

    @classmethod
    def of(cls, alias: str = "default") -> Target:
        connection = connections[alias]
        return cls(connection.vendor, dict(connection.settings_dict))

    def pg_environ(self) -> dict[str, str]:
        values = {
            "PGHOST": self.settings.get("HOST") or "",
            "PGPORT": str(self.settings.get("PORT") or ""),
            "PGUSER": self.settings.get("USER") or "",
            "PGPASSWORD": self.settings.get("PASSWORD") or "",
            "PGDATABASE": self.settings["NAME"],
        }
        return {**os.environ, **{key: value for key, value in values.items() if value}}

    def pg_connect(self, dbname: str | None = None) -> psycopg.Connection[Any]:
        params = {
            "host": self.settings.get("HOST") or None,
            "port": self.settings.get("PORT") or None,
            "user": self.settings.get("USER") or None,
            "password": self.settings.get("PASSWORD") or None,
        }
        return psycopg.connect(
            dbname=dbname or self.settings["NAME"],
            autocommit=True,
            **{key: value for key, value in params.items() if value},
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(command: list[str], environ: dict[str, str], what: str) -> None:
    # The commands are pg_dump/pg_restore with paths thidua made and settings' names, never user input.
    result = subprocess.run(command, env=environ, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s failed: %(error)s") % {"what": what, "error": result.stderr.strip() or result.returncode}
        )


def _migrations(alias: str = "default") -> dict[str, str]:
    last: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        last[app] = max(last.get(app, ""), name)
    return dict(sorted(last.items()))


def default_archive_name(now: datetime.datetime | None = None) -> str:
    moment = timezone.localtime(now or timezone.now())
    return f"thidua-{moment:%Y%m%d-%H%M%S}.tar"


def backup_create(*, output: Path, progress: Progress | None = None, alias: str = "default") -> dict[str, Any]:
    """Write the archive to ``output``; returns its manifest."""
    progress = progress or Progress()
    target = Target.of(alias)
    media_root = Path(settings.MEDIA_ROOT)
    files_on_disk = settings.FILE_STORAGE == "filesystem" and media_root.exists()
    media_files = sorted(path for path in media_root.rglob("*") if path.is_file()) if files_on_disk else []
    progress.start(total=2 + len(media_files), message=gettext_lazy("Backing up the database"))
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as work:
        workdir = Path(work)
        if target.vendor == "postgresql":
            database_member = PG_DUMP
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={workdir / PG_DUMP}"],
                target.pg_environ(),
                _("The database dump (pg_dump)"),
            )
        else:
            database_member = SQLITE_COPY
            connections[alias].close()
            with sqlite3.connect(target.settings["NAME"]) as source, sqlite3.connect(workdir / SQLITE_COPY) as copy:
                source.backup(copy)
        progress.advance(1)
        members = {database_member: _sha256(workdir / database_member)}
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": target.vendor,
            "database": target.settings["NAME"]
            if target.vendor == "postgresql"
            else Path(target.settings["NAME"]).name,
            "file_storage": settings.FILE_STORAGE,
            "migrations": _migrations(alias),
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(workdir / database_member, arcname=database_member)
            for path in media_files:
                member = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
                archive.add(path, arcname=member)
                members[member] = _sha256(path)
                progress.advance(1)
            manifest["members"] = members
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
        # The archive appears under its name only once complete: a crash leaves a ".partial" file.
        partial.replace(output)
    progress.advance(1)
    progress.finish(message=gettext_lazy("Backup written"))
    return manifest


@contextmanager
def _unpacked(archive_path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    if not archive_path.is_file():
        raise BackupError(_("%(path)s is not a file.") % {"path": archive_path})
    with tempfile.TemporaryDirectory(prefix="thidua-restore-") as work:
        workdir = Path(work)
        try:
            with tarfile.open(archive_path, "r") as archive:
                archive.extractall(workdir, filter="data")
        except (tarfile.TarError, OSError):
            raise BackupError(
                _("%(path)s is not a thidua backup (not a tar archive written by thidua backup).")
                % {"path": archive_path}
            ) from None
        manifest_path = workdir / MANIFEST
        if not manifest_path.exists():
            raise BackupError(_("%(path)s is not a thidua backup: it has no manifest.") % {"path": archive_path})
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(_("This backup's format (%(format)s) is not one this version reads.") % manifest)
        for member, digest in manifest["members"].items():
            path = workdir / member
            if not path.is_file() or _sha256(path) != digest:
                raise BackupError(
                    _("The backup is damaged: %(member)s does not match its checksum. Nothing was restored.")
                    % {"member": member}
                )
        yield workdir, manifest


def _pg_is_empty(target: Target) -> bool:
    with target.pg_connect() as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
    return row is not None and row[0] == 0


def _pg_ensure_database(target: Target) -> None:
    name = target.settings["NAME"]
    with target.pg_connect("postgres") as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))


def backup_restore(*, archive: Path, progress: Progress | None = None, alias: str = "default") -> dict[str, Any]:
    """Restore ``archive`` into the (empty) database of ``alias``; returns the archive's manifest."""
    progress = progress or Progress()
    target = Target.of(alias)
    with _unpacked(archive) as (workdir, manifest):
        if manifest["vendor"] != target.vendor:
            raise BackupError(
                _("This backup is of a %(source)s database; the target is %(target)s.")
                % {"source": manifest["vendor"], "target": target.vendor}
            )
        media = sorted(member for member in manifest["members"] if member.startswith(f"{MEDIA}/"))
        progress.start(total=1 + len(media), message=gettext_lazy("Restoring the database"))
        connections[alias].close()
        if target.vendor == "postgresql":
            _pg_ensure_database(target)
            if not _pg_is_empty(target):
                raise BackupError(
                    _("The database %(name)s is not empty: restore into a new, empty database.")
                    % {"name": target.settings["NAME"]}
                )
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    f"--dbname={target.settings['NAME']}",
                    str(workdir / PG_DUMP),
                ],
                target.pg_environ(),
                _("The database restore (pg_restore)"),
            )
        else:
            destination = Path(target.settings["NAME"])
            if destination.exists() and destination.stat().st_size > 0:
                with sqlite3.connect(destination) as existing:
                    tables = existing.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
                if tables:
                    raise BackupError(
                        _("The database %(name)s is not empty: restore into a new, empty database.")
                        % {"name": destination}
                    )
            destination.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(workdir / SQLITE_COPY) as source, sqlite3.connect(destination) as copy:
                source.backup(copy)
        progress.advance(1)
        media_root = Path(settings.MEDIA_ROOT)
        for member in media:
            destination_file = media_root / member.removeprefix(f"{MEDIA}/")
            destination_file.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(workdir / member, destination_file)
            progress.advance(1)
    progress.finish(message=gettext_lazy("Backup restored"))
    return manifest
