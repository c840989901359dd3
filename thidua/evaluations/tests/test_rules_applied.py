from __future__ import annotations

import datetime

import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.models import HouseholdYear, MeetingKind
from thidua.evaluations.selectors import household_year_result
from thidua.evaluations.services import Vote, households_evaluate, households_register, meeting_record
from thidua.people.models import Household
from thidua.testing import Cast

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("held_on", "regime"),
    [(D(2018, 11, 4), "tt12-2011"), (D(2018, 11, 5), "nd122-2018")],
)
def test_the_regime_of_the_meeting_date_judges_the_households(
    cast: Cast, households: list[Household], held_on: datetime.date, regime: str
) -> None:
    households_register(
        area=cast.to_8a, year=2018, households=households[:2], registered_on=D(2018, 1, 10), actor=SYSTEM_ACTOR
    )
    rows = list(HouseholdYear.objects.filter(year=2018).order_by("household__code"))
    # 30 of 50 came (exactly 60%); the first family got 18 of 30 votes (exactly 60%), the second 17.
    meeting = meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2018,
        held_on=held_on,
        convened=50,
        present=30,
        votes={rows[0].pk: Vote(votes_for=18), rows[1].pk: Vote(votes_for=17)},
        actor=SYSTEM_ACTOR,
    )
    assert households_evaluate(area=meeting.unit, year=meeting.year, actor=cast["to8a"]) == {
        "evaluated": 2,
        "proposed": 1,
    }
    rows = list(HouseholdYear.objects.filter(year=2018).order_by("household__code"))
    assert [r.proposed for r in rows] == [True, False]
    assert household_year_result(rows[0]).checks[0].rule == "registered"
    why_not = household_year_result(rows[1])
    assert why_not.outcome is False
    failed = [c for c in why_not.checks if not c.passed]
    assert [c.rule for c in failed] == ["vote"]
    assert "17/30" in failed[0].detail


@pytest.mark.parametrize(("held_on", "proposed"), [(D(2018, 11, 4), True), (D(2018, 11, 5), False)])
def test_the_quorum_of_nd_122_applies_from_5_11_2018(
    cast: Cast, households: list[Household], held_on: datetime.date, proposed: bool
) -> None:
    households_register(
        area=cast.to_8a, year=2018, households=households[:1], registered_on=D(2018, 1, 10), actor=SYSTEM_ACTOR
    )
    row = HouseholdYear.objects.get(year=2018)
    # 29 of 50 came: under NĐ 122 the meeting has no quorum (58% < 60%); TT 12/2011 sets none.
    meeting = meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2018,
        held_on=held_on,
        convened=50,
        present=29,
        votes={row.pk: Vote(votes_for=20)},
        actor=SYSTEM_ACTOR,
    )
    households_evaluate(area=meeting.unit, year=meeting.year, actor=SYSTEM_ACTOR)
    row.refresh_from_db()
    assert row.proposed is proposed
    quorum = next(c for c in household_year_result(row).checks if c.rule == "quorum")
    assert quorum.passed is proposed
