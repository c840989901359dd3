"""What the awards' console commands share: the user a command acts as (``--as USER``, the same
account, rights and audit trail as on the pages, or thidua's own system actor when none is named),
the objects they are given by id, the days they are given as text, and their error boundary: a
refusal of a service is the command's error, with the service's reason in the reader's language."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.acting import acting_user  # noqa: F401 - the awards commands import it from here
from thidua.accounts.models import User
from thidua.awards.models import Round
from thidua.awards.rounds.selectors import get_round_for_user
from thidua.errors import DomainError
from thidua.units.models import Unit
from thidua.units.selectors import unit_by_code


class AwardsCommand(BaseCommand):
    """A console verb over the services: a refused operation ends the command with its reason."""

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except DomainError as error:
            raise CommandError(error.text()) from None


def found[T](get: Callable[..., T], *args: Any, missing: str) -> T:
    """``get(*args)`` (a ``get_…_for_user`` selector), or the command's error ``missing`` when it is not found."""
    try:
        return get(*args)
    except Http404:
        raise CommandError(missing) from None


def round_for(actor: User, pk: int) -> Round:
    """The round ``pk`` as ``actor`` sees it (every round for the system actor)."""
    return found(get_round_for_user, actor, pk, missing=_("There is no round %(id)s.") % {"id": pk})


def day_of(text: str) -> datetime.date:
    """A day written dd/mm/yyyy (or yyyy-mm-dd)."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CommandError(_("%(text)s is not a date: write it dd/mm/yyyy.") % {"text": text})


def unit_of_year(code: str, year: int) -> Unit:
    """The unit with ``code`` at the end of ``year`` (a code is reused by a successor after a merge)."""
    unit = unit_by_code(code, datetime.date(year, 12, 31))
    if unit is None:
        raise CommandError(_("There is no unit with the code %(code)s.") % {"code": code})
    return unit
