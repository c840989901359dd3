"""/api/v1/evaluations/communes/<id>/<year>/areas: the commune's dossier of cultural areas through the API."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from thidua.evaluations.models import AreaYear, HouseholdYear
from thidua.people.models import Household
from thidua.testing import Cast, client_for, make_unit
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db
API = "/api/v1/evaluations"
YEAR = 2020
D = datetime.date


@pytest.fixture
def to_9(cast: Cast) -> Unit:
    return make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan)


def _url(cast: Cast, tail: str = "") -> str:
    return f"{API}/communes/{cast.duc_xuan.pk}/{YEAR}/areas{tail}"


def _prepare(cast: Cast, to_9: Unit, households: list[Household]) -> Client:
    """Four of five households of tổ 8A are cultural families; both areas register and meet; 8A passes."""
    for n, household in enumerate(households):
        HouseholdYear.objects.create(
            household=household, year=YEAR, area=cast.to_8a, registered_on=D(YEAR, 1, 10), titled=n < 4
        )
    page = Client()
    page.force_login(cast["ducxuan"])
    page.post(
        f"/evaluations/communes/{cast.duc_xuan.pk}/{YEAR}/areas/register/",
        {"area": [cast.to_8a.pk, to_9.pk], "registered_on": "15/01/2020"},
    )
    lines = {line.area_id: line.pk for line in AreaYear.objects.filter(year=YEAR)}
    form = {"held_on": f"10/12/{YEAR}", "convened": "20", "present": "15", "ballot": "hands", "chair": "Nông Thị Lan"}
    form |= {f"votes-{lines[cast.to_8a.pk]}": "12", f"votes-{lines[to_9.pk]}": "8"}
    assert page.post(f"/evaluations/communes/{cast.duc_xuan.pk}/{YEAR}/areas/meeting/", form).status_code == 302
    assert page.post(f"/evaluations/communes/{cast.duc_xuan.pk}/{YEAR}/areas/evaluate/").status_code == 302
    return client_for(cast["ducxuan"])


def test_the_kdc_page_reads_through_the_api_with_results_status_and_transitions(
    cast: Cast, to_9: Unit, households: list[Household]
) -> None:
    commune = _prepare(cast, to_9, households)
    body = commune.get(_url(cast)).json()
    assert (body["commune"], body["year"]) == ("phường Đức Xuân", YEAR)
    assert body["meeting"]["convened"] == 20 and body["meeting"]["held_on"] == "2020-12-10"
    assert body["dossier"]["status"] == "draft" and body["dossier"]["transitions"] == ["submitted"]
    (filed,) = body["dossier"]["due_dates"]
    assert (filed["rule"], filed["due"], filed["done_on"]) == ("dossier_filed", "2020-12-15", None)
    assert "by 15/12/2020" in filed["text"]
    areas = {row["code"]: row for row in body["areas"]}
    to_8a = areas["01840-08A"]
    assert (to_8a["households"], to_8a["gdvh_households"], to_8a["gdvh_share"]) == (5, 4, 0.8)
    assert (to_8a["votes_for"], to_8a["registered_on"]) == (12, "2020-01-15")
    assert areas["01840-09"]["outcome"] is False
    assert any(not check["passed"] for check in areas["01840-09"]["checks"])
    # The district sees the same dossier, with its own moves (none before it is sent up).
    district = client_for(cast["backan"]).get(_url(cast)).json()
    assert district["dossier"]["status"] == "draft" and district["dossier"]["transitions"] == []


def test_the_kdc_api_is_a_404_outside_the_users_reach(cast: Cast) -> None:
    for username in ("to8a", "chomoi"):
        assert client_for(cast[username]).get(_url(cast)).status_code == 404
    assert client_for(cast["backan"]).get(_url(cast)).status_code == 200


def test_the_self_assessment_and_the_fronts_evaluation_through_the_api_all_or_nothing(
    cast: Cast, to_9: Unit, households: list[Household]
) -> None:
    commune = _prepare(cast, to_9, households)
    lines = {line.area_id: line.pk for line in AreaYear.objects.filter(year=YEAR)}
    good = {"line_id": lines[cast.to_8a.pk], "scores": {"1": "18", "2": "18", "3": "16", "4": "16", "5": "16"}}
    bad = {"line_id": lines[to_9.pk], "scores": {"1": "18", "2": "x"}}
    response = commune.post(_url(cast, "/self-assessment"), [good, bad], content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {
        "message": "tổ 9, column content 2: x is not a number of points.",
        "field": "content 2",
        "row": None,
    } in errors
    assert not AreaYear.objects.filter(self_assessment__has_key="1").exists()
    response = commune.post(_url(cast, "/self-assessment"), [good], content_type="application/json")
    assert response.status_code == 200 and response.json()["counts"] == {"recorded": 1}
    front = [{"line_id": lines[cast.to_8a.pk], "points": "75", "front_head_grade": "kha"}]
    assert commune.post(_url(cast, "/front-evaluation"), front, content_type="application/json").status_code == 200
    row = {r["code"]: r for r in commune.get(_url(cast)).json()["areas"]}["01840-08A"]
    assert row["self_assessment"]["1"] == "18" and row["points"] == "84.00"
    assert (row["mttq_points"], row["mttq_tier"], row["front_head_grade"]) == ("75.00", "kha", "kha")
    district = client_for(cast["backan"])
    assert district.post(_url(cast, "/front-evaluation"), front, content_type="application/json").status_code == 403
    other = [{"line_id": 999999, "points": "75"}]
    assert commune.post(_url(cast, "/front-evaluation"), other, content_type="application/json").status_code == 404
