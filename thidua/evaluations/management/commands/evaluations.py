"""``thidua evaluations``: the yearly cycle from the console, in the console's language.

thidua evaluations status --year Y --unit CODE     the queue of each commune ("12 of 17 areas have submitted")
thidua evaluations deadlines --year Y --unit CODE  the province's deadlines of the year, the exceptions
                                                   granted below the unit, each dossier's working-day deadlines
thidua evaluations streaks --year Y --unit CODE [--since Y0]
                                                   recount the runs of consecutive title years of the households
                                                   and areas under the unit (those of Y, or of Y0 to Y)
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.console import Command as ThiduaCommand
from thidua.errors import DomainError
from thidua.evaluations.deadlines.selectors import dossier_due_dates
from thidua.evaluations.management.commands.recompute import unit_of_year
from thidua.evaluations.models import Deadline, DeadlineException, DeadlineKind, Dossier
from thidua.evaluations.selectors import queue_of
from thidua.evaluations.streaks.services import streaks_recompute
from thidua.units.models import Unit
from thidua.units.selectors import subtree_q, unit_ancestors


def _day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class Command(ThiduaCommand):
    help = gettext_lazy("The yearly evaluations: the queue of dossiers, the deadlines, the streaks")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        status = verbs.add_parser("status", help=_("Each area's dossier and the count of those sent up"))
        deadlines = verbs.add_parser(
            "deadlines", help=_("The province's deadlines, the exceptions and each dossier's working-day deadlines")
        )
        streaks = verbs.add_parser("streaks", help=_("Recount the runs of consecutive title years"))
        streaks.add_argument("--since", type=int, help=_("From this year (default: the year of --year only)"))
        for verb in (status, deadlines, streaks):
            verb.add_argument("--year", type=int, required=True, help=_("The year"))
            verb.add_argument("--unit", required=True, help=_("The code of a commune, a district or a province"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        year = options["year"]
        root = unit_of_year(options["unit"], year)
        if verb == "deadlines":
            self._deadlines(root, year)
        elif verb == "streaks":
            self._streaks(root, year, options.get("since"))
        else:
            self._status(root, year)

    def _streaks(self, root: Unit, year: int, since: int | None) -> None:
        try:
            summary = streaks_recompute(unit=root, year=year, since=since, actor=SYSTEM_ACTOR)
        except DomainError as exc:
            raise CommandError(exc.text()) from None
        years = f"{since}–{year}" if since is not None and since != year else str(year)
        self.stdout.write(
            _(
                "%(unit)s %(years)s: %(households)s households with runs, %(household_runs)s runs; "
                "%(areas)s areas, %(area_runs)s runs; %(written)s rows written"
            )
            % {
                "unit": root.full_name,
                "years": years,
                "households": summary["households_with_runs"],
                "household_runs": summary["household_runs"],
                "areas": summary["areas"],
                "area_runs": summary["area_runs"],
                "written": summary["runs_written"],
            }
        )

    def _status(self, root: Unit, year: int) -> None:
        for queue in queue_of(root, year):
            self.stdout.write(
                _("%(commune)s (%(code)s) %(year)s: %(submitted)s of %(total)s areas have submitted")
                % {
                    "commune": queue.commune.full_name,
                    "code": queue.commune.code,
                    "year": year,
                    "submitted": queue.submitted,
                    "total": queue.total,
                }
            )
            for area, dossier in queue.rows:
                status = dossier.get_status_display() if dossier else _("nothing entered")
                self.stdout.write(f"  {area.code:<14} {area.full_name:<30} {status}")

    def _deadlines(self, root: Unit, year: int) -> None:
        day = datetime.date(year, 12, 31)
        if root.valid_to is not None and root.valid_to < day:
            day = root.valid_to
        province = (unit_ancestors(root, as_of=day) or [root])[0]
        self.stdout.write(
            _("%(province)s (%(code)s) %(year)s: deadlines of entry")
            % {"province": province.full_name, "code": province.code, "year": year}
        )
        deadlines = Deadline.objects.filter(province=province, year=year).order_by("due", "kind")
        for deadline in deadlines:
            self.stdout.write(f"  {capfirst(DeadlineKind(deadline.kind).label)}: {_day(deadline.due)}")
        if not deadlines:
            self.stdout.write("  " + _("no deadline recorded"))

        self.stdout.write(_("%(unit)s (%(code)s): exceptions granted") % {"unit": root.full_name, "code": root.code})
        exceptions = (
            DeadlineException.objects.filter(subtree_q(root.pk, field_name="unit_id"), year=year)
            .select_related("unit", "granted_by")
            .order_by("unit__code", "kind", "until")
        )
        for exception in exceptions:
            kind = capfirst(DeadlineKind(exception.kind).label)
            by = f" ({exception.granted_by})" if exception.granted_by else ""
            until = _("until %(day)s") % {"day": _day(exception.until)}
            self.stdout.write(
                f"  {exception.unit.code:<14} {exception.unit.full_name:<30} {kind}: {until}{by} · {exception.reason}"
            )
        if not exceptions:
            self.stdout.write("  " + _("no exception granted"))

        self.stdout.write(_("Working-day deadlines of the dossiers"))
        today = timezone.localdate()
        dossiers = (
            Dossier.objects.filter(subtree_q(root.pk, field_name="unit_id"), year=year)
            .select_related("unit", "decision")
            .order_by("unit__code", "kind")
        )
        for dossier in dossiers:
            what = capfirst(dossier.get_kind_display())
            self.stdout.write(
                f"  {dossier.unit.code:<14} {dossier.unit.full_name:<30} {what} · {dossier.get_status_display()}"
            )
            dues = dossier_due_dates(dossier)
            for due in dues:
                line = capfirst(due.describe())
                if due.done_on is not None:
                    line += " · " + _("done on %(day)s") % {"day": _day(due.done_on)}
                if due.is_late(today):
                    line += " · " + (_("LATE") if due.done_on is not None else _("overdue"))
                self.stdout.write(f"    {line}")
            if not dues:
                self.stdout.write("    " + _("no working-day deadline"))
        if not dossiers:
            self.stdout.write("  " + _("no dossier yet"))
