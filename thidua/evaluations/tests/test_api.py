"""The yearly cycle of one area through /api/v1/evaluations, and its refusals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from thidua.evaluations.models import Dossier, DossierStatus, HouseholdYear, Meeting
from thidua.people.models import Household
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


YEAR = 2012
API = "/api/v1/evaluations"


ClientAs = Callable[..., Client]


def _area(cast: Cast, tail: str = "") -> str:
    return f"{API}/areas/{cast.to_8a.pk}/{YEAR}{tail}"


def _meeting(lines: list[int], votes: list[int], present: int = 30) -> dict[str, object]:
    return {
        "held_on": f"{YEAR}-11-20",
        "convened": 50,
        "present": present,
        "ballot": "secret",
        "chair": "Hoàng Văn Thụ",
        "votes": [{"line_id": pk, "votes_for": n} for pk, n in zip(lines, votes, strict=True)],
    }


def _lines() -> list[int]:
    return list(HouseholdYear.objects.filter(year=YEAR).order_by("household__code").values_list("pk", flat=True))


def test_one_area_goes_from_registration_to_locked_titles_through_the_api(
    cast: Cast, households: list[Household], client_as: ClientAs
) -> None:
    area, commune = client_as("to8a"), client_as("ducxuan")
    response = area.post(
        _area(cast, "/registrations"),
        {"registered_on": f"{YEAR}-01-15", "households": [h.pk for h in households]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["counts"] == {"registered": 5}
    response = area.post(
        _area(cast, "/meeting"), _meeting(_lines(), [18, 17, 25, 30, 0]), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert area.post(_area(cast, "/evaluate")).json()["counts"] == {"evaluated": 5, "proposed": 3}

    body = area.get(_area(cast)).json()
    assert body["meeting"]["ballot"] == "secret"
    assert body["dossier"]["status"] == "draft" and body["dossier"]["transitions"] == ["submitted"]
    by_code = {row["code"]: row for row in body["households"]}
    assert by_code["01840-08A-002"]["votes_for"] == 17 and by_code["01840-08A-002"]["proposed"] is False
    failed = [c for c in by_code["01840-08A-002"]["checks"] if not c["passed"]]
    assert failed and "17/30" in failed[0]["detail"]

    dossier = body["dossier"]["id"]
    move = f"{API}/dossiers/{dossier}/transition"
    assert area.post(move, {"to": "submitted"}, content_type="application/json").json()["status"] == "submitted"
    queue = commune.get(f"{API}/communes/{cast.duc_xuan.pk}/{YEAR}").json()
    assert (queue["submitted"], queue["total"]) == (1, 1)
    assert queue["areas"][0]["dossier"]["transitions"] == ["returned", "reviewed"]
    response = commune.post(move, {"to": "returned", "reason": ""}, content_type="application/json")
    assert response.status_code == 400
    assert "Say why the dossier is returned" in response.json()["message"]
    commune.post(move, {"to": "returned", "reason": "Thiếu biên bản"}, content_type="application/json")
    area.post(move, {"to": "submitted"}, content_type="application/json")
    commune.post(move, {"to": "reviewed"}, content_type="application/json")
    response = commune.post(move, {"to": "decided"}, content_type="application/json")
    assert response.status_code == 400 and "recording its numbered decision" in response.json()["message"]
    proposed = [row["line_id"] for row in body["households"] if row["proposed"]]
    response = commune.post(
        f"{API}/dossiers/{dossier}/decision",
        {
            "number": 3,
            "issued_on": f"{YEAR}-12-05",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Nông Văn Chí",
            "titled": proposed,
        },
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["detail"] == f"03/QĐ-UBND 05/12/{YEAR}"
    assert commune.post(move, {"to": "locked"}, content_type="application/json").json()["status"] == "locked"
    assert HouseholdYear.objects.filter(titled=True).count() == 3

    response = commune.post(
        f"{API}/lines/{proposed[0]}/revoke",
        {"revoked_on": f"{YEAR + 1}-03-01", "reason": ""},
        content_type="application/json",
    )
    assert response.status_code == 400 and "only with a reason" in response.json()["message"]
    response = commune.post(
        f"{API}/lines/{proposed[0]}/revoke",
        {"revoked_on": f"{YEAR + 1}-03-01", "reason": "Vi phạm"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert HouseholdYear.objects.get(pk=proposed[0]).revocation_reason == "Vi phạm"
    # Decided is decided: a new meeting is refused.
    response = area.post(_area(cast, "/meeting"), _meeting(_lines()[:1], [20]), content_type="application/json")
    assert response.status_code == 400 and "are decided" in response.json()["message"]


def test_every_bad_vote_is_listed_with_its_field_and_nothing_is_saved(
    cast: Cast, households: list[Household], client_as: ClientAs
) -> None:
    area = client_as("to8a")
    area.post(
        _area(cast, "/registrations"),
        {"registered_on": f"{YEAR}-01-15", "households": [h.pk for h in households[:3]]},
        content_type="application/json",
    )
    response = area.post(
        _area(cast, "/meeting"), _meeting(_lines(), [31, 40, 2], present=30), content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["message"] == "2 lines were refused."
    assert len(body["errors"]) == 2
    assert all(e["field"] == "votes_for" and "more than the 30 present" in e["message"] for e in body["errors"])
    # The same refusal reads in Vietnamese for a Vietnamese reader.
    vietnamese = client_as("to8a", language="vi").post(
        _area(cast, "/meeting"), _meeting(_lines(), [31, 40, 2], present=30), content_type="application/json"
    )
    assert all("nhiều hơn" in e["message"] for e in vietnamese.json()["errors"])
    assert not Meeting.objects.exists()
    assert not HouseholdYear.objects.filter(votes_for__isnull=False).exists()


def test_the_api_answers_404_outside_the_users_reach_and_403_to_a_role_that_may_not(
    cast: Cast, households: list[Household], client_as: ClientAs
) -> None:
    area = client_as("to8a")
    area.post(
        _area(cast, "/registrations"),
        {"registered_on": f"{YEAR}-01-15", "households": [households[0].pk]},
        content_type="application/json",
    )
    dossier = Dossier.objects.get(unit=cast.to_8a, year=YEAR)
    outsider = client_as("chomoi")
    assert outsider.get(_area(cast)).status_code == 404
    assert outsider.get(f"{API}/communes/{cast.duc_xuan.pk}/{YEAR}").status_code == 404
    assert outsider.post(_area(cast, "/evaluate")).status_code == 404
    response = outsider.post(
        f"{API}/dossiers/{dossier.pk}/transition", {"to": "submitted"}, content_type="application/json"
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    member = client_as("hoidong")
    response = member.post(_area(cast, "/evaluate"))
    assert response.status_code == 403
    response = member.post(
        f"{API}/dossiers/{dossier.pk}/transition", {"to": "submitted"}, content_type="application/json"
    )
    assert response.status_code == 403 and "role does not allow" in response.json()["message"]
    assert response.json()["code"] == "forbidden"


def test_the_openapi_schema_lists_the_evaluation_endpoints(client_as: ClientAs) -> None:
    paths = client_as("ducxuan").get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/evaluations/areas/{area_id}/{year}",
        "/api/v1/evaluations/areas/{area_id}/{year}/registrations",
        "/api/v1/evaluations/areas/{area_id}/{year}/meeting",
        "/api/v1/evaluations/areas/{area_id}/{year}/evaluate",
        "/api/v1/evaluations/communes/{commune_id}/{year}",
        "/api/v1/evaluations/dossiers/{dossier_id}/transition",
        "/api/v1/evaluations/dossiers/{dossier_id}/decision",
        "/api/v1/evaluations/lines/{line_id}/revoke",
    } <= set(paths)
