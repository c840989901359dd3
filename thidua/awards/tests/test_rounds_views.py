"""The rounds' pages, the API and the CLI for the personas."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from thidua.awards.models import AreaMovement, AwardForm, Movement, Round, RoundStatus
from thidua.awards.tests.fixtures_rounds import RoundData, build_round
from thidua.testing import Cast, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(cast: Cast) -> RoundData:
    return build_round(cast, actor=cast["backan"])


# --- pages -----------------------------------------------------------------------------------------


def test_the_district_officer_creates_a_round_and_adds_a_form_with_typed_criteria(cast: Cast) -> None:
    client = client_for(cast["backan"])
    response = client.post(
        "/awards/rounds/new/",
        {"name": "Đợt 2014–2018", "issuer": cast.town.pk, "organ": "ubnd", "period_start": 2014, "period_end": 2018},
    )
    round = Round.objects.get(name="Đợt 2014–2018")
    assert response.status_code == 302 and response["Location"] == f"/awards/rounds/{round.pk}/"
    response = client.post(
        f"/awards/rounds/{round.pk}/forms/add/",
        {
            "code": "gk-kdc",
            "name": "Giấy khen",
            "subject": "area",
            "kind": "give",
            "awarding_body": "Chủ tịch UBND",
            "rank": 0,
            "title_years": "4",
            "min_tier": "kha",
            "min_tier_years": "all",
            "quota_share": "0.15",
            "quota_rounding": "floor",
            "pass_rule": "more_than_half",
        },
    )
    assert response.status_code == 302
    form = AwardForm.objects.get(round=round)
    assert form.criteria == {"title_years": 4, "min_tier": "kha", "min_tier_years": "all"}
    page = client.get(f"/awards/rounds/{round.pk}/").content.decode()
    assert "cultural area: 4 years of the period" in page
    assert 'data-testid="round-nav"' in page


def test_a_bad_criterion_on_the_page_is_refused_with_its_reason_and_saves_nothing(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["backan"])
    response = client.post(
        f"/awards/rounds/{data.round.pk}/forms/add/",
        {
            "code": "bad",
            "name": "X",
            "subject": "bctmt",
            "kind": "give",
            "awarding_body": "UBND",
            "rank": 3,
            "min_years_served": "nine",
            "quota_rounding": "floor",
            "pass_rule": "more_than_half",
        },
    )
    assert response.status_code == 400
    assert "min_years_served" in response.content.decode()
    assert not AwardForm.objects.filter(code="bad").exists()


def test_the_candidates_page_lists_the_eligible_with_evidence_and_answers_why_not(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["backan"])
    page = client.get(f"/awards/rounds/{data.round.pk}/candidates/").content.decode()
    assert f'data-testid="candidate-area-{data.good.pk}"' in page
    assert "05/QĐ-UBND 20/12/2010" in page
    assert f'data-testid="candidate-area-{data.gap.pk}"' not in page
    why = client.get(f"/awards/rounds/{data.round.pk}/candidates/", {"q": "to 2"}).content.decode()
    assert "2009–2013: cultural area 4/5 years" in why
    who = client.get(f"/awards/rounds/{data.round.pk}/candidates/", {"q": "hoang van ba"}).content.decode()
    assert "2009: 5 months" in who


def test_a_commune_officer_sees_the_round_read_only_and_its_own_candidates(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["ducxuan"])
    page = client.get(f"/awards/rounds/{data.round.pk}/").content.decode()
    assert 'data-testid="round-status-actions"' not in page and 'data-testid="form-add"' not in page
    candidates = client.get(f"/awards/rounds/{data.round.pk}/candidates/").content.decode()
    assert f'data-testid="candidate-area-{data.good.pk}"' in candidates
    assert f'data-testid="candidate-area-{data.song.pk}"' not in candidates
    assert client.post(f"/awards/rounds/{data.round.pk}/status/", {"to": "nominating"}).status_code == 403
    data.round.refresh_from_db()
    assert data.round.status == RoundStatus.DRAFT


def test_an_outsider_gets_404_for_the_round_and_its_candidates(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["chomoi"])
    assert client.get(f"/awards/rounds/{data.round.pk}/").status_code == 404
    assert client.get(f"/awards/rounds/{data.round.pk}/candidates/").status_code == 404
    assert str(data.round.pk) not in client.get("/awards/").content.decode().split('data-testid="rounds"')[1]


def test_the_district_officer_moves_the_status_from_the_page(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["backan"])
    assert client.post(f"/awards/rounds/{data.round.pk}/status/", {"to": "nominating"}).status_code == 302
    data.round.refresh_from_db()
    assert data.round.status == RoundStatus.NOMINATING
    assert client.post(f"/awards/rounds/{data.round.pk}/status/", {"to": "closed"}).status_code == 400


def test_the_area_officer_records_a_movement_of_the_area(cast: Cast) -> None:
    call_command("round", "movements", "--load-defaults", stdout=io.StringIO())
    movement = Movement.objects.get(code="gia-dinh-suc-khoe")
    client = client_for(cast["to8a"])
    response = client.post(
        f"/awards/areas/{cast.to_8a.pk}/movements/",
        {"year": 2012, "movement": movement.pk, "description": "30 gia đình sức khỏe"},
    )
    assert response.status_code == 302
    assert AreaMovement.objects.get(area=cast.to_8a).description == "30 gia đình sức khỏe"
    assert "30 gia đình sức khỏe" in client.get(f"/awards/areas/{cast.to_8a.pk}/movements/").content.decode()
    outsider = client_for(cast["chomoi"])
    assert outsider.get(f"/awards/areas/{cast.to_8a.pk}/movements/").status_code == 404


# --- API -------------------------------------------------------------------------------------------


def test_the_api_lists_candidates_with_reasons_and_checks_one_subject(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["backan"])
    rows = client.get(f"/api/v1/awards/rounds/{data.round.pk}/candidates", {"form": "gk-kdc"}).json()
    by_area = {r["area_id"]: r for r in rows}
    assert by_area[data.good.pk]["eligible"] is True
    assert by_area[data.weak.pk]["eligible"] is False
    assert any(not c["passed"] and c["rule"] == "min_tier" for c in by_area[data.weak.pk]["checks"])
    check = client.get(
        f"/api/v1/awards/rounds/{data.round.pk}/forms/gk-truong-ban/check", {"person_id": data.lan.pk}
    ).json()
    assert check["eligible"] is True and check["evidence"]["terms"][0]["from"] == "01/03/2008"


def test_the_api_creates_a_round_adds_a_form_and_refuses_bad_criteria(cast: Cast) -> None:
    client = client_for(cast["backan"])
    response = client.post(
        "/api/v1/awards/rounds",
        {"name": "API", "issuer_id": cast.town.pk, "period_start": 2014, "period_end": 2018},
        content_type="application/json",
    )
    assert response.status_code == 201
    round_id = response.json()["id"]
    form = {
        "code": "gk",
        "name": "GK",
        "subject": "bctmt",
        "awarding_body": "UBND",
        "criteria": {"min_years_served": 3},
    }
    assert (
        client.post(f"/api/v1/awards/rounds/{round_id}/forms", form, content_type="application/json").status_code == 201
    )
    bad = {**form, "code": "gk2", "criteria": {"min_years_served": 9}}
    response = client.post(f"/api/v1/awards/rounds/{round_id}/forms", bad, content_type="application/json")
    assert response.status_code == 400 and "min_years_served" in response.json()["message"]
    assert AwardForm.objects.filter(round_id=round_id).count() == 1
    detail = client.get(f"/api/v1/awards/rounds/{round_id}").json()
    assert detail["forms"][0]["criteria"] == {"min_years_served": 3}


def test_the_api_refuses_a_commune_officer_and_hides_the_round_from_an_outsider(data: RoundData, cast: Cast) -> None:
    commune = client_for(cast["ducxuan"])
    response = commune.post(
        f"/api/v1/awards/rounds/{data.round.pk}/status", {"to": "nominating"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client_for(cast["chomoi"]).get(f"/api/v1/awards/rounds/{data.round.pk}").status_code == 404


# --- CLI -------------------------------------------------------------------------------------------


def test_the_cli_prints_every_candidate_as_json_and_csv(data: RoundData) -> None:
    out = io.StringIO()
    call_command("round", "candidates", str(data.round.pk), "--format", "json", "--language", "en", stdout=out)
    rows = json.loads(out.getvalue())
    good = next(r for r in rows if r["area_id"] == data.good.pk and r["form"] == "gk-kdc")
    assert good["eligible"] is True and good["commune"] == "phường Đức Xuân"
    out = io.StringIO()
    call_command(
        "round", "candidates", str(data.round.pk), "--format", "csv", "--form", "gk-kdc", "--language", "en", stdout=out
    )
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    weak = next(r for r in table if r["area_id"] == str(data.weak.pk))
    assert weak["eligible"] == "0" and "2012: tier Average < Fair" in weak["reasons"]
    assert {r["form"] for r in table} == {"gk-kdc"}


def test_the_cli_shows_a_round_with_its_forms_and_quotas(data: RoundData) -> None:
    out = io.StringIO()
    call_command("round", "show", str(data.round.pk), "--language", "en", stdout=out)
    text = out.getvalue()
    assert "gk-truong-ban" in text and "at most 2" in text and "15%" in text
