"""The PDF of a decision, read back with poppler: text, faces and sizes, positions and drawn rules."""

from __future__ import annotations

import re

import pytest

from thidua.documents import layout as L
from thidua.documents.model import MOTTO, NATIONAL_TITLE, AdministrativeDocument
from thidua.documents.pdf import render_certificates_pdf, render_pdf
from thidua.documents.tests.conftest import VIETNAMESE
from thidua.documents.tests.readback import (
    PT_PER_MM,
    find_line,
    pdf_fonts,
    pdf_lines,
    pdf_page_size_pt,
    pdf_pages,
    pdf_raster,
    pdf_spans,
    pdf_text,
    spans_with,
)

A4_PT = (210 * PT_PER_MM, 297 * PT_PER_MM)
LEFT_PT = L.MARGIN_LEFT_MM * PT_PER_MM
RIGHT_PT = (L.PAGE_WIDTH_MM - L.MARGIN_RIGHT_MM) * PT_PER_MM
TOP_PT = L.MARGIN_TOP_MM * PT_PER_MM
BOTTOM_PT = (L.PAGE_HEIGHT_MM - L.MARGIN_BOTTOM_MM) * PT_PER_MM


@pytest.fixture
def pdf(decision: AdministrativeDocument) -> bytes:
    return render_pdf(decision)


@pytest.fixture
def long_pdf(long_decision: AdministrativeDocument) -> bytes:
    return render_pdf(long_decision)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_header_holds_the_bodies_left_and_the_national_title_right_with_number_and_date_on_one_row(
    pdf: bytes,
) -> None:
    lines = pdf_lines(pdf, 1)
    body, town = find_line(lines, "ỦY BAN NHÂN DÂN"), find_line(lines, "THỊ XÃ BẮC KẠN")
    title, motto = find_line(lines, NATIONAL_TITLE), find_line(lines, MOTTO)
    number = find_line(lines, "Số: 05/QĐ-UBND")
    place_date = find_line(lines, "Bắc Kạn, ngày 05 tháng 01 năm 2013")
    left_centre = LEFT_PT + L.HEADER_LEFT_MM * PT_PER_MM / 2
    right_centre = LEFT_PT + (L.HEADER_LEFT_MM + L.HEADER_RIGHT_MM / 2) * PT_PER_MM
    for line in (body, town, number):
        assert abs((line.x0 + line.x1) / 2 - left_centre) < 2, line.text
    for line in (title, motto, place_date):
        assert abs((line.x0 + line.x1) / 2 - right_centre) < 2, line.text
    # The issuing body and the national title start on the same line; so do the number and the date.
    assert abs(body.y0 - title.y0) < 1
    assert abs(number.y1 - place_date.y1) < 1
    assert number.y0 > motto.y1


def test_the_header_uses_the_faces_and_sizes_of_the_decree(pdf: bytes) -> None:
    spans = pdf_spans(pdf, 1)
    (title,) = spans_with(spans, NATIONAL_TITLE)
    assert title.bold and not title.italic and title.size == L.SIZE_NATIONAL_TITLE
    (motto,) = spans_with(spans, MOTTO)
    assert motto.bold and motto.size == L.SIZE_MOTTO
    (body,) = spans_with(spans, "THỊ XÃ BẮC KẠN")
    assert body.bold and 12 <= body.size <= 13
    (number,) = spans_with(spans, "Số: 05/QĐ-UBND")
    assert not number.bold and not number.italic and number.size == 13
    (place_date,) = spans_with(spans, "Bắc Kạn, ngày 05 tháng 01 năm 2013")
    assert place_date.italic and not place_date.bold and 13 <= place_date.size <= 14
    (kind,) = spans_with(spans, "QUYẾT ĐỊNH")
    assert kind.bold and 13 <= kind.size <= 14


def test_the_motto_is_underlined_exactly_as_long_as_the_line(pdf: bytes) -> None:
    motto = find_line(pdf_lines(pdf, 1), MOTTO)
    rules = pdf_raster(pdf, 1).horizontal_rules(motto.y1 - 1, motto.y1 + 5)
    assert rules, "no rule under the motto"
    x0, x1 = rules[0]
    assert abs(x0 - motto.x0) < 1.5 and abs(x1 - motto.x1) < 1.5


def test_the_issuing_body_and_the_subject_have_a_short_centred_rule_under_them(pdf: bytes) -> None:
    lines = pdf_lines(pdf, 1)
    raster = pdf_raster(pdf, 1)
    body = [find_line(lines, "ỦY BAN NHÂN DÂN"), find_line(lines, "THỊ XÃ BẮC KẠN")]
    kind = find_line(lines, "QUYẾT ĐỊNH")
    authority = find_line(lines, "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN")
    subject_lines = [line for line in lines if kind.y1 < line.y0 < authority.y0]
    for above in (body, subject_lines):
        widest = max(line.x1 - line.x0 for line in above)
        centre = (above[-1].x0 + above[-1].x1) / 2
        left, right = min(line.x0 for line in above), max(line.x1 for line in above)
        rules = [
            (x0, x1)
            for x0, x1 in raster.horizontal_rules(above[-1].y1 - 1, above[-1].y1 + 6)
            if x0 >= left - 2 and x1 <= right + 2
        ]
        assert rules, f"no rule under {above[-1].text!r}"
        x0, x1 = rules[0]
        assert widest / 3 - 1 <= x1 - x0 <= widest / 2 + 1, (x1 - x0, widest)
        assert abs((x0 + x1) / 2 - centre) < 2


