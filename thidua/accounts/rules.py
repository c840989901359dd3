"""Who may give which role at which unit: the delegation of accounts down the tree, as pure rules.

Roles and unit levels are plain values here (the role's key, the unit's level 1 province … 4
residential area, as ``thidua.units.models.Level`` numbers them), so that the rules are tested
without a database. The predicates in ``permissions.py`` and the services apply them.

- An administrator gives any role anywhere.
- A province officer gives the roles of the province's accounts: province officers of its province
  and every role below, in its subtree.
- A district officer (before 1/7/2025) gives the roles of its communes and their areas, and seats
  the council of its district and of its communes; after 1/7/2025 the province does this.
- A commune officer gives the roles of its residential areas and seats its commune's council.
- Residential-area officers and council members give no role.
- Nobody gives a role above their own, nor at a unit outside their subtree.
"""

from __future__ import annotations

from enum import StrEnum

AREA_OFFICER = "area_officer"
COMMUNE_OFFICER = "commune_officer"
DISTRICT_OFFICER = "district_officer"
PROVINCE_OFFICER = "province_officer"
COUNCIL_MEMBER = "council_member"
ADMINISTRATOR = "administrator"

PROVINCE, DISTRICT, COMMUNE, AREA = 1, 2, 3, 4

# The level of the unit each role works for; a council sits at a province, a district or a commune.
ROLE_LEVELS: dict[str, frozenset[int]] = {
    AREA_OFFICER: frozenset({AREA}),
    COMMUNE_OFFICER: frozenset({COMMUNE}),
    DISTRICT_OFFICER: frozenset({DISTRICT}),
    PROVINCE_OFFICER: frozenset({PROVINCE}),
    COUNCIL_MEMBER: frozenset({PROVINCE, DISTRICT, COMMUNE}),
    ADMINISTRATOR: frozenset(),
}

# How high a role stands: nobody gives a role ranked above their own.
RANK: dict[str, int] = {
    AREA_OFFICER: 1,
    COUNCIL_MEMBER: 1,
    COMMUNE_OFFICER: 2,
    DISTRICT_OFFICER: 3,
    PROVINCE_OFFICER: 4,
    ADMINISTRATOR: 5,
}

# The roles that give roles to others.
GRANTORS = frozenset({COMMUNE_OFFICER, DISTRICT_OFFICER, PROVINCE_OFFICER, ADMINISTRATOR})


class Refusal(StrEnum):
    """Why a grant is refused; the predicate turns each into a sentence for the reader."""

    GIVES_NO_ROLE = "gives_no_role"
    ABOVE_OWN = "above_own"
    OUTSIDE = "outside"
    NOT_BELOW = "not_below"


def role_fits_level(role: str, level: int | None) -> bool:
    """An administrator has no unit; every other role works for a unit of its level."""
    if role == ADMINISTRATOR:
        return level is None
    return level is not None and level in ROLE_LEVELS.get(role, frozenset())


def grant_refusal(*, actor_role: str, target_role: str, inside: bool, same_unit: bool) -> Refusal | None:
    """Why ``actor_role`` may not give ``target_role`` at a unit, or None when it may.

    ``inside``: the unit is in the actor's subtree (its own unit included); ``same_unit``: it is the
    actor's own unit.
    """
    if actor_role == ADMINISTRATOR:
        return None
    if actor_role not in GRANTORS:
        return Refusal.GIVES_NO_ROLE
    if target_role == ADMINISTRATOR or RANK[target_role] > RANK[actor_role]:
        return Refusal.ABOVE_OWN
    if not inside:
        return Refusal.OUTSIDE
    # A council sits at the officer's own unit; officers are given for the units below, except that
    # the province's officers run the province's accounts, their colleagues' included.
    if same_unit and target_role != COUNCIL_MEMBER and actor_role != PROVINCE_OFFICER:
        return Refusal.NOT_BELOW
    return None
