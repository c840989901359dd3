"""/api/v1/units/…: the tree as of a date, timelines, addresses, lineage, and the area operations."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from thidua.units.models import LineageEvent, LineageKind, Unit
from thidua.units.tests.bac_kan import BacKan, build_bac_kan

pytestmark = pytest.mark.django_db

Login = Callable[[str], Client]


@pytest.fixture
def bk(db: None) -> BacKan:
    return build_bac_kan()


@pytest.fixture
def as_user(client: Client, bk: BacKan) -> Login:
    def login(username: str) -> Client:
        client.force_login(bk[username])
        return client

    return login


def flatten(nodes: list[dict[str, Any]]) -> list[str]:
    return [name for node in nodes for name in [node["full_name"], *flatten(node["children"])]]


def test_the_tree_has_the_names_of_the_day(as_user: Login, bk: BacKan) -> None:
    client = as_user("backan")
    before = flatten(client.get("/api/v1/units/tree", {"as_of": "2015-03-10"}).json())
    after = flatten(client.get("/api/v1/units/tree", {"as_of": "2015-03-11"}).json())
    assert before[0] == "thị xã Bắc Kạn" and "xã Xuất Hóa" in before
    assert after[0] == "thành phố Bắc Kạn" and "phường Xuất Hóa" in after and "xã Xuất Hóa" not in after
    assert "tổ 8A" in before  # depth 2 by default: the areas of the communes
    one = client.get("/api/v1/units/tree", {"as_of": "2015-03-10", "depth": 1}).json()
    assert one[0]["children"][0]["children"] == []


def test_the_tree_from_a_root_on_1_july_2025(as_user: Login, bk: BacKan) -> None:
    client = as_user("admin")
    nodes = client.get("/api/v1/units/tree", {"as_of": "2025-07-01", "root": bk.thai_nguyen.pk}).json()
    assert flatten(nodes)[:2] == ["tỉnh Thái Nguyên", "phường Bắc Kạn"]
    assert "phường Đức Xuân" in flatten(nodes)
    provinces = client.get("/api/v1/units/tree", {"as_of": "2013-01-01"}).json()
    assert [p["full_name"] for p in provinces] == ["tỉnh Bắc Kạn", "tỉnh Thái Nguyên"]


def test_the_tree_refuses_a_root_outside_the_reach(as_user: Login, bk: BacKan) -> None:
    assert as_user("chomoi").get("/api/v1/units/tree", {"root": bk.town.pk}).status_code == 404


def test_the_timeline_has_versions_and_events_with_their_links(as_user: Login, bk: BacKan) -> None:
    body = as_user("ducxuan2025").get(f"/api/v1/units/{bk.duc_xuan_2025.pk}/timeline").json()
    assert body["unit"]["code"] == "01840"
    assert [(v["full_name"], v["parent"]["full_name"]) for v in body["versions"]] == [
        ("phường Đức Xuân", "tỉnh Thái Nguyên")
    ]
    [merge] = body["events"]
    assert (merge["kind"], merge["date"]) == ("merge", "2025-07-01")
    assert merge["legal_basis"].startswith("Nghị quyết 1683/NQ-UBTVQH15")
    assert [(p["unit"]["id"], p["name"], p["partial"]) for p in merge["predecessors"]] == [
        (bk.ntmk.pk, "phường Nguyễn Thị Minh Khai", False),
        (bk.huyen_tung.pk, "phường Huyền Tụng", False),
        (bk.duc_xuan.pk, "phường Đức Xuân", False),
    ]
    assert [s["unit"]["id"] for s in merge["successors"]] == [bk.duc_xuan_2025.pk]
    town = as_user("backan").get(f"/api/v1/units/{bk.town.pk}/timeline").json()
    assert [v["full_name"] for v in town["versions"]] == ["thị xã Bắc Kạn", "thành phố Bắc Kạn"]
    assert [e["kind"] for e in town["events"]] == ["reclassify", "dissolve"]


def test_the_address_on_a_date(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    body = client.get(f"/api/v1/units/{bk.to_8a.pk}/address", {"as_of": "2012-01-01"}).json()
    assert body == {
        "unit_id": bk.to_8a.pk,
        "as_of": "2012-01-01",
        "exists": True,
        "name": "tổ 8A",
        "address": "tổ 8A, phường Đức Xuân, thị xã Bắc Kạn, tỉnh Bắc Kạn",
    }
    body = client.get(f"/api/v1/units/{bk.to_8a.pk}/address", {"as_of": "2026-01-01"}).json()
    assert body["address"] == "tổ 8A, phường Đức Xuân, tỉnh Thái Nguyên"
    body = client.get(f"/api/v1/units/{bk.duc_xuan_2025.pk}/address", {"as_of": "2012-01-01"}).json()
    assert body["exists"] is False and body["address"] == ""


def test_successors_and_predecessors(as_user: Login, bk: BacKan) -> None:
    client = as_user("admin")
    assert [u["id"] for u in client.get(f"/api/v1/units/{bk.ntmk.pk}/successors").json()] == [bk.duc_xuan_2025.pk]
    predecessors = {u["id"] for u in client.get(f"/api/v1/units/{bk.duc_xuan_2025.pk}/predecessors").json()}
    assert predecessors == {bk.ntmk.pk, bk.huyen_tung.pk, bk.duc_xuan.pk}
    assert as_user("chomoi").get(f"/api/v1/units/{bk.ntmk.pk}/successors").status_code == 404


def test_the_unit_detail_still_answers_beside_the_tree(as_user: Login, bk: BacKan) -> None:
    assert as_user("backan").get(f"/api/v1/units/{bk.town.pk}").json()["code"] == "058"


def test_the_area_operations_through_the_api(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    response = client.post(
        f"/api/v1/units/{bk.duc_xuan_2025.pk}/areas",
        {"name": "20", "date": "2026-01-01", "legal_basis": "Quyết định 15/QĐ-UBND"},
        content_type="application/json",
    )
    assert response.status_code == 201
    area = Unit.objects.get(pk=response.json()["id"])
    assert (area.code, area.kind, area.valid_from) == ("01840-20", "to_dan_pho", datetime.date(2026, 1, 1))

    body = client.post(
        f"/api/v1/units/{area.pk}/rename", {"name": "20A", "date": "2026-02-01"}, content_type="application/json"
    ).json()
    assert body["full_name"] == "tổ 20A"
    response = client.post(
        f"/api/v1/units/{bk.duc_xuan_2025.pk}/areas/merge",
        {"area_ids": [area.pk], "into_id": bk.to_8a.pk, "date": "2026-03-01", "legal_basis": "NQ 16"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["id"] == bk.to_8a.pk
    response = client.post(
        f"/api/v1/units/{bk.to_13.pk}/split",
        {"new": [{"name": "13A"}, {"name": "13B"}], "date": "2026-04-01"},
        content_type="application/json",
    )
    assert [u["code"] for u in response.json()] == ["01840-13A", "01840-13B"]
    body = client.post(
        f"/api/v1/units/{bk.to_8a.pk}/dissolve", {"date": "2026-05-01"}, content_type="application/json"
    ).json()
    assert body["valid_to"] == "2026-04-30"
    kinds = set(LineageEvent.objects.filter(date__year=2026).values_list("kind", flat=True))
    assert kinds == {LineageKind.ESTABLISH, LineageKind.RENAME, LineageKind.MERGE, LineageKind.SPLIT, "dissolve"}


def test_an_area_transfers_through_the_api(as_user: Login, bk: BacKan) -> None:
    response = as_user("admin").post(
        f"/api/v1/units/{bk.tong_neng.pk}/transfer",
        {"commune_id": bk.duc_xuan_2025.pk, "date": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["parent_id"] == bk.duc_xuan_2025.pk


def test_the_api_refuses_with_the_right_status(as_user: Login, bk: BacKan) -> None:
    payload = {"name": "8B", "date": "2026-01-01"}
    assert (
        as_user("to8a")
        .post(f"/api/v1/units/{bk.to_8a.pk}/rename", payload, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        as_user("chomoi")
        .post(f"/api/v1/units/{bk.to_8a.pk}/rename", payload, content_type="application/json")
        .status_code
        == 404
    )
    client = as_user("ducxuan2025")
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/api/v1/units/{bk.duc_xuan_2025.pk}/areas",
        {"name": "8A", "date": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["message"].startswith("The code 01840-08A is already used")
    assert body["errors"][0]["message"].startswith("The code 01840-08A is already used")
