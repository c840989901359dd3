"""``thidua import``: households and their registrations of a year from a file, and its template.

thidua import households FILE --year Y [--commune CODE] [--dry-run]
thidua import template households [--commune CODE] [--year Y] -o FILE.xlsx
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.console import Command as ThiduaCommand
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.imports.services import households_import
from thidua.evaluations.imports.template import households_template
from thidua.lib.progress import TerminalProgress
from thidua.units.imports.tables import commune_code, commune_for_code
from thidua.units.models import Level, Unit


def commune_in_year(code: str, year: int | None) -> Unit:
    """The commune holding ``code`` during ``year`` (codes are reused), else the latest holder."""
    if year is not None:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        holders = Unit.objects.filter(level=Level.COMMUNE, code=commune_code(code.strip()))
        holders = holders.exclude(valid_from__gt=last).exclude(valid_to__lt=first).order_by("-valid_from")
        if (unit := holders.first()) is not None:
            return unit
    return commune_for_code(code)


class Command(ThiduaCommand):
    help = gettext_lazy("Import households and their registrations for a year")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        households = verbs.add_parser(
            "households", help=_("Import households and their registrations from an .xlsx or .csv file")
        )
        households.add_argument("file", type=Path, help=_("The .xlsx or .csv file"))
        households.add_argument("--year", type=int, required=True, help=_("The year of the registrations"))
        households.add_argument("--commune", default="", help=_("Only for this commune (01840)"))
        households.add_argument("--dry-run", action="store_true", help=_("Check only; write nothing"))
        template = verbs.add_parser("template", help=_("Write an Excel template"))
        template.add_argument("what", choices=["households"], help=_("households: the households' template"))
        template.add_argument("--commune", default="", help=_("The areas of this commune in the list"))
        template.add_argument("--year", type=int, default=None, help=_("The year"))
        template.add_argument("-o", "--output", required=True, type=Path, help=_("The .xlsx file to write"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        try:
            commune = commune_in_year(options["commune"], options["year"]) if options["commune"] else None
            if verb == "template":
                options["output"].write_bytes(households_template(commune=commune, year=options["year"]))
                self.stdout.write(str(options["output"]))
                return
            path: Path = options["file"]
            try:
                content = path.read_bytes()
            except OSError as exc:
                raise CommandError(
                    _("Cannot read the file %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror}
                ) from None
            summary = households_import(
                file_name=path.name,
                content=content,
                commune=commune,
                year=options["year"],
                actor=SYSTEM_ACTOR,
                progress=TerminalProgress(sys.stderr),
                dry_run=options["dry_run"],
            )
        except DomainErrors as exc:
            for error in exc.errors:
                self.stderr.write(error.text())
            raise CommandError(
                _("The file has %(count)s errors; nothing was written.") % {"count": len(exc.errors)}
            ) from None
        except DomainError as exc:
            raise CommandError(exc.text()) from None
        if options["dry_run"]:
            self.stdout.write(_("Checked; nothing was written."))
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
