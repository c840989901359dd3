"""The import pages: who may use them, the template download, the check that shows every error
without writing anything, and the real import as a background job."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from thidua.accounts.permissions import has_permission
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import job_run
from thidua.testing import Cast
from thidua.units.models import ImportFile, LineageEvent, Unit
from thidua.units.tests.test_imports import AREA_HEADER, LINEAGE_HEADER, csv_bytes, xlsx

pytestmark = pytest.mark.django_db


def upload(content: bytes, name: str = "khu-dan-cu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_who_may_import_residential_areas(cast: Cast) -> None:
    assert has_permission("units.import_areas", cast["ducxuan"], cast.duc_xuan) == (True, "")
    assert has_permission("units.import_areas", cast["backan"], cast.song_cau)[0]
    assert has_permission("units.import_areas", cast["admin"], cast.dong_tam)[0]
    assert not has_permission("units.import_areas", cast["ducxuan"], cast.song_cau)[0]  # another ward
    assert not has_permission("units.import_areas", cast["chomoi"], cast.duc_xuan)[0]  # another district
    assert not has_permission("units.import_areas", cast["to8a"], cast.duc_xuan)[0]  # an area officer
    assert not has_permission("units.import_areas", cast["hoidong"], None)[0]  # a council member
    assert has_permission("units.import_lineage", cast["tinh"], None)[0]
    assert not has_permission("units.import_lineage", cast["to8a"], None)[0]


def test_the_page_is_for_commune_officers_and_above_within_their_units(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    page = client.get("/units/imports/areas/").content.decode()
    # A commune officer's page is for their own commune, and the template comes prefilled for it.
    assert f'href="/units/imports/areas/template.xlsx?commune={cast.duc_xuan.pk}"' in page
    assert f'<option value="{cast.duc_xuan.pk}" selected>' in page
    assert 'enctype="multipart/form-data"' in page
    client.force_login(cast["to8a"])
    assert client.get("/units/imports/areas/").status_code == 403
    assert client.get("/units/imports/lineage/").status_code == 403
    client.force_login(cast["chomoi"])
    assert client.get(f"/units/imports/areas/?commune={cast.duc_xuan.pk}").status_code == 404
    assert client.get(f"/units/imports/areas/template.xlsx?commune={cast.duc_xuan.pk}").status_code == 404


def test_the_templates_download_as_workbooks(client: Client, cast: Cast) -> None:
    client.force_login(cast["backan"])
    response = client.get(f"/units/imports/areas/template.xlsx?commune={cast.song_cau.pk}")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="khu-dan-cu-01837.xlsx"'
    assert load_workbook(io.BytesIO(response.content))["Khu dân cư"]["D2"].value == "01837"
    response = client.get("/units/imports/lineage/template.xlsx")
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Sự kiện", "Hướng dẫn"]


def test_a_bad_file_shows_every_error_with_row_and_column_and_writes_nothing(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    content = xlsx(
        AREA_HEADER,
        ["01840-09", "9", "xóm", "01840", "01/01/2009", "30/06/2025"],
        ["01840-10", "10", "tổ dân phố", "01840", "31/02/2009", "30/06/2025"],
    )
    units = Unit.objects.count()
    response = client.post("/units/imports/areas/", {"commune": cast.duc_xuan.pk, "file": upload(content)})
    page = response.content.decode()
    assert 'data-testid="check-errors"' in page and 'data-testid="run-import"' not in page
    assert "Số lỗi: 2. Chưa ghi dữ liệu nào." in page
    assert "<td>2</td><td>Loại</td><td>“xóm” không phải là loại khu dân cư" in page
    assert "<td>3</td><td>Hiệu lực từ</td><td>“31/02/2009” không phải là ngày" in page
    assert Unit.objects.count() == units


def test_a_good_file_is_checked_then_imported_by_a_background_job(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    content = csv_bytes(",".join(AREA_HEADER), "01840-09,9,tổ dân phố,01840,01/01/2009,30/06/2025,")
    response = client.post("/units/imports/areas/", {"commune": cast.duc_xuan.pk, "file": upload(content, "a.csv")})
    page = response.content.decode()
    stored = ImportFile.objects.get()
    assert (stored.name, stored.commune, stored.uploaded_by) == ("a.csv", cast.duc_xuan, cast["ducxuan"])
    assert 'data-testid="check-passed"' in page
    assert "Sẽ thành lập 1 khu dân cư; 0 khu dân cư đã có được giữ nguyên." in page
    assert not Unit.objects.filter(code="01840-09").exists()  # the check wrote nothing

    # Only the one who uploaded the file starts its import.
    client.force_login(cast["backan"])
    assert client.post(f"/units/imports/{stored.pk}/run/").status_code == 404
    client.force_login(cast["ducxuan"])
    response = client.post(f"/units/imports/{stored.pk}/run/")
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.params) == ("units.import_areas", {"import_file": stored.pk})

    job = job_run(job.pk)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"rows": 1, "created": 1, "unchanged": 0}
    assert Unit.objects.get(code="01840-09").parent_id == cast.duc_xuan.pk


def test_a_lineage_file_is_checked_and_imported_from_its_page(client: Client, cast: Cast) -> None:
    client.force_login(cast["backan"])
    content = xlsx(LINEAGE_HEADER, [1, "đổi tên", "01/01/2015", None, "01840-08A", None, "8A mới"], sheet="Sự kiện")
    page = client.post("/units/imports/lineage/", {"file": upload(content, "su-kien.xlsx")}).content.decode()
    assert "Sẽ ghi nhận 1 sự kiện, thành lập 0 khu dân cư; 0 sự kiện đã nhập trước đây." in page
    stored = ImportFile.objects.get()
    job = Job.objects.get(pk=client.post(f"/units/imports/{stored.pk}/run/")["Location"].split("/")[2])
    assert job_run(job.pk).result == {"rows": 1, "events": 1, "unchanged": 0, "created": 0}
    assert LineageEvent.objects.filter(kind="rename", source="file:su-kien.xlsx").count() == 1
    assert Unit.objects.get(code="01840-08A").name == "8A mới"


def test_the_lineage_import_only_finds_units_the_user_may_see(client: Client, cast: Cast) -> None:
    client.force_login(cast["chomoi"])
    content = xlsx(LINEAGE_HEADER, [1, "đổi tên", "01/01/2015", None, "01840-08A", None, "8A mới"], sheet="Sự kiện")
    page = client.post("/units/imports/lineage/", {"file": upload(content)}).content.decode()
    assert "<td>2</td><td>Mã đơn vị trước</td><td>Không có khu dân cư nào mang mã 01840-08A.</td>" in page
    assert Unit.objects.get(code="01840-08A").name == "8A"


def test_the_commune_page_links_to_the_imports(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    page = client.get(f"/units/{cast.duc_xuan.pk}/").content.decode()
    assert f'href="/units/imports/areas/?commune={cast.duc_xuan.pk}"' in page
    assert 'href="/units/imports/lineage/"' in page
