"""What the two import files share: their columns, reading and checking cells, and writing the
Excel templates with their instruction sheet.

A file's first row holds the column headers. A header is recognised by its Vietnamese or English
name, with or without diacritics ("Mã đơn vị cấp xã", "ma don vi cap xa", "Commune code"), so that
a CSV written by hand works as well as the template. Errors name the column by the header the
file itself uses, and the row by the number the spreadsheet shows (the header is row 1).
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.errors import DomainError, DomainErrors
from thidua.lib.sheets import LIMITS, Cell, SheetError, read_table
from thidua.lib.text import fold
from thidua.units.models import KIND_LEVEL, KIND_PREFIX, Level, Unit, UnitKind
from thidua.units.rules import Period
from thidua.units.selectors import units_visible_to

# The residential-area kinds in the order officials list them, as the template's drop-down offers them.
AREA_KIND_WORDS: dict[str, str] = {
    UnitKind.THON: "thôn",
    UnitKind.TO_DAN_PHO: "tổ dân phố",
    UnitKind.LANG: "làng",
    UnitKind.AP: "ấp",
    UnitKind.BAN: "bản",
    UnitKind.BUON: "buôn",
    UnitKind.KHOM: "khóm",
    UnitKind.KHOI: "khối",
    UnitKind.TIEU_KHU: "tiểu khu",
    UnitKind.KHU_PHO: "khu phố",
}
assert set(AREA_KIND_WORDS) == {k for k in UnitKind if k not in KIND_LEVEL}

COMMUNE_CODE_WIDTH = 5
# The drop-down lists and the text format reach as many rows as an import accepts (a commune's
# households file has 9,000); the prefilled values fill the first rows only.
TEMPLATE_ROWS = LIMITS.rows
PREFILL_ROWS = 500

E_SHEET = {
    SheetError.NOT_A_TABLE: _("The file is neither an Excel workbook (.xlsx) nor a CSV file."),
    SheetError.OLD_EXCEL: _("The file is in the old Excel format (.xls): save it as an Excel workbook (.xlsx)."),
    SheetError.NOT_UTF8: _("The CSV file is not UTF-8 text: save it as “CSV UTF-8” and try again."),
    SheetError.EMPTY: _("The file is empty."),
    SheetError.TOO_LARGE: _(
        "The file is too large: once opened it would take more than %(limit)s MB. Split it into several files."
    ),
    SheetError.COMPRESSED: _(
        "The file is refused: its content is compressed more than %(limit)s times, which no real "
        "spreadsheet is. Save it again from Excel, or send the data as CSV."
    ),
    SheetError.TOO_MANY_ROWS: _("The file has more than %(limit)s rows. Split it into several files."),
    SheetError.TOO_MANY_COLUMNS: _("The file has values in more than %(limit)s columns: keep the template's columns."),
}
E_MISSING_COLUMN = _("The first row has no column “%(header)s”: keep the header row of the template.")
E_NO_ROWS = _("The file has no data rows below the header row.")
E_REQUIRED = _("This value is required.")
E_TOO_LONG = _("The value is too long: at most %(length)s characters.")
E_BAD_DATE = _("“%(value)s” is not a date: write it as dd/mm/yyyy, e.g. 01/07/2025.")
E_BAD_AREA_KIND = _("“%(value)s” is not a kind of residential area: write one of %(choices)s.")
E_UNKNOWN_COMMUNE = _("No commune, ward or township has the code %(code)s.")
E_COMMUNE_NOT_ON_DATE = _("No commune has the code %(code)s on %(date)s; the code belongs to %(units)s.")


class DryRun(Exception):
    """Raised inside an import's transaction to roll back a check that must not be kept."""


def import_scope(actor: Actor | None) -> QuerySet[Unit]:
    """The units an import may name: those the actor may see (all of them for ``SYSTEM_ACTOR``, the
    command line). ``None`` still means the command line for the callers not yet passing ``SYSTEM_ACTOR``;
    the import's service refuses it anyway when it authorizes."""
    return units_visible_to(SYSTEM_ACTOR if actor is None else actor)


def cell_key(value: str) -> str:
    """How a header or a word of a list compares: folded, with single spaces ("Tổ_dân  phố" → "to dan pho")."""
    return " ".join(fold(value).replace("_", " ").split())


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    help_vi: str
    help_en: str
    example: str = ""
    width: int = 18
    as_text: bool = True  # formatted as text in the template, so Excel keeps "01840" and "01/07/2025" as typed

    @property
    def names(self) -> set[str]:
        return {cell_key(self.vi), cell_key(self.en), cell_key(self.key)}


@dataclass
class Record:
    """One data row of the file, by column key, with what is needed to point at its cells."""

    number: int
    cells: dict[str, Cell]
    headers: Mapping[str, str]

    def error(self, key: str, message: Promise | str, **params: Any) -> DomainError:
        return DomainError(message, row=self.number, column=self.headers[key], **params)


