"""Every writing service of people refuses an actor outside its scope and an actor of a lower role.

``PROBED`` lists the services probed here; ``thidua/tests/test_service_probes.py`` fails on any
writing service that no app's ``PROBED`` lists.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from thidua.accounts.models import User
from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import Refused
from thidua.people.models import Household, Person, PositionKind
from thidua.people.services import household_create, household_dissolve, household_move, person_create, position_assign
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

D = datetime.date


@dataclass
class Things:
    household: Household
    person: Person
    to_9: Unit


@pytest.fixture
def things(cast: Cast) -> Things:
    household = household_create(
        code="01840-08A-001", head_name="Hoàng Văn Páo", area=cast.to_8a, since=D(2009, 1, 1), actor=SYSTEM_ACTOR
    )
    person = person_create(full_name="Hoàng Văn Thụ", household=household, actor=SYSTEM_ACTOR)
    to_9 = make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    return Things(household, person, to_9)


Call = Callable[[Cast, Things, User], object]

# Each service: how to call it on the cast, and a persona who sees the unit but plays a lower role.
CALLS: dict[object, tuple[Call, str]] = {
    household_create: (
        lambda c, t, a: household_create(code="01840-08A-002", head_name="Mai", area=c.to_8a, since=None, actor=a),
        "hoidong",
    ),
    household_move: (
        lambda c, t, a: household_move(household=t.household, area=t.to_9, date=D(2012, 3, 1), actor=a),
        "hoidong",
    ),
    household_dissolve: (
        lambda c, t, a: household_dissolve(household=t.household, date=D(2013, 1, 1), reason="Chuyển đi", actor=a),
        "hoidong",
    ),
    person_create: (
        lambda c, t, a: person_create(full_name="Lý Văn Sình", household=t.household, actor=a),
        "hoidong",
    ),
    position_assign: (
        lambda c, t, a: position_assign(
            person=t.person, kind=PositionKind.TRUONG_BAN_BCTMT, unit=c.to_8a, term_from=D(2010, 1, 1), actor=a
        ),
        "to8a",
    ),
}

PROBED = list(CALLS)


def refused(call: Callable[[], object]) -> Refused:
    """``call`` raises ``Refused`` and writes nothing (no audit row)."""
    before = AuditEntry.objects.count()
    with pytest.raises(Refused) as info:
        call()
    assert AuditEntry.objects.count() == before
    return info.value


@pytest.mark.parametrize("service", PROBED, ids=lambda f: f.__name__)
def test_an_officer_of_another_district_is_refused_as_if_nothing_were_there(
    service: object, cast: Cast, things: Things
) -> None:
    call, _lower = CALLS[service]
    assert refused(lambda: call(cast, things, cast["chomoi"])).hidden


@pytest.mark.parametrize("service", PROBED, ids=lambda f: f.__name__)
def test_a_lower_role_is_refused_with_the_reason(service: object, cast: Cast, things: Things) -> None:
    call, lower = CALLS[service]
    refusal = refused(lambda: call(cast, things, cast[lower]))
    assert not refusal.hidden, "the lower role sees the unit: the refusal says why, it does not hide it"


def test_a_household_moves_only_between_areas_the_actor_records(cast: Cast, things: Things) -> None:
    household = things.household
    elsewhere = make_unit(code="02086-01", name="1", kind=UnitKind.TO_DAN_PHO, parent=cast.dong_tam, valid_to=None)
    # The ward's officer keeps tổ 8A's households, but not those of huyện Chợ Mới.
    refusal = refused(
        lambda: household_move(household=household, area=elsewhere, date=D(2012, 3, 1), actor=cast["ducxuan"])
    )
    assert refusal.hidden
    household.refresh_from_db()
    assert household.area == cast.to_8a
