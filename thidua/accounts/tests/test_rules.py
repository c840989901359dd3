"""The delegation of roles down the tree, as pure rules (no database)."""

from __future__ import annotations

import pytest

from thidua.accounts import rules
from thidua.accounts.rules import Refusal, grant_refusal, role_fits_level


def test_each_role_works_for_a_unit_of_its_level_and_the_administrator_for_none() -> None:
    assert role_fits_level(rules.AREA_OFFICER, rules.AREA)
    assert not role_fits_level(rules.AREA_OFFICER, rules.COMMUNE)
    assert role_fits_level(rules.COUNCIL_MEMBER, rules.DISTRICT) and role_fits_level(
        rules.COUNCIL_MEMBER, rules.COMMUNE
    )
    assert not role_fits_level(rules.COUNCIL_MEMBER, rules.AREA)
    assert role_fits_level(rules.ADMINISTRATOR, None) and not role_fits_level(rules.ADMINISTRATOR, rules.PROVINCE)
    assert not role_fits_level(rules.PROVINCE_OFFICER, None)


@pytest.mark.parametrize(
    ("actor", "target", "inside", "same_unit", "refusal"),
    [
        (rules.ADMINISTRATOR, rules.ADMINISTRATOR, False, False, None),
        (rules.PROVINCE_OFFICER, rules.PROVINCE_OFFICER, True, True, None),
        (rules.PROVINCE_OFFICER, rules.ADMINISTRATOR, True, False, Refusal.ABOVE_OWN),
        (rules.DISTRICT_OFFICER, rules.COMMUNE_OFFICER, True, False, None),
        (rules.DISTRICT_OFFICER, rules.COUNCIL_MEMBER, True, True, None),
        (rules.DISTRICT_OFFICER, rules.DISTRICT_OFFICER, True, True, Refusal.NOT_BELOW),
        (rules.DISTRICT_OFFICER, rules.PROVINCE_OFFICER, True, False, Refusal.ABOVE_OWN),
        (rules.DISTRICT_OFFICER, rules.COMMUNE_OFFICER, False, False, Refusal.OUTSIDE),
        (rules.COMMUNE_OFFICER, rules.AREA_OFFICER, True, False, None),
        (rules.COMMUNE_OFFICER, rules.COUNCIL_MEMBER, True, True, None),
        (rules.COMMUNE_OFFICER, rules.COMMUNE_OFFICER, True, True, Refusal.NOT_BELOW),
        (rules.COMMUNE_OFFICER, rules.DISTRICT_OFFICER, True, False, Refusal.ABOVE_OWN),
        (rules.AREA_OFFICER, rules.AREA_OFFICER, True, True, Refusal.GIVES_NO_ROLE),
        (rules.COUNCIL_MEMBER, rules.COUNCIL_MEMBER, True, True, Refusal.GIVES_NO_ROLE),
        ("", rules.AREA_OFFICER, True, False, Refusal.GIVES_NO_ROLE),
    ],
)
def test_roles_are_given_down_the_tree_never_above_ones_own(
    actor: str, target: str, inside: bool, same_unit: bool, refusal: Refusal | None
) -> None:
    assert grant_refusal(actor_role=actor, target_role=target, inside=inside, same_unit=same_unit) == refusal