@dataclass
class Sheet:
    records: list[Record]
    headers: dict[str, str]  # column key → the header as the file writes it (the template's when absent)
    errors: list[DomainError] = field(default_factory=list)

    def fail(self, record: Record, key: str, message: Promise | str, **params: Any) -> None:
        self.errors.append(record.error(key, message, **params))


def read_sheet(
    *,
    file_name: str,
    content: bytes,
    columns: Sequence[Column],
    required: Iterable[str],
    sheet_name: str,
    ignore_when_alone: Iterable[str] = (),
) -> Sheet:
    """The data rows of the file by column key; raises DomainErrors when the file or its header is unusable.

    A row is skipped as blank when it has nothing but the columns of ``ignore_when_alone`` (the
    commune code the template prefills).
    """
    try:
        rows = read_table(file_name, content, sheet_names=(sheet_name,))
    except SheetError as exc:
        raise DomainErrors([DomainError(E_SHEET[exc.reason], limit=f"{exc.limit:,}".replace(",", "."))]) from exc
    header, *data = rows
    positions: dict[str, int] = {}
    headers = {column.key: column.vi for column in columns}
    for index, value in enumerate(header.cells):
        if not isinstance(value, str):
            continue
        for column in columns:
            if column.key not in positions and cell_key(value) in column.names:
                positions[column.key] = index
                headers[column.key] = value
    missing = [column for column in columns if column.key in set(required) and column.key not in positions]
    if missing:
        raise DomainErrors([DomainError(E_MISSING_COLUMN, row=1, column=c.vi, header=c.vi) for c in missing])
    alone = set(ignore_when_alone)
    records = []
    for row in data:
        cells = {key: row.get(index) for key, index in positions.items()}
        if all(value is None for key, value in cells.items() if key not in alone):
            continue
        records.append(Record(row.number, cells, headers))
    if not records:
        raise DomainErrors([DomainError(E_NO_ROWS)])
    return Sheet(records, headers)


def as_text(value: Cell) -> str | None:
    """A cell as text; a whole number typed into a number cell loses its ".0"."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value).strip()
    return text or None


def text(sheet: Sheet, record: Record, key: str, *, required: bool = False, max_length: int = 200) -> str | None:
    value = as_text(record.cells.get(key))
    if value is None:
        if required:
            sheet.fail(record, key, E_REQUIRED)
        return None
    if len(value) > max_length:
        sheet.fail(record, key, E_TOO_LONG, length=max_length)
        return None
    return value


def commune_code(value: str | None) -> str | None:
    """Commune codes have five digits; Excel drops the leading zero of a code typed as a number."""
    if value is not None and value.isdigit() and len(value) < COMMUNE_CODE_WIDTH:
        return value.zfill(COMMUNE_CODE_WIDTH)
    return value


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def parse_date(value: Cell) -> datetime.date:
    """dd/mm/yyyy (or with - or .), an ISO date, or a date cell of Excel; ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        if match := _DMY.match(value):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if match := _ISO.match(value):
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
    raise ValueError(value)


def date(sheet: Sheet, record: Record, key: str, *, required: bool = False) -> datetime.date | None:
    value = record.cells.get(key)
    if value is None:
        if required:
            sheet.fail(record, key, E_REQUIRED)
        return None
    try:
        return parse_date(value)
    except ValueError:
        sheet.fail(record, key, E_BAD_DATE, value=as_text(value))
        return None


_AREA_KINDS = {cell_key(word): kind for kind, word in AREA_KIND_WORDS.items()}
_AREA_KINDS |= {cell_key(kind): kind for kind in AREA_KIND_WORDS}
_AREA_KINDS |= {cell_key(KIND_PREFIX[kind]): kind for kind in AREA_KIND_WORDS}  # "tổ" for tổ dân phố


def area_kind(sheet: Sheet, record: Record, key: str, *, required: bool = False) -> str | None:
    value = as_text(record.cells.get(key))
    if value is None:
        if required:
            sheet.fail(record, key, E_REQUIRED)
        return None
    kind = _AREA_KINDS.get(cell_key(value))
    if kind is None:
        sheet.fail(record, key, E_BAD_AREA_KIND, value=value, choices=", ".join(AREA_KIND_WORDS.values()))
    return kind


def area_name(name: str, kind: str) -> str:
    """The name without its kind, when the file wrote it with one ("Thôn Tổng Nẻng" → "Tổng Nẻng")."""
    for word in (AREA_KIND_WORDS[kind], KIND_PREFIX[kind]):
        if cell_key(name).startswith(cell_key(word) + " ") and len(name) > len(word) + 1:
            return name[len(word) + 1 :].strip()
    return name


