"""Account writes: persona creation (the throttling of signing in is in ``throttle.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record, snapshot

if TYPE_CHECKING:
    # Only the annotation: accounts sits below units, and a user's unit is a foreign key by name
    # ("units.Unit"); who may give a user a unit is the predicate's business, not an import here.
    from thidua.units.models import Unit


def user_create(
    *,
    username: str,
    password: str,
    role: str,
    unit: Unit | None,
    actor: Actor,
    full_name: str = "",
    email: str = "",
) -> User:
    """Create an account with its role and the unit whose subtree it acts on (none for an administrator)."""
    authorize(actor, "accounts.manage_users", unit)
    with transaction.atomic():
        first, _, last = full_name.rpartition(" ")
        user = User(username=username, role=role, unit=unit, email=email, first_name=first, last_name=last)
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            actor=actor,
            action="accounts.user_create",
            obj=user,
            after=snapshot(user, ["username", "role", "unit", "email", "is_staff", "is_superuser"]),
        )
    return user
