"""The user a console command acts as (``--as USER``): the same account, rights and audit trail as on
the pages, or thidua's own system actor when none is named."""

from __future__ import annotations

from typing import cast

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.system import SYSTEM_ACTOR


def acting_user(name: str | None) -> User:
    """The active account ``name``; thidua's system actor when no name is given (the operator, acting
    as nobody); refused when there is no such account."""
    if not name:
        return cast(User, SYSTEM_ACTOR)
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        raise CommandError(_("There is no user %(name)s.") % {"name": name})
    return user
