"""Account writes: lockout bookkeeping, audited logins, persona creation."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import LoginFailure, Role, User
from thidua.accounts.permissions import authorize
from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.audit.services import audit_record, snapshot

if TYPE_CHECKING:
    # Only the annotation: accounts sits below units, and a user's unit is a foreign key by name
    # ("units.Unit"); who may give a user a unit is the predicate's business, not an import here.
    from thidua.units.models import Unit


def _window_start() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def login_is_locked(*, username: str) -> bool:
    """A user name is locked while it has LOGIN_FAILURE_LIMIT failures inside the lockout window."""
    recent = LoginFailure.objects.filter(username__iexact=username, at__gte=_window_start())
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT


def login_failure_record(*, username: str, ip_address: str | None) -> None:
    with transaction.atomic():
        failure = LoginFailure.objects.create(username=username[:150], ip_address=ip_address)
        # Nobody is logged in: the failure is thidua's own record.
        audit_record(
            actor=SYSTEM_ACTOR, action="accounts.login_failed", obj=failure, after={"username": username[:150]}
        )


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username, at__gte=_window_start()).delete()


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