def test_under_a_governing_body_the_rule_follows_the_issuing_body_alone(long_pdf: bytes) -> None:
    lines = pdf_lines(long_pdf, 1)
    governing, issuing = find_line(lines, "ỦY BAN NHÂN DÂN"), find_line(lines, "SỞ NỘI VỤ")
    assert governing.y1 <= issuing.y0 + 1
    assert not any(s.bold for s in pdf_spans(long_pdf, 1) if s.text in ("ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN"))
    rules = [
        (x0, x1)
        for x0, x1 in pdf_raster(long_pdf, 1).horizontal_rules(issuing.y1 - 1, issuing.y1 + 6)
        if x1 <= LEFT_PT + L.HEADER_LEFT_MM * PT_PER_MM
    ]
    assert rules
    x0, x1 = rules[0]
    width = issuing.x1 - issuing.x0
    assert width / 3 - 1 <= x1 - x0 <= width / 2 + 1


def test_the_legal_bases_are_italic_each_ending_with_a_semicolon_and_the_last_with_a_full_stop(
    pdf: bytes, decision: AdministrativeDocument
) -> None:
    text = flat(pdf_text(pdf, first=1, last=1, layout=False))
    bases = [flat(basis) for basis in decision.legal_bases]
    for basis in bases[:-1]:
        assert f"{basis};" in text
    assert f"{bases[-1]}." in text
    for span in pdf_spans(pdf, 1):
        if span.text.startswith(("Căn cứ", "Xét đề nghị")):
            assert span.italic and not span.bold and span.size == L.SIZE_TEXT, span


def test_articles_start_with_a_bold_label_then_the_text_in_regular(pdf: bytes) -> None:
    spans = pdf_spans(pdf, 1)
    for number in (1, 2, 3):
        (label,) = [s for s in spans if s.text == f"Điều {number}."]
        assert label.bold and not label.italic and label.size == L.SIZE_TEXT
    (text,) = spans_with(spans, "Tặng Giấy khen cho 06 tập thể và 08 cá nhân", exact=False)
    assert not text.bold and not text.italic
    assert "QUYẾT ĐỊNH:" in [s.text for s in spans if s.bold]


def test_nơi_nhận_is_bold_italic_12_with_entries_in_11_ending_with_the_archive(
    pdf: bytes, decision: AdministrativeDocument
) -> None:
    spans = pdf_spans(pdf, 1)
    (label,) = spans_with(spans, "Nơi nhận:")
    assert label.bold and label.italic and label.size == 12
    entries = [s for s in spans if s.text.startswith("- ") and s.top > label.top]
    assert [e.text for e in entries] == [f"- {r};" for r in decision.recipients] + ["- Lưu: VT, NV."]
    assert {e.size for e in entries} == {11}
    # "Nơi nhận:" is level with the signer's authority, which is bold 14.
    (authority,) = [s for s in spans if s.text == "CHỦ TỊCH"]
    assert authority.bold and authority.size == 14 and abs(authority.top - label.top) < 4
    (signer,) = spans_with(spans, "Nguyễn Văn Du")
    assert signer.bold and signer.top > authority.top + 20 * PT_PER_MM


def test_the_signature_block_of_a_collective_reads_tm(long_pdf: bytes) -> None:
    last = pdf_pages(long_pdf) - 2  # the two annexes follow the decision
    text = pdf_text(long_pdf, first=last, last=last)
    assert re.search(r"TM\. ỦY BAN NHÂN DÂN\s*\n\s*.*CHỦ TỊCH", text)


def test_the_annexes_list_every_row_with_their_reference(pdf: bytes, decision: AdministrativeDocument) -> None:
    assert pdf_pages(pdf) == 3
    for page, annex in ((2, decision.annexes[0]), (3, decision.annexes[1])):
        text = flat(pdf_text(pdf, first=page, last=page))
        assert f"Phụ lục {'I' * (page - 1)}" in text
        assert L.vi_upper(annex.title) in text
        assert (
            "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 01 năm 2013 của Chủ tịch Ủy ban nhân dân thị xã Bắc Kạn)"
            in text
        )
        for column in annex.table.columns:
            assert column.title in text
        lines = pdf_lines(pdf, page)
        for row in annex.table.data_rows:
            # The row's cells begin on the baseline of its number, left to right.
            (number,) = [line for line in lines if line.text == row[0]]
            same_row = sorted((line for line in lines if abs(line.y1 - number.y1) < 1), key=lambda line: line.x0)
            starts = [line.text for line in same_row]
            assert len(starts) == len(row), (row, starts)
            assert all(value.startswith(start) for value, start in zip(row, starts, strict=True)), (row, starts)


