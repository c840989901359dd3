from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.campaigns.services import parameter_set
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.kdc.selectors import area_year_result
from thidua.evaluations.kdc.services import (
    area_front_evaluation_record,
    area_register,
    area_self_assessment_record,
    areas_evaluate,
)
from thidua.evaluations.models import AreaYear, HouseholdYear, Meeting, MeetingKind
from thidua.evaluations.services import Vote, meeting_record, title_revoke
from thidua.people.models import Household
from thidua.testing import Cast

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = 2020
SCORES = {1: 18, 2: 18, 3: 16, 4: 16, 5: 16}  # 84 points


def _set(cast: Cast, name: str, value: object) -> None:
    parameter_set(
        province=cast.province,
        name=name,
        year_from=YEAR,
        value=value,
        legal_basis="QĐ 01/2020/QĐ-UBND",
        reason="test",
        actor=SYSTEM_ACTOR,
    )


def _titles(households: list[Household], titled: int) -> list[HouseholdYear]:
    """The five households of tổ 8A in 2020, the first ``titled`` of them cultural families."""
    return [
        HouseholdYear.objects.create(
            household=h, year=YEAR, area=h.area, registered_on=D(YEAR, 1, 10), titled=n < titled
        )
        for n, h in enumerate(households)
    ]


def _meeting(cast: Cast, area_year: AreaYear, votes_for: int = 12) -> Meeting:
    # 15 of 20 came, 12 of them agree: the meeting rules pass; only the share and the points decide.
    return meeting_record(
        kind=MeetingKind.AREA_REVIEW,
        unit=cast.duc_xuan,
        year=YEAR,
        held_on=D(YEAR, 12, 10),
        convened=20,
        present=15,
        votes={area_year.pk: Vote(votes_for=votes_for)},
        actor=SYSTEM_ACTOR,
    )


@pytest.fixture
def area_year(cast: Cast) -> AreaYear:
    _set(cast, "area_min_gdvh_share", 0.8)
    _set(cast, "area_min_points", 80)
    return area_register(area=cast.to_8a, year=YEAR, registered_on=D(YEAR, 1, 15), actor=SYSTEM_ACTOR)


@pytest.mark.parametrize(("titled", "proposed"), [(4, True), (3, False)])
def test_the_share_of_cultural_families_passes_exactly_at_the_minimum(
    cast: Cast, households: list[Household], area_year: AreaYear, titled: int, proposed: bool
) -> None:
    _titles(households, titled)
    area_self_assessment_record(area_year=area_year, scores=SCORES, actor=SYSTEM_ACTOR)
    meeting = _meeting(cast, area_year)
    assert areas_evaluate(commune=meeting.unit, year=meeting.year, actor=cast["ducxuan"]) == {
        "evaluated": 1,
        "proposed": int(proposed),
    }
    area_year.refresh_from_db()
    assert area_year.proposed is proposed
    assert (area_year.households, area_year.gdvh_households) == (5, titled)
    share = next(c for c in area_year_result(area_year).checks if c.rule == "gdvh_share")
    assert share.passed is proposed
    assert f"{titled}/5" in share.detail


def test_the_share_is_recounted_from_the_titles_never_typed(
    cast: Cast, households: list[Household], area_year: AreaYear
) -> None:
    _titles(households, 3)
    # A typed figure is ignored: the evaluation recounts the household titles.
    AreaYear.objects.filter(pk=area_year.pk).update(households=5, gdvh_households=5)
    area_self_assessment_record(area_year=area_year, scores=SCORES, actor=SYSTEM_ACTOR)
    meeting = _meeting(cast, area_year)
    areas_evaluate(commune=meeting.unit, year=meeting.year, actor=SYSTEM_ACTOR)
    area_year.refresh_from_db()
    assert area_year.gdvh_households == 3
    assert area_year.proposed is False


def test_a_revoked_household_title_lowers_the_share(
    cast: Cast, households: list[Household], area_year: AreaYear
) -> None:
    lines = _titles(households, 4)
    area_self_assessment_record(area_year=area_year, scores=SCORES, actor=SYSTEM_ACTOR)
    meeting = _meeting(cast, area_year)
    areas_evaluate(commune=meeting.unit, year=meeting.year, actor=SYSTEM_ACTOR)
    area_year.refresh_from_db()
    assert area_year.proposed is True
    title_revoke(line=lines[0], revoked_on=D(YEAR, 12, 12), reason="vi phạm hương ước", actor=SYSTEM_ACTOR)
    areas_evaluate(commune=meeting.unit, year=meeting.year, actor=SYSTEM_ACTOR)
    area_year.refresh_from_db()
    assert area_year.gdvh_households == 3
    assert area_year.proposed is False


