"""``thidua recompute --year Y --unit CODE [--dry-run]``: re-apply the rules to every household
evaluation meeting of a unit's subtree for a year (a decided year is refused)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.console import Command as ThiduaCommand
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.services import households_recompute
from thidua.units.models import Unit
from thidua.units.selectors import unit_by_code


def unit_of_year(code: str, year: int) -> Unit:
    """The unit holding ``code`` at the end of ``year``, or the command's refusal."""
    unit = unit_by_code(code, datetime.date(year, 12, 31))
    if unit is None:
        raise CommandError(_("There is no unit with the code %(code)s.") % {"code": code})
    return unit


class Command(ThiduaCommand):
    help = gettext_lazy("Re-apply the rules to the evaluation meetings of a year")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help=_("The year of the evaluations"))
        parser.add_argument("--unit", required=True, help=_("The code of a province, district, commune or area"))
        parser.add_argument("--dry-run", action="store_true", help=_("Compute, and write nothing"))

    def handle(self, *args: Any, year: int, unit: str, dry_run: bool, **options: Any) -> None:
        root = unit_of_year(unit, year)
        try:
            totals = households_recompute(unit=root, year=year, actor=SYSTEM_ACTOR, dry_run=dry_run)
        except DomainErrors as exc:
            for error in exc.errors:
                self.stderr.write(error.text())
            raise CommandError(_("The year is decided; nothing was recomputed.")) from None
        except DomainError as exc:
            raise CommandError(exc.text()) from None
        if dry_run:
            self.stdout.write(_("Computed; nothing was written."))
        self.stdout.write(
            _("%(unit)s %(year)s: %(meetings)s meetings, %(evaluated)s households evaluated, %(proposed)s proposed")
            % {"unit": root.full_name, "year": year, **totals}
        )