def test_pages_are_a4_with_the_decree_margins(long_pdf: bytes) -> None:
    assert pdf_pages(long_pdf) >= 4
    for page in (1, 2):
        width, height = pdf_page_size_pt(long_pdf, page)
        assert abs(width - A4_PT[0]) < 0.5 and abs(height - A4_PT[1]) < 0.5
    words = [w for line in pdf_lines(long_pdf, 1) for w in line.words]
    # Justified body lines touch both margins; nothing crosses them.
    assert abs(min(w.x0 for w in words) - LEFT_PT) < 1.5
    assert abs(max(w.x1 for w in words) - RIGHT_PT) < 1.5
    assert min(w.y0 for w in words) >= TOP_PT - 0.5
    assert max(w.y1 for w in words) <= BOTTOM_PT + 0.5


def test_page_numbers_are_centred_in_the_top_margin_from_page_two(
    long_pdf: bytes, gdvh: AdministrativeDocument
) -> None:
    def margin_words(content: bytes, page: int) -> list[str]:
        return [w.text for line in pdf_lines(content, page) for w in line.words if w.y1 <= TOP_PT]

    assert margin_words(long_pdf, 1) == []
    lines = pdf_lines(long_pdf, 2)
    (number,) = [line for line in lines if line.y1 <= TOP_PT]
    assert number.text == "2"
    assert abs((number.x0 + number.x1) / 2 - (LEFT_PT + RIGHT_PT) / 2) < 2
    # Each annex numbers its own pages: its first page has none, its second page reads 2.
    gdvh_pdf = render_pdf(gdvh)
    assert pdf_pages(gdvh_pdf) == 3
    assert margin_words(gdvh_pdf, 2) == []
    assert margin_words(gdvh_pdf, 3) == ["2"]


def test_every_vietnamese_letter_survives_in_regular_bold_and_italic(long_pdf: bytes) -> None:
    text = flat(pdf_text(long_pdf, layout=False))
    assert text.count(VIETNAMESE) >= 3  # the bold subject, an italic basis and a regular article
    spans = [s for page in (1, 2) for s in pdf_spans(long_pdf, page)]
    faces = {(s.bold, s.italic) for s in spans if any(ch in s.text for ch in "ẳẵặẫậễệỗộỡợữựỹỵ")}
    assert {(True, False), (False, True), (False, False)} <= faces
    # No glyph fell back to another font: only the four Liberation Serif faces are embedded.
    assert {name.split("+")[1] for name in pdf_fonts(long_pdf)} <= {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }


def test_bold_italic_text_keeps_its_diacritics_too() -> None:
    from thidua.documents.pdf import _render

    content = _render(f'<p class="recipients-label">{VIETNAMESE}</p>', "documents/page.css").write_pdf()
    assert VIETNAMESE in flat(pdf_text(content, layout=False))
    assert {s.face for s in pdf_spans(content, 1)} == {"Liberation-Serif-Bold-Italic"}


def test_nothing_is_fetched_while_rendering() -> None:
    from weasyprint.urls import FatalURLFetchingError

    from thidua.documents.pdf import _render

    with pytest.raises(FatalURLFetchingError, match=r"seal\.png"):
        _render('<img src="https://example.invalid/seal.png">', "documents/page.css")


def test_every_pdf_is_pdf_a_2b_with_the_documents_own_metadata(decision: AdministrativeDocument) -> None:
    """Issued documents are archived for years: PDF/A-2b, described by their number, symbol, date,
    issuing body and subject (checked with pikepdf and the XMP; veraPDF needs Java and no registry
    reachable here has it)."""
    from thidua.documents.samples import commendation_certificates
    from thidua.documents.tests.readback import pdfa_problems, xmp

    pdf = render_pdf(decision)
    assert pdfa_problems(pdf) == []
    meta = xmp(pdf)
    assert meta["dc:title"] == "Quyết định số 05/QĐ-UBND"
    assert meta["dc:creator"] == ["Ủy ban nhân dân thị xã Bắc Kạn"]
    assert meta["dc:description"] == decision.subject
    assert meta["xmp:CreateDate"] == "2013-01-05T00:00:00+07:00"
    assert "05/QĐ-UBND" in meta["pdf:Keywords"]
    certificates = commendation_certificates()[:2]
    for content in (render_certificates_pdf(certificates), render_certificates_pdf(certificates, text_only=True)):
        assert pdfa_problems(content) == []
        assert xmp(content)["dc:title"].startswith("Giấy khen (05/QĐ-UBND")
