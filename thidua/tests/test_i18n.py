from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = {lang: ROOT / "thidua" / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("vi", "en")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_message_is_translated(lang: str) -> None:
    catalogue = polib.pofile(str(CATALOGUES[lang]))
    assert len(catalogue) > 100
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_the_catalogues_hold_every_string_of_the_code(tmp_path: Path) -> None:
    """makemessages on a copy of the code finds no message the catalogues lack (run `make messages`)."""
    shutil.copytree(ROOT / "thidua", tmp_path / "thidua", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-obsolete", "--no-location"],
        cwd=tmp_path,
        env={"DEBUG": "true", "PATH": "/usr/bin:/bin", "THIDUA_VAR_DIR": str(tmp_path / "var")},
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(tmp_path / "thidua/locale/vi/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(CATALOGUES["vi"]))}
    assert fresh - committed == set(), "strings missing from the catalogue: run `make messages` and translate them"


def test_vietnamese_is_the_default_and_english_is_switchable(client: Client, db: None) -> None:
    # Vietnamese first, even for a browser that prefers English.
    page = client.get("/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in page and "Đăng nhập" in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page and "Log in" in page and "Đăng nhập" not in page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dates_are_written_day_month_year(lang: str) -> None:
    with translation.override(lang):
        assert formats.date_format(datetime.date(2013, 1, 5), "SHORT_DATE_FORMAT") == "05/01/2013"
        assert formats.date_format(datetime.date(2013, 1, 5)) == "05/01/2013"
