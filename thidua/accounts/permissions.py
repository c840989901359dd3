"""The one entry point for authorization: ``has_permission(action, user, obj)``.

Each app registers named predicates ``can_<verb>_<noun>(user, obj) -> (allowed, reason)`` under an
action name ("units.view_unit"). The reason is user-facing text saying why something is refused,
so a page can explain it. Views that find an object outside the user's subtree answer 404, not 403,
so that the existence of another district's records does not leak.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User

Decision = tuple[bool, str]
Predicate = Callable[[User, Any], Decision]

_REGISTRY: dict[str, Predicate] = {}

ALLOWED: Decision = (True, "")


def predicate(action: str) -> Callable[[Predicate], Predicate]:
    """Register a predicate for ``action``; each action has exactly one."""

    def register(function: Predicate) -> Predicate:
        if action in _REGISTRY and _REGISTRY[action] is not function:
            raise ValueError(f"The action {action!r} already has a predicate.")
        _REGISTRY[action] = function
        return function

    return register


def has_permission(action: str, user: User | Any, obj: Any = None) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return False, _("You must log in first.")
    if not user.is_active:
        return False, _("Your account is disabled.")
    try:
        check = _REGISTRY[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}; register a predicate for it.") from None
    return check(user, obj)


def registered_actions() -> list[str]:
    return sorted(_REGISTRY)


def has_role(user: User, *roles: str) -> bool:
    return user.is_superuser or user.role in roles


@predicate("accounts.manage_users")
def can_manage_users(user: User, obj: Any) -> Decision:
    if has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    return False, _("Only an administrator manages user accounts.")


@predicate("jobs.start_import")
def can_start_import(user: User, obj: Any) -> Decision:
    if has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    return False, _("Only an administrator loads the official list of administrative units.")
