"""Who may see the points and the exclusion categories of the households of an area, and the audit
of every view of the exclusions.

An exclusion (a member prosecuted, a tax or military-service default, an administrative sanction) is
sensitive personal data (Nghị định 13/2023/NĐ-CP): only its category is stored, it is shown only to
those who decide the titles — the officers of the area's commune and of the levels above, never the
area's own officer — never on public pages or in exports, and every view of it is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.audit.services import audit_record
from thidua.campaigns.parameters import EXCLUSION_CATEGORIES
from thidua.campaigns.rules import Check
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

DECIDING_ROLES = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


@predicate("evaluations.view_exclusions")
def can_view_exclusions(user: User, area: Unit) -> Decision:
    """See (and enter) the points and exclusion categories of an area's households."""
    if not has_role(user, *DECIDING_ROLES):
        return False, _("Only those who decide the titles see the points and the exclusions.")
    if area.level != Level.AREA or not units_visible_to(user).filter(pk=area.pk).exists():
        return False, _("This unit is outside the unit you work for.")
    if user.unit_id == area.pk:
        return False, _("Only those who decide the titles see the points and the exclusions.")
    return ALLOWED


def exclusion_label(code: str) -> str:
    """The category's name; a code of a province's own list (NĐ 122) reads as itself."""
    label = EXCLUSION_CATEGORIES.get(code)
    return str(label) if label is not None else code


def exclusions_viewed(*, actor: Any, area: Unit, year: int, lines: Iterable[Any], channel: str) -> None:
    """Record that ``actor`` saw the exclusion categories of ``area``'s households for ``year``."""
    shown = [line for line in lines if line is not None]
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="evaluations.exclusions_view",
            obj=area,
            after={
                "year": year,
                "channel": channel,
                "lines": len(shown),
                "with_exclusions": [line.pk for line in shown if line.exclusions],
            },
        )


# The checks whose detail names an exclusion category or the points: masked for anyone else.
SENSITIVE_RULES = frozenset({"exclusions", "points"})


def masked_checks(checks: Iterable[Check], *, may_see: bool) -> list[Check]:
    """``checks`` as ``may_see`` may read them: the detail of a sensitive check is hidden otherwise."""
    if may_see:
        return list(checks)
    hidden = _("shown only to those who decide the titles")
    return [Check(c.rule, c.passed, hidden) if c.rule in SENSITIVE_RULES else c for c in checks]
