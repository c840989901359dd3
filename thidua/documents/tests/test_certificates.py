"""The Giấy khen: landscape, one page a recipient, and a text-only mode for pre-printed stock."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from thidua.documents.model import (
    MOTTO,
    NATIONAL_TITLE,
    Certificate,
    Position,
    StockLayout,
    certificate_from_json,
    certificate_to_json,
    stock_layout_from_json,
)
from thidua.documents.pdf import render_certificates_pdf
from thidua.documents.samples import commendation_certificates, many_certificates
from thidua.documents.tests.conftest import VIETNAMESE
from thidua.documents.tests.readback import PT_PER_MM, pdf_lines, pdf_page_size_pt, pdf_pages, pdf_text

A4_LANDSCAPE_PT = (297 * PT_PER_MM, 210 * PT_PER_MM)


@pytest.fixture
def certificates() -> list[Certificate]:
    return commendation_certificates()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def recipient_line(content: bytes, page: int, recipient: str) -> tuple[float, float]:
    (line,) = [line for line in pdf_lines(content, page) if line.text == recipient]
    return line.x0, line.y0


def test_one_landscape_a4_page_per_recipient(certificates: list[Certificate]) -> None:
    content = render_certificates_pdf(certificates)
    assert pdf_pages(content) == len(certificates) == 14
    for page, certificate in enumerate(certificates, start=1):
        width, height = pdf_page_size_pt(content, page)
        assert abs(width - A4_LANDSCAPE_PT[0]) < 0.5 and abs(height - A4_LANDSCAPE_PT[1]) < 0.5
        text = flat(pdf_text(content, first=page, last=page))
        assert certificate.recipient in text
        assert certificate.recipient_detail in text
        for line in (NATIONAL_TITLE, MOTTO, "GIẤY KHEN", "TẶNG", "ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN"):
            assert line in text
        assert "Quyết định số 05/QĐ-UBND ngày 05/01/2013" in text
        assert "Bắc Kạn, ngày 05 tháng 01 năm 2013" in text
        assert "Nguyễn Văn Du" in text


def test_the_border_is_drawn_not_fetched_and_diacritics_survive(certificates: list[Certificate]) -> None:
    certificate = dataclasses.replace(certificates[0], recipient=VIETNAMESE)
    content = render_certificates_pdf([certificate])
    assert VIETNAMESE in flat(pdf_text(content, layout=False))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        Path(handle.name).write_bytes(content)
        images = subprocess.run(["pdfimages", "-list", handle.name], capture_output=True, check=True).stdout
    assert len(images.decode().splitlines()) == 2  # the heading of the list, and no image
    # The border: dark pixels near every edge of the page.
    from thidua.documents.tests.readback import pdf_raster

    raster = pdf_raster(content, 1, dpi=36)
    mid_y, mid_x = raster.height // 2, raster.width // 2
    edge = raster.to_px(12 * PT_PER_MM)
    assert any(raster.dark(x, mid_y) for x in range(edge))
    assert any(raster.dark(x, mid_y) for x in range(raster.width - edge, raster.width))
    assert any(raster.dark(mid_x, y) for y in range(edge))


def test_text_only_prints_the_variable_text_and_nothing_of_the_stock(certificates: list[Certificate]) -> None:
    content = render_certificates_pdf(certificates, text_only=True)
    assert pdf_pages(content) == len(certificates)
    assert pdf_page_size_pt(content, 1)[0] > pdf_page_size_pt(content, 1)[1]
    text = flat(pdf_text(content, first=1, last=1))
    assert certificates[0].recipient in text and "Quyết định số 05/QĐ-UBND ngày 05/01/2013" in text
    for printed in (NATIONAL_TITLE, MOTTO, "GIẤY KHEN", "TẶNG"):
        assert printed not in text


def test_the_calibration_offsets_shift_every_field_by_millimetres(certificates: list[Certificate]) -> None:
    recipient = certificates[0].recipient
    plain = render_certificates_pdf(certificates[:1], text_only=True)
    shifted = render_certificates_pdf(
        certificates[:1], text_only=True, stock=StockLayout(offset_x_mm=10, offset_y_mm=-5)
    )
    (x0, y0), (x1, y1) = recipient_line(plain, 1, recipient), recipient_line(shifted, 1, recipient)
    assert abs((x1 - x0) - 10 * PT_PER_MM) < 0.5
    assert abs((y1 - y0) + 5 * PT_PER_MM) < 0.5


def test_a_stock_layout_prints_only_the_fields_it_places(certificates: list[Certificate]) -> None:
    stock = StockLayout(positions={"recipient": Position(20, 90, 257)})
    text = flat(pdf_text(render_certificates_pdf(certificates[:1], text_only=True, stock=stock)))
    assert text == certificates[0].recipient


def test_certificates_render_in_chunks_for_progress() -> None:
    chunks: list[int] = []
    content = render_certificates_pdf(many_certificates(30), on_chunk=chunks.append, chunk_size=25)
    assert chunks == [25, 5]
    assert pdf_pages(content) == 30


def test_an_empty_batch_is_refused() -> None:
    with pytest.raises(ValueError):
        render_certificates_pdf([])


def test_certificates_and_stock_layouts_travel_as_json(certificates: list[Certificate]) -> None:
    assert [certificate_from_json(certificate_to_json(c)) for c in certificates] == certificates
    stock = stock_layout_from_json({"offset_x_mm": 1.5, "positions": {"recipient": {"x": 1, "y": 2, "width": 3}}})
    assert stock.offset_x_mm == 1.5 and stock.positions == {"recipient": Position(1, 2, 3)}
