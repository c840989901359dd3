from __future__ import annotations

import pytest
from django.test import Client

from thidua.jobs.models import Job
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


def test_the_api_needs_a_session(client: Client, cast: Cast) -> None:
    assert client.get("/api/v1/me").status_code == 401


def test_me_tells_the_role_and_unit(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    body = client.get("/api/v1/me").json()
    assert body["role"] == "commune_officer"
    assert body["unit"]["full_name"] == "phường Đức Xuân"


def test_units_are_scoped_searchable_and_404_outside_the_subtree(client: Client, cast: Cast) -> None:
    client.force_login(cast["chomoi"])
    names = [u["full_name"] for u in client.get("/api/v1/units").json()["items"]]
    assert names == ["huyện Chợ Mới", "thị trấn Đồng Tâm"]
    assert client.get(f"/api/v1/units/{cast.duc_xuan.pk}").status_code == 404
    client.force_login(cast["backan"])
    assert client.get(f"/api/v1/units/{cast.duc_xuan.pk}").json()["code"] == "01840"
    found = client.get("/api/v1/units", {"q": "song cau"}).json()["items"]
    assert [u["code"] for u in found] == ["01837"]


def test_only_an_administrator_starts_the_import_and_sees_its_progress(client: Client, cast: Cast) -> None:
    client.force_login(cast["tinh"])
    assert client.post("/api/v1/jobs/import-official").status_code == 404
    client.force_login(cast["admin"])
    response = client.post("/api/v1/jobs/import-official")
    assert response.status_code == 202
    job_id = response.json()["id"]
    assert Job.objects.filter(pk=job_id, status="queued").exists()
    assert client.get(f"/api/v1/jobs/{job_id}").json()["percent"] == 0
    client.force_login(cast["tinh"])
    assert client.get(f"/api/v1/jobs/{job_id}").status_code == 404


def test_the_openapi_documentation_is_served_without_a_cdn(client: Client, cast: Cast) -> None:
    client.force_login(cast["admin"])
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "thidua API"
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in page.lower() and "/static/ninja/" in page
