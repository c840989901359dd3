"""The parameters page, its edit form and the API, for each persona."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from thidua.audit.models import AuditEntry
from thidua.campaigns.models import ProvincialParameter
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db


def edit_url(cast: Cast, name: str) -> str:
    return reverse("campaigns:parameter_edit", args=[cast.province.pk, name])


def list_url(cast: Cast) -> str:
    return reverse("campaigns:parameter_list", args=[cast.province.pk])


FORM = {"year_from": "2020", "value": "80%", "legal_basis": "QĐ 15/2019/QĐ-UBND", "reason": "Quy định của tỉnh"}


def test_the_page_shows_the_values_in_force_with_their_source(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    page = client.get(list_url(cast), {"date": "2019-11-20"}).content.decode()
    assert "nd122-2018" in page and "NĐ 122/2018/NĐ-CP Điều 9, 15, 17" in page
    assert 'data-parameter="quorum_share"' in page and "60%" in page
    assert reverse("campaigns:parameter_edit", args=[cast.province.pk, "quorum_share"]) not in page


def test_a_province_officer_records_a_value_for_a_year_and_sees_its_history(client: Client, cast: Cast) -> None:
    client.force_login(cast["tinh"])
    form = client.get(edit_url(cast, "area_min_gdvh_share"), {"date": "2020-12-31"}).content.decode()
    assert 'name="year_from"' in form and 'value="2020"' in form
    response = client.post(edit_url(cast, "area_min_gdvh_share"), FORM)
    assert response.status_code == 302 and response["Location"].endswith("?date=2020-12-31")
    row = ProvincialParameter.objects.get()
    assert (row.name, row.year_from, row.value, row.recorded_by) == ("area_min_gdvh_share", 2020, 0.8, cast["tinh"])
    assert AuditEntry.objects.for_object(row).get().reason == "Quy định của tỉnh"
    page = client.get(list_url(cast), {"date": "2021-06-01"}).content.decode()
    assert "80%" in page and "QĐ 15/2019/QĐ-UBND" in page and 'data-testid="parameter-history"' in page
    earlier = client.get(list_url(cast), {"date": "2019-06-01"}).content.decode()
    assert earlier.count("QĐ 15/2019/QĐ-UBND") == 1  # only in the history, not as the value in force


def test_a_bad_value_is_shown_on_the_form_and_nothing_is_recorded(client: Client, cast: Cast) -> None:
    client.force_login(cast["tinh"])
    response = client.post(edit_url(cast, "area_min_gdvh_share"), {**FORM, "value": "180%"})
    assert response.status_code == 200
    assert "area_min_gdvh_share" in response.content.decode()
    assert not ProvincialParameter.objects.exists()


def test_a_commune_officer_cannot_change_the_parameters(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    assert client.get(edit_url(cast, "area_min_points")).status_code == 403
    assert client.post(edit_url(cast, "area_min_points"), FORM).status_code == 403
    assert not ProvincialParameter.objects.exists()


def test_another_province_does_not_exist_for_its_outsiders(client: Client, cast: Cast) -> None:
    other = make_unit(code="19", name="Thái Nguyên", kind=UnitKind.TINH)
    client.force_login(cast["tinh"])
    assert client.get(reverse("campaigns:parameter_list", args=[other.pk])).status_code == 404
    assert client.post(reverse("campaigns:parameter_edit", args=[other.pk, "area_min_points"]), FORM).status_code == 404
    assert client.get(reverse("campaigns:parameter_list", args=[cast.town.pk])).status_code == 404


def test_the_index_leads_each_user_to_the_province_and_lists_provinces_for_an_administrator(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast["to8a"])
    assert client.get(reverse("campaigns:parameters"))["Location"] == list_url(cast)
    client.force_login(cast["admin"])
    page = client.get(reverse("campaigns:parameters")).content.decode()
    assert list_url(cast) in page
    home = client.get("/").content.decode()
    assert reverse("campaigns:parameters") in home


def test_the_campaign_page_shows_its_names_and_contents_by_period(client: Client, cast: Cast) -> None:
    client.force_login(cast["to8a"])
    page = client.get(reverse("campaigns:overview")).content.decode()
    assert "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh" in page
    assert "Toàn dân đoàn kết xây dựng cuộc sống mới ở khu dân cư" in page
    assert page.count('data-testid="campaign-period"') == 3


def test_the_api_gives_the_values_for_a_province_and_date(client: Client, cast: Cast) -> None:
    client.force_login(cast["tinh"])
    client.post(edit_url(cast, "area_min_points"), {**FORM, "value": "80"})
    url = "/api/v1/parameters"
    before = client.get(url, {"province": cast.province.pk, "date": "2019-11-20"}).json()
    assert before["regime"] == "nd122-2018"
    assert before["values"]["quorum_share"] == 0.6 and before["values"]["area_min_points"] is None
    after = client.get(url, {"province": cast.province.pk, "date": "2020-12-10"}).json()
    item = next(p for p in after["parameters"] if p["name"] == "area_min_points")
    assert (item["value"], item["origin"], item["year_from"]) == (80, "province", 2020)
    assert item["legal_basis"] == "QĐ 15/2019/QĐ-UBND"
    quorum = next(p for p in after["parameters"] if p["name"] == "quorum_share")
    assert quorum["origin"] == "default" and quorum["confirmed"] is True and "Điều 9" in quorum["source"]


def test_the_api_refuses_a_date_before_every_regime_and_hides_other_provinces(client: Client, cast: Cast) -> None:
    client.force_login(cast["ducxuan"])
    url = "/api/v1/parameters"
    early = client.get(url, {"province": cast.province.pk, "date": "2005-06-01"})
    assert early.status_code == 400 and "QĐ 62/2006" in early.json()["message"]
    assert client.get(url, {"province": cast.province.pk, "date": "20/11/2019"}).status_code == 422
    other = make_unit(code="19", name="Thái Nguyên", kind=UnitKind.TINH)
    assert client.get(url, {"province": other.pk, "date": "2019-11-20"}).status_code == 404
    client.logout()
    assert client.get(url, {"province": cast.province.pk, "date": "2019-11-20"}).status_code == 401
