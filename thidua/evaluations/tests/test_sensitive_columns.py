"""Points and exclusion categories on the area page: for those who decide only, every view audited."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.evaluations.models import HouseholdYear, MeetingKind
from thidua.evaluations.services import Vote, households_register, meeting_record
from thidua.people.models import Household
from thidua.testing import Cast, client_for

pytestmark = pytest.mark.django_db
YEAR = 2024
D = datetime.date
PROSECUTED = "a member is being prosecuted for a crime"


@pytest.fixture
def lines(cast: Cast, households: list[Household]) -> list[HouseholdYear]:
    rows = households_register(
        area=cast.to_8a, year=YEAR, households=households[:3], registered_on=D(YEAR, 1, 15), actor=SYSTEM_ACTOR
    )
    rows.sort(key=lambda row: row.household.code)
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=YEAR,
        held_on=D(YEAR, 11, 20),
        convened=40,
        present=30,
        votes={
            rows[0].pk: Vote(votes_for=25, points=Decimal("91.5")),
            rows[1].pk: Vote(votes_for=28, points=Decimal("87"), exclusions=("criminal_prosecution",)),
            rows[2].pk: Vote(votes_for=20),
        },
        actor=SYSTEM_ACTOR,
    )
    return rows


def _page(cast: Cast, username: str) -> tuple[int, str]:
    response = client_for(cast[username]).get(f"/evaluations/areas/{cast.to_8a.pk}/{YEAR}/")
    return response.status_code, response.content.decode()


def _views() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="evaluations.exclusions_view"))


@pytest.mark.parametrize("username", ["ducxuan", "backan", "tinh", "admin"])
def test_those_who_decide_see_points_and_exclusion_categories_and_each_view_is_audited(
    cast: Cast, lines: list[HouseholdYear], username: str
) -> None:
    status, html = _page(cast, username)
    assert status == 200
    assert 'data-testid="exclusions-column"' in html and 'data-testid="points-column"' in html
    assert 'value="91.50"' in html
    assert PROSECUTED in html
    # The category is shown, never the facts behind it; the other lines read "none".
    assert "criminal_prosecution" not in html.split('data-testid="exclusions-')[2].split("<details>")[0]
    (entry,) = _views()
    assert entry.actor == cast[username]
    assert entry.object_id == str(cast.to_8a.pk)
    assert entry.changes["with_exclusions"][1] == [lines[1].pk]
    _page(cast, username)
    assert len(_views()) == 2


def test_the_area_officer_sees_neither_points_nor_exclusions_and_nothing_is_audited(
    cast: Cast, lines: list[HouseholdYear]
) -> None:
    status, html = _page(cast, "to8a")
    assert status == 200
    assert "exclusions-column" not in html and "points-column" not in html
    assert PROSECUTED not in html
    assert "91.50" not in html
    assert "criminal_prosecution" not in html
    # The household is still not proposed, and the page says the reason is for the deciders.
    assert "exclusions: shown only to those who decide the titles" in html
    assert _views() == []


def test_an_outsider_gets_a_404_and_no_view_is_audited(cast: Cast, lines: list[HouseholdYear]) -> None:
    status, _html = _page(cast, "chomoi")
    assert status == 404
    assert _views() == []


def _meeting_form(lines: list[HouseholdYear]) -> dict[str, object]:
    form: dict[str, object] = {
        "held_on": f"20/11/{YEAR}",
        "convened": "40",
        "present": "30",
        "ballot": "hands",
    }
    form |= {f"votes-{line.pk}": "26" for line in lines}
    return form


def test_the_area_officer_saving_the_votes_keeps_the_points_and_exclusions(
    cast: Cast, lines: list[HouseholdYear]
) -> None:
    form = _meeting_form(lines) | {f"points-{lines[0].pk}": "10", f"exclusions-{lines[0].pk}": "tax_default"}
    response = client_for(cast["to8a"]).post(f"/evaluations/areas/{cast.to_8a.pk}/{YEAR}/meeting/", form)
    assert response.status_code == 302
    saved = {line.pk: line for line in HouseholdYear.objects.filter(year=YEAR)}
    assert saved[lines[0].pk].votes_for == 26
    assert saved[lines[0].pk].points == Decimal("91.5") and saved[lines[0].pk].exclusions == []
    assert saved[lines[1].pk].exclusions == ["criminal_prosecution"]


def test_the_commune_officer_records_points_and_exclusion_categories(cast: Cast, lines: list[HouseholdYear]) -> None:
    form = _meeting_form(lines) | {
        f"points-{lines[0].pk}": "88,5",
        f"exclusions-{lines[0].pk}": ["tax_default", "sanction_gambling"],
        f"points-{lines[1].pk}": "",
    }
    response = client_for(cast["ducxuan"]).post(f"/evaluations/areas/{cast.to_8a.pk}/{YEAR}/meeting/", form)
    assert response.status_code == 302
    saved = {line.pk: line for line in HouseholdYear.objects.filter(year=YEAR)}
    assert saved[lines[0].pk].points == Decimal("88.5")
    assert saved[lines[0].pk].exclusions == ["tax_default", "sanction_gambling"]
    assert saved[lines[1].pk].points is None and saved[lines[1].pk].exclusions == []


@pytest.mark.parametrize(
    ("field", "value"), [("points", "nhiều"), ("points", "-1"), ("exclusions", "criminal_record_details")]
)
def test_bad_points_or_an_unknown_category_change_nothing(
    cast: Cast, lines: list[HouseholdYear], field: str, value: str
) -> None:
    before = list(HouseholdYear.objects.filter(year=YEAR).order_by("pk").values())
    form = _meeting_form(lines) | {f"{field}-{lines[0].pk}": value}
    response = client_for(cast["ducxuan"]).post(f"/evaluations/areas/{cast.to_8a.pk}/{YEAR}/meeting/", form)
    assert response.status_code == 400
    assert value in response.content.decode()
    assert list(HouseholdYear.objects.filter(year=YEAR).order_by("pk").values()) == before


API = "/api/v1/evaluations"


def test_the_api_gives_points_and_exclusions_to_those_who_decide_only_and_audits_it(
    cast: Cast, lines: list[HouseholdYear]
) -> None:
    url = f"{API}/areas/{cast.to_8a.pk}/{YEAR}"
    body = client_for(cast["to8a"]).get(url).json()
    assert {row["exclusions"] for row in body["households"] if row["line_id"]} == {None}
    assert all(c["detail"] != "not eligible: criminal_prosecution" for row in body["households"] for c in row["checks"])
    assert _views() == []
    body = client_for(cast["ducxuan"]).get(url).json()
    by_line = {row["line_id"]: row for row in body["households"]}
    assert by_line[lines[1].pk]["exclusions"] == ["criminal_prosecution"]
    assert Decimal(str(by_line[lines[0].pk]["points"])) == Decimal("91.5")
    (entry,) = _views()
    assert entry.changes["channel"][1] == "api"


def test_the_area_officer_cannot_send_exclusions_through_the_api_and_keeps_those_recorded(
    cast: Cast, lines: list[HouseholdYear]
) -> None:
    payload = {
        "held_on": f"{YEAR}-11-20",
        "convened": 40,
        "present": 30,
        "votes": [{"line_id": line.pk, "votes_for": 27} for line in lines],
    }
    client = client_for(cast["to8a"])
    url = f"{API}/areas/{cast.to_8a.pk}/{YEAR}/meeting"
    refused = dict(payload, votes=[{"line_id": lines[0].pk, "votes_for": 27, "exclusions": ["tax_default"]}])
    assert client.post(url, refused, content_type="application/json").status_code == 403
    assert client.post(url, payload, content_type="application/json").status_code == 200
    saved = HouseholdYear.objects.get(pk=lines[1].pk)
    assert saved.votes_for == 27 and saved.exclusions == ["criminal_prosecution"] and saved.points == Decimal("87")
