"""``thidua doctor``: check a configuration and say, in plain words, what is wrong.

Each check returns findings (``ok``, ``warning`` or ``error``) with a sentence an operator can act on:
what is wrong and what to set. ``thidua doctor`` prints them and exits with 1 when one is an error.
The checks take what they look at as arguments (the settings, a database connection, a storage), so
that the tests give each a wrong value of its own kind.
"""

from __future__ import annotations

import secrets
import smtplib
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

OK, WARNING, ERROR = "ok", "warning", "error"
# A queued job waiting longer than this with no worker seen taking any job means no worker runs.
WORKER_SILENCE = timedelta(minutes=3)
# The app's clock and the database's may differ by this much before deadlines and times drift.
CLOCK_SKEW_SECONDS = 5


@dataclass(frozen=True)
class Finding:
    check: str
    level: str
    message: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def add(self, check: str, level: str, message: str) -> None:
        self.findings.append(Finding(check, level, message))

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.level == ERROR]

    def levels(self, check: str) -> set[str]:
        return {finding.level for finding in self.findings if finding.check == check}


def check_settings(report: Report, conf: Any = django_settings) -> None:
    """DEBUG, the secret key, the host names, HTTPS behind the proxy."""
    name = _("settings")
    if conf.DEBUG:
        report.add(
            name,
            ERROR,
            _("DEBUG is on: a user would see technical error pages. Set DEBUG=false on a real server."),
        )
    try:
        key = str(conf.SECRET_KEY or "")
    except ImproperlyConfigured:
        key = ""
    dev_key = Path(conf.VAR_DIR) / "dev-secret-key"
    if not key:
        report.add(name, ERROR, _("SECRET_KEY is empty. Generate one and put it in the environment file."))
    elif len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure"):
        report.add(
            name,
            ERROR,
            _("SECRET_KEY is too short or too simple (at least 50 varied characters). Generate a new one."),
        )
    elif dev_key.exists() and dev_key.read_text().strip() == key:
        report.add(name, ERROR, _("SECRET_KEY is the development key of this machine. Generate a new one."))
    else:
        report.add(name, OK, _("SECRET_KEY is set."))
    hosts = list(conf.ALLOWED_HOSTS)
    if not hosts:
        report.add(name, ERROR, _("ALLOWED_HOSTS is empty: every request will be refused. Set the site's name."))
    elif "*" in hosts:
        report.add(name, ERROR, _("ALLOWED_HOSTS contains '*': set the site's own name instead."))
    else:
        report.add(name, OK, _("ALLOWED_HOSTS: %(hosts)s.") % {"hosts": ", ".join(hosts)})
    if not conf.DEBUG and not conf.SECURE_PROXY_SSL_HEADER and conf.SECURE_SSL_REDIRECT:
        report.add(
            name,
            WARNING,
            _(
                "SECURE_PROXY_SSL_HEADER is off while HTTPS is required: behind a proxy that terminates TLS "
                "every request would be redirected again and again. Set SECURE_PROXY_SSL_HEADER=true there."
            ),
        )
    if not conf.DEBUG and conf.SECURE_PROXY_SSL_HEADER and not getattr(conf, "TRUSTED_PROXIES", []):
        report.add(
            name,
            WARNING,
            _(
                "TRUSTED_PROXIES is empty behind a proxy: every client would have the proxy's address, and "
                "failed logins from one of them would lock out everyone. Set TRUSTED_PROXIES to the proxy's address."
            ),
        )


