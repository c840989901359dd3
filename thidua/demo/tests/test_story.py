from __future__ import annotations

import pytest

from thidua.accounts.models import User
from thidua.demo.places import AREAS
from thidua.demo.story import demo_story
from thidua.demo_data import demo_load
from thidua.evaluations.models import Decision, Dossier, DossierStatus, HouseholdYear
from thidua.evaluations.selectors import household_year_result, meeting_parameters
from thidua.people.models import Position, PositionKind
from thidua.units.models import Unit

pytestmark = pytest.mark.django_db


def test_the_story_runs_through_the_services_and_the_rules_decide() -> None:
    demo_load()
    summary = demo_story(actor=User.objects.get(username="admin"), communes=("01840",), years=range(2010, 2012))
    duc_xuan = next(group for group in AREAS if group.code == "01840")
    assert summary["areas"] == len(duc_xuan.names) == 17
    assert 1300 < summary["households"] < 2000
    # tổ 8A of the personas is one of the areas, found again rather than duplicated.
    assert Unit.objects.filter(code="01840-08A").count() == 1
    assert Position.objects.filter(kind=PositionKind.TRUONG_BAN_BCTMT).values("unit").distinct().count() == 17

    lines = list(HouseholdYear.objects.filter(year=2011).select_related("meeting", "household"))
    registered = [line for line in lines if line.registered_on]
    assert 0.85 < len(registered) / len(lines) < 1
    params = meeting_parameters(registered[0].meeting)
    # No title is written directly: every line's title is what the rules of its meeting's date say.
    for line in registered:
        assert line.titled is bool(household_year_result(line, params=params).outcome)
    assert any(not line.titled for line in registered), "some families fall short of the approval"
    assert not any(line.titled for line in lines if not line.registered_on)

    decisions = Decision.objects.filter(year=2011, issuer__source_key="vn-2024:01840")
    assert sorted(d.number for d in decisions) == list(range(1, 18))
    assert not Dossier.objects.exclude(status=DossierStatus.LOCKED).exists()
    again = demo_story(actor=User.objects.get(username="admin"), communes=("01840",), years=range(2010, 2012))
    assert again == {"story_years": 0}


def test_the_areas_are_evaluated_by_the_commune_and_titled_by_the_town_as_the_rules_say() -> None:
    from thidua.evaluations.kdc.selectors import area_year_result
    from thidua.evaluations.models import AreaYear, DecisionKind

    demo_load()
    summary = demo_story(actor=User.objects.get(username="admin"), communes=("01840",), years=range(2011, 2013))
    assert summary["cultural_areas"] == AreaYear.objects.filter(titled=True).count()
    lines = list(AreaYear.objects.filter(year=2012, registered_on__isnull=False).select_related("meeting", "area"))
    assert 15 <= len(lines) <= 17
    for line in lines:
        # The share of cultural families is counted from the households, the points from the self-assessment.
        assert line.households == HouseholdYear.objects.filter(area=line.area, year=2012).count()
        assert line.points is not None and sum(int(v) for v in line.self_assessment.values()) == line.points
        assert line.titled is bool(area_year_result(line).outcome)
        assert line.mttq_tier in {"tot", "kha", "trung_binh"}
    assert {line.titled for line in lines} == {True, False}, "some areas fall short of the town's threshold"
    # tổ 8A is among the strongest areas of the summary.
    assert AreaYear.objects.get(area__code="01840-08A", year=2012).titled
    town_decisions = Decision.objects.filter(kind=DecisionKind.KDC, year=2012)
    assert len(town_decisions) == 1
    # Issued by the town under the name of its time (thị xã until 2015).
    from thidua.evaluations.documents import recognition_decision

    assert recognition_decision(town_decisions[0]).issuing_body == ("Ủy ban nhân dân", "thị xã Bắc Kạn")
    assert not Dossier.objects.exclude(status=DossierStatus.LOCKED).exists()
