"""The nominations through /api/v1/awards: the same services, the same refusals, 404 outside one's reach."""

from __future__ import annotations

import pytest
from django.test import Client

from thidua.awards.models import Nomination, NominationStatus
from thidua.awards.tests.fixtures_nominations import Story, story_fixture  # noqa: F401
from thidua.testing import client_for

pytestmark = pytest.mark.django_db

API = "/api/v1/awards"


def _create(client: Client, story: Story, **payload: object) -> object:
    body = {"form_id": story.area_form.pk, "area_id": story.to_8a.pk} | payload
    return client.post(f"{API}/rounds/{story.round.pk}/nominations", body, content_type="application/json")


def test_a_nomination_goes_from_the_commune_to_acceptance_through_the_api(story: Story) -> None:
    commune, district = client_for(story.cast["ducxuan"]), client_for(story.cast["backan"])

    created = _create(commune, story)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["transitions"] == ["submitted", "withdrawn"]
    assert "05/QĐ-UBND" in created.json()["report"]

    edited = commune.put(f"{API}/nominations/{pk}/report", {"report": "Báo cáo."}, content_type="application/json")
    assert edited.json()["report"] == "Báo cáo."
    assert commune.post(f"{API}/nominations/{pk}/submit").json()["status"] == "submitted"
    queue = district.get(f"{API}/rounds/{story.round.pk}/nominations/queue").json()
    assert (queue["submitted"], queue["total"]) == (1, 2)
    returned = district.post(f"{API}/nominations/{pk}/return", {"reason": "Bổ sung."}, content_type="application/json")
    assert returned.json()["steps"][-1]["reason"] == "Bổ sung."
    commune.post(f"{API}/nominations/{pk}/submit")
    accepted = district.post(f"{API}/nominations/{pk}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == NominationStatus.ACCEPTED
    assert [n["id"] for n in commune.get(f"{API}/rounds/{story.round.pk}/nominations").json()] == [pk]


def test_the_api_refuses_an_area_outside_the_commune_and_a_duplicate_with_the_reason(story: Story) -> None:
    commune = client_for(story.cast["ducxuan"])

    outside = _create(commune, story, area_id=story.to_12.pk)
    assert outside.status_code == 400
    assert "is not in phường Đức Xuân" in outside.json()["message"]

    _create(commune, story)
    duplicate = _create(commune, story)
    assert duplicate.status_code == 400
    assert "already nominated in this round" in duplicate.json()["message"]
    assert Nomination.objects.count() == 1


def test_the_api_refuses_a_return_without_reason_and_an_acceptance_by_the_commune(story: Story) -> None:
    commune, district = client_for(story.cast["ducxuan"]), client_for(story.cast["backan"])
    pk = _create(commune, story).json()["id"]
    commune.post(f"{API}/nominations/{pk}/submit")

    assert district.post(f"{API}/nominations/{pk}/return", {}, content_type="application/json").status_code == 400
    assert commune.post(f"{API}/nominations/{pk}/accept").status_code == 403
    assert commune.get(f"{API}/rounds/{story.round.pk}/nominations/queue").status_code == 403
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED


def test_an_outsider_gets_404(story: Story) -> None:
    pk = _create(client_for(story.cast["ducxuan"]), story).json()["id"]
    outsider = client_for(story.cast["chomoi"])

    assert outsider.get(f"{API}/rounds/{story.round.pk}/nominations").status_code == 404
    assert outsider.get(f"{API}/nominations/{pk}").status_code == 404
    assert outsider.post(f"{API}/nominations/{pk}/accept").status_code == 404
    assert _create(outsider, story).status_code == 404


def test_the_report_downloads_through_the_api(story: Story) -> None:
    pk = _create(client_for(story.cast["ducxuan"]), story).json()["id"]

    response = client_for(story.cast["backan"]).get(f"{API}/nominations/{pk}/report.docx")

    assert response.status_code == 200
    assert response.content.startswith(b"PK")