def check_time_zone(report: Report, conf: Any = django_settings, connection: BaseDatabaseWrapper | None = None) -> None:
    """The time zone exists and is Vietnam's; the database's clock agrees with the app's."""
    name = _("time zone")
    try:
        zoneinfo.ZoneInfo(conf.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        report.add(name, ERROR, _("TIME_ZONE=%(zone)s is not a known time zone.") % {"zone": conf.TIME_ZONE})
        return
    if conf.TIME_ZONE != "Asia/Ho_Chi_Minh":
        report.add(
            name,
            WARNING,
            _("TIME_ZONE is %(zone)s, not Asia/Ho_Chi_Minh: dates of decisions and deadlines are counted in that zone.")
            % {"zone": conf.TIME_ZONE},
        )
    else:
        report.add(name, OK, _("Time zone Asia/Ho_Chi_Minh."))
    connection = connection or connections["default"]
    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT now()")
            database_now = cursor.fetchone()[0]
    except DatabaseError:
        return  # check_database says why
    skew = abs((timezone.now() - database_now).total_seconds())
    if skew > CLOCK_SKEW_SECONDS:
        report.add(
            name,
            WARNING,
            _(
                "The clocks of this machine and of the database differ by %(seconds)d seconds: "
                "synchronise both with NTP."
            )
            % {"seconds": round(skew)},
        )


def check_database(report: Report, conf: Any = django_settings, connection: BaseDatabaseWrapper | None = None) -> None:
    """Reachable, PostgreSQL on a real server, every migration applied."""
    name = _("database")
    connection = connection or connections["default"]
    try:
        connection.ensure_connection()
    except Exception as exc:  # any driver error means the same thing to the operator
        report.add(
            name,
            ERROR,
            _("The database cannot be reached (%(error)s). Check DATABASE_URL and that the server runs.")
            % {"error": str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__},
        )
        return
    if connection.vendor != "postgresql" and not conf.DEBUG:
        report.add(
            name,
            WARNING,
            _("The database is the embedded SQLite file: fine for one machine, not for several. Use PostgreSQL."),
        )
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        report.add(
            name,
            ERROR,
            _("%(count)d migrations are not applied: run `thidua migrate` (as the role that owns the schema).")
            % {"count": len(plan)},
        )
    else:
        report.add(
            name, OK, _("The database is reachable and up to date (%(vendor)s).") % {"vendor": connection.vendor}
        )


def check_cache(report: Report, conf: Any = django_settings, alias: str = "default") -> None:
    """The cache answers; several app servers need a shared one."""
    name = _("cache")
    cache = caches[alias]
    probe = f"thidua-doctor-{secrets.token_hex(4)}"
    try:
        cache.set(probe, "1", 10)
        answered = cache.get(probe) == "1"
        cache.delete(probe)
    except Exception as exc:  # a Redis client raises its own errors
        report.add(
            name,
            ERROR,
            _("The cache does not answer (%(error)s). Check REDIS_URL and that Redis runs.") % {"error": exc},
        )
        return
    if not answered:
        report.add(name, ERROR, _("The cache does not keep what it is given. Check REDIS_URL."))
        return
    backend = conf.CACHES[alias]["BACKEND"]
    if "locmem" in backend and not conf.DEBUG:
        report.add(
            name,
            WARNING,
            _(
                "The cache is the memory of each process: rate limits, the login lockout and sessions are not "
                "shared between app servers or gunicorn workers. Set REDIS_URL."
            ),
        )
    else:
        report.add(name, OK, _("The cache answers."))


def check_mail(report: Report, conf: Any = django_settings, timeout: float = 5) -> None:
    """Mail leaves the machine: SMTP reachable (never the console backend in production)."""
    name = _("mail")
    backend = conf.MAILERS["default"]["BACKEND"]
    if backend.endswith("console.EmailBackend") or backend.endswith("locmem.EmailBackend"):
        level = WARNING if conf.DEBUG else ERROR
        report.add(
            name,
            level,
            _("Mail is only printed, never sent (%(backend)s): password links would not reach anyone. Set EMAIL_HOST.")
            % {"backend": backend.rsplit(".", 2)[-2]},
        )
        return
    if not backend.endswith("smtp.EmailBackend"):
        report.add(name, OK, _("Mail goes through %(backend)s.") % {"backend": backend})
        return
    options = conf.MAILERS["default"].get("OPTIONS", {})
    host, port = options.get("host", "localhost"), int(options.get("port", 25))
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            smtp.noop()
    except (OSError, smtplib.SMTPException) as exc:
        report.add(
            name,
            ERROR,
            _("The mail server %(host)s:%(port)d does not answer (%(error)s). Check EMAIL_HOST and EMAIL_PORT.")
            % {"host": host, "port": port, "error": exc or type(exc).__name__},
        )
        return
    report.add(name, OK, _("The mail server %(host)s:%(port)d answers.") % {"host": host, "port": port})


def check_storage(report: Report, storage: Storage = default_storage, conf: Any = django_settings) -> None:
    """Generated files can be written, read back and removed."""
    name = _("file storage")
    probe = f"doctor/{secrets.token_hex(6)}.txt"
    try:
        saved = storage.save(probe, ContentFile(b"thidua"))
        with storage.open(saved) as handle:
            readable = handle.read() == b"thidua"
        storage.delete(saved)
    except Exception as exc:  # a storage raises what its medium raises
        report.add(
            name,
            ERROR,
            _(
                "Generated files cannot be stored (%(error)s). Check FILE_STORAGE and the database, or "
                "MEDIA_ROOT and its owner."
            )
            % {"error": exc},
        )
        return
    if not readable:
        report.add(name, ERROR, _("A stored file does not read back the same. Check the storage."))
        return
    if conf.FILE_STORAGE == "filesystem" and not conf.DEBUG:
        report.add(
            name,
            WARNING,
            _(
                "Files are kept on this machine's disk (FILE_STORAGE=filesystem): MEDIA_ROOT must be a mount "
                "shared by every app server and worker, and backed up with the database."
            ),
        )
    report.add(name, OK, _("Generated files can be stored."))


def check_static(report: Report, conf: Any = django_settings) -> None:
    """Static files collected for this release."""
    name = _("static files")
    manifest = Path(conf.STATIC_ROOT) / "staticfiles.json"
    if conf.DEBUG:
        return
    if not manifest.exists():
        report.add(
            name,
            ERROR,
            _("Static files are not collected in %(root)s: run `thidua collectstatic`.") % {"root": conf.STATIC_ROOT},
        )
    else:
        report.add(name, OK, _("Static files are collected."))


def check_workers(report: Report, connection: BaseDatabaseWrapper | None = None) -> None:
    """Some worker takes the queued jobs."""
    from django_tasks_db.models import DBTaskResult

    from thidua.jobs.services import jobs_reap

    name = _("task workers")
    alias = (connection or connections["default"]).alias
    now = timezone.now()
    try:
        waiting = DBTaskResult.objects.using(alias).ready().order_by("enqueued_at").first()
        recent = (
            DBTaskResult.objects.using(alias).filter(started_at__gte=now - WORKER_SILENCE).exists()
            or DBTaskResult.objects.using(alias).filter(status="RUNNING").exists()
        )
        reaped = jobs_reap()
    except DatabaseError:
        return  # check_database says why
    if reaped:
        report.add(
            name,
            WARNING,
            _("%(count)d running jobs had lost their worker: marked failed, to be started again from their page.")
            % {"count": reaped},
        )
    if waiting is not None and now - waiting.enqueued_at > WORKER_SILENCE and not recent:
        minutes = int((now - waiting.enqueued_at).total_seconds() // 60)
        report.add(
            name,
            ERROR,
            _(
                "A job has waited %(minutes)d minutes and no worker has taken any job since: start the workers "
                "(systemctl start thidua-worker@1)."
            )
            % {"minutes": minutes},
        )
    elif waiting is None and not recent:
        report.add(name, OK, _("No job is waiting."))
    else:
        report.add(name, OK, _("The workers take the jobs."))


CHECKS: tuple[Callable[[Report], None], ...] = (
    check_settings,
    check_database,
    check_time_zone,
    check_cache,
    check_mail,
    check_storage,
    check_static,
    check_workers,
)


def diagnose(checks: Iterable[Callable[[Report], None]] = CHECKS) -> Report:
    report = Report()
    for check in checks:
        check(report)
    return report
