"""NĐ 152/2025 (from 1/7/2025): candidates equal on votes — women, and collectives with at least 70%
women, come first. A residential area's share of women is read from its households."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from thidua.awards.decisions.selectors import rank_passed, women_shares
from thidua.awards.models import AwardForm, BallotBox, BallotMethod, CouncilSession, Nomination, Organ, Round, Subject
from thidua.evaluations.models import HouseholdYear
from thidua.people.models import Gender, Household, Member
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db


def _households(area, year: int, heads: list[str], members: dict[int, list[str]] | None = None) -> None:
    for n, gender in enumerate(heads):
        household = Household.objects.create(
            code=f"{area.code}-{n}", head_name=f"Hộ {n}", head_gender=gender, area=area
        )
        HouseholdYear.objects.create(household=household, year=year, area=area)
        for m, member_gender in enumerate((members or {}).get(n, [])):
            Member.objects.create(household=household, full_name=f"Người {n}-{m}", gender=member_gender)


def test_an_area_counts_its_women_among_members_or_else_among_heads(cast: Cast) -> None:
    other = make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    F, M = Gender.FEMALE, Gender.MALE
    # tổ 8A: members recorded — 7 women of 10 (the heads, all men, do not count then).
    _households(cast.to_8a, 2025, [M, M], {0: [F, F, F, F, M], 1: [F, F, F, M, M]})
    # tổ 9: no member recorded — 2 women heads of 3.
    _households(other, 2025, [F, F, M])
    assert women_shares([cast.to_8a.pk, other.pk], year=2025) == {
        cast.to_8a.pk: Fraction(7, 10),
        other.pk: Fraction(2, 3),
    }


def test_equal_votes_put_the_area_with_70_percent_women_first_from_july_2025(cast: Cast) -> None:
    other = make_unit(code="01840-02", name="2", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    F, M = Gender.FEMALE, Gender.MALE
    _households(cast.to_8a, 2025, [F, F, F, F, F, F, F, M, M, M])  # 70%
    _households(other, 2025, [F, F, F, F, F, F, M, M, M, M])  # 60%
    round_ = Round.objects.create(
        name="Đợt 2021–2025", issuer=cast.town, organ=Organ.UBND, period_start=2021, period_end=2025
    )
    form = AwardForm.objects.create(
        round=round_, code="gk", name="Giấy khen", subject=Subject.AREA, awarding_body="UBND"
    )
    session = CouncilSession.objects.create(round=round_, held_on=datetime.date(2026, 1, 10))
    pairs = []
    # tổ 2 comes first in the name order; tổ 8A has the women.
    for area in (other, cast.to_8a):
        nomination = Nomination.objects.create(round=round_, form=form, area=area, nominated_by=cast.duc_xuan)
        box = BallotBox.objects.create(session=session, nomination=nomination, method=BallotMethod.SECRET, votes_for=7)
        pairs.append((nomination, box))
    after = rank_passed(pairs, form=form, on=datetime.date(2026, 1, 12))
    assert [n.area for _rank, n, _box in after] == [cast.to_8a, other]
    before = rank_passed(pairs, form=form, on=datetime.date(2025, 6, 30))
    assert [n.area for _rank, n, _box in before] == [other, cast.to_8a]
