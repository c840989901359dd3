"""Writes of the deadlines: a province's deadline of entry, and an exception granted to a unit."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.errors import DomainError
from thidua.evaluations.deadlines.selectors import deadline_for, kind_label
from thidua.evaluations.models import Deadline, DeadlineException, DeadlineKind
from thidua.units.models import Level, Unit


def deadline_set(*, province: Unit, year: int, kind: str, due: datetime.date, actor: Actor) -> Deadline:
    """Record (or move) a province's deadline for a kind of work and a year."""
    authorize(actor, "evaluations.set_deadline", province)
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
    *, unit: Unit, year: int, kind: str, until: datetime.date, reason: str, actor: Actor
) -> DeadlineException:
    """Let ``unit`` (and the units below it) enter ``kind`` for ``year`` until ``until``; audited."""
    authorize(actor, "evaluations.grant_deadline_exception", unit)
    if not reason.strip():
        raise DomainError(_("An exception to a deadline is granted only with a reason."))
    if kind not in DeadlineKind.values:
        raise DomainError(_("Unknown kind of deadline %(kind)s."), kind=kind)
    deadline = deadline_for(unit, year, kind)
    if deadline.due is None:
        raise DomainError(
            _("There is no deadline of the %(kind)s for %(year)s to make an exception to."),
            kind=kind_label(kind),
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
            granted_by=actor if actor.pk else None,
        )
        audit_record(
            actor=actor,
            action="evaluations.deadline_exception_grant",
            obj=exception,
            after={"unit": unit.pk, "year": year, "kind": kind, "until": until.isoformat()},
            reason=reason.strip(),
        )
    return exception
