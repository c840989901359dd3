"""The tree as of a date, the unit page with its timeline, and the residential-area forms."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.http import HttpResponseBase
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


def text(page: HttpResponseBase | str) -> str:
    """The visible text of a page, tags removed and spaces collapsed."""
    html = page if isinstance(page, str) else page.content.decode()  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(page: str, testid: str) -> str:
    start = page.index(f'data-testid="{testid}"')
    return page[start : page.index("</section>", start)]


# The tree as of a date.


def test_the_tree_names_the_town_and_communes_as_they_were_around_11_march_2015(as_user: Login, bk: BacKan) -> None:
    client = as_user("backan")
    before = text(client.get("/units/tree/", {"as_of": "10/03/2015"}))
    after = text(client.get("/units/tree/", {"as_of": "11/03/2015"}))
    assert "Thị xã Bắc Kạn" in before and "Xã Xuất Hóa" in before and "Xã Huyền Tụng" in before
    assert "Thành phố Bắc Kạn" in after and "Phường Xuất Hóa" in after and "Phường Huyền Tụng" in after
    assert "Thị xã Bắc Kạn" not in after and "Xã Xuất Hóa" not in after


def test_the_tree_begins_at_the_users_unit_and_loads_deeper_levels_on_demand(as_user: Login, bk: BacKan) -> None:
    page = as_user("backan").get("/units/tree/", {"as_of": "31/12/2013"}).content.decode()
    assert 'value="31/12/2013"' in page
    tree = page[page.index('data-testid="tree"') :]
    assert tree.index("Thị xã Bắc Kạn") < tree.index("Phường Đức Xuân") < tree.index("Tổ 8A")
    assert "Huyện Chợ Mới" not in page
    # The quick dates keep the root; the areas are leaves, the communes open.
    assert f'href="?as_of=11/03/2015&amp;root={bk.town.pk}"' in page
    assert f'href="/units/{bk.to_8a.pk}/?as_of=31/12/2013"' in page


def test_a_level_of_the_tree_loads_with_the_names_of_the_day(as_user: Login, bk: BacKan) -> None:
    client = as_user("admin")
    page = client.get("/units/tree/", {"as_of": "01/01/2013"}).content.decode()
    assert "Tỉnh Bắc Kạn" in page and "Tỉnh Thái Nguyên" in page and "Thị xã" not in page
    assert f"/units/tree/children/?as_of=01/01/2013&amp;root={bk.province.pk}" in page
    level = text(client.get("/units/tree/children/", {"as_of": "01/01/2013", "root": bk.province.pk}))
    assert "Thị xã Bắc Kạn" in level and "Huyện Bạch Thông" in level and "Phường Đức Xuân" not in level
    level = text(client.get("/units/tree/children/", {"as_of": "01/01/2016", "root": bk.town.pk}))
    assert "Phường Xuất Hóa" in level
    empty = text(client.get("/units/tree/children/", {"as_of": "01/01/2016", "root": bk.to_8a.pk}))
    assert "No units below" in empty or "Không có đơn vị" in empty


def test_on_1_july_2025_the_new_ward_hangs_under_thai_nguyen(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    page = text(client.get("/units/tree/", {"as_of": "01/07/2025"}))
    assert "Phường Đức Xuân" in page and "Tổ 8A" in page and "Tổ 13" in page
    # On 30/6/2025 the user's ward did not exist yet: the wards it came from are offered instead.
    page = client.get("/units/tree/", {"as_of": "30/06/2025"}).content.decode()
    assert 'data-testid="not-on-date"' in page
    assert f'href="?as_of=30/06/2025&amp;root={bk.ntmk.pk}"' in page
    ward = text(client.get("/units/tree/", {"as_of": "30/06/2025", "root": bk.ntmk.pk}))
    assert "Phường Nguyễn Thị Minh Khai" in ward and "Tổ 13" in ward


def test_after_2025_an_officer_of_the_dissolved_town_sees_its_areas_under_their_new_wards(
    as_user: Login, bk: BacKan
) -> None:
    page = as_user("backan").get("/units/tree/", {"as_of": "01/01/2026"}).content.decode()
    assert 'data-testid="not-on-date"' in page
    tree = text(page[page.index('data-testid="tree"') :])
    assert "Tổ 8A · phường Đức Xuân" in tree.replace("01840-08A ", "")
    assert "Thôn Tổng Nẻng" in tree


def test_the_tree_refuses_a_root_outside_the_users_reach(as_user: Login, bk: BacKan) -> None:
    client = as_user("chomoi")
    assert client.get("/units/tree/", {"root": bk.town.pk}).status_code == 404
    assert client.get("/units/tree/children/", {"root": bk.town.pk}).status_code == 404
    assert "Đồng Tâm" in text(client.get("/units/tree/", {"as_of": "01/01/2013"}))


def test_a_bad_date_is_reported_and_today_is_shown(as_user: Login, bk: BacKan) -> None:
    response = as_user("backan").get("/units/tree/", {"as_of": "31/13/2013"})
    assert response.status_code == 200
    assert 'value="31/13/2013"' in response.content.decode()
    assert 'class="field__error"' in response.content.decode()


# The unit page.


def test_the_unit_page_links_lineage_both_ways(as_user: Login, bk: BacKan) -> None:
    client = as_user("admin")
    old = client.get(f"/units/{bk.ntmk.pk}/").content.decode()
    assert f'href="/units/{bk.duc_xuan_2025.pk}/"' in section(old, "now")
    assert f'href="/units/{bk.duc_xuan_2025.pk}/"' in old[old.index('data-testid="timeline"') :]
    new = client.get(f"/units/{bk.duc_xuan_2025.pk}/").content.decode()
    then = section(new, "then")
    for predecessor in (bk.ntmk, bk.huyen_tung, bk.duc_xuan):
        assert f'href="/units/{predecessor.pk}/"' in then
    timeline = new[new.index('data-testid="timeline"') :]
    assert "Nghị quyết 1683/NQ-UBTVQH15" in timeline
    assert f'href="/units/{bk.thai_nguyen.pk}/"' in timeline  # the parent of the version


def test_the_timeline_shows_versions_events_and_legal_bases_in_order(as_user: Login, bk: BacKan) -> None:
    page = text(as_user("backan").get(f"/units/{bk.town.pk}/"))
    timeline = page[page.index("… – 10/03/2015") :]
    assert timeline.index("Thị xã Bắc Kạn") < timeline.index("11/03/2015") < timeline.index("Thành phố Bắc Kạn")
    assert "Nghị quyết 892/NQ-UBTVQH13" in timeline and "01/07/2025" in timeline


def test_the_unit_page_marks_a_partial_predecessor(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    client.post(
        f"/units/{bk.to_13.pk}/split/",
        {"new_names": "13A\n13B", "date": "01/01/2026", "legal_basis": "Quyết định 07/QĐ-UBND"},
    )
    part = Unit.objects.get(code="01840-13A")
    page = client.get(f"/units/{part.pk}/").content.decode()
    timeline = page[page.index('data-testid="timeline"') :]
    assert f'href="/units/{bk.to_13.pk}/"' in timeline and 'class="tag"' in timeline


def test_the_address_follows_the_chosen_date(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    page = client.get(f"/units/{bk.to_8a.pk}/", {"as_of": "01/01/2012"}).content.decode()
    assert "tổ 8A, phường Đức Xuân, thị xã Bắc Kạn, tỉnh Bắc Kạn" in page
    page = client.get(f"/units/{bk.to_8a.pk}/", {"as_of": "01/01/2026"}).content.decode()
    assert "tổ 8A, phường Đức Xuân, tỉnh Thái Nguyên" in page


def test_the_residential_areas_follow_the_chosen_date(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    page = client.get(f"/units/{bk.ntmk.pk}/", {"as_of": "01/01/2012"}).content.decode()
    areas = section(page, "units-below")
    assert "Tổ 13" in areas and "Tổ 14" in areas
    areas = section(client.get(f"/units/{bk.ntmk.pk}/", {"as_of": "01/01/2020"}).content.decode(), "units-below")
    assert "Tổ 13" in areas and "Tổ 14" not in areas
    page = client.get(f"/units/{bk.duc_xuan_2025.pk}/", {"as_of": "01/01/2012"}).content.decode()
    assert 'data-testid="not-on-date"' in page and "Tổ 8A" not in section(page, "units-below")
    page = client.get(f"/units/{bk.duc_xuan_2025.pk}/").content.decode()
    assert "Tổ 8A" in section(page, "units-below") and 'data-testid="history"' in page


def test_an_officer_of_the_new_ward_opens_a_2012_area_of_an_old_ward(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    page = client.get(f"/units/{bk.to_14.pk}/").content.decode()
    assert "<h1>Tổ 14</h1>" in page
    assert "tổ 14, phường Nguyễn Thị Minh Khai, thành phố Bắc Kạn, tỉnh Bắc Kạn" in page
    assert as_user("backan").get(f"/units/{bk.to_14.pk}/").status_code == 200
    assert as_user("chomoi").get(f"/units/{bk.to_14.pk}/").status_code == 404
    assert as_user("chomoi").get(f"/units/{bk.town.pk}/").status_code == 404


def test_units_beyond_the_users_reach_are_named_but_not_linked(as_user: Login, bk: BacKan) -> None:
    page = as_user("backan").get(f"/units/{bk.duc_xuan.pk}/").content.decode()
    now = section(page, "now")
    assert "Phường Đức Xuân" in now and f'href="/units/{bk.duc_xuan_2025.pk}/"' not in page


def test_the_search_still_finds_every_name_a_unit_had(as_user: Login, bk: BacKan) -> None:
    page = as_user("backan").get("/units/", {"q": "thi xa bac kan"}).content.decode()
    assert f'href="/units/{bk.town.pk}/"' in page
    assert 'href="/units/tree/"' in page


# The residential-area forms.


def test_a_commune_officer_creates_an_area_with_a_date_and_legal_basis(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    page = client.get(f"/units/{bk.duc_xuan_2025.pk}/").content.decode()
    assert f'href="/units/{bk.duc_xuan_2025.pk}/areas/new/"' in page
    response = client.post(
        f"/units/{bk.duc_xuan_2025.pk}/areas/new/",
        {"name": "20", "kind": "to_dan_pho", "code": "", "date": "01/01/2026", "legal_basis": "Quyết định 09/QĐ-UBND"},
    )
    area = Unit.objects.get(code="01840-20")
    assert response.status_code == 302 and response["Location"] == f"/units/{area.pk}/"
    assert area.valid_from == datetime.date(2026, 1, 1) and area.parent == bk.duc_xuan_2025
    assert LineageEvent.objects.get(links__successor=area).legal_basis == "Quyết định 09/QĐ-UBND"


def test_a_refusal_of_the_service_is_shown_on_the_form_in_the_users_language(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/units/{bk.duc_xuan_2025.pk}/areas/new/",
        {"name": "8A", "kind": "to_dan_pho", "date": "01/01/2026", "legal_basis": "QĐ 10"},
    )
    assert response.status_code == 200
    assert "The code 01840-08A is already used by tổ 8A" in response.content.decode()
    response = client.post(f"/units/{bk.to_8a.pk}/rename/", {"name": "8A", "date": "01/01/2026", "legal_basis": "x"})
    assert "Nothing changes" in response.content.decode()


def test_an_area_is_renamed_transferred_and_dissolved_through_the_forms(as_user: Login, bk: BacKan) -> None:
    client = as_user("admin")
    client.post(f"/units/{bk.to_8a.pk}/rename/", {"name": "8B", "date": "01/03/2026", "legal_basis": "QĐ 11"})
    assert LineageEvent.objects.filter(kind=LineageKind.RENAME, links__successor=bk.to_8a).exists()
    transfer = client.get(f"/units/{bk.to_8a.pk}/transfer/").content.decode()
    assert "Phường Bắc Kạn" in transfer or "phường Bắc Kạn" in transfer
    client.post(
        f"/units/{bk.to_8a.pk}/transfer/",
        {"commune": bk.bac_kan_2025.pk, "date": "01/04/2026", "legal_basis": "QĐ 12"},
    )
    page = client.get(f"/units/{bk.to_8a.pk}/", {"as_of": "01/04/2026"}).content.decode()
    assert "tổ 8B, phường Bắc Kạn, tỉnh Thái Nguyên" in page
    client.post(f"/units/{bk.tong_neng.pk}/dissolve/", {"date": "01/05/2026", "legal_basis": "QĐ 13"})
    bk.tong_neng.refresh_from_db()
    assert bk.tong_neng.valid_to == datetime.date(2026, 4, 30)


def test_areas_are_merged_into_a_new_one_through_the_form(as_user: Login, bk: BacKan) -> None:
    client = as_user("ducxuan2025")
    form = client.get(f"/units/{bk.duc_xuan_2025.pk}/areas/merge/").content.decode()
    assert "tổ 8A" in form and "tổ 13" in form
    response = client.post(
        f"/units/{bk.duc_xuan_2025.pk}/areas/merge/",
        {
            "areas": [bk.to_8a.pk, bk.to_13.pk],
            "into": "",
            "new_name": "8A-13",
            "new_kind": "to_dan_pho",
            "date": "01/01/2026",
            "legal_basis": "Nghị quyết 14/NQ-HĐND",
        },
    )
    merged = Unit.objects.get(name="8A-13")
    assert response["Location"] == f"/units/{merged.pk}/"
    assert LineageEvent.objects.filter(links__successor=merged).distinct().get().kind == LineageKind.MERGE


def test_a_merge_needs_a_name_or_an_existing_area(as_user: Login, bk: BacKan) -> None:
    response = as_user("ducxuan2025").post(
        f"/units/{bk.duc_xuan_2025.pk}/areas/merge/",
        {"areas": [bk.to_8a.pk, bk.to_13.pk], "date": "01/01/2026", "legal_basis": "x"},
    )
    assert response.status_code == 200 and 'class="field__error"' in response.content.decode()
    assert not LineageEvent.objects.filter(date=datetime.date(2026, 1, 1)).exists()


def test_the_area_forms_are_for_commune_officers_and_above_within_their_reach(as_user: Login, bk: BacKan) -> None:
    assert as_user("to8a").get(f"/units/{bk.to_8a.pk}/rename/").status_code == 403
    assert as_user("hoidong").get(f"/units/{bk.duc_xuan.pk}/areas/new/").status_code == 403
    assert as_user("chomoi").get(f"/units/{bk.to_8a.pk}/rename/").status_code == 404
    assert as_user("chomoi").post(f"/units/{bk.to_8a.pk}/dissolve/", {"date": "01/01/2026"}).status_code == 404
    # A commune is not an area, and a district has no area forms.
    assert as_user("admin").get(f"/units/{bk.duc_xuan.pk}/rename/").status_code == 404
    assert as_user("backan").get(f"/units/{bk.town.pk}/areas/new/").status_code == 404
    page = as_user("to8a").get(f"/units/{bk.to_8a.pk}/").content.decode()
    assert f"/units/{bk.to_8a.pk}/rename/" not in page
