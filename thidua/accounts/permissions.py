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
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from thidua.accounts import rules
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


@dataclass(frozen=True)
class RoleTarget:
    """A role at a unit (None for an administrator): what a grant gives, what an account holds."""

    role: str
    unit: Any


_GRANT_REFUSALS = {
    rules.Refusal.GIVES_NO_ROLE: _("Only commune, district and province officers and administrators give roles."),
    rules.Refusal.ABOVE_OWN: _("Nobody gives a role above their own."),
    rules.Refusal.NOT_BELOW: _("You give officer roles only for the units below yours."),
}


def _inside(user: User, unit: Any) -> bool:
    # The subtree is the units app's to answer (it sits above accounts); the registry asks it.
    return unit is not None and bool(has_permission("units.view_unit", user, unit)[0])


@predicate("accounts.grant_role")
def can_grant_role(user: User, target: RoleTarget) -> Decision:
    """Give ``target.role`` at ``target.unit``: down the tree, never above one's own role (see ``rules``)."""
    actor_role = rules.ADMINISTRATOR if user.is_superuser else user.role
    inside = actor_role == rules.ADMINISTRATOR or _inside(user, target.unit)
    refusal = rules.grant_refusal(
        actor_role=actor_role,
        target_role=target.role,
        inside=inside,
        same_unit=target.unit is not None and target.unit.pk == user.unit_id,
    )
    if refusal is None:
        return ALLOWED
    if refusal == rules.Refusal.OUTSIDE:
        return outside()
    return Decision(False, _GRANT_REFUSALS[refusal])


def account_target(account: User) -> RoleTarget | None:
    """What an account holds, for who may manage it: its role in force, else its latest assignment."""
    if account.role:
        return RoleTarget(account.role, account.unit)
    latest = account.role_assignments.select_related("unit").order_by("-starts", "-pk").first()
    return RoleTarget(latest.role, latest.unit) if latest is not None else None


@predicate("accounts.manage_user")
def can_manage_user(user: User, account: User) -> Decision:
    """Change an account (deactivate it, give it a role, issue its one-time code): whoever may give the
    role it holds; an account that never held a role, an administrator."""
    if account.pk == user.pk:
        return Decision(False, _("You cannot change your own account this way; ask the one who manages it."))
    target = account_target(account)
    if target is None:
        return can_manage_users(user, None)
    return can_grant_role(user, target)


@predicate("accounts.view_accounts")
def can_view_accounts(user: User, obj: object) -> Decision:
    """See the list of the accounts one manages: those who give roles."""
    if has_role(user, *rules.GRANTORS):
        return ALLOWED
    return Decision(False, _("Only commune, district and province officers and administrators manage accounts."))
