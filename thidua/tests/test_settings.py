from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from thidua.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_reads_the_usual_spellings() -> None:
    assert env_bool("X", False, environ={"X": "True"}) is True
    assert env_bool("X", True, environ={"X": "off"}) is False
    assert env_bool("X", True, environ={}) is True


def test_env_bool_refuses_a_typo_instead_of_guessing() -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG='ture' is not a boolean"):
        env_bool("DEBUG", False, environ={"DEBUG": "ture"})


def test_env_int_and_list_fail_loudly() -> None:
    assert env_int("N", 3, environ={"N": "42"}) == 42
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env_int("N", 3, environ={"N": "forty"})
    assert env_list("H", [], environ={"H": "a.vn, b.vn"}) == ["a.vn", "b.vn"]
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env_list("H", [], environ={"H": "a.vn,,b.vn"})
    with pytest.raises(ImproperlyConfigured, match="must be set"):
        env_str("REQUIRED", environ={})


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_a_secret_key_refuses_to_start() -> None:
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_bad_database_url_is_refused() -> None:
    result = _manage("check", DEBUG="true", DATABASE_URL="mysql://root@localhost/thidua")
    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL" in result.stderr


def test_a_production_configuration_passes_the_deploy_check_without_warnings() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7!" + "k" * 60 + "Qz9#long-random-production-key",
        ALLOWED_HOSTS="thidua.example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_time_zone_defaults_to_vietnam(settings: object) -> None:
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"  # type: ignore[attr-defined]
    assert settings.LANGUAGE_CODE == "vi"  # type: ignore[attr-defined]
