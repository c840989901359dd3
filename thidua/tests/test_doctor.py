"""``thidua doctor`` catches a wrong setting of each kind and says what to do, in plain words."""

from __future__ import annotations

import re
import socket
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper
from django.utils import timezone, translation

from thidua import doctor
from thidua.doctor import OK, WARNING, Report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _english() -> object:
    """The findings are read in English here; the Vietnamese is the catalogue's (test_i18n)."""
    with translation.override("en"):
        yield


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(check, *args, **kwargs) -> Report:  # type: ignore[no-untyped-def]
    report = Report()
    check(report, *args, **kwargs)
    return report


def _messages(report: Report) -> str:
    return " ".join(finding.message for finding in report.findings)


@pytest.fixture
def production(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    settings.SECRET_KEY = "k3Q-" + "x7pL_9vR2mZ" * 5
    settings.ALLOWED_HOSTS = ["thidua.example.vn"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.VAR_DIR = tmp_path
    return settings


def test_a_production_configuration_passes_the_settings_check(production) -> None:  # type: ignore[no-untyped-def]
    report = _run(doctor.check_settings, production)
    assert report.levels(report.findings[0].check) == {OK}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"DEBUG": True}, "DEBUG is on"),
        ({"SECRET_KEY": ""}, "SECRET_KEY is empty"),
        ({"SECRET_KEY": "short"}, "too short"),
        ({"SECRET_KEY": "django-insecure-" + "a1b2c3d4e5" * 5}, "too short or too simple"),
        ({"ALLOWED_HOSTS": []}, "ALLOWED_HOSTS is empty"),
        ({"ALLOWED_HOSTS": ["*"]}, "contains '*'"),
        ({"SECURE_PROXY_SSL_HEADER": None, "SECURE_SSL_REDIRECT": True}, "SECURE_PROXY_SSL_HEADER is off"),
        ({"TRUSTED_PROXIES": []}, "TRUSTED_PROXIES is empty"),
    ],
)
def test_each_wrong_setting_is_named(production, change, expected) -> None:  # type: ignore[no-untyped-def]
    for name, value in change.items():
        setattr(production, name, value)
    report = _run(doctor.check_settings, production)
    assert expected in _messages(report)
    assert report.errors or any(finding.level == WARNING for finding in report.findings)


def test_the_development_key_of_this_machine_is_refused(production, tmp_path) -> None:  # type: ignore[no-untyped-def]
    key = "Zz9-" + "dev_key_Of_this_machine" * 3
    (tmp_path / "dev-secret-key").write_text(key)
    production.SECRET_KEY = key
    assert "development key" in _messages(_run(doctor.check_settings, production))


def test_an_unreachable_database_is_an_error() -> None:
    wrapper = PostgresWrapper({**connections["default"].settings_dict, "HOST": "127.0.0.1", "PORT": _free_port()})
    if connections["default"].vendor != "postgresql":
        wrapper = SqliteWrapper({**connections["default"].settings_dict, "NAME": "/nonexistent/dir/db.sqlite3"})
    report = _run(doctor.check_database, settings, wrapper)
    assert report.errors and "cannot be reached" in report.errors[0].message


def test_a_database_without_its_migrations_is_an_error(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = SqliteWrapper(
        {
            **connections["default"].settings_dict,
            "NAME": str(tmp_path / "empty.sqlite3"),
            "ENGINE": "django.db.backends.sqlite3",
            "OPTIONS": {},
        }
    )
    report = _run(doctor.check_database, settings, empty)
    empty.close()
    assert report.errors
    assert re.search(r"\d+ migrations are not applied: run `thidua migrate`", report.errors[0].message)


def test_the_test_database_is_up_to_date(db) -> None:  # type: ignore[no-untyped-def]
    report = _run(doctor.check_database, settings)
    assert not report.errors
    assert "up to date" in _messages(report)


def test_an_unknown_time_zone_is_an_error(production, db) -> None:  # type: ignore[no-untyped-def]
    production.TIME_ZONE = "Asia/Saigon-Typo"
    report = _run(doctor.check_time_zone, production)
    assert report.errors and "not a known time zone" in report.errors[0].message


def test_another_time_zone_is_a_warning(production, db) -> None:  # type: ignore[no-untyped-def]
    production.TIME_ZONE = "Europe/Paris"
    report = _run(doctor.check_time_zone, production)
    assert not report.errors and "not Asia/Ho_Chi_Minh" in _messages(report)


def test_an_unreachable_redis_is_an_error(production) -> None:  # type: ignore[no-untyped-def]
    production.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "probe": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        },
    }
    report = _run(doctor.check_cache, production, alias="probe")
    assert report.errors and "Check REDIS_URL" in report.errors[0].message


