"""Excel exports of the lists shown on screen, the same look for every list.

The first line names the list, the second its unit and the day it was exported; the header row is
bold, frozen so that it stays in view, and filters (Excel's autofilter); columns are as wide as their
content; dates show as dd/mm/yyyy (they stay real dates, so Excel sorts and filters them). Callers
pass only what the page shows to that user: sensitive categories (exclusion reasons) never reach an
export.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.lib.sheets import looks_like_formula
from thidua.lib.vietnamese import nfc

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
HEADER_ROW = 3
MAX_WIDTH = 60
# Characters Excel refuses in a sheet's name.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Cell = str | int | float | bool | datetime.date | datetime.datetime | None


def _store(cell: SheetCell, value: Cell) -> SheetCell:
    if isinstance(value, str):
        value = nfc(value)
        cell.value = value
        if looks_like_formula(value) or cell.data_type != "s":
            # Also "#REF!" and the other error codes, which openpyxl would otherwise store as errors.
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def put(worksheet: Worksheet, row: int, column: int, value: Cell) -> SheetCell:
    """Write ``value`` into a cell, text as text: every workbook thidua writes goes through here
    (or through ``put_row``).

    openpyxl stores a string beginning with ``=`` as a formula, and Excel reads ``+``, ``-``, ``@``
    (or a tab or carriage return before them) as the start of one when the cell is edited; an imported
    household name ``=HYPERLINK(…)`` or a citizen's contact ``=1+2`` would then run in an officer's
    Excel. Such text is stored as a string with the "quote prefix" style, which is how Excel itself
    keeps text typed after an apostrophe; a number, a date or a boolean stays what it is.
    """
    return _store(worksheet.cell(row=row, column=column), value)


def put_row(worksheet: Worksheet, values: Sequence[Cell]) -> None:
    """``worksheet.append(values)``, each value written as ``put`` writes it."""
    worksheet.append([_store(SheetCell(worksheet), value) for value in values])


# Phrases a long sheet name may shorten, in turn, before words are dropped (Excel's 31 characters).
_SHORTER = (
    ("đơn vị hành chính", "đơn vị"),
    ("administrative units", "units"),
    ("Quyết định", "QĐ"),
    ("Danh sách", "DS"),
    ("hộ gia đình", "hộ"),
    ("khu dân cư", "KDC"),
    ("gia đình văn hóa", "GĐVH"),
)
SHEET_NAME_MAX = 31


def sheet_title(title: str) -> str:
    """A valid sheet name of at most 31 characters, shortened sensibly.

    Excel refuses []:*?/\\ in a name: "/" becomes "-" (a date "31/12/2024" reads "31-12-2024", a
    symbol "05/QĐ-UBND" "05-QĐ-UBND"), the others a space. A longer name first shortens its usual
    phrases ("đơn vị hành chính" → "đơn vị"), then drops whole words before its last word when that
    holds a digit (a date, a year), which stays whole: never "… ngày 31 1".
    """
    text = nfc(title).replace("/", "-")
    text = " ".join(_SHEET_FORBIDDEN.sub(" ", text).split()).strip("'").strip() or "Danh sách"
    for phrase, short in _SHORTER:
        if len(text) <= SHEET_NAME_MAX:
            return text
        text = re.sub(re.escape(phrase), short, text, flags=re.IGNORECASE)
    if len(text) <= SHEET_NAME_MAX:
        return text
    words = text.split()
    tail = words[-1] if any(ch.isdigit() for ch in words[-1]) and len(words[-1]) < SHEET_NAME_MAX // 2 else ""
    head = words[:-1] if tail else words
    room = SHEET_NAME_MAX - (len(tail) + 1 if tail else 0)
    kept: list[str] = []
    for word in head:
        if len(" ".join([*kept, word])) > room:
            break
        kept.append(word)
    if not kept:  # one word longer than a sheet name
        return text[:SHEET_NAME_MAX].rstrip()
    return " ".join([*kept, tail] if tail else kept)


def _shown(value: Cell) -> str:
    if isinstance(value, datetime.datetime | datetime.date):
        return "00/00/0000"
    return "" if value is None else str(value)


def xlsx_bytes(
    title: str, columns: Sequence[str], rows: Iterable[Sequence[Cell]], *, subtitle: str = "", sheet: str = ""
) -> bytes:
    """A workbook of one sheet: the title line, the unit/date line, the bold frozen header, the rows."""
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet_title(sheet or title)
    put(worksheet, 1, 1, title).font = Font(bold=True, size=13)
    if subtitle:
        put(worksheet, 2, 1, subtitle).font = Font(italic=True)
    widths = [len(nfc(column)) for column in columns]
    for index, column in enumerate(columns, start=1):
        cell = put(worksheet, HEADER_ROW, index, column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    last_row = HEADER_ROW
    for row_index, row in enumerate(rows, start=HEADER_ROW + 1):
        last_row = row_index
        if len(row) != len(columns):
            raise ValueError(f"A row has {len(row)} cells for {len(columns)} columns.")
        for index, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = nfc(value)
            cell = put(worksheet, row_index, index, value)
            if isinstance(value, datetime.datetime | datetime.date):
                cell.number_format = DATE_FORMAT
            widths[index - 1] = max(widths[index - 1], len(_shown(value)))
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
    # Everything above the first data row stays in view while scrolling, and the header filters.
    worksheet.freeze_panes = worksheet.cell(row=HEADER_ROW + 1, column=1)
    worksheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_subtitle(unit_name: str, day: datetime.date | None = None) -> str:
    """ "Phường Đức Xuân — xuất ngày 28/11/2026"."""
    day = day or datetime.date.today()
    name = nfc(unit_name)
    return f"{name[:1].upper()}{name[1:]} — xuất ngày {day:%d/%m/%Y}"


def xlsx_response(
    filename: str,
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    subtitle: str = "",
    sheet: str = "",
) -> HttpResponse:
    """The workbook as a download named ``filename`` (".xlsx" added when missing)."""
    name = filename if filename.endswith(".xlsx") else f"{filename}.xlsx"
    response = HttpResponse(xlsx_bytes(title, columns, rows, subtitle=subtitle, sheet=sheet), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
