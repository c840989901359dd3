"""The commune's dossier of cultural areas (KDC) through its page, and the district's queue."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from thidua.evaluations.models import AreaYear, Decision, Dossier, DossierKind, DossierStatus, HouseholdYear
from thidua.people.models import Household
from thidua.testing import Cast, client_for, make_unit
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db
YEAR = 2020
D = datetime.date


@pytest.fixture
def to_9(cast: Cast) -> Unit:
    return make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan)


@pytest.fixture
def titles(cast: Cast, households: list[Household]) -> None:
    """Four of the five households of tổ 8A are cultural families in 2020: a share of 80%."""
    for n, household in enumerate(households):
        HouseholdYear.objects.create(
            household=household, year=YEAR, area=cast.to_8a, registered_on=D(YEAR, 1, 10), titled=n < 4
        )


def _url(cast: Cast, tail: str = "") -> str:
    return f"/evaluations/communes/{cast.duc_xuan.pk}/{YEAR}/areas/{tail}"


def _lines() -> dict[str, AreaYear]:
    return {line.area.code: line for line in AreaYear.objects.filter(year=YEAR).select_related("area")}


def _meeting(votes: dict[int, int]) -> dict[str, str]:
    form = {"held_on": f"10/12/{YEAR}", "convened": "20", "present": "15", "ballot": "hands", "chair": "Nông Thị Lan"}
    return form | {f"votes-{pk}": str(n) for pk, n in votes.items()}


def _prepare(cast: Cast, to_9: Unit) -> Client:
    commune = client_for(cast["ducxuan"])
    response = commune.post(_url(cast, "register/"), {"area": [cast.to_8a.pk, to_9.pk], "registered_on": "15/01/2020"})
    assert response.status_code == 302
    lines = _lines()
    votes = {lines[cast.to_8a.code].pk: 12, lines[to_9.code].pk: 8}  # 12/15 = 80%, 8/15 < 60%
    assert commune.post(_url(cast, "meeting/"), _meeting(votes)).status_code == 302
    assert commune.post(_url(cast, "evaluate/")).status_code == 302
    return commune


def test_the_commune_page_links_to_its_dossier_of_cultural_areas(cast: Cast) -> None:
    html = client_for(cast["ducxuan"]).get(f"/evaluations/communes/{cast.duc_xuan.pk}/{YEAR}/").content.decode()
    assert f'href="{_url(cast)}"' in html


def test_a_commune_registers_meets_and_proposes_its_areas_with_the_share_counted(
    cast: Cast, to_9: Unit, titles: None
) -> None:
    _prepare(cast, to_9)
    lines = _lines()
    assert lines[cast.to_8a.code].proposed is True and lines[to_9.code].proposed is False
    html = client_for(cast["ducxuan"]).get(_url(cast)).content.decode()
    row_8a = html.split(f'data-testid="kdc-area-{cast.to_8a.pk}"')[1].split("</tr>")[0]
    assert "4/5 (80%)" in row_8a and "proposed" in row_8a
    row_9 = html.split(f'data-testid="kdc-area-{to_9.pk}"')[1].split("</tr>")[0]
    assert "not proposed — why?" in row_9 and "8/15" in row_9
    dossier = Dossier.objects.get(kind=DossierKind.KDC, unit=cast.duc_xuan, year=YEAR)
    assert dossier.status == DossierStatus.DRAFT
    assert 'value="submitted"' in html


def test_the_kdc_dossier_goes_up_is_returned_with_a_reason_and_decided_by_the_district(
    cast: Cast, to_9: Unit, titles: None
) -> None:
    commune = _prepare(cast, to_9)
    dossier = Dossier.objects.get(kind=DossierKind.KDC, unit=cast.duc_xuan, year=YEAR)
    step = f"/evaluations/dossiers/{dossier.pk}/transition/"
    commune.post(step, {"to": "submitted"})
    district = client_for(cast["backan"])
    queue = district.get(f"/evaluations/districts/{cast.town.pk}/{YEAR}/").content.decode()
    assert "1 of 2 communes have sent their dossier of cultural areas" in queue
    # A return without a reason is refused and changes nothing; with a reason it goes back.
    district.post(step, {"to": "returned", "reason": " "})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    district.post(step, {"to": "returned", "reason": "Thiếu biên bản họp"})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert "Thiếu biên bản họp" in commune.get(_url(cast)).content.decode()
    commune.post(step, {"to": "submitted"})
    # The commune cannot review its own dossier.
    commune.post(step, {"to": "reviewed"})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    district.post(step, {"to": "reviewed"})
    html = district.get(_url(cast)).content.decode()
    assert 'data-testid="kdc-decision-form"' in html
    lines = _lines()
    response = district.post(
        f"/evaluations/dossiers/{dossier.pk}/decision/",
        {
            "number": "7",
            "issued_on": "26/12/2020",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Triệu Văn Minh",
            "titled": [lines[cast.to_8a.code].pk],
        },
    )
    assert response.status_code == 302 and response["Location"] == _url(cast)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    decision = Decision.objects.get()
    assert decision.issuer == cast.town and decision.kind == "kdc"
    lines = _lines()
    assert lines[cast.to_8a.code].titled is True and lines[to_9.code].titled is False
    assert "07/QĐ-UBND" in district.get(_url(cast)).content.decode()


def test_the_area_officer_and_the_district_cannot_enter_the_commune_meeting(cast: Cast, to_9: Unit) -> None:
    # The commune is above the area officer's unit: outside their reach, a 404.
    area = client_for(cast["to8a"])
    response = area.post(_url(cast, "register/"), {"area": [cast.to_8a.pk], "registered_on": "15/01/2020"})
    assert response.status_code == 404
    response = client_for(cast["backan"]).post(
        _url(cast, "register/"), {"area": [cast.to_8a.pk], "registered_on": "15/01/2020"}
    )
    assert response.status_code == 403
    assert not AreaYear.objects.exists()
    assert client_for(cast["chomoi"]).get(_url(cast)).status_code == 404


def test_bad_votes_on_the_commune_meeting_change_nothing(cast: Cast, to_9: Unit) -> None:
    commune = client_for(cast["ducxuan"])
    commune.post(_url(cast, "register/"), {"area": [cast.to_8a.pk], "registered_on": "15/01/2020"})
    line = _lines()[cast.to_8a.code]
    response = commune.post(_url(cast, "meeting/"), _meeting({line.pk: 16}))  # more votes than present
    assert response.status_code == 400
    assert "16 votes" in response.content.decode()
    assert not Dossier.objects.filter(kind=DossierKind.KDC).exists()
    line.refresh_from_db()
    assert line.votes_for is None
