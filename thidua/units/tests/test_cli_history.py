"""``thidua units tree`` and ``thidua units show``: the tree and a unit's history on the console."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.units.official import units_import_official
from thidua.units.tests.bac_kan import BacKan, build_bac_kan

pytestmark = pytest.mark.django_db


@pytest.fixture
def bk(db: None) -> BacKan:
    return build_bac_kan()


def run(*args: str, language: str = "en") -> str:
    out = io.StringIO()
    with translation.override(language):
        call_command("units", *args, stdout=out)
    return out.getvalue()


def test_the_tree_of_2013_has_the_names_of_2013(bk: BacKan) -> None:
    lines = run("tree", "--as-of", "2013-12-31", "--root", "058").splitlines()
    assert lines[0] == "thị xã Bắc Kạn (058)"
    assert "  xã Xuất Hóa (01855)" in lines and "    thôn Tổng Nẻng (01855-TONGNENG)" in lines
    assert "    tổ 14 (01834-14)" in lines
    later = run("tree", "--as-of", "31/12/2020", "--root", "058", "--depth", "1").splitlines()
    assert later[0] == "thành phố Bắc Kạn (058)" and "  phường Xuất Hóa (01855)" in later
    assert not any(line.startswith("    ") for line in later)


def test_a_reused_code_names_the_unit_of_the_day(bk: BacKan) -> None:
    old = run("tree", "--as-of", "2013-12-31", "--root", "01840").splitlines()
    new = run("tree", "--as-of", "2026-01-01", "--root", "01840").splitlines()
    assert old == ["phường Đức Xuân (01840)", "  tổ 8A (01840-08A)"]
    assert new == ["phường Đức Xuân (01840)", "  tổ 8A (01840-08A)", "  tổ 13 (01834-13)"]
    assert run("tree", "--as-of", "2013-01-01").splitlines() == ["tỉnh Bắc Kạn (06)", "tỉnh Thái Nguyên (19)"]


def test_show_prints_the_timeline_the_address_and_the_lineage(bk: BacKan) -> None:
    old = run("show", "01840", "--as-of", "2012-01-01")
    assert "phường Đức Xuân, thị xã Bắc Kạn, tỉnh Bắc Kạn" in old
    assert "Nghị quyết 1683/NQ-UBTVQH15" in old
    successors = old[old.index("Successors:") : old.index("Predecessors:")]
    assert "Kế thừa bởi:" in run("show", "01840", "--as-of", "2012-01-01", language="vi")
    assert "phường Đức Xuân (01840, 01/07/2025 – …)" in successors
    new = run("show", "01840")
    assert "phường Đức Xuân, tỉnh Thái Nguyên" in new
    predecessors = new[new.index("Predecessors:") :]
    assert "phường Nguyễn Thị Minh Khai (01834" in predecessors and "phường Huyền Tụng (01846" in predecessors
    # A unit that has ended is shown on its last day.
    town = run("show", "058")
    assert "30/06/2025: thành phố Bắc Kạn, tỉnh Bắc Kạn" in town
    assert "16/07/1990" not in town and "… – 10/03/2015  thị xã Bắc Kạn — tỉnh Bắc Kạn (06)" in town


def test_bad_input_is_a_command_error(bk: BacKan) -> None:
    with pytest.raises(CommandError, match="not a date"):
        run("tree", "--as-of", "31/13/2013")
    with pytest.raises(CommandError, match="999"):
        run("show", "999")


def test_the_official_data_gives_the_2013_tree_of_bac_kan() -> None:
    """The one test on the whole country's lists and the recorded history (a few seconds)."""
    units_import_official(actor=SYSTEM_ACTOR)
    lines = run("tree", "--as-of", "2013-12-31", "--root", "058").splitlines()
    assert lines[0] == "thị xã Bắc Kạn (058)"
    assert "  xã Xuất Hóa (01855)" in lines and "  xã Huyền Tụng (01846)" in lines
    assert len(lines) == 9  # the town and its eight communes
    lines = run("tree", "--as-of", "2015-03-11", "--root", "058").splitlines()
    assert lines[0] == "thành phố Bắc Kạn (058)" and "  phường Xuất Hóa (01855)" in lines
    lines = run("tree", "--as-of", "2025-07-01", "--root", "01840").splitlines()
    assert lines == ["phường Đức Xuân (01840)"]
    shown = run("show", "vn-2025:01840")
    assert "phường Đức Xuân, tỉnh Thái Nguyên" in shown and "phường Nguyễn Thị Minh Khai (01834" in shown
