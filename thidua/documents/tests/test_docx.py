"""The DOCX of a decision, read back with python-docx as Word would resolve it."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from thidua.documents import layout as L
from thidua.documents.docx import PARAGRAPH_STYLES, render_docx
from thidua.documents.metrics import text_width_mm
from thidua.documents.model import MOTTO, NATIONAL_TITLE, AdministrativeDocument
from thidua.documents.tests.conftest import VIETNAMESE
from thidua.documents.tests.readback import (
    PT_PER_MM,
    effective,
    libreoffice_layout_problems,
    paragraph_runs_all,
    pdf_lines,
    pdf_pages,
    pdf_text,
)


def read(doc: AdministrativeDocument) -> DocxDocument:
    return Document(io.BytesIO(render_docx(doc)))


@pytest.fixture
def docx(decision: AdministrativeDocument) -> DocxDocument:
    return read(decision)


def body_paragraphs(document: DocxDocument, style: str) -> list[Paragraph]:
    return [p for p in document.paragraphs if p.style is not None and p.style.name == style]


def has_bottom_border(paragraph: Paragraph) -> bool:
    for source in (paragraph._p.pPr, paragraph.style.element.pPr if paragraph.style else None):
        if source is not None and source.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None:
            return True
    return False


def mm(length: object) -> float:
    """A length in mm, to a tenth: Word stores twentieths of a point, so Mm(210) reads back rounded."""
    return round(length.mm, 1)  # type: ignore[attr-defined]


def width_mm(paragraph: Paragraph, available_mm: float) -> float:
    fmt = paragraph.paragraph_format
    left = fmt.left_indent.mm if fmt.left_indent else 0
    right = fmt.right_indent.mm if fmt.right_indent else 0
    return available_mm - left - right


def test_the_page_is_a4_portrait_with_the_decree_margins(docx: DocxDocument) -> None:
    section = docx.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)


def test_page_numbers_sit_in_the_header_from_page_two_and_restart_in_each_annex(docx: DocxDocument) -> None:
    assert len(docx.sections) == 3  # the decision and its two annexes
    for section in docx.sections:
        assert section.different_first_page_header_footer
        numbering = section._sectPr.find(qn("w:pgNumType"))
        assert numbering is not None and numbering.get(qn("w:start")) == "1"
    first = docx.sections[0]
    assert not first.first_page_header.is_linked_to_previous
    assert all(not p.text.strip() for p in first.first_page_header.paragraphs)
    assert "PAGE" not in first.first_page_header._element.xml
    header = first.header.paragraphs[0]
    instructions = [node.text.strip() for node in header._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER or header.style.paragraph_format.alignment == (
        WD_ALIGN_PARAGRAPH.CENTER
    )
    assert effective(header, "size") == Pt(13)


def test_the_header_table_has_two_borderless_columns_with_number_and_date_on_one_row(docx: DocxDocument) -> None:
    table = docx.tables[0]
    assert table.style is None or table.style.name == "Normal Table"
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is None
    (left, right), (number, place_date) = (row.cells for row in table.rows)
    assert [p.text for p in left.paragraphs][:2] == ["ỦY BAN NHÂN DÂN", "THỊ XÃ BẮC KẠN"]
    for paragraph in left.paragraphs[:2]:
        assert paragraph.style.name == "Cơ quan ban hành"
        assert paragraph_runs_all(paragraph, "bold") and effective(paragraph, "size") == Pt(12)
    title, motto = right.paragraphs[:2]
    assert (title.text, motto.text) == (NATIONAL_TITLE, MOTTO)
    assert paragraph_runs_all(title, "bold") and effective(title, "size") == Pt(12)
    assert paragraph_runs_all(motto, "bold") and effective(motto, "size") == Pt(13)
    assert number.paragraphs[0].text == "Số: 05/QĐ-UBND"
    assert not paragraph_runs_all(number.paragraphs[0], "bold") and effective(number.paragraphs[0], "size") == Pt(13)
    (date,) = place_date.paragraphs
    assert date.text == "Bắc Kạn, ngày 05 tháng 01 năm 2013"
    assert paragraph_runs_all(date, "italic") and effective(date, "size") == Pt(13)
    assert [round(cell.width.mm) for cell in table.rows[0].cells] == [
        round(L.HEADER_LEFT_MM),
        round(L.HEADER_RIGHT_MM),
    ]


def test_the_motto_underline_is_as_long_as_the_motto(docx: DocxDocument) -> None:
    motto = docx.tables[0].rows[0].cells[1].paragraphs[1]
    assert has_bottom_border(motto)
    text = text_width_mm(MOTTO, L.SIZE_MOTTO, bold=True)
    assert text <= width_mm(motto, L.HEADER_RIGHT_MM) <= text + 1.5


def test_short_rules_under_the_issuing_body_and_the_subject_are_a_third_to_a_half_as_long(
    docx: DocxDocument, decision: AdministrativeDocument
) -> None:
    left = docx.tables[0].rows[0].cells[0]
    (rule,) = [p for p in left.paragraphs if p.style.name == "Đường kẻ ngắn"]
    assert has_bottom_border(rule)
    widest = max(text_width_mm(line, L.SIZE_BODY_NAME, bold=True) for line in ("ỦY BAN NHÂN DÂN", "THỊ XÃ BẮC KẠN"))
    assert widest / 3 <= width_mm(rule, L.HEADER_LEFT_MM) <= widest / 2
    (subject,) = body_paragraphs(docx, "Trích yếu")
    assert subject.text == decision.subject
    after = Paragraph(subject._p.getnext(), subject._parent)
    assert after.style.name == "Đường kẻ ngắn" and has_bottom_border(after)
    line = min(L.TEXT_WIDTH_MM, text_width_mm(decision.subject, L.SIZE_SUBJECT, bold=True))
    assert line / 3 <= width_mm(after, L.TEXT_WIDTH_MM) <= line / 2


def test_the_type_subject_and_authority_are_centred_bold(docx: DocxDocument) -> None:
    for style, text in (
        ("Tên loại", "QUYẾT ĐỊNH"),
        ("Thẩm quyền ban hành", "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN"),
        ("Lời ban hành", "QUYẾT ĐỊNH:"),
    ):
        (paragraph,) = [p for p in body_paragraphs(docx, style) if p.text == text]
        assert paragraph_runs_all(paragraph, "bold") and effective(paragraph, "size") == Pt(14)
        assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_legal_bases_are_italic_justified_and_punctuated(docx: DocxDocument, decision: AdministrativeDocument) -> None:
    bases = body_paragraphs(docx, "Căn cứ")
    assert [p.text for p in bases] == [
        *(f"{basis};" for basis in decision.legal_bases[:-1]),
        f"{decision.legal_bases[-1]}.",
    ]
    style = bases[0].style
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert mm(style.paragraph_format.first_line_indent) == L.FIRST_LINE_INDENT_MM
    for paragraph in bases:
        assert paragraph_runs_all(paragraph, "italic") and not paragraph_runs_all(paragraph, "bold")


def test_articles_open_with_a_bold_label_and_an_indent(docx: DocxDocument) -> None:
    articles = body_paragraphs(docx, "Nội dung")
    assert [p.text.split(" ", 2)[:2] for p in articles] == [["Điều", "1."], ["Điều", "2."], ["Điều", "3."]]
    for paragraph in articles:
        label, text = paragraph.runs[0], paragraph.runs[-1]
        assert label.text == paragraph.text[: len(label.text)] and label.style.name == "Tên điều"
        assert effective(paragraph, "bold", label) is True
        assert not effective(paragraph, "bold", text)
        assert effective(paragraph, "size", text) == Pt(14)
    assert mm(articles[0].style.paragraph_format.first_line_indent) == 10
    assert articles[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert articles[0].style.paragraph_format.space_after >= Pt(6)


def test_the_recipients_and_signature_share_a_row(docx: DocxDocument, decision: AdministrativeDocument) -> None:
    recipients, signature = docx.tables[1].rows[0].cells
    label, *entries = recipients.paragraphs
    assert label.text == "Nơi nhận:"
    assert paragraph_runs_all(label, "bold") and paragraph_runs_all(label, "italic")
    assert effective(label, "size") == Pt(12)
    assert [p.text for p in entries] == [f"- {r};" for r in decision.recipients] + ["- Lưu: VT, NV."]
    assert {effective(p, "size") for p in entries} == {Pt(11)}
    title, name = signature.paragraphs
    assert (title.text, name.text) == ("CHỦ TỊCH", "Nguyễn Văn Du")
    for paragraph in (title, name):
        assert paragraph_runs_all(paragraph, "bold") and effective(paragraph, "size") == Pt(14)


def test_a_collective_signs_with_tm(long_decision: AdministrativeDocument) -> None:
    document = read(long_decision)
    signature = document.tables[1].rows[0].cells[1]
    assert [p.text for p in signature.paragraphs] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Du"]
    left = document.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs][:3] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN", "SỞ NỘI VỤ"]
    assert [paragraph_runs_all(p, "bold") for p in left.paragraphs[:3]] == [False, False, True]
    assert document.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 125/QĐ-UBND"
    assert document.tables[0].rows[1].cells[1].paragraphs[0].text == "Bắc Kạn, ngày 15 tháng 11 năm 2013"


def test_the_annexes_hold_their_lists(docx: DocxDocument, decision: AdministrativeDocument) -> None:
    labels = [p.text for p in body_paragraphs(docx, "Phụ lục - số")]
    assert labels == ["Phụ lục I", "Phụ lục II"]
    references = {p.text for p in body_paragraphs(docx, "Phụ lục - chỉ dẫn")}
    assert references == {
        "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 01 năm 2013 của Chủ tịch Ủy ban nhân dân thị xã Bắc Kạn)"
    }
    for table, annex in zip(docx.tables[2:], decision.annexes, strict=True):
        rows = [tuple(cell.text for cell in row.cells) for row in table.rows]
        assert rows[0] == tuple(column.title for column in annex.table.columns)
        assert rows[1:] == annex.table.data_rows
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page


def test_the_gdvh_list_keeps_its_group_headings(gdvh: AdministrativeDocument) -> None:
    table = read(gdvh).tables[2]
    texts = [row.cells[0].text for row in table.rows]
    assert "I. TỔ 1A, PHƯỜNG ĐỨC XUÂN" in texts
    assert sum(1 for row in table.rows if row.cells[0].text.isdigit()) == 40


def test_styles_are_named_for_officials_and_the_font_is_times_new_roman(docx: DocxDocument) -> None:
    names = {style.name for style in docx.styles}
    assert set(PARAGRAPH_STYLES) <= names
    normal = docx.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


def test_every_vietnamese_letter_is_kept_precomposed(long_decision: AdministrativeDocument) -> None:
    document = read(long_decision)
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.count(VIETNAMESE) == 3
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_the_docx_out_with_numbers_from_page_two(
    long_decision: AdministrativeDocument, tmp_path: Path
) -> None:
    source = tmp_path / "quyet-dinh.docx"
    source.write_bytes(render_docx(long_decision))
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    content = (tmp_path / "quyet-dinh.pdf").read_bytes()
    assert pdf_pages(content) >= 4
    top = L.MARGIN_TOP_MM * PT_PER_MM
    assert [line.text for line in pdf_lines(content, 1) if line.y1 <= top] == []
    assert [line.text for line in pdf_lines(content, 2) if line.y1 <= top] == ["2"]
    text = pdf_text(content, first=1, last=1)
    assert "Số: 125/QĐ-UBND" in text and "Bắc Kạn, ngày 15 tháng 11 năm 2013" in text and MOTTO in text


@pytest.mark.parametrize("fixture", ["decision", "long_decision", "gdvh"])
def test_the_file_passes_the_open_xml_sdk_checks_and_describes_itself(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Schema, semantics and package as Microsoft's Open XML SDK checks them (openxml-audit, its port):
    a property out of the order ECMA-376 gives it is what Word "repairs" by dropping it."""
    from openxml_audit import OpenXmlValidator

    doc: AdministrativeDocument = request.getfixturevalue(fixture)
    path = tmp_path / "document.docx"
    path.write_bytes(render_docx(doc))
    result = OpenXmlValidator().validate(str(path))
    assert not result.errors, [str(error) for error in result.errors]
    properties = Document(str(path)).core_properties
    assert properties.author == " ".join(doc.issuing_body)
    assert properties.title == f"{doc.kind_in_text} số {doc.number:02d}/{doc.symbol}"
    assert properties.subject == doc.subject and properties.language == "vi-VN"
    assert properties.created is not None and properties.created.date() == doc.date
    assert "python-docx" not in (properties.comments + properties.author + properties.last_modified_by)


def test_libreoffice_lays_out_the_rule_the_signature_and_the_groups_as_drawn(
    decision: AdministrativeDocument,
    long_decision: AdministrativeDocument,
    gdvh: AdministrativeDocument,
    tmp_path: Path,
) -> None:
    """Minutes have no "authority" line under the subject: the first line of the text follows the rule
    directly, and LibreOffice drew the rule through its accents until the rule had room of its own."""
    minutes = dataclasses.replace(
        decision,
        kind="BIÊN BẢN",
        authority="",
        enacting_word="",
        articles=(),
        legal_bases=(),
        body=(f"Ủy ban nhân dân thị xã họp xét khen thưởng. {VIETNAMESE}",) * 12,
    )
    # Twenty short paragraphs fill the first page to where the signature fell alone onto the second.
    filled = dataclasses.replace(minutes, body=("Nội dung một dòng ngắn của biên bản.",) * 20)
    docs = {"decision": decision, "long": long_decision, "gdvh": gdvh, "minutes": minutes, "filled": filled}
    assert libreoffice_layout_problems(docs, tmp_path) == {}
