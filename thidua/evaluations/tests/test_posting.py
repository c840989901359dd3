"""NĐ 86/2023 Điều 8: the list is posted for residents' opinions before the dossier goes up (#13.2)."""

from __future__ import annotations

import datetime

import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.errors import DomainError
from thidua.evaluations.models import Dossier, DossierKind, DossierStatus, HouseholdYear, MeetingKind
from thidua.evaluations.selectors import area_year
from thidua.evaluations.services import Vote, dossier_transition, households_register, meeting_record
from thidua.people.models import Household
from thidua.testing import Cast, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date


def _meeting(cast: Cast, households: list[Household], until: D | None) -> Dossier:
    households_register(
        area=cast.to_8a, year=2024, households=households[:2], registered_on=D(2024, 1, 15), actor=SYSTEM_ACTOR
    )
    rows = HouseholdYear.objects.filter(year=2024)
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2024,
        held_on=D(2024, 11, 10),
        convened=40,
        present=30,
        votes={row.pk: Vote(votes_for=25) for row in rows},
        posted_from=D(2024, 11, 11) if until else None,
        posted_until=until,
        actor=cast["to8a"],
    )
    return Dossier.objects.get(kind=DossierKind.GDVH, unit=cast.to_8a, year=2024)


def test_a_dossier_without_its_posting_is_refused_and_the_rules_say_why(
    cast: Cast, households: list[Household]
) -> None:
    dossier = _meeting(cast, households, None)
    with pytest.raises(DomainError, match="The list is not posted: under NĐ 86/2023/NĐ-CP it stays posted 10 days"):
        dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    line = area_year(cast.to_8a, 2024).registered[0]
    assert line.result is not None and line.result.outcome is False
    assert next(c.detail for c in line.failed if c.rule == "posting").startswith(
        "the posting of the list is not recorded"
    )


def test_a_posting_one_day_short_is_refused(cast: Cast, households: list[Household]) -> None:
    dossier = _meeting(cast, households, D(2024, 11, 19))
    with pytest.raises(DomainError, match=r"posted 9 days \(11/11/2024–19/11/2024\); NĐ 86/2023/NĐ-CP requires 10"):
        dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])


def test_a_posting_of_exactly_ten_days_lets_the_dossier_go_up(cast: Cast, households: list[Household]) -> None:
    dossier = _meeting(cast, households, D(2024, 11, 20))
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    assert dossier.status == DossierStatus.SUBMITTED
    line = area_year(cast.to_8a, 2024).registered[0]
    assert line.result is not None and line.result.outcome is True
    meeting = client_for(cast["to8a"]).get(f"/api/v1/evaluations/areas/{cast.to_8a.pk}/2024").json()["meeting"]
    assert (meeting["posted_from"], meeting["posted_until"]) == ("2024-11-11", "2024-11-20")
