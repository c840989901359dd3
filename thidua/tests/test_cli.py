"""The ``thidua`` console command speaks Vietnamese, and English when asked (THIDUA_LANGUAGE=en)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.console import console_language

ROOT = Path(__file__).resolve().parents[2]


def thidua(*args: str, language: str | None = None) -> str:
    env = {key: value for key, value in os.environ.items() if key not in ("THIDUA_LANGUAGE", "LANGUAGE")}
    if language:
        env["THIDUA_LANGUAGE"] = language
    result = subprocess.run(
        [str(Path(sys.executable).parent / "thidua"), *args],
        cwd=ROOT,
        env={**env, "DEBUG": "true"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_thidua_help_lists_its_commands_in_vietnamese_by_default() -> None:
    out = thidua("--help")
    for line in ("Lệnh của thidua:", "units ", "Đơn vị hành chính: import-official", "jobs ", "demo ", "db_worker "):
        assert line in out
    assert "Administrative units" not in out and "Run a background-task worker" not in out


def test_thidua_help_lists_its_commands_in_english_when_asked() -> None:
    out = thidua("--help", language="en")
    for line in ("thidua commands:", "Administrative units: import-official", "Run a background-task worker"):
        assert line in out
    assert "Đơn vị hành chính" not in out


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        (None, "In cây đơn vị với tên gọi của một ngày", "Print the tree"),
        ("en", "Print the tree with the names of a day", "In cây đơn vị"),
    ],
)
def test_a_commands_help_comes_out_in_the_consoles_language(language: str | None, expected: str, absent: str) -> None:
    out = thidua("units", "--help", language=language)
    assert "import-official" in out
    assert expected in out and absent not in out


def test_the_consoles_language_comes_from_thidua_language_then_language() -> None:
    assert console_language({}) == "vi"
    assert console_language({"THIDUA_LANGUAGE": "en"}) == "en"
    assert console_language({"LANGUAGE": "en_US:en"}) == "en"
    assert console_language({"THIDUA_LANGUAGE": "vi", "LANGUAGE": "en"}) == "vi"
    assert console_language({"THIDUA_LANGUAGE": "fr"}) == "vi"
