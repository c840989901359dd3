"""Deadlines of entry per province and year, the exceptions granted to a unit, and the working-day
deadlines of a dossier. The writes are ``deadlines.services``.

A ``Deadline.due`` is the last day a kind of work (the household evaluation, the area evaluation,
the Front's evaluation) may be entered for a year in a province; from the next day entry is locked,
unless a ``DeadlineException`` granted to the unit or to a unit above it is still open. Where no
deadline is recorded for the province and year nothing is locked: the law's own deadlines (NĐ 86:
the review before 25/11) are checked by the rules on the meeting date, not here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.errors import DomainError
from thidua.evaluations.models import (
    Deadline,
    DeadlineException,
    DeadlineKind,
    Dossier,
    DossierKind,
    DossierStatus,
    DossierTransition,
    Meeting,
    MeetingKind,
)
from thidua.lib.workdays import working_days_from
from thidua.units.models import Unit
from thidua.units.selectors import unit_ancestors


def _year_day(unit: Unit, year: int) -> datetime.date:
    """The day that places a unit in the tree for a year: the year's end, or the unit's last day."""
    day = datetime.date(year, 12, 31)
    if unit.valid_to is not None and unit.valid_to < day:
        return unit.valid_to
    return day


def _chain(unit: Unit, year: int) -> list[Unit]:
    return unit_ancestors(unit, as_of=_year_day(unit, year)) or [unit]


def kind_label(kind: str) -> Any:
    # Kept lazy: an error built with it reads in Vietnamese and in English alike.
    return DeadlineKind(kind).label


@dataclass(frozen=True)
class UnitDeadline:
    """The deadline of a unit for a kind of work and a year, with the exception that extends it."""

    due: datetime.date | None
    exception: DeadlineException | None = None

    @property
    def last_day(self) -> datetime.date | None:
        """The last day entry is open for the unit (None: no deadline)."""
        if self.due is None:
            return None
        if self.exception is not None and self.exception.until > self.due:
            return self.exception.until
        return self.due

    def is_open(self, day: datetime.date) -> bool:
        return self.last_day is None or day <= self.last_day


def deadline_for(unit: Unit, year: int, kind: str) -> UnitDeadline:
    """The province's deadline for ``unit`` and the latest exception granted to it or a unit above."""
    if not Deadline.objects.filter(year=year, kind=kind).exists():
        return UnitDeadline(None)
    chain = _chain(unit, year)
    province = chain[0]
    deadline = Deadline.objects.filter(province=province, year=year, kind=kind).first()
    if deadline is None:
        return UnitDeadline(None)
    exception = (
        DeadlineException.objects.filter(unit__in=[u.pk for u in chain], year=year, kind=kind)
        .order_by("-until", "-id")
        .first()
    )
    return UnitDeadline(deadline.due, exception)


def check_open(unit: Unit, year: int, kind: str, day: datetime.date, *, message: Any = None) -> None:
    """Refuse entry of ``kind`` for ``unit`` and ``year`` on ``day`` when its deadline has passed.

    ``message`` (a lazy msgid with the same placeholders) words the refusal for a particular entry.
    """
    deadline = deadline_for(unit, year, kind)
    if deadline.is_open(day):
        return
    assert deadline.last_day is not None
    raise DomainError(
        message
        or _(
            "Entry of the %(kind)s for %(year)s closed on %(due)s for %(unit)s; "
            "a later entry needs an exception granted with a reason."
        ),
        kind=kind_label(kind),
        year=year,
        due=deadline.last_day.strftime("%d/%m/%Y"),
        unit=unit.full_name,
    )


# Deadlines the law counts in working days (Saturdays, Sundays and public holidays excluded), from
# an event of the procedure. NĐ 122/2018 (dichvucong 207267; thuvienphapluat 41E93): the dossier is
# filed within 3 working days after the meeting, the chairman decides within 5; for a Giấy khen of a
# cultural area the council meets within 5 working days and the chairman decides within 3.
@dataclass(frozen=True)
class WorkingDayRule:
    key: str
    label: Any  # lazy: what must happen
    working_days: int
    after: Any  # lazy: the event the count starts from (that day not counted)
    regimes: frozenset[str]
    source: str


