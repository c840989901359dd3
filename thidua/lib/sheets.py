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
from collections.abc import Iterable, Iterator, Sequence
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
    """The file cannot be read as a table; ``reason`` is one of the constants below, ``limit`` the
    limit it went past (for the last four)."""

    NOT_A_TABLE = "not_a_table"
    OLD_EXCEL = "old_excel"
    NOT_UTF8 = "not_utf8"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    COMPRESSED = "compressed"
    TOO_MANY_ROWS = "too_many_rows"
    TOO_MANY_COLUMNS = "too_many_columns"

    def __init__(self, reason: str, limit: int = 0) -> None:
        self.reason = reason
        self.limit = limit
        super().__init__(reason)


@dataclass(frozen=True)
class Limits:
    """How much of a file is read before it is refused (a "zip bomb": a 4 MB workbook that expands
    to a 939 MB sheet took 6.8 GB of memory before these limits).

    An .xlsx is a zip archive whose members say how large they are once expanded; ``zipfile`` never
    expands a member past the size it declares (it stops there and the checksum fails), so the
    declared sizes can be checked before anything is expanded. Real workbooks have a few dozen
    members compressed 5 to 30 times; a commune's households file of a few thousand rows expands to
    a few megabytes.
    """

    members: int = 500
    member_bytes: int = 200 * 1024 * 1024
    total_bytes: int = 300 * 1024 * 1024
    # Only members larger than ``ratio_from`` are held to the ratio: tiny XML parts compress better.
    ratio: int = 100
    ratio_from: int = 1024 * 1024
    rows: int = 500_000
    columns: int = 200


LIMITS = Limits()


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


def check_archive(content: bytes, limits: Limits = LIMITS) -> None:
    """Refuse an .xlsx whose archive would expand past ``limits``, before any of it is expanded."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SheetError(SheetError.NOT_A_TABLE) from exc
    if len(members) > limits.members:
        raise SheetError(SheetError.TOO_LARGE, limits.total_bytes // (1024 * 1024))
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.member_bytes or total > limits.total_bytes:
            raise SheetError(SheetError.TOO_LARGE, limits.total_bytes // (1024 * 1024))
        if member.file_size > limits.ratio_from and member.file_size > limits.ratio * max(member.compress_size, 1):
            raise SheetError(SheetError.COMPRESSED, limits.ratio)


def _capped(rows: Iterable[Sequence[object]], limits: Limits) -> Iterator[Row]:
    """The rows, cleaned, refused past ``limits.rows`` rows or ``limits.columns`` filled columns."""
    for number, values in enumerate(rows, start=1):
        if number > limits.rows:
            raise SheetError(SheetError.TOO_MANY_ROWS, limits.rows)
        cells = [_clean(value) for value in values]
        # Trailing blank cells are dropped: a row is as long as its last value (``Row.get`` pads).
        while cells and cells[-1] is None:
            cells.pop()
        if len(cells) > limits.columns:
            raise SheetError(SheetError.TOO_MANY_COLUMNS, limits.columns)
        yield Row(number, tuple(cells))


def _read_xlsx(content: bytes, sheet_names: tuple[str, ...], limits: Limits) -> list[Row]:
    import openpyxl

    check_archive(content, limits)
    try:
        # Read-only: openpyxl parses the sheet's XML as a stream, a row at a time.
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError(SheetError.NOT_A_TABLE) from exc
    try:
        sheet = next((workbook[name] for name in sheet_names if name in workbook.sheetnames), workbook.worksheets[0])
        # One column past the limit is read, so that a filled one can be told from trailing blanks.
        rows = list(_capped(sheet.iter_rows(values_only=True, max_col=limits.columns + 1), limits))
    except (zipfile.BadZipFile, KeyError, OSError, SyntaxError) as exc:
        # A member that expands past the size it declares fails its checksum; broken XML is a SyntaxError.
        raise SheetError(SheetError.NOT_A_TABLE) from exc
    finally:
        workbook.close()
    return rows


def _read_csv(content: bytes, limits: Limits) -> list[Row]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(SheetError.NOT_UTF8) from exc
    first_line = text.split("\n", 1)[0]
    # Excel in a Vietnamese or European locale writes CSV with semicolons; elsewhere with commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # A record with a line break inside a quoted cell is still one row when a spreadsheet opens it.
    return list(_capped(reader, limits))


def read_table(
    file_name: str, content: bytes, *, sheet_names: tuple[str, ...] = (), limits: Limits = LIMITS
) -> list[Row]:
    """Every row of the file, the header included; from an .xlsx, the first sheet named in
    ``sheet_names`` that the workbook has, else its first sheet. A file past ``limits`` is refused
    (``SheetError``) before it is expanded, or as soon as its rows go past them."""
    suffix = PurePath(file_name).suffix.lower()
    if content.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise SheetError(SheetError.OLD_EXCEL)
    if content.startswith(b"PK") or suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(content, sheet_names, limits)
    elif suffix in (".csv", ".txt", ""):
        rows = _read_csv(content, limits)
    else:
        raise SheetError(SheetError.NOT_A_TABLE)
    if all(row.is_blank for row in rows):
        raise SheetError(SheetError.EMPTY)
    return rows
