"""/api/v1/accounts/: the same operations as the pages, through the same services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from thidua.accounts.models import Role, User
from thidua.testing import Cast

pytestmark = pytest.mark.django_db

ClientAs = Callable[..., Client]


def test_an_officer_runs_the_accounts_below_through_the_api(cast: Cast, client_as: ClientAs) -> None:
    client = client_as("backan")
    response = client.post(
        "/api/v1/accounts/users",
        {"username": "lan", "full_name": "Nông Thị Lan", "role": "commune_officer", "unit_id": cast.duc_xuan.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    user = User.objects.get(username="lan")
    assert body["account"]["role"] == Role.COMMUNE_OFFICER and user.check_password(body["code"])
    assert "lan" in [a["username"] for a in client.get("/api/v1/accounts/users").json()]
    response = client.post(
        f"/api/v1/accounts/users/{user.pk}/roles",
        {"role": "council_member", "unit_id": cast.town.pk, "starts": "2030-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 201
    roles = client.get(f"/api/v1/accounts/users/{user.pk}").json()["roles"]
    assert [r["role"] for r in roles] == ["commune_officer", "council_member"]
    response = client.post(
        f"/api/v1/accounts/roles/{roles[1]['id']}/end",
        {"ends": "2030-12-31", "reason": "Hết nhiệm kỳ"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["end_reason"] == "Hết nhiệm kỳ"
    response = client.post(
        f"/api/v1/accounts/users/{user.pk}/deactivate", {"reason": "Nghỉ hưu"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["is_active"] is False


def test_the_api_refuses_with_its_one_error_shape(cast: Cast, client_as: ClientAs) -> None:
    response = client_as("ducxuan").post(
        "/api/v1/accounts/users",
        {"username": "x", "role": "district_officer", "unit_id": cast.duc_xuan.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["message"] == "Nobody gives a role above their own."
    response = client_as("chomoi").get(f"/api/v1/accounts/users/{cast['to8a'].pk}")
    assert response.status_code == 404
    response = client_as("ducxuan").post(
        "/api/v1/accounts/users",
        {"username": "x", "role": "commune_officer", "unit_id": cast.to_8a.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and "another level" in response.json()["message"]
    assert client_as("to8a").get("/api/v1/accounts/users").status_code == 403
    assert not User.objects.filter(username="x").exists()
