"""The one entry point for authorization: ``has_permission(action, user, obj)`` to ask, and
``authorize(actor, action, obj)`` to refuse.

Each app registers named predicates ``can_<verb>_<noun>(user, obj) -> (allowed, reason)`` under an
action name ("units.view_unit"), in the modules its ``AppConfig.ready`` imports, so that every
predicate exists before the first request or command. The reason is user-facing text saying why
something is refused, so a page can explain it. A predicate refusing an object outside the user's
subtree returns ``outside(reason)``: pages and the API answer it with 404, not 403, so that the
existence of another district's records does not leak.

Every writing service calls ``authorize`` itself, first thing: no caller (page, API, CLI, test)
can bypass it. Pages and endpoints may ask ``has_permission`` before, to show or hide a button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.errors import Refused


class Decision(tuple[bool, Any]):
    """``(allowed, reason)``; a refusal made ``hidden`` concerns an object the actor may not even see."""

    hidden: bool

    def __new__(cls, allowed: bool, reason: Any = "", *, hidden: bool = False) -> Decision:
        decision = super().__new__(cls, (allowed, reason))
        decision.hidden = hidden
        return decision


Predicate = Callable[[User, Any], "Decision | tuple[bool, Any]"]

_REGISTRY: dict[str, Predicate] = {}

ALLOWED = Decision(True)


def outside(reason: Any = None) -> Decision:
    """The refusal of an object outside the actor's subtree (answered as "not found")."""
    return Decision(False, reason or _("This unit is outside the unit you work for."), hidden=True)


def predicate[P: Predicate](action: str) -> Callable[[P], P]:
    """Register a predicate for ``action``; each action has exactly one."""

    def register(function: P) -> P:
        if action in _REGISTRY and _REGISTRY[action] is not function:
            raise ValueError(f"The action {action!r} already has a predicate.")
        _REGISTRY[action] = function
        return function

    return register


def has_permission(action: str, user: Actor | AnonymousUser | None, obj: Any = None) -> Decision:
    try:
        check = _REGISTRY[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}; register a predicate for it.") from None
    if user is SYSTEM_ACTOR:
        return ALLOWED
    if not isinstance(user, User) or not user.is_authenticated:
        return Decision(False, _("You must log in first."))
    if not user.is_active:
        return Decision(False, _("Your account is disabled."))
    decision = check(user, obj)
    return decision if isinstance(decision, Decision) else Decision(*decision)


def authorize(actor: Actor | AnonymousUser | None, action: str, obj: Any = None) -> None:
    """Raise ``Refused`` with the reason unless ``actor`` may do ``action`` on ``obj``.

    The system's own actor (``thidua.accounts.system.SYSTEM_ACTOR``: a data migration, the demo's loader
    acting as nobody) is not a person and passes; everything a person does is checked, and no actor
    at all (``None``) is refused like an anonymous visitor.
    """
    allowed, reason = decision = has_permission(action, actor, obj)
    if not allowed:
        raise Refused(reason, hidden=decision.hidden)


def registered_actions() -> list[str]:
    return sorted(_REGISTRY)


def has_role(user: User, *roles: str) -> bool:
    return user.is_superuser or user.role in roles


@predicate("accounts.manage_users")
def can_manage_users(user: User, obj: object) -> Decision:
    """Create and change user accounts, of any unit: the administrators' work."""
    if has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    return Decision(False, _("Only an administrator manages user accounts."))