def test_the_points_of_the_self_assessment_decide_at_the_province_minimum(
    cast: Cast, households: list[Household], area_year: AreaYear
) -> None:
    _titles(households, 5)
    area_self_assessment_record(area_year=area_year, scores={1: 16, 2: 16, 3: 16, 4: 16, 5: 15}, actor=SYSTEM_ACTOR)
    meeting = _meeting(cast, area_year)
    areas_evaluate(commune=meeting.unit, year=meeting.year, actor=SYSTEM_ACTOR)
    area_year.refresh_from_db()
    assert area_year.points == Decimal(79)
    assert area_year.proposed is False
    points = next(c for c in area_year_result(area_year).checks if c.rule == "points")
    assert points.detail == "79 < 80"
    area_self_assessment_record(area_year=area_year, scores={1: 16, 2: 16, 3: 16, 4: 16, 5: 16}, actor=SYSTEM_ACTOR)
    areas_evaluate(commune=meeting.unit, year=meeting.year, actor=SYSTEM_ACTOR)
    area_year.refresh_from_db()
    assert (area_year.points, area_year.proposed) == (Decimal(80), True)


def test_the_self_assessment_is_checked_against_the_five_contents_and_the_scale(
    cast: Cast, area_year: AreaYear
) -> None:
    with pytest.raises(DomainErrors) as refused:
        area_self_assessment_record(area_year=area_year, scores={1: 18, 2: -1, 3: 101, 6: 5}, actor=SYSTEM_ACTOR)
    columns = sorted(str(e.column) for e in refused.value.errors)
    assert columns == ["content 2", "content 3", "content 4", "content 5", "scores"]
    with pytest.raises(DomainErrors) as over:
        area_self_assessment_record(area_year=area_year, scores={1: 30, 2: 30, 3: 30, 4: 10, 5: 10}, actor=SYSTEM_ACTOR)
    assert "110" in over.value.errors[0].text("en")
    area_year.refresh_from_db()
    assert area_year.self_assessment == {}
    area_self_assessment_record(
        area_year=area_year, scores={"1": 18, "2": "18.5", 3: 16, 4: 16, 5: 16}, actor=SYSTEM_ACTOR
    )
    area_year.refresh_from_db()
    assert area_year.points == Decimal("84.5")
    assert area_year.self_assessment["2"] == "18.5"
    assert AuditEntry.objects.filter(action="evaluations.area_self_assessment_record").count() == 1


def test_an_area_evaluation_needs_the_area_review_meeting(cast: Cast, households: list[Household]) -> None:
    _titles(households, 5)
    rows = list(HouseholdYear.objects.filter(year=YEAR))
    meeting = meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=YEAR,
        held_on=D(YEAR, 11, 20),
        convened=10,
        present=10,
        votes={rows[0].pk: Vote(votes_for=10)},
        actor=SYSTEM_ACTOR,
    )
    with pytest.raises(DomainError):
        areas_evaluate(commune=meeting.unit, year=meeting.year, actor=SYSTEM_ACTOR)


@pytest.mark.parametrize(
    ("points", "tier"),
    [
        ("100", "tot"),
        ("90", "tot"),
        ("89.99", "kha"),
        ("70", "kha"),
        ("69.99", "trung_binh"),
        ("50", "trung_binh"),
        ("49.99", "yeu"),
        ("0", "yeu"),
    ],
)
def test_the_front_tier_follows_the_default_tiers_at_their_boundaries(
    cast: Cast, area_year: AreaYear, points: str, tier: str
) -> None:
    area_front_evaluation_record(area_year=area_year, points=points, front_head_grade="kha", actor=SYSTEM_ACTOR)
    area_year.refresh_from_db()
    assert (area_year.mttq_points, area_year.mttq_tier, area_year.front_head_grade) == (Decimal(points), tier, "kha")


def test_the_front_evaluation_uses_the_province_scale_and_tiers(cast: Cast, area_year: AreaYear) -> None:
    _set(cast, "mttq_scale_max", 50)
    _set(cast, "mttq_tiers", [["tot", 45], ["kha", 35], ["trung_binh", 25], ["yeu", 0]])
    area_front_evaluation_record(area_year=area_year, points=45, front_head_grade="tot", actor=SYSTEM_ACTOR)
    area_year.refresh_from_db()
    assert area_year.mttq_tier == "tot"
    area_front_evaluation_record(area_year=area_year, points="44.99", front_head_grade="", actor=SYSTEM_ACTOR)
    area_year.refresh_from_db()
    assert area_year.mttq_tier == "kha"
    with pytest.raises(DomainError) as refused:
        area_front_evaluation_record(area_year=area_year, points="50.01", front_head_grade="", actor=SYSTEM_ACTOR)
    assert refused.value.column == "mttq_points"
    with pytest.raises(DomainError) as bad_grade:
        area_front_evaluation_record(area_year=area_year, points=40, front_head_grade="xuat_sac", actor=SYSTEM_ACTOR)
    assert bad_grade.value.column == "front_head_grade"
    area_year.refresh_from_db()
    assert area_year.mttq_points == Decimal("44.99")
    assert AuditEntry.objects.filter(action="evaluations.area_front_evaluation_record").count() == 2
