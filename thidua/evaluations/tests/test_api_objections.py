"""Objections to the posted list through /api/v1/evaluations: list, raise, resolve."""

from __future__ import annotations

import datetime

import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.evaluations.models import HouseholdYear, MeetingKind, Objection
from thidua.evaluations.services import Vote, households_register, meeting_record
from thidua.people.models import Household
from thidua.testing import Cast, client_for

pytestmark = pytest.mark.django_db
YEAR = 2024
D = datetime.date
API = "/api/v1/evaluations"


@pytest.fixture
def line(cast: Cast, households: list[Household]) -> HouseholdYear:
    (row,) = households_register(
        area=cast.to_8a, year=YEAR, households=households[:1], registered_on=D(YEAR, 1, 15), actor=SYSTEM_ACTOR
    )
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=YEAR,
        held_on=D(YEAR, 11, 1),
        convened=40,
        present=30,
        votes={row.pk: Vote(votes_for=25)},
        posted_from=D(YEAR, 11, 2),
        posted_until=D(YEAR, 11, 11),
        actor=SYSTEM_ACTOR,
    )
    return row


def _objections(cast: Cast) -> str:
    return f"{API}/areas/{cast.to_8a.pk}/{YEAR}/objections"


def test_an_objection_is_raised_listed_and_resolved_through_the_api(cast: Cast, line: HouseholdYear) -> None:
    client = client_for(cast["to8a"])
    body = {"line_id": line.pk, "raised_on": f"{YEAR}-11-11", "raised_by": "Lý Văn Sình", "text": "Chưa đóng góp"}
    response = client.post(_objections(cast), body, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["line_id"] == line.pk and created["resolved_on"] is None
    listed = client_for(cast["ducxuan"]).get(_objections(cast)).json()
    assert [o["text"] for o in listed] == ["Chưa đóng góp"]
    response = client.post(
        f"{API}/objections/{created['id']}/resolve",
        {"resolved_on": f"{YEAR}-11-12", "resolution": "Đã đóng góp đủ"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["resolution"] == "Đã đóng góp đủ"
    assert Objection.objects.get().resolved_on == D(YEAR, 11, 12)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"evaluations.objection_raise", "evaluations.objection_resolve"} <= actions


def test_an_objection_after_the_posting_is_refused_in_the_readers_language_and_nothing_saved(
    cast: Cast, line: HouseholdYear
) -> None:
    body = {"line_id": line.pk, "raised_on": f"{YEAR}-11-12", "text": "Muộn"}
    response = client_for(cast["to8a"]).post(_objections(cast), body, content_type="application/json")
    assert response.status_code == 400
    refusal = response.json()
    assert "from 02/11/2024 to 11/11/2024" in refusal["message"]
    assert refusal["errors"] == [
        {"message": refusal["message"].removeprefix("column raised_on: "), "field": "raised_on", "row": None}
    ]
    vietnamese = client_for(cast["to8a"], language="vi").post(_objections(cast), body, content_type="application/json")
    assert "02/11/2024" in vietnamese.json()["message"] and "from" not in vietnamese.json()["message"]
    assert not Objection.objects.exists()


def test_a_resolution_needs_words_and_a_date_after_the_objection(cast: Cast, line: HouseholdYear) -> None:
    objection = Objection.objects.create(household_year=line, raised_on=D(YEAR, 11, 5), text="x")
    client = client_for(cast["to8a"])
    url = f"{API}/objections/{objection.pk}/resolve"
    for payload in (
        {"resolved_on": f"{YEAR}-11-06", "resolution": " "},
        {"resolved_on": f"{YEAR}-11-04", "resolution": "ok"},
    ):
        assert client.post(url, payload, content_type="application/json").status_code == 400
    objection.refresh_from_db()
    assert objection.resolved_on is None and objection.resolution == ""


def test_outsiders_get_404_and_the_district_may_read_but_not_raise(cast: Cast, line: HouseholdYear) -> None:
    objection = Objection.objects.create(household_year=line, raised_on=D(YEAR, 11, 5), text="x")
    outsider = client_for(cast["chomoi"])
    assert outsider.get(_objections(cast)).status_code == 404
    assert (
        outsider.post(
            f"{API}/objections/{objection.pk}/resolve",
            {"resolved_on": f"{YEAR}-11-06", "resolution": "ok"},
            content_type="application/json",
        ).status_code
        == 404
    )
    district = client_for(cast["backan"])
    assert district.get(_objections(cast)).status_code == 200
    body = {"line_id": line.pk, "raised_on": f"{YEAR}-11-06", "text": "y"}
    assert district.post(_objections(cast), body, content_type="application/json").status_code == 403
    assert Objection.objects.count() == 1
