"""Reads of accounts: the ones a unit's subtree holds, the ones an actor manages."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.accounts.permissions import has_permission
from thidua.accounts.system import Actor
from thidua.db import vi_order
from thidua.units.models import Unit
from thidua.units.selectors import subtree_q, units_visible_to


def accounts_in(*, root: Unit | None, include_inactive: bool = False) -> QuerySet[User]:
    """The accounts whose role in force, or latest role, is at a unit of ``root``'s subtree (all when None)."""
    users = User.objects.select_related("unit")
    if root is not None:
        units = Unit.objects.filter(subtree_q(root.pk)).values("pk")
        users = users.filter(pk__in=RoleAssignment.objects.filter(unit__in=units).values("user_id"))
    if not include_inactive:
        users = users.filter(is_active=True)
    return users.order_by(vi_order("last_name"), vi_order("first_name"), "username")


def accounts_managed_by(actor: Actor, *, include_inactive: bool = True) -> list[User]:
    """The accounts ``actor`` may change: those holding a role it may give (never its own)."""
    if getattr(actor, "is_superuser", False) or getattr(actor, "role", "") == Role.ADMINISTRATOR:
        candidates = accounts_in(root=None, include_inactive=include_inactive)
    else:
        visible = units_visible_to(actor).values("pk")
        candidates = (
            User.objects.select_related("unit")
            .filter(pk__in=RoleAssignment.objects.filter(unit__in=visible).values("user_id"))
            .order_by(vi_order("last_name"), vi_order("first_name"), "username")
        )
        if not include_inactive:
            candidates = candidates.filter(is_active=True)
    return [user for user in candidates if has_permission("accounts.manage_user", actor, user)[0]]


def unit_suggestions(actor: Actor, *, limit: int = 3000) -> list[tuple[str, str]]:
    """Units the actor may give roles at, to suggest in the unit field: the key that names each
    exactly (a source key such as "vn-2024:01840", since a code is reused by a successor) and its name."""
    units = units_visible_to(actor).order_by("level", "code", "valid_from")[:limit]
    return [(unit.source_key or unit.code, str(unit)) for unit in units]
