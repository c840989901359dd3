"""The statistics of a period, the báo cáo tổng kết written from them (DOCX, PDF, JSON), its page, API and CLI."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document

from thidua.documents.docx import render_docx
from thidua.documents.pdf import render_pdf
from thidua.documents.tests.readback import pdf_text
from thidua.evaluations.models import AreaYear, HouseholdYear
from thidua.people.models import Household
from thidua.reports.selectors import period_stats
from thidua.reports.summary import summary_report
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def _households(area: Unit, year: int, total: int, registered: int, titled: int, *, start: int = 0) -> None:
    for index in range(total):
        household, _created = Household.objects.get_or_create(
            code=f"{area.code}-{start + index}", defaults={"head_name": f"Hoàng Văn {index}", "area": area}
        )
        HouseholdYear.objects.create(
            household=household,
            year=year,
            area=area,
            registered_on=datetime.date(year, 1, 10) if index < registered else None,
            titled=index < titled,
        )


def _area_year(area: Unit, year: int, *, titled: bool, tier: str = "") -> None:
    AreaYear.objects.create(
        area=area, year=year, registered_on=datetime.date(year, 1, 10), titled=titled, mttq_tier=tier
    )


@pytest.fixture
def story(cast: Cast) -> Cast:
    """Two wards of the town over 2011–2012: tổ 8A titled both years, tổ 9 only in 2012, tổ 3 of Sông Cầu never."""
    to_9 = make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    to_3 = make_unit(code="01837-03", name="3", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau, valid_to=None)
    _households(cast.to_8a, 2011, 10, 9, 7)
    _households(cast.to_8a, 2012, 10, 10, 9)
    _households(to_9, 2011, 5, 5, 3)
    _households(to_9, 2012, 5, 5, 4)
    _households(to_3, 2012, 5, 2, 1)
    _area_year(cast.to_8a, 2011, titled=True, tier="tot")
    _area_year(cast.to_8a, 2012, titled=True, tier="tot")
    _area_year(to_9, 2011, titled=False, tier="kha")
    _area_year(to_9, 2012, titled=True, tier="kha")
    _area_year(to_3, 2012, titled=False, tier="yeu")
    return cast


def test_it_counts_households_and_areas_of_the_subtree_by_year(story: Cast) -> None:
    stats = period_stats(story.town, 2011, 2012)
    first, last = stats.years[2011], stats.years[2012]
    assert (first.households, first.registered_households, first.gdvh) == (15, 14, 10)
    assert (last.households, last.registered_households, last.gdvh) == (20, 17, 14)
    assert last.gdvh_share == pytest.approx(0.7)
    # tổ 3 of Sông Cầu has no line in 2011 but hangs under the town: it counts among the areas.
    assert (first.areas, first.kdc, last.areas, last.kdc) == (3, 1, 3, 2)
    assert dict(last.tiers) == {"tot": 1, "kha": 1, "yeu": 1}
    communes = {c.name: c.years[2012] for c in stats.communes}
    assert communes["phường Đức Xuân"].kdc == 2 and communes["phường Sông Cầu"].kdc == 0
    assert [area.full_name for area, _commune in stats.every_year_areas] == ["tổ 8A"]


def test_a_revoked_title_and_an_area_outside_the_subtree_are_not_counted(story: Cast) -> None:
    HouseholdYear.objects.filter(area=story.to_8a, year=2012, titled=True).update(revoked_on=datetime.date(2013, 3, 1))
    outside = make_unit(code="02086-01", name="1", kind=UnitKind.THON, parent=story.dong_tam, valid_to=None)
    _households(outside, 2012, 4, 4, 4)
    last = period_stats(story.town, 2011, 2012).years[2012]
    assert (last.households, last.gdvh) == (20, 5)


def test_the_report_writes_the_numbers_as_officials_do_with_charts_and_tables(story: Cast) -> None:
    doc = summary_report(period_stats(story.town, 2011, 2012), on=datetime.date(2013, 1, 15))
    text = " ".join(doc.body)
    assert "tăng từ 66,7% (2011) lên 70,0% (2012)" in text
    assert "02 khu dân cư đạt danh hiệu “Khu dân cư văn hóa”" in text
    assert "01 khu dân cư đạt danh hiệu “Khu dân cư văn hóa” liên tục 02 năm (2011–2012)" in text
    assert doc.kind == "BÁO CÁO" and len(doc.figures) == 2
    assert all(figure.png.startswith(b"\x89PNG") for figure in doc.figures)
    assert [annex.title.split(",")[0] for annex in doc.annexes][:2] == [
        "Kết quả thực hiện theo năm",
        "Kết quả theo xã",
    ]

    docx = Document(io.BytesIO(render_docx(doc)))
    paragraphs = [p.text for p in docx.paragraphs]
    assert "BÁO CÁO" in paragraphs and "I. KẾT QUẢ THỰC HIỆN CUỘC VẬN ĐỘNG" in paragraphs
    assert len(docx.inline_shapes) == 2
    assert [t.rows[0].cells[0].text for t in docx.tables[-3:]] == ["Năm", "STT", "STT"]

    pdf = render_pdf(doc)
    text = pdf_text(pdf, layout=False)
    assert "Bắc Kạn, ngày 15 tháng 01 năm 2013" in text
    assert "Biểu đồ 1." in text and "KHU DÂN CƯ ĐẠT DANH HIỆU" in text
    # Each chart is one embedded image (pdfimages lists them under a two-line header).
    listing = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=True).stdout
    assert len(listing.decode().splitlines()[2:]) == 2


def test_the_page_api_and_cli_give_the_same_statistics_and_an_outsider_gets_404(story: Cast, tmp_path: Path) -> None:
    client = Client()
    client.force_login(story["backan"])
    page = client.get("/reports/", {"unit": story.town.pk, "start": 2011, "end": 2012})
    assert page.status_code == 200
    assert b"data:image/png;base64," in page.content and "phường Đức Xuân".encode() in page.content
    pdf = client.get("/reports/summary.pdf", {"unit": story.town.pk, "start": 2011, "end": 2012})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get("/reports/summary.docx", {"unit": story.town.pk, "start": 2011, "end": 2012})
    assert docx["Content-Disposition"].endswith('2011-2012.docx"')

    api = client.get("/api/v1/reports/summary", {"unit": "058", "start": 2011, "end": 2012}).json()
    assert [row["gdvh_share"] for row in api["years"]] == [66.7, 70.0]

    out = tmp_path / "summary.json"
    call_command("report", "summary", "--unit", "058", "--from", "2011", "--to", "2012", "--format", "json",
                 "-o", str(out))  # fmt: skip
    assert json.loads(out.read_text())["years"] == api["years"]

    outsider = Client()
    outsider.force_login(story["chomoi"])
    assert outsider.get("/reports/", {"unit": story.town.pk, "start": 2011, "end": 2012}).status_code == 404
    assert outsider.get("/reports/summary.pdf", {"unit": story.town.pk, "start": 2011, "end": 2012}).status_code == 404
    assert outsider.get("/api/v1/reports/summary", {"unit": "058", "start": 2011, "end": 2012}).status_code == 404


def test_a_period_that_runs_backwards_is_refused(story: Cast) -> None:
    client = Client()
    client.force_login(story["backan"])
    page = client.get("/reports/", {"unit": story.town.pk, "start": 2013, "end": 2011})
    assert page.status_code == 400 and b"data:image/png" not in page.content
    assert client.get("/api/v1/reports/summary", {"unit": "058", "start": 2013, "end": 2011}).status_code == 400
