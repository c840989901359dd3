"""``thidua evaluations``: the yearly cycle from the console.

thidua evaluations status --year Y --unit CODE     the queue of each commune ("12 of 17 areas have submitted")
thidua evaluations deadlines --year Y --unit CODE  the province's deadlines of the year, the exceptions
                                                   granted below the unit, each dossier's working-day deadlines
thidua evaluations streaks --year Y --unit CODE [--since Y0]
                                                   recount the runs of consecutive title years of the households
                                                   and areas under the unit (those of Y, or of Y0 to Y)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from thidua.documents.downloads import FORMATS
from thidua.errors import DomainError
from thidua.evaluations.deadlines import DueDate, dossier_due_dates
from thidua.evaluations.documents import decision_file, minutes_file
from thidua.evaluations.management.commands.recompute import unit_of_year
from thidua.evaluations.models import Deadline, DeadlineException, DeadlineKind, Decision, Dossier, Meeting
from thidua.evaluations.selectors import DECIDED, queue_of
from thidua.evaluations.streaks import streaks_recompute
from thidua.units.models import Unit
from thidua.units.selectors import subtree_q, unit_ancestors

DECISION, MINUTES = "decision", "minutes"


def _both(text: Callable[[], Any]) -> str:
    """``text()`` in Vietnamese, then in English: "đã nộp / submitted"."""
    with translation.override("vi"):
        vi = str(text())
    with translation.override("en"):
        en = str(text())
    return vi if vi == en else f"{vi} / {en}"


def _kind(kind: str) -> str:
    return _both(lambda: DeadlineKind(kind).label)


def _described(due: DueDate) -> str:
    return _both(lambda: capfirst(due.describe()))


def _day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class Command(BaseCommand):
    help = (
        "Bình xét hằng năm: hàng chờ hồ sơ, các hạn, chuỗi năm đạt danh hiệu / "
        "The yearly evaluations: the queue of dossiers, the deadlines, the streaks"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        status = verbs.add_parser("status", help="Hồ sơ của từng khu dân cư / Each area's dossier and the count")
        deadlines = verbs.add_parser(
            "deadlines",
            help="Các hạn của tỉnh, gia hạn và hạn theo ngày làm việc của từng hồ sơ / "
            "The province's deadlines, the exceptions and each dossier's working-day deadlines",
        )
        streaks = verbs.add_parser(
            "streaks",
            help="Tính lại các chuỗi năm liên tục đạt danh hiệu / Recount the runs of consecutive title years",
        )
        streaks.add_argument(
            "--since", type=int, help="Từ năm (mặc định: chỉ năm --year) / From this year (default: --year only)"
        )
        for verb in (status, deadlines, streaks):
            verb.add_argument("--year", type=int, required=True, help="Năm / The year")
            verb.add_argument("--unit", required=True, help="Mã xã, huyện hoặc tỉnh / A commune, district or province")
        for name, what in (
            (DECISION, _("Write a recognition decision with its list")),
            (MINUTES, _("Write the minutes of an evaluation meeting")),
        ):
            document = verbs.add_parser(name, help=what)
            document.add_argument("id", type=int, help=_("Its id"))
            document.add_argument("--format", choices=sorted(FORMATS), default="pdf", help=_("The format"))
            document.add_argument("-o", "--output", required=True, type=Path, help=_("The file to write"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb in (DECISION, MINUTES):
            self._document(verb, options["id"], options["format"], options["output"])
            return
        year, unit = options["year"], options["unit"]
        root = unit_of_year(unit, year)
        if verb == "deadlines":
            self._deadlines(root, year)
        elif verb == "streaks":
            self._streaks(root, year, options.get("since"))
        else:
            self._status(root, year)

    def _document(self, verb: str, pk: int, fmt: str, output: Path) -> None:
        """A decision (only once its dossier is decided) or the minutes of a meeting, as a file."""
        if verb == DECISION:
            decision = Decision.objects.filter(pk=pk).first()
            if decision is None or not Dossier.objects.filter(decision=decision, status__in=DECIDED).exists():
                raise CommandError(_("There is no issued decision %(id)s.") % {"id": pk})
            rendered = decision_file(decision, fmt)
        else:
            meeting = Meeting.objects.filter(pk=pk).first()
            if meeting is None:
                raise CommandError(_("There is no meeting %(id)s.") % {"id": pk})
            rendered = minutes_file(meeting, fmt)
        output.write_bytes(rendered.content)
        self.stdout.write(str(output))

    def _streaks(self, root: Unit, year: int, since: int | None) -> None:
        try:
            summary = streaks_recompute(unit=root, year=year, since=since, actor=None)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        years = f"{since}–{year}" if since is not None and since != year else str(year)
        self.stdout.write(
            f"{root.full_name} {years}: {summary['households_with_runs']} hộ có chuỗi / households with runs, "
            f"{summary['household_runs']} chuỗi / runs; {summary['areas']} khu dân cư / areas, "
            f"{summary['area_runs']} chuỗi / runs; {summary['runs_written']} dòng đã ghi / rows written"
        )

    def _status(self, root: Unit, year: int) -> None:
        for queue in queue_of(root, year):
            self.stdout.write(
                f"{queue.commune.full_name} ({queue.commune.code}) {year}: "
                f"{queue.submitted}/{queue.total} khu dân cư đã nộp / "
                f"{queue.submitted} of {queue.total} areas have submitted"
            )
            for area, dossier in queue.rows:
                with translation.override("vi"):
                    vi = dossier.get_status_display() if dossier else "chưa nhập"
                with translation.override("en"):
                    en = dossier.get_status_display() if dossier else "nothing entered"
                self.stdout.write(f"  {area.code:<14} {area.full_name:<30} {vi} / {en}")

    def _deadlines(self, root: Unit, year: int) -> None:
        day = datetime.date(year, 12, 31)
        if root.valid_to is not None and root.valid_to < day:
            day = root.valid_to
        province = (unit_ancestors(root, as_of=day) or [root])[0]
        self.stdout.write(f"{province.full_name} ({province.code}) {year}: hạn nhập / deadlines of entry")
        deadlines = Deadline.objects.filter(province=province, year=year).order_by("due", "kind")
        for deadline in deadlines:
            kind = _kind(deadline.kind)
            self.stdout.write(f"  {kind}: {_day(deadline.due)}")
        if not deadlines:
            self.stdout.write("  không có hạn nào / no deadline recorded")

        self.stdout.write(f"{root.full_name} ({root.code}): gia hạn / exceptions granted")
        exceptions = (
            DeadlineException.objects.filter(subtree_q(root.pk, field_name="unit_id"), year=year)
            .select_related("unit", "granted_by")
            .order_by("unit__code", "kind", "until")
        )
        for exception in exceptions:
            kind = _kind(exception.kind)
            by = f" ({exception.granted_by})" if exception.granted_by else ""
            self.stdout.write(
                f"  {exception.unit.code:<14} {exception.unit.full_name:<30} {kind}: "
                f"đến / until {_day(exception.until)}{by} · {exception.reason}"
            )
        if not exceptions:
            self.stdout.write("  không có gia hạn nào / no exception granted")

        self.stdout.write("Hạn theo ngày làm việc của hồ sơ / Working-day deadlines of the dossiers")
        today = timezone.localdate()
        dossiers = (
            Dossier.objects.filter(subtree_q(root.pk, field_name="unit_id"), year=year)
            .select_related("unit", "decision")
            .order_by("unit__code", "kind")
        )
        for dossier in dossiers:
            what = _both(dossier.get_kind_display)
            status = _both(dossier.get_status_display)
            self.stdout.write(f"  {dossier.unit.code:<14} {dossier.unit.full_name:<30} {what} · {status}")
            dues = dossier_due_dates(dossier)
            for due in dues:
                line = _described(due)
                if due.done_on is not None:
                    line += f" · xong ngày / done on {_day(due.done_on)}"
                if due.is_late(today):
                    line += " · TRỄ HẠN / LATE" if due.done_on is not None else " · quá hạn / overdue"
                self.stdout.write(f"    {line}")
            if not dues:
                self.stdout.write("    không có hạn tính theo ngày làm việc / no working-day deadline")
        if not dossiers:
            self.stdout.write("  chưa có hồ sơ / no dossier yet")
