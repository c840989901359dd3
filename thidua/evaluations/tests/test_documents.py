"""Documents built from a real year of the database: the recognition decisions, the minutes, the certificates."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from docx import Document

from thidua.campaigns.documents import area_sort_key, legal_bases_on, place_on
from thidua.documents.docx import render_docx
from thidua.documents.model import Signature
from thidua.documents.pdf import render_certificates_pdf, render_pdf
from thidua.documents.services import certificates_render_batch
from thidua.documents.tests.readback import pdf_pages, pdf_text
from thidua.errors import DomainError
from thidua.evaluations.documents import certificates_for_decision, meeting_minutes, recognition_decision, signature_for
from thidua.evaluations.tests.documents_fixtures import Year
from thidua.testing import Cast

pytestmark = pytest.mark.django_db
D = datetime.date


def docx_lines(content: bytes) -> list[str]:
    """Every paragraph of the DOCX in reading order, those in table cells included."""
    document = Document(io.BytesIO(content))
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for paragraph in block.iter():
                if paragraph.tag.endswith("}p"):
                    lines.append("".join(node.text or "" for node in paragraph.iter() if node.tag.endswith("}t")))
    return [line for line in lines if line.strip()]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_gdvh_decision_reads_its_number_date_line_bases_and_list(year: Year) -> None:
    doc = recognition_decision(year.gdvh)
    pdf = squeeze(pdf_text(render_pdf(doc)))
    docx = docx_lines(render_docx(doc))
    for text in (pdf, " | ".join(docx)):
        assert "Số: 05/QĐ-UBND" in text
        assert "Đức Xuân, ngày 05 tháng 12 năm 2012" in text
        assert "ỦY BAN NHÂN DÂN" in text and "PHƯỜNG ĐỨC XUÂN" in text
        assert "Căn cứ Thông tư số 12/2011/TT-BVHTTDL ngày 10 tháng 10 năm 2011" in text
        assert "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003" in text
        assert "Công nhận 04 hộ gia đình trên địa bàn phường Đức Xuân đạt danh hiệu “Gia đình văn hóa” năm 2012" in text
        assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Nông Văn Chí" in text
        assert "- Lưu: VT, VH." in text
        assert "TỔ DÂN PHỐ 8A" in text
        # The area was renamed "8" in 2016; the decision of 2012 keeps the name of its day.
        assert "TỔ DÂN PHỐ 8 " not in text.replace("8A", "")
    # The titled households in Vietnamese order (by given name), the one not titled left out.
    assert [line for line in docx if line in {"Ma Thị Hương", "Triệu Đức Lâm", "Nông Thị Mai", "Lý Văn Sình"}] == [
        "Ma Thị Hương",
        "Triệu Đức Lâm",
        "Nông Thị Mai",
        "Lý Văn Sình",
    ]
    assert "Hoàng Văn Páo" not in pdf and all("Páo" not in line for line in docx)
    assert re.search(r"1\s+Ma Thị Hương.*2\s+Triệu Đức Lâm.*3\s+Nông Thị Mai.*4\s+Lý Văn Sình", pdf)
    legal = [line for line in docx if line.startswith(("Căn cứ", "Xét đề nghị"))]
    assert all(line.endswith(";") for line in legal[:-1]) and legal[-1].endswith(".")


def test_a_kdc_decision_of_2013_is_issued_by_the_thi_xa_and_a_later_one_by_the_thanh_pho(year: Year) -> None:
    doc = recognition_decision(year.kdc)
    text = squeeze(pdf_text(render_pdf(doc)))
    assert "THỊ XÃ BẮC KẠN" in text and "THÀNH PHỐ" not in text
    assert "Bắc Kạn, ngày 05 tháng 01 năm 2013" in text
    assert "Số: 12/QĐ-UBND" in text
    # The chairman signs his own decision: "CHỦ TỊCH", without "TM." (that is the committee's).
    assert doc.signature == Signature(title="CHỦ TỊCH", signer="Nguyễn Văn Du")
    assert "TM." not in text and "Nguyễn Văn Du" in text
    assert "Thường trực Thị ủy (b/c)" in text
    assert "Công nhận 01 khu dân cư trên địa bàn thị xã Bắc Kạn" in text
    assert "Tổ dân phố 8A" in text and "Phường Đức Xuân" in text
    # The same decision dated 2016: the town is a thành phố by then, the area is "tổ 8".
    year.kdc.issued_on = D(2016, 1, 5)
    later = recognition_decision(year.kdc)
    assert later.issuing_body == ("Ủy ban nhân dân", "thành phố Bắc Kạn")
    assert later.annexes[0].table.data_rows[0][1] == "Tổ dân phố 8"
    assert later.legal_bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015")


def test_after_2025_a_commune_recognising_its_areas_cites_its_own_council(cast: Cast, year: Year) -> None:
    year.kdc.issuer = cast.duc_xuan
    year.kdc.issued_on = D(2025, 12, 1)
    doc = recognition_decision(year.kdc)
    assert doc.issuing_body == ("Ủy ban nhân dân", "phường Đức Xuân")
    assert doc.legal_bases[-1] == "Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Đức Xuân"
    assert "86/2023/NĐ-CP" in " ".join(doc.legal_bases)
    assert "Thường trực Đảng ủy (b/c)" in doc.recipients


def test_the_legal_bases_follow_the_regime_of_the_day() -> None:
    assert "12/2011/TT-BVHTTDL" in legal_bases_on(D(2012, 12, 5))[1]
    assert "122/2018/NĐ-CP ngày 17 tháng 9 năm 2018" in legal_bases_on(D(2019, 12, 1))[1]
    bases_2024 = " ".join(legal_bases_on(D(2024, 12, 1)))
    assert "86/2023/NĐ-CP ngày 07 tháng 12 năm 2023" in bases_2024 and "Luật Thi đua, khen thưởng" in bases_2024
    assert "ngày 16 tháng 6 năm 2025" in legal_bases_on(D(2025, 12, 1))[0]


def test_areas_are_listed_in_the_order_officials_use() -> None:
    names = ["10", "2", "8A", "Nà Cưởm", "Bản Cạu", "1A"]
    assert sorted(names, key=area_sort_key) == ["1A", "2", "8A", "10", "Bản Cạu", "Nà Cưởm"]


def test_the_signer_title_gives_the_signing_authority() -> None:
    assert signature_for("Phó Chủ tịch", "A").prefix == "KT."
    assert signature_for("Chủ tịch", "A") == Signature(title="CHỦ TỊCH", signer="A")
    assert signature_for("TM. Ủy ban nhân dân", "A").authority == "ỦY BAN NHÂN DÂN"
    assert signature_for("", "A").title == "CHỦ TỊCH"


def test_the_names_of_places_are_those_of_the_day(cast: Cast, year: Year) -> None:
    assert place_on(cast.town, D(2013, 1, 5)).full_name == "thị xã Bắc Kạn"
    assert place_on(cast.town, D(2015, 3, 11)).full_name == "thành phố Bắc Kạn"
    assert place_on(cast.to_8a, D(2012, 12, 5)).header_name == "tổ dân phố 8A"
    assert place_on(cast.to_8a, D(2016, 1, 1)).header_name == "tổ dân phố 8"


def test_the_minutes_show_attendance_the_tally_and_two_signatures(year: Year) -> None:
    doc = meeting_minutes(year.meeting, secretary="Hà Thị Nguyệt")
    pdf = squeeze(pdf_text(render_pdf(doc)))
    docx = " | ".join(docx_lines(render_docx(doc)))
    for text in (pdf, docx):
        assert "BIÊN BẢN" in text
        assert "Họp bình xét danh hiệu “Gia đình văn hóa” năm 2012" in text
        assert "có 30/50 người dự, đạt 60,0%" in text
        assert "Đức Xuân, ngày 20 tháng 11 năm 2012" in text
        assert "PHƯỜNG ĐỨC XUÂN" in text and "TỔ DÂN PHỐ 8A" in text
        assert "Hình thức bình xét: biểu quyết giơ tay" in text
        assert "THƯ KÝ" in text and "CHỦ TRÌ" in text and "Hà Thị Nguyệt" in text and "Hoàng Văn Thụ" in text
        assert "Nơi nhận" not in text and "Số:" not in text
        assert "03 hộ gia đình được đề nghị công nhận" in text
    assert re.search(r"1 Ma Thị Hương 19 63,3% Đề nghị công nhận", pdf)
    assert re.search(r"4 Hoàng Văn Páo 16 53,3% Không đề nghị", pdf)


def test_the_minutes_show_the_rules_verdict_when_there_is_one(year: Year) -> None:
    # The rules found an exclusion for Ma Thị Hương: 19 votes of 30 are not enough then.
    year.meeting.household_years.filter(household__head_name="Ma Thị Hương").update(proposed=False)
    rows = meeting_minutes(year.meeting).annexes[0].table.data_rows
    assert rows[0] == ("1", "Ma Thị Hương", "19", "63,3%", "Không đề nghị")
    assert rows[1][-1] == "Đề nghị công nhận"


def test_the_minutes_of_a_later_meeting_cite_the_form_of_its_regime(year: Year) -> None:
    year.meeting.held_on = D(2024, 11, 20)
    text = " ".join(meeting_minutes(year.meeting).body)
    assert "Mẫu số 03 ban hành kèm theo Nghị định số 86/2023/NĐ-CP" in text
    assert "tổ 8, phường Đức Xuân" in text


def test_the_minutes_of_the_commune_list_its_areas(year: Year) -> None:
    text = squeeze(pdf_text(render_pdf(meeting_minutes(year.area_meeting))))
    assert "có 18/20 người dự, đạt 90,0%" in text
    assert re.search(r"1 Tổ dân phố 8A 17 94,4% Đề nghị công nhận", text)


def test_a_decision_prints_one_certificate_per_titled_household(year: Year) -> None:
    certificates = certificates_for_decision(year.gdvh)
    assert [c.recipient for c in certificates] == [
        "Gia đình ông (bà) Ma Thị Hương",
        "Gia đình ông (bà) Triệu Đức Lâm",
        "Gia đình ông (bà) Nông Thị Mai",
        "Gia đình ông (bà) Lý Văn Sình",
    ]
    assert certificates[0].achievement == "Đạt danh hiệu “Gia đình văn hóa” năm 2012"
    assert certificates[0].recipient_detail == "Tổ 8A, phường Đức Xuân"
    pdf = render_certificates_pdf(certificates)
    assert pdf_pages(pdf) == 4
    assert "Quyết định số 05/QĐ-UBND ngày 05/12/2012" in pdf_text(pdf, first=1, last=1)
    areas = certificates_for_decision(year.kdc)
    assert [c.recipient for c in areas] == ["Khu dân cư tổ dân phố 8A"]
    assert areas[0].awarding_authority == ("CHỦ TỊCH", "ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN")


def test_the_certificate_job_takes_a_registered_source_and_checks_the_scope(
    cast: Cast, year: Year, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    source = {"source": "evaluations.decision", "source_params": {"decision_id": year.gdvh.pk}}
    summary = certificates_render_batch(actor=cast["ducxuan"], name="gdvh.pdf", **source)
    assert summary["certificates"] == 4 and summary["pages"] == 4
    with translation.override("en"), pytest.raises(DomainError, match="outside the unit"):
        certificates_render_batch(actor=cast["chomoi"], **source)