ND122 = frozenset({"nd122-2018"})
WORKING_DAY_RULES: dict[str, WorkingDayRule] = {
    rule.key: rule
    for rule in (
        WorkingDayRule(
            "dossier_filed", _("the dossier is sent up"), 3, _("the evaluation meeting"), ND122, "NĐ 122/2018/NĐ-CP"
        ),
        WorkingDayRule(
            "title_decision",
            _("the chairman decides"),
            5,
            _("the day the dossier was sent up"),
            ND122,
            "NĐ 122/2018/NĐ-CP",
        ),
        WorkingDayRule(
            "certificate_council",
            _("the emulation and commendation council meets"),
            5,
            _("the commune's proposal"),
            ND122,
            "NĐ 122/2018/NĐ-CP, Điều 17",
        ),
        WorkingDayRule(
            "certificate_decision",
            _("the chairman decides the certificates of merit"),
            3,
            _("the council's meeting"),
            ND122,
            "NĐ 122/2018/NĐ-CP, Điều 17",
        ),
    )
}


def working_day_deadline(start: datetime.date, working_days: int) -> datetime.date:
    """The last day of a deadline of ``working_days`` working days counted from the day after ``start``."""
    return working_days_from(start, working_days)


@dataclass(frozen=True)
class DueDate:
    """One working-day deadline of a dossier: from which day, until which day, and when it was met."""

    rule: WorkingDayRule
    start: datetime.date
    due: datetime.date
    done_on: datetime.date | None = None

    def is_late(self, today: datetime.date) -> bool:
        return (self.done_on or today) > self.due

    def describe(self) -> str:
        """Such as "the dossier is sent up within 3 working days after the evaluation meeting (20/11/2020):
        by 25/11/2020"."""
        return gettext("%(what)s within %(n)s working days after %(after)s (%(start)s): by %(due)s") % {
            "what": self.rule.label,
            "n": self.rule.working_days,
            "after": self.rule.after,
            "start": self.start.strftime("%d/%m/%Y"),
            "due": self.due.strftime("%d/%m/%Y"),
        }


def rule_due_date(
    key: str, start: datetime.date, done_on: datetime.date | None = None, *, regime_day: datetime.date | None = None
) -> DueDate | None:
    """The deadline of rule ``key`` counted from ``start``, or None when the regime sets none.

    The regime is the one of ``regime_day`` (the evaluation's date), ``start`` when not given.
    """
    from thidua.campaigns.rules import RegimeError, regime_for

    rule = WORKING_DAY_RULES[key]
    try:
        regime = regime_for(regime_day or start).key
    except RegimeError:
        return None
    if regime not in rule.regimes:
        return None
    return DueDate(rule, start, working_day_deadline(start, rule.working_days), done_on)


def dossier_due_dates(dossier: Dossier) -> list[DueDate]:
    """The working-day deadlines of a dossier under its regime: sent up after the meeting, decided after."""
    from django.utils import timezone

    meeting_kind = MeetingKind.HOUSEHOLD_REVIEW if dossier.kind == DossierKind.GDVH else MeetingKind.AREA_REVIEW
    meeting = Meeting.objects.filter(kind=meeting_kind, unit=dossier.unit_id, year=dossier.year).first()
    sent = (
        DossierTransition.objects.filter(dossier=dossier, target=DossierStatus.SUBMITTED).order_by("-at", "-id").first()
    )
    sent_on = timezone.localdate(sent.at) if sent else None
    decided_on = dossier.decision.issued_on if dossier.decision_id and dossier.decision else None
    # The evaluation's date chooses the regime, whenever the later steps happen.
    regime_day = meeting.held_on if meeting is not None else datetime.date(dossier.year, 12, 31)
    dues: list[DueDate] = []
    if meeting is not None and (filed := rule_due_date("dossier_filed", meeting.held_on, sent_on)):
        dues.append(filed)
    if sent_on is not None and (decided := rule_due_date("title_decision", sent_on, decided_on, regime_day=regime_day)):
        dues.append(decided)
    return dues
