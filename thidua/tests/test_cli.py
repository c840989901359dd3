from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_thidua_help_lists_its_commands_in_vietnamese_and_english() -> None:
    thidua = Path(sys.executable).parent / "thidua"
    result = subprocess.run(
        [str(thidua), "--help"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        check=True,
    )
    for line in ("units ", "Đơn vị hành chính / Administrative units", "jobs ", "demo ", "db_worker "):
        assert line in result.stdout


def test_thidua_runs_a_management_command() -> None:
    thidua = Path(sys.executable).parent / "thidua"
    result = subprocess.run(
        [str(thidua), "units", "--help"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "import-official" in result.stdout
