"""The households import page (who may use it, the template, the check that shows every error and
writes nothing, the import as a background job) and the households of an area in a year."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from thidua.accounts.permissions import has_permission
from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.imports.services import households_import
from thidua.evaluations.models import HouseholdYear
from thidua.evaluations.tests.test_imports import row, xlsx
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import job_run
from thidua.people.models import Gender, Household, HouseholdImportFile
from thidua.people.services import household_create
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db
IMPORT = "/evaluations/households/import/"


def upload(content: bytes, name: str = "ho-gia-dinh.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_who_may_import_households(cast: Cast) -> None:
    assert has_permission("people.import_households", cast["ducxuan"], cast.duc_xuan) == (True, "")
    assert has_permission("people.import_households", cast["backan"], cast.song_cau)[0]
    assert has_permission("people.import_households", cast["admin"], cast.dong_tam)[0]
    assert not has_permission("people.import_households", cast["ducxuan"], cast.song_cau)[0]  # another ward
    assert not has_permission("people.import_households", cast["chomoi"], cast.duc_xuan)[0]  # another district
    assert not has_permission("people.import_households", cast["to8a"], cast.duc_xuan)[0]  # an area officer
    assert not has_permission("people.import_households", cast["hoidong"], None)[0]  # a council member


def test_the_page_is_for_commune_officers_and_above_within_their_units(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    page = client.get("/evaluations/households/import/?year=2024").content.decode()
    # A commune officer's page is for their own commune; the year is the one asked for.
    assert f'<option value="{cast.duc_xuan.pk}" selected>' in page
    assert 'name="year" value="2024"' in page
    assert 'action="/evaluations/households/import/template.xlsx"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'href="/evaluations/households/import/"' in page  # the navigation
    client.force_login(cast["to8a"])
    assert client.get("/evaluations/households/import/").status_code == 403
    client.force_login(cast["chomoi"])
    assert client.get(f"/evaluations/households/import/?commune={cast.duc_xuan.pk}").status_code == 404
    assert client.get(f"/evaluations/households/import/template.xlsx?commune={cast.duc_xuan.pk}").status_code == 404


def test_the_template_downloads_with_the_areas_of_the_commune(client: Client, cast: Cast) -> None:
    make_unit(code="01837-01", name="1", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau, valid_to=None)
    client.force_login(cast["backan"])
    response = client.get(f"/evaluations/households/import/template.xlsx?commune={cast.song_cau.pk}&year=2024")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="ho-gia-dinh-01837-2024.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Hộ gia đình", "Hướng dẫn"]
    lists = [v.formula1 for v in workbook["Hộ gia đình"].data_validations.dataValidation]
    assert '"01837-01"' in lists


def test_a_bad_file_shows_every_error_with_row_and_column_and_writes_nothing(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    content = xlsx(row("01840-08A-001", "Páo", gender="ông"), row("01840-08A-002", "Mai", "01840-99"))
    response = client.post(IMPORT, {"commune": cast.duc_xuan.pk, "year": 2024, "file": upload(content)})
    page = response.content.decode()
    assert 'data-testid="check-errors"' in page and 'data-testid="run-import"' not in page
    assert "Số lỗi: 2. Chưa ghi dữ liệu nào." in page
    assert "<td>2</td><td>Giới tính chủ hộ</td><td>“ông” không phải là giới tính: ghi nam hoặc nữ.</td>" in page
    assert (
        "<td>3</td><td>Mã khu dân cư</td><td>Không có khu dân cư nào của phường Đức Xuân mang mã 01840-99 "
        "trong năm 2024.</td>"
    ) in page
    assert Household.objects.count() == 0 and HouseholdYear.objects.count() == 0


def test_a_file_in_the_wrong_encoding_shows_the_encoding_error(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    content = "Mã hộ,Chủ hộ\r\n01840-08A-001,Nông Thị Mai".encode("utf-16")
    page = client.post(
        "/evaluations/households/import/",
        {"commune": cast.duc_xuan.pk, "year": 2024, "file": upload(content, "ho.csv")},
    ).content.decode()
    assert "Tệp CSV không dùng mã UTF-8: hãy lưu lại theo kiểu “CSV UTF-8” rồi thử lại." in page


def test_a_good_file_is_checked_then_imported_by_a_background_job(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    content = xlsx(row("01840-08A-001", "Hoàng Văn Páo"), row("01840-08A-002", "Nông Thị Mai", register="không"))
    response = client.post(IMPORT, {"commune": cast.duc_xuan.pk, "year": 2024, "file": upload(content)})
    page = response.content.decode()
    stored = HouseholdImportFile.objects.get()
    assert (stored.name, stored.commune, stored.year, stored.uploaded_by) == (
        "ho-gia-dinh.xlsx",
        cast.duc_xuan,
        2024,
        cast["ducxuan"],
    )
    assert 'data-testid="check-passed"' in page
    assert "Sẽ tạo mới 2 hộ;" in page
    assert "Sẽ ghi nhận 1 đăng ký (0 đăng ký đã có); 1 hộ không đăng ký." in page
    assert Household.objects.count() == 0  # the check wrote nothing

    # Only the one who uploaded the file starts its import.
    client.force_login(cast["backan"])
    assert client.post(f"/evaluations/households/import/{stored.pk}/run/").status_code == 404
    client.force_login(cast["ducxuan"])
    response = client.post(f"/evaluations/households/import/{stored.pk}/run/")
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.params) == ("people.import_households", {"import_file": stored.pk})

    job = job_run(job.pk)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["households_created"] == 2 and job.result["registered"] == 1
    assert HouseholdYear.objects.filter(registered_on=datetime.date(2024, 1, 15)).count() == 1
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Nhập hộ gia đình và đăng ký" in page
    assert "hộ tạo mới" in page


def test_the_households_of_an_area_in_a_year_in_vietnamese_order(client: Client, cast: Cast) -> None:
    for code, name in (("003", "Đinh Văn Sơn"), ("001", "Bùi Thị Lan"), ("002", "Dương Văn An")):
        household_create(
            code=f"01840-08A-{code}",
            head_name=name,
            head_gender=Gender.MALE,
            area=cast.to_8a,
            since=None,
            actor=SYSTEM_ACTOR,
        )
    # The registrations of the year come from the commune's file.
    households_import(
        file_name="ho.xlsx",
        content=xlsx(
            row("01840-08A-001", "Bùi Thị Lan", date="20/01/2024"),
            row("01840-08A-002", "Dương Văn An", register="không"),
        ),
        commune=cast.duc_xuan,
        year=2024,
        actor=SYSTEM_ACTOR,
    )
    client.force_login(cast["to8a"])
    page = client.get(f"/evaluations/areas/{cast.to_8a.pk}/households/?year=2024").content.decode()
    assert "Hộ gia đình của tổ 8A năm 2024" in page
    # D before Đ in Vietnamese order, whatever the code points say.
    assert page.index("Bùi Thị Lan") < page.index("Dương Văn An") < page.index("Đinh Văn Sơn")
    assert "đăng ký ngày 20/01/2024" in page
    assert "không đăng ký" in page
    assert "chưa có số liệu của năm" in page
    client.force_login(cast["chomoi"])
    assert client.get(f"/evaluations/areas/{cast.to_8a.pk}/households/").status_code == 404
    client.force_login(cast["ducxuan"])
    assert client.get(f"/evaluations/areas/{cast.duc_xuan.pk}/households/").status_code == 404  # not an area
