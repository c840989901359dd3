"""Excel exports of the lists: the generic workbook, and ``?format=xlsx`` on the list pages."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from thidua.documents.exports import sheet_title, xlsx_bytes
from thidua.evaluations.models import AreaYear, HouseholdYear
from thidua.people.models import Household
from thidua.testing import Cast


def _sheet(content: bytes) -> Worksheet:
    worksheet = load_workbook(io.BytesIO(content)).active
    assert isinstance(worksheet, Worksheet)
    return worksheet


def test_the_workbook_has_its_title_a_bold_frozen_header_and_dates_as_dd_mm_yyyy() -> None:
    title = "Danh sách hộ gia đình tổ 8A phường Đức Xuân năm 2012: đăng ký/bình xét"
    sheet = _sheet(
        xlsx_bytes(
            title,
            ["Mã hộ", "Chủ hộ", "Ngày đăng ký"],
            [("H1", "Hoàng Văn Thụ", datetime.date(2012, 1, 5)), ("H2", "Nông Thị Xuân", None)],
            subtitle="Phường Đức Xuân — xuất ngày 28/11/2026",
        )
    )
    assert sheet["A1"].value == title and sheet["A1"].font.bold
    assert sheet["A2"].value.startswith("Phường Đức Xuân")
    assert [cell.value for cell in sheet[3]] == ["Mã hộ", "Chủ hộ", "Ngày đăng ký"]
    assert all(cell.font.bold for cell in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert sheet["C4"].value.date() == datetime.date(2012, 1, 5) and sheet["C4"].number_format == "DD/MM/YYYY"
    assert sheet["B5"].value == "Nông Thị Xuân"
    assert len(sheet.title) <= 31 and "/" not in sheet.title and ":" not in sheet.title
    assert sheet.column_dimensions["B"].width >= len("Hoàng Văn Thụ")


def test_a_row_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        xlsx_bytes("Danh sách", ["a", "b", "c"], [("1", "2")])
    assert sheet_title("a/b:c" * 10) == "a-b ca-b ca-b ca-b ca-b ca-b"  # whole words, / as -


@pytest.mark.parametrize(
    ("title", "name"),
    [
        # Was "Cây đơn vị hành chính ngày 31 1": a date cut in the middle.
        ("Cây đơn vị hành chính ngày 31/12/2024", "Cây đơn vị ngày 31-12-2024"),
        ("Tree of administrative units as of 31/12/2024", "Tree of units as of 31-12-2024"),
        ("Tổ dân phố số 12 phường Nguyễn Thị Minh Khai 2012", "Tổ dân phố số 12 phường 2012"),
        ("Quyết định 05/QĐ-UBND ngày 05/01/2013", "QĐ 05-QĐ-UBND ngày 05-01-2013"),
        ("Ứng viên", "Ứng viên"),
    ],
)
def test_a_long_sheet_name_is_shortened_by_whole_words_keeping_its_date(title: str, name: str) -> None:
    assert sheet_title(title) == name and len(name) <= 31


def test_the_header_row_filters() -> None:
    sheet = _sheet(xlsx_bytes("Danh sách", ["Mã", "Tên", "Ngày"], [("1", "a", None), ("2", "b", None)]))
    assert sheet.auto_filter.ref == "A3:C5"
    assert _sheet(xlsx_bytes("Danh sách", ["Mã"], [])).auto_filter.ref == "A3:A3"


@pytest.mark.django_db
def test_the_households_of_an_area_export_without_points_or_exclusions(cast: Cast) -> None:
    household = Household.objects.create(code="H-8A-1", head_name="Hoàng Văn Thụ", area=cast.to_8a)
    HouseholdYear.objects.create(
        household=household,
        year=2012,
        area=cast.to_8a,
        registered_on=datetime.date(2012, 1, 5),
        votes_for=30,
        points=88,
        exclusions=["tax_default"],
        titled=True,
    )
    client = Client()
    client.force_login(cast["ducxuan"])
    response = client.get(f"/evaluations/areas/{cast.to_8a.pk}/2012/", {"format": "xlsx"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = _sheet(response.content)
    header = [cell.value for cell in sheet[3]]
    assert header[:2] == ["Mã hộ", "Chủ hộ"] and "Điểm" not in header
    row = [cell.value for cell in sheet[4]]
    assert row[:2] == ["H-8A-1", "Hoàng Văn Thụ"] and row[4] == 30
    assert "tax_default" not in str(row)
    assert b'href="?format=xlsx"' in client.get(f"/evaluations/areas/{cast.to_8a.pk}/2012/").content

    outsider = Client()
    outsider.force_login(cast["chomoi"])
    assert outsider.get(f"/evaluations/areas/{cast.to_8a.pk}/2012/", {"format": "xlsx"}).status_code == 404


@pytest.mark.django_db
def test_the_areas_of_a_commune_the_district_queue_and_the_units_export(cast: Cast) -> None:
    AreaYear.objects.create(area=cast.to_8a, year=2012, registered_on=datetime.date(2012, 1, 5), titled=True)
    client = Client()
    client.force_login(cast["backan"])
    areas = _sheet(client.get(f"/evaluations/communes/{cast.duc_xuan.pk}/2012/areas/", {"format": "xlsx"}).content)
    assert [cell.value for cell in areas[4]][:2] == ["tổ 8A", datetime.datetime(2012, 1, 5)]
    queue = _sheet(client.get(f"/evaluations/districts/{cast.town.pk}/2012/", {"format": "xlsx"}).content)
    assert {queue.cell(row=r, column=2).value for r in range(4, queue.max_row + 1)} == {
        "phường Đức Xuân",
        "phường Sông Cầu",
    }
    units = _sheet(client.get("/units/", {"q": "duc xuan", "format": "xlsx"}).content)
    assert [cell.value for cell in units[4]][:2] == ["01840", "phường Đức Xuân"]
    tree = _sheet(client.get("/units/tree/", {"root": cast.town.pk, "as_of": "31/12/2013", "format": "xlsx"}).content)
    names = [tree.cell(row=r, column=2).value for r in range(4, tree.max_row + 1)]
    assert names[0] == "thành phố Bắc Kạn" and "tổ 8A" in names and "thị trấn Đồng Tâm" not in names

    outsider = Client()
    outsider.force_login(cast["chomoi"])
    response = outsider.get(f"/evaluations/communes/{cast.duc_xuan.pk}/2012/areas/", {"format": "xlsx"})
    assert response.status_code == 404
    assert outsider.get(f"/evaluations/districts/{cast.town.pk}/2012/", {"format": "xlsx"}).status_code == 404
    assert outsider.get("/units/tree/", {"root": cast.town.pk, "format": "xlsx"}).status_code == 404
