"""The writing services of accounts refuse an outsider and a lower role (see thidua/tests/test_service_probes.py).

Delegation down the tree: an administrator or a province officer manages the province's accounts, a
district officer those of its communes and areas and its council, a commune officer those of its
areas and its council; nobody gives a role above their own or at a unit outside their subtree.
"""

from __future__ import annotations

import datetime

import pytest

from thidua.accounts.models import Role, User
from thidua.accounts.services import code_issue, link_send, role_end, role_grant, user_create, user_deactivate
from thidua.testing import Cast, assert_refused

pytestmark = pytest.mark.django_db

PROBED = [user_create, user_deactivate, role_grant, role_end, code_issue, link_send]

DAY = datetime.date(2013, 1, 2)


def _create(cast: Cast, actor: str, role: str, unit_name: str | None) -> User:
    unit = getattr(cast, unit_name) if unit_name else None
    return user_create(username="moi", role=role, unit=unit, starts=DAY, actor=cast[actor])


@pytest.mark.parametrize(
    ("actor", "role", "unit", "reason", "hidden"),
    [
        (
            "to8a",
            Role.AREA_OFFICER,
            "to_8a",
            "Only commune, district and province officers and administrators give roles.",
            False,
        ),
        (
            "hoidong",
            Role.COUNCIL_MEMBER,
            "town",
            "Only commune, district and province officers and administrators give roles.",
            False,
        ),
        ("ducxuan", Role.DISTRICT_OFFICER, "town", "Nobody gives a role above their own.", False),
        ("ducxuan", Role.COMMUNE_OFFICER, "duc_xuan", "You give officer roles only for the units below yours.", False),
        ("ducxuan", Role.COMMUNE_OFFICER, "song_cau", "This unit is outside the unit you work for.", True),
        ("backan", Role.DISTRICT_OFFICER, "town", "You give officer roles only for the units below yours.", False),
        ("backan", Role.PROVINCE_OFFICER, "province", "Nobody gives a role above their own.", False),
        ("backan", Role.ADMINISTRATOR, None, "Nobody gives a role above their own.", False),
        ("chomoi", Role.AREA_OFFICER, "to_8a", "This unit is outside the unit you work for.", True),
        ("chomoi", Role.COMMUNE_OFFICER, "duc_xuan", "This unit is outside the unit you work for.", True),
        ("tinh", Role.ADMINISTRATOR, None, "Nobody gives a role above their own.", False),
    ],
)
def test_nobody_creates_an_account_above_their_role_or_outside_their_subtree(
    cast: Cast, actor: str, role: str, unit: str | None, reason: str, hidden: bool
) -> None:
    refusal = assert_refused(lambda: _create(cast, actor, role, unit))
    assert refusal.reason("en") == reason
    assert refusal.hidden is hidden
    assert not User.objects.filter(username="moi").exists()


@pytest.mark.parametrize(
    ("actor", "role", "unit"),
    [
        ("ducxuan", Role.AREA_OFFICER, "to_8a"),
        ("ducxuan", Role.COUNCIL_MEMBER, "duc_xuan"),
        ("backan", Role.COMMUNE_OFFICER, "song_cau"),
        ("backan", Role.AREA_OFFICER, "to_8a"),
        ("backan", Role.COUNCIL_MEMBER, "town"),
        ("tinh", Role.DISTRICT_OFFICER, "cho_moi"),
        ("tinh", Role.PROVINCE_OFFICER, "province"),
        ("admin", Role.ADMINISTRATOR, None),
    ],
)
def test_officers_create_the_accounts_of_the_units_below_them(
    cast: Cast, actor: str, role: str, unit: str | None
) -> None:
    user = _create(cast, actor, role, unit)
    assert (user.role, user.unit) == (role, getattr(cast, unit) if unit else None)
    assert user.role_assignments.get().granted_by == cast[actor]


@pytest.mark.parametrize(
    ("actor", "account", "reason"),
    [
        ("ducxuan", "backan", "Nobody gives a role above their own."),
        ("to8a", "to8a", "You cannot change your own account this way; ask the one who manages it."),
        ("chomoi", "to8a", "This unit is outside the unit you work for."),
        ("hoidong", "to8a", "Only commune, district and province officers and administrators give roles."),
        ("tinh", "admin", "Nobody gives a role above their own."),
    ],
)
def test_an_account_is_deactivated_only_by_whoever_manages_its_role(
    cast: Cast, actor: str, account: str, reason: str
) -> None:
    refusal = assert_refused(lambda: user_deactivate(user=cast[account], reason="Nghỉ hưu", actor=cast[actor]))
    assert refusal.reason("en") == reason
    assert User.objects.get(username=account).is_active


def test_a_role_is_given_and_ended_only_within_the_actors_delegation(cast: Cast) -> None:
    to8a = cast["to8a"]
    refusal = assert_refused(
        lambda: role_grant(user=to8a, role=Role.COMMUNE_OFFICER, unit=cast.song_cau, starts=DAY, actor=cast["ducxuan"])
    )
    assert refusal.hidden
    refusal = assert_refused(
        lambda: role_grant(
            user=cast["backan"], role=Role.AREA_OFFICER, unit=cast.to_8a, starts=DAY, actor=cast["ducxuan"]
        )
    )
    assert refusal.reason("en") == "Nobody gives a role above their own."
    assignment = to8a.role_assignments.get()
    refusal = assert_refused(
        lambda: role_end(assignment=assignment, ends=DAY, reason="Hết nhiệm kỳ", actor=cast["chomoi"])
    )
    assert refusal.hidden
    refusal = assert_refused(
        lambda: role_end(assignment=assignment, ends=DAY, reason="Hết nhiệm kỳ", actor=cast["to8a"])
    )
    assert refusal.reason("en") == "Only commune, district and province officers and administrators give roles."


@pytest.mark.parametrize("actor", ["chomoi", "hoidong", "to8a"])
def test_a_one_time_code_or_link_is_given_only_by_whoever_manages_the_account(cast: Cast, actor: str) -> None:
    account = cast["to8a"]
    assert_refused(lambda: code_issue(user=account, actor=cast[actor]))
    assert_refused(lambda: link_send(user=account, base_url="https://thidua.example.vn", actor=cast[actor]))
    account.refresh_from_db()
    assert not account.must_change_password