def commune_for_code(code: str, *, actor: Actor = SYSTEM_ACTOR) -> Unit:
    """The commune holding ``code`` today, else the last one that held it (codes are reused)."""
    code = commune_code(code.strip()) or ""
    units = list(import_scope(actor).filter(level=Level.COMMUNE, code=code))
    if not units:
        raise DomainError(E_UNKNOWN_COMMUNE, code=code)
    today = datetime.date.today()
    current = [unit for unit in units if period_of(unit).contains_day(today)]
    return current[0] if current else max(units, key=lambda unit: unit.valid_to or datetime.date.min)


def period_of(unit: Unit) -> Period:
    return Period(unit.valid_from, unit.valid_to)


def unit_with_period(unit: Unit) -> str:
    """ "phường Đức Xuân (01840, … – 30/06/2025)"."""
    return f"{unit.full_name} ({unit.code}, {period_of(unit)})"


# --- Excel templates -------------------------------------------------------------------------

_HEADER_FILL = "FFDDEBF7"
_INLINE_LIST_MAX = 255
_LISTS_SHEET = "Danh sách"
_EXAMPLE_FILL = "FFF2F2F2"


@dataclass(frozen=True)
class Guide:
    """The instruction sheet: a title, the rules (Vietnamese, English), and an example."""

    title_vi: str
    title_en: str
    rules: Sequence[tuple[str, str]]
    example: Sequence[Mapping[str, str]]


def template_workbook(
    *,
    sheet_name: str,
    columns: Sequence[Column],
    choices: Mapping[str, Sequence[str]],
    guide: Guide,
    prefill: Mapping[str, str] | None = None,
) -> bytes:
    """An .xlsx with the data sheet (headers with an English comment, drop-down lists, text
    formats, prefilled values) and the sheet "Hướng dẫn" (instructions in both languages)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from thidua.documents.exports import put, put_row

    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = sheet_name
    lists: list[list[str]] = []
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = put(data, 1, index, column.vi)
        cell.font, cell.fill = bold, header_fill
        cell.comment = Comment(f"{column.en}\n\n{column.help_vi}\n\n{column.help_en}", "thidua", width=320, height=200)
        data.column_dimensions[letter].width = column.width
        if column.as_text:
            # The column's own style: every cell typed or pasted below the header is text, at no cost
            # per row (Excel and LibreOffice give a new cell its column's format).
            data.column_dimensions[letter].number_format = "@"
        if column.key in choices:
            values = list(choices[column.key])
            formula = '"' + ",".join(values) + '"'
            if len(formula) > _INLINE_LIST_MAX:
                # Excel refuses an inline list longer than 255 characters (a commune's many areas):
                # the list goes to a hidden sheet, which the drop-down names as a range.
                lists.append(values)
                list_letter = get_column_letter(len(lists))
                formula = f"'{_LISTS_SHEET}'!${list_letter}$1:${list_letter}${len(values)}"
            validation = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ / Invalid value",
                error="Chọn một giá trị trong danh sách / Choose a value from the list",
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            data.add_data_validation(validation)
        if prefill and column.key in prefill:
            for row in range(2, PREFILL_ROWS + 2):
                cell = put(data, row, index, prefill[column.key])
                if column.as_text:
                    cell.number_format = "@"
    data.freeze_panes = "A2"

    sheet = workbook.create_sheet("Hướng dẫn")
    wrap = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (26, 50, 50, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    put_row(sheet, [guide.title_vi])
    put_row(sheet, [guide.title_en])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"].font = Font(italic=True, size=12)
    put_row(sheet, [])
    put_row(sheet, ["Cột / Column", "Hướng dẫn", "Instructions", "Ví dụ / Example"])
    _style_header(sheet, sheet.max_row, bold, header_fill)
    for column in columns:
        put_row(sheet, [f"{column.vi}\n({column.en})", column.help_vi, column.help_en, column.example])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    put_row(sheet, [])
    put_row(sheet, ["Quy định / Rules", "Tiếng Việt", "English"])
    _style_header(sheet, sheet.max_row, bold, header_fill)
    for number, (rule_vi, rule_en) in enumerate(guide.rules, start=1):
        put_row(sheet, [str(number), rule_vi, rule_en])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    put_row(sheet, [])
    put_row(sheet, [f"Ví dụ: các dòng của trang “{sheet_name}” / Example: rows of the sheet “{sheet_name}”"])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    put_row(sheet, [column.vi for column in columns])
    _style_header(sheet, sheet.max_row, bold, PatternFill("solid", fgColor=_EXAMPLE_FILL))
    for example in guide.example:
        put_row(sheet, [example.get(column.key, "") for column in columns])
    if lists:
        hidden = workbook.create_sheet(_LISTS_SHEET)
        hidden.sheet_state = "hidden"
        for index, values in enumerate(lists, start=1):
            for row, value in enumerate(values, start=1):
                put(hidden, row, index, value)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _style_header(sheet: Any, row: int, font: Any, fill: Any) -> None:
    for cell in sheet[row]:
        cell.font, cell.fill = font, fill
