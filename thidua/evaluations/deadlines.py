"""Deadlines of entry per province and year, and the exceptions granted to a unit.

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

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.audit.services import audit_record
from thidua.errors import DomainError
from thidua.evaluations.models import Deadline, DeadlineException, DeadlineKind
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_ancestors


def _year_day(unit: Unit, year: int) -> datetime.date:
    """The day that places a unit in the tree for a year: the year's end, or the unit's last day."""
    day = datetime.date(year, 12, 31)
    if unit.valid_to is not None and unit.valid_to < day:
        return unit.valid_to
    return day


def _chain(unit: Unit, year: int) -> list[Unit]:
    return unit_ancestors(unit, as_of=_year_day(unit, year)) or [unit]


def _kind_label(kind: str) -> Any:
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


def check_open(unit: Unit, year: int, kind: str, day: datetime.date) -> None:
    """Refuse entry of ``kind`` for ``unit`` and ``year`` on ``day`` when its deadline has passed."""
    deadline = deadline_for(unit, year, kind)
    if deadline.is_open(day):
        return
    assert deadline.last_day is not None
    raise DomainError(
        _(
            "Entry of the %(kind)s for %(year)s closed on %(due)s for %(unit)s; "
            "a later entry needs an exception granted with a reason."
        ),
        kind=_kind_label(kind),
        year=year,
        due=deadline.last_day.strftime("%d/%m/%Y"),
        unit=unit.full_name,
    )


def deadline_set(*, province: Unit, year: int, kind: str, due: datetime.date, actor: Any) -> Deadline:
    """Record (or move) a province's deadline for a kind of work and a year."""
    if province.level != Level.PROVINCE:
        raise DomainError(_("%(unit)s is not a province: deadlines are set by provinces."), unit=province.full_name)
    if kind not in DeadlineKind.values:
        raise DomainError(_("Unknown kind of deadline %(kind)s."), kind=kind)
    with transaction.atomic():
        before = Deadline.objects.filter(province=province, year=year, kind=kind).first()
        deadline, _created = Deadline.objects.update_or_create(
            province=province, year=year, kind=kind, defaults={"due": due}
        )
        audit_record(
            actor=actor,
            action="evaluations.deadline_set",
            obj=deadline,
            before={"due": before.due.isoformat()} if before else {},
            after={"year": year, "kind": kind, "due": due.isoformat()},
        )
    return deadline


def deadline_exception_grant(
    *, unit: Unit, year: int, kind: str, until: datetime.date, reason: str, actor: Any
) -> DeadlineException:
    """Let ``unit`` (and the units below it) enter ``kind`` for ``year`` until ``until``; audited."""
    if not reason.strip():
        raise DomainError(_("An exception to a deadline is granted only with a reason."))
    if kind not in DeadlineKind.values:
        raise DomainError(_("Unknown kind of deadline %(kind)s."), kind=kind)
    deadline = deadline_for(unit, year, kind)
    if deadline.due is None:
        raise DomainError(
            _("There is no deadline of the %(kind)s for %(year)s to make an exception to."),
            kind=_kind_label(kind),
            year=year,
        )
    if until <= deadline.due:
        raise DomainError(
            _("An exception must run past the deadline of %(due)s."), due=deadline.due.strftime("%d/%m/%Y")
        )
    with transaction.atomic():
        exception = DeadlineException.objects.create(
            unit=unit,
            year=year,
            kind=kind,
            until=until,
            reason=reason.strip(),
            granted_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="evaluations.deadline_exception_grant",
            obj=exception,
            after={"unit": unit.pk, "year": year, "kind": kind, "until": until.isoformat()},
            reason=reason.strip(),
        )
    return exception
