"""Reading a table from a file that attacks the reader (issue #14, item 3): an .xlsx that expands
hugely is refused from its archive's directory before anything is expanded; rows and columns past the
limits are refused while the sheet is streamed."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from thidua.lib.sheets import LIMITS, Limits, SheetError, check_archive, read_table

HEADER = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
FOOTER = "</sheetData></worksheet>"


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet_xml(content: bytes, chunks: object) -> bytes:
    """The workbook with its first sheet's XML replaced by the text ``chunks`` yields, streamed."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with target.open(item.filename, "w", force_zip64=True) as member:
                    for chunk in chunks:  # type: ignore[attr-defined]
                        member.write(chunk.encode())
            else:
                target.writestr(item, source.read(item.filename))
    return buffer.getvalue()


def bomb(megabytes: int) -> bytes:
    """A workbook of a few hundred kilobytes whose sheet expands to ``megabytes`` MB of rows."""
    row = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>'
    block = row * (1024 * 1024 // len(row))

    def chunks():  # type: ignore[no-untyped-def]
        yield HEADER
        for _ in range(megabytes):
            yield block
        yield FOOTER

    return with_sheet_xml(_workbook([["Mã", "Tên"]]), chunks())


def test_a_workbook_that_expands_hugely_is_refused_before_it_is_expanded() -> None:
    content = bomb(300)
    assert len(content) < 2 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(SheetError) as refused:
        read_table("bom.xlsx", content)
    assert time.monotonic() - started < 1
    assert refused.value.reason == SheetError.TOO_LARGE and refused.value.limit == 300


def test_a_member_compressed_past_the_ratio_is_refused_even_under_the_size_limits() -> None:
    content = bomb(20)
    with pytest.raises(SheetError) as refused:
        check_archive(content)
    assert refused.value.reason == SheetError.COMPRESSED and refused.value.limit == LIMITS.ratio
    # A real workbook of the same rows passes.
    check_archive(_workbook([[f"H{n}", f"Hoàng Văn {n}", n] for n in range(20_000)]))


def test_an_archive_of_too_many_members_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(LIMITS.members + 1):
            archive.writestr(f"x/{number}.xml", "")
    with pytest.raises(SheetError) as refused:
        read_table("many.xlsx", buffer.getvalue())
    assert refused.value.reason == SheetError.TOO_LARGE


def test_rows_past_the_limit_are_refused_while_streaming_even_rows_the_file_only_skips_to() -> None:
    limits = Limits(rows=1000)
    content = _workbook([["Mã"], *[[f"H{n}"] for n in range(999)]])
    assert len(read_table("ok.xlsx", content, limits=limits)) == 1000
    with pytest.raises(SheetError) as refused:
        read_table("rows.xlsx", _workbook([["Mã"], *[[f"H{n}"] for n in range(1000)]]), limits=limits)
    assert refused.value.reason == SheetError.TOO_MANY_ROWS and refused.value.limit == 1000
    # One cell in the last row Excel has: openpyxl fills the rows between with blank ones.
    far = with_sheet_xml(
        _workbook([["Mã"]]), iter([HEADER, '<row r="1048576"><c r="A1048576"><v>1</v></c></row>', FOOTER])
    )
    with pytest.raises(SheetError) as refused:
        read_table("far.xlsx", far, limits=limits)
    assert refused.value.reason == SheetError.TOO_MANY_ROWS
    csv = ("Mã\n" + "H\n" * 1000).encode()
    with pytest.raises(SheetError):
        read_table("rows.csv", csv, limits=limits)


def test_a_value_past_the_column_limit_is_refused_and_trailing_blanks_are_not() -> None:
    wide = with_sheet_xml(
        _workbook([["Mã"]]), iter([HEADER, '<row r="1"><c r="A1"><v>1</v></c><c r="GS1"><v>2</v></c></row>', FOOTER])
    )
    with pytest.raises(SheetError) as refused:
        read_table("wide.xlsx", wide)
    assert refused.value.reason == SheetError.TOO_MANY_COLUMNS and refused.value.limit == LIMITS.columns
    rows = read_table("ok.csv", "Mã;Tên;;;\nH1;An;;;\n".encode())
    assert [row.cells for row in rows] == [("Mã", "Tên"), ("H1", "An")]
