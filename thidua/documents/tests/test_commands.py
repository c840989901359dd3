"""``thidua documents sample`` and ``thidua documents certificates``."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from docx import Document

from thidua.documents.tests.readback import pdf_pages, pdf_text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_sample_command_renders_every_document_in_both_formats_and_pictures(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("documents", "sample", "--out", str(tmp_path), "--png", stdout=out)
    pages = {
        "quyet-dinh-gdvh-2012.pdf": 3,
        "quyet-dinh-giay-khen-2012.pdf": 3,
        "giay-khen-2012.pdf": 14,
        "giay-khen-2012-phoi-in-san.pdf": 14,
    }
    for name, count in pages.items():
        assert pdf_pages((tmp_path / name).read_bytes()) == count, name
        pictures = [p for p in (tmp_path / "png").iterdir() if re.fullmatch(rf"{Path(name).stem}-\d+", p.stem)]
        assert len(pictures) == count, name
    gdvh = Document(str(tmp_path / "quyet-dinh-gdvh-2012.docx"))
    assert "Về việc công nhận danh hiệu “Gia đình văn hóa” năm 2012" in [p.text for p in gdvh.paragraphs]
    assert len(gdvh.tables[2].rows) == 1 + 6 + 40  # heading, six areas, forty households
    assert Document(str(tmp_path / "quyet-dinh-giay-khen-2012.docx")).tables[3].rows[1].cells[1].text == (
        "Ông Hoàng Văn Thụ"
    )
    assert "Đức Xuân, ngày 28 tháng 12 năm 2012" in pdf_text((tmp_path / "quyet-dinh-gdvh-2012.pdf").read_bytes())
    assert str(tmp_path / "giay-khen-2012.pdf") in out.getvalue()


@pytest.mark.django_db
def test_the_certificates_command_writes_the_batch(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    target = tmp_path / "giay-khen.pdf"
    call_command(
        "documents", "certificates", "--out", str(target), "--text-only", "--offset-x", "2", stdout=io.StringIO()
    )
    content = target.read_bytes()
    assert pdf_pages(content) == 14 and "GIẤY KHEN" not in pdf_text(content)