def test_a_per_process_cache_is_a_warning_in_production(production) -> None:  # type: ignore[no-untyped-def]
    production.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    report = _run(doctor.check_cache, production)
    assert not report.errors and "not shared between app servers" in _messages(report)


def test_console_mail_is_an_error_in_production(production) -> None:  # type: ignore[no-untyped-def]
    production.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    report = _run(doctor.check_mail, production)
    assert report.errors and "never sent" in report.errors[0].message


def test_an_unreachable_mail_server_is_an_error(production) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()
    production.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port},
        }
    }
    report = _run(doctor.check_mail, production, timeout=2)
    assert report.errors and f"127.0.0.1:{port} does not answer" in report.errors[0].message


def test_a_storage_that_cannot_be_written_is_an_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    report = _run(doctor.check_storage, FileSystemStorage(location=blocker / "media"))
    assert report.errors and "cannot be stored" in report.errors[0].message
    assert not _run(doctor.check_storage, FileSystemStorage(location=tmp_path / "media")).errors


def test_static_files_not_collected_is_an_error(production, tmp_path) -> None:  # type: ignore[no-untyped-def]
    production.STATIC_ROOT = tmp_path / "static"
    report = _run(doctor.check_static, production)
    assert report.errors and "thidua collectstatic" in report.errors[0].message
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text("{}")
    assert not _run(doctor.check_static, production).errors


def _queued_task(minutes_ago: int):  # type: ignore[no-untyped-def]
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="thidua.jobs.tasks.run_job",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - timedelta(minutes=minutes_ago),
        status="READY",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(minutes=minutes_ago))
    return task


def test_a_job_waiting_with_no_worker_is_an_error(db) -> None:  # type: ignore[no-untyped-def]
    assert not _run(doctor.check_workers).errors
    _queued_task(minutes_ago=10)
    report = _run(doctor.check_workers)
    assert report.errors and "no worker has taken any job" in report.errors[0].message


def test_a_worker_that_took_a_job_recently_is_alive(db) -> None:  # type: ignore[no-untyped-def]
    _queued_task(minutes_ago=10)
    busy = _queued_task(minutes_ago=1)
    type(busy).objects.filter(pk=busy.pk).update(status="RUNNING", started_at=timezone.now())
    assert not _run(doctor.check_workers).errors


def test_the_command_exits_with_an_error_and_names_each_problem(production, db) -> None:  # type: ignore[no-untyped-def]
    production.ALLOWED_HOSTS = []
    out = StringIO()
    with pytest.raises(CommandError, match="problems to fix"):
        call_command("doctor", stdout=out)
    assert "✗" in out.getvalue() and "ALLOWED_HOSTS is empty" in out.getvalue()


def test_the_environment_template_names_every_setting_thidua_reads() -> None:
    source = (ROOT / "thidua" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))
    template = (ROOT / "deploy" / "thidua.env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z_]+)=", template, flags=re.MULTILINE))
    assert read, "the settings read no environment variable: the pattern is wrong"
    assert read - listed == set(), f"settings missing from deploy/thidua.env.example: {sorted(read - listed)}"


def test_the_gunicorn_configuration_loads_and_reads_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import runpy

    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["workers"] == 3 and config["timeout"] == 45
    assert config["max_requests"] > 0 and config["graceful_timeout"] > 0


def test_files_on_a_local_disk_are_a_warning_in_production(production, tmp_path) -> None:  # type: ignore[no-untyped-def]
    production.FILE_STORAGE = "filesystem"
    report = _run(doctor.check_storage, FileSystemStorage(location=tmp_path / "media"), production)
    assert not report.errors and "shared by every app server and worker" in _messages(report)
