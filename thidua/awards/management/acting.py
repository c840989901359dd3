"""The user a console command acts as (``--as USER``): the same account, and so the same rights and
audit trail, as on the pages."""

from __future__ import annotations

from django.core.management.base import CommandError

from thidua.accounts.models import User


def acting_user(name: str | None) -> User | None:
    """The active account ``name``; None when no name is given; refused when there is no such account."""
    if not name:
        return None
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        raise CommandError(f"Không có tài khoản {name} / There is no user {name}.")
    return user
