from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError
from thidua.people.models import Gender, Person, PositionKind
from thidua.people.selectors import households_in_area, position_holder
from thidua.people.services import MemberData, household_create, household_dissolve, household_move, position_assign
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db
D = datetime.date


def _household(cast: Cast, code: str = "01840-08A-001", name: str = "Hoàng Văn Páo") -> object:
    return household_create(
        code=code,
        head_name=name,
        area=cast.to_8a,
        since=D(2009, 1, 1),
        actor=cast["to8a"],
        members=[MemberData("Hoàng Văn Páo", Gender.MALE, 1960, "chủ hộ"), MemberData("Nông Thị Mai", Gender.FEMALE)],
    )


def test_a_household_lives_in_an_area_with_its_members(cast: Cast) -> None:
    household = _household(cast)
    assert household.members.count() == 2
    assert list(households_in_area(cast.to_8a, as_of=D(2012, 6, 1))) == [household]
    assert AuditEntry.objects.for_object(household).get().action == "people.household_create"


def test_a_move_keeps_where_it_lived_before(cast: Cast) -> None:
    household = _household(cast)
    other = make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    household_move(household=household, area=other, date=D(2012, 3, 1), actor=cast["ducxuan"], reason="chuyển nhà")
    assert list(households_in_area(cast.to_8a, as_of=D(2012, 2, 29))) == [household]
    assert list(households_in_area(cast.to_8a, as_of=D(2012, 3, 1))) == []
    assert list(households_in_area(other, as_of=D(2012, 3, 1))) == [household]
    assert [(r.area_id, r.valid_to) for r in household.residences.all()] == [
        (cast.to_8a.pk, D(2012, 2, 29)),
        (other.pk, None),
    ]


def test_a_household_cannot_live_outside_a_residential_area_or_move_back_in_time(cast: Cast) -> None:
    with translation.override("en"), pytest.raises(DomainError, match="is not a residential area"):
        household_create(code="X1", head_name="A", area=cast.duc_xuan, since=None, actor=SYSTEM_ACTOR)
    household = _household(cast)
    other = make_unit(code="01840-10", name="10", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    with pytest.raises(DomainError):
        household_move(household=household, area=other, date=D(2008, 1, 1), actor=SYSTEM_ACTOR)


def test_dissolution_needs_a_reason_and_ends_the_residence(cast: Cast) -> None:
    household = _household(cast)
    with pytest.raises(DomainError):
        household_dissolve(household=household, date=D(2013, 1, 1), reason=" ", actor=SYSTEM_ACTOR)
    household_dissolve(household=household, date=D(2013, 1, 1), reason="nhập hộ khác", actor=cast["ducxuan"])
    assert list(households_in_area(cast.to_8a, as_of=D(2013, 1, 1))) == []
    assert list(households_in_area(cast.to_8a, as_of=D(2012, 12, 31))) == [household]


def test_a_new_head_of_the_front_committee_ends_the_previous_term(cast: Cast) -> None:
    first = Person.objects.create(full_name="Hoàng Văn Thụ", gender=Gender.MALE)
    second = Person.objects.create(full_name="Lý Thị Hoa", gender=Gender.FEMALE)
    kind = PositionKind.TRUONG_BAN_BCTMT
    position_assign(person=first, kind=kind, unit=cast.to_8a, term_from=D(2009, 1, 1), actor=SYSTEM_ACTOR)
    position_assign(person=second, kind=kind, unit=cast.to_8a, term_from=D(2012, 6, 1), actor=SYSTEM_ACTOR)
    assert position_holder(cast.to_8a, kind, D(2012, 5, 31)).person == first
    assert position_holder(cast.to_8a, kind, D(2012, 6, 1)).person == second
    with pytest.raises(DomainError):
        position_assign(
            person=first,
            kind=kind,
            unit=cast.to_8a,
            term_from=D(2010, 1, 1),
            term_to=D(2010, 12, 31),
            actor=SYSTEM_ACTOR,
        )
