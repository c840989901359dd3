from __future__ import annotations

import datetime
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.console import Command as ThiduaCommand
from thidua.errors import DomainError
from thidua.jobs.services import job_start
from thidua.jobs.watch import job_watch
from thidua.lib.progress import TerminalProgress
from thidua.units.console import find_unit, parse_day, show_lines, tree_lines
from thidua.units.imports.cli import IMPORT_VERBS, add_import_verbs, run_import_verb
from thidua.units.official import units_import_official
from thidua.units.selectors import unit_last_day, unit_tree


class Command(ThiduaCommand):
    help = gettext_lazy("Administrative units: import-official, tree, show, template, import-areas, import-lineage")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        tree = verbs.add_parser("tree", help=_("Print the tree with the names of a day"))
        tree.add_argument("--as-of", default="", help=_("Date: 2013-12-31 or 31/12/2013 (default: today)"))
        tree.add_argument("--root", default="", help=_("Code of the root unit (058, vn-2024:058)"))
        tree.add_argument(
            "--depth",
            type=int,
            default=0,
            help=_("Levels below the root, 1-4 (default: 4; 1 without a root)"),
        )
        show = verbs.add_parser("show", help=_("A unit's timeline, address and lineage"))
        show.add_argument("code", help=_("Unit code (01840, vn-2024:01840)"))
        show.add_argument("--as-of", default="", help=_("Date of the address (default: today)"))
        official = verbs.add_parser("import-official", help=_("Load the whole country's official units"))
        official.add_argument(
            "--background", action="store_true", help=_("Run as a background job and follow its progress")
        )
        add_import_verbs(verbs)

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb in IMPORT_VERBS:
            run_import_verb(self, verb, options)
            return
        if verb in ("tree", "show"):
            self.history(verb, options)
            return
        if verb == "import-official":
            if options["background"]:
                job = job_start(kind="units.import_official", actor=SYSTEM_ACTOR)
                job = job_watch(job.pk, stream=sys.stderr)
                summary = job.result
            else:
                summary = units_import_official(actor=SYSTEM_ACTOR, progress=TerminalProgress())
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))

    def history(self, verb: str, options: dict[str, Any]) -> None:
        """``tree`` and ``show``: reads of the tree as of a date; a code names the unit valid that day."""
        try:
            as_of = parse_day(options["as_of"]) if options["as_of"] else None
        except ValueError as error:
            raise CommandError(str(error)) from None
        day = as_of or datetime.date.today()
        try:
            if verb == "tree":
                root = find_unit(options["root"], day) if options["root"] else None
                # Without a root, the whole country: the provinces unless more levels are asked for.
                depth = options["depth"] or (4 if root else 1)
                lines = tree_lines(unit_tree(day, root=root, depth=max(1, min(depth, 4))))
            else:
                unit = find_unit(options["code"], day)
                # A unit that has ended is shown as of its last day unless a date is given.
                lines = show_lines(unit, as_of or unit_last_day(unit))
        except DomainError as error:
            raise CommandError(str(error)) from None
        self.stdout.write("\n".join(lines))
