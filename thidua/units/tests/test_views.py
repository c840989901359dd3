from __future__ import annotations

import pytest
from django.test import Client

from thidua.testing import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client: Client, cast: Cast):  # type: ignore[no-untyped-def]
    def login(username: str) -> Client:
        client.force_login(cast[username])
        return client

    return login


def test_a_unit_outside_the_users_subtree_is_a_404_not_a_403(as_user, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    response = as_user("chomoi").get(f"/units/{cast.duc_xuan.pk}/")
    assert response.status_code == 404
    assert "Đức Xuân" not in response.content.decode()


def test_a_unit_inside_the_subtree_shows_its_children_breadcrumbs_and_history(as_user, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    page = as_user("backan").get(f"/units/{cast.duc_xuan.pk}/").content.decode()
    assert "<h1>Phường Đức Xuân</h1>" in page
    assert "Tổ 8A" in page
    assert f'href="/units/{cast.town.pk}/"' in page  # the district is within reach
    assert f'href="/units/{cast.province.pk}/"' not in page  # the province is above the user: no link
    assert 'data-testid="history"' in page


def test_search_ignores_diacritics_and_case(as_user, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    client = as_user("tinh")
    page = client.get("/units/", {"q": "duc xuan"}).content.decode()
    assert "Phường Đức Xuân" in page and "Sông Cầu" not in page
    page = client.get("/units/", {"q": "d"}).content.decode()
    assert "Phường Đức Xuân" in page and "Thị trấn Đồng Tâm" in page
    page = client.get("/units/", {"q": "CHO MOI"}).content.decode()
    assert "Huyện Chợ Mới" in page


def test_search_never_reaches_outside_the_subtree(as_user, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    page = as_user("chomoi").get("/units/", {"q": "duc xuan"}).content.decode()
    assert "Đức Xuân" not in page


def test_lists_are_in_vietnamese_alphabetical_order(as_user, cast: Cast) -> None:  # type: ignore[no-untyped-def]
    from thidua.testing import make_unit
    from thidua.units.models import UnitKind

    for name in ("Ưu Điềm", "Uy Nỗ", "Đông", "Dương", "Ân Thi", "An Bình"):
        make_unit(name=name, kind=UnitKind.XA, parent=cast.town)
    page = as_user("backan").get(f"/units/{cast.town.pk}/").content.decode()
    order = ["An Bình", "Ân Thi", "Dương", "Đông", "Đức Xuân", "Sông Cầu", "Uy Nỗ", "Ưu Điềm"]
    positions = [page.index(name) for name in order]
    assert positions == sorted(positions)
