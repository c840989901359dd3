"""Reading a table from an uploaded spreadsheet: Excel (.xlsx) or CSV (UTF-8, with or without a
byte-order mark, comma- or semicolon-separated).

Django-free. Rows keep the number the spreadsheet shows (the header is row 1), so that an error can
point at the row the user sees. Cells keep their type where Excel gives one (a date typed into a
date-formatted cell arrives as a ``datetime``); everything else is text, stripped.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

Cell = str | int | float | datetime.date | datetime.datetime | None


# A cell whose text begins with one of these is read as a formula by Excel, LibreOffice or Google
# Sheets (``=HYPERLINK(…)``, ``@SUM(…)``, ``+cmd|…``; a tab or a carriage return before them hides
# them): every export writes such text as text (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula if it were written as is."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """A value for a CSV row that no spreadsheet reads as a formula: text beginning like one gets the
    apostrophe that spreadsheets take as "this is text"; numbers and everything else stay as they are."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


class SheetError(ValueError):
    """The file cannot be read as a table; ``reason`` is one of the constants below."""

    NOT_A_TABLE = "not_a_table"
    OLD_EXCEL = "old_excel"
    NOT_UTF8 = "not_utf8"
    EMPTY = "empty"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Row:
    number: int
    cells: tuple[Cell, ...]

    def get(self, index: int) -> Cell:
        return self.cells[index] if index < len(self.cells) else None

    @property
    def is_blank(self) -> bool:
        return all(cell is None or cell == "" for cell in self.cells)


def _clean(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | datetime.date):
        return value
    return str(value).strip() or None


def _read_xlsx(content: bytes, sheet_names: tuple[str, ...]) -> list[Row]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError(SheetError.NOT_A_TABLE) from exc
    try:
        sheet = next((workbook[name] for name in sheet_names if name in workbook.sheetnames), workbook.worksheets[0])
        rows = [
            Row(number, tuple(_clean(value) for value in values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()
    return rows


def _read_csv(content: bytes) -> list[Row]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(SheetError.NOT_UTF8) from exc
    first_line = text.split("\n", 1)[0]
    # Excel in a Vietnamese or European locale writes CSV with semicolons; elsewhere with commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # A record with a line break inside a quoted cell is still one row when a spreadsheet opens it.
    return [Row(number, tuple(_clean(value) for value in values)) for number, values in enumerate(reader, start=1)]


def read_table(file_name: str, content: bytes, *, sheet_names: tuple[str, ...] = ()) -> list[Row]:
    """Every row of the file, the header included; from an .xlsx, the first sheet named in
    ``sheet_names`` that the workbook has, else its first sheet."""
    suffix = PurePath(file_name).suffix.lower()
    if content.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise SheetError(SheetError.OLD_EXCEL)
    if content.startswith(b"PK") or suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(content, sheet_names)
    elif suffix in (".csv", ".txt", ""):
        rows = _read_csv(content)
    else:
        raise SheetError(SheetError.NOT_A_TABLE)
    if all(row.is_blank for row in rows):
        raise SheetError(SheetError.EMPTY)
    return rows
