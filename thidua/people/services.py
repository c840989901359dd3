"""Writes on households, persons and positions; audited, one transaction each, each authorizing its
actor against the unit of what it writes first."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record, snapshot
from thidua.errors import DomainError
from thidua.people.models import Gender, Household, Member, Person, Position, Residence
from thidua.units.models import Level, Unit
from thidua.units.rules import Period, day_before


@dataclass(frozen=True)
class MemberData:
    full_name: str
    gender: str = Gender.UNKNOWN
    birth_year: int | None = None
    relation: str = ""


def _check_area(area: Unit, day: datetime.date | None) -> None:
    if area.level != Level.AREA:
        raise DomainError(_("%(unit)s is not a residential area."), unit=area.full_name)
    if day is not None and not Period(area.valid_from, area.valid_to).contains_day(day):
        raise DomainError(
            _("The residential area %(unit)s does not exist on %(date)s."),
            unit=area.full_name,
            date=day.strftime("%d/%m/%Y"),
        )


def household_create(
    *,
    code: str,
    head_name: str,
    area: Unit,
    since: datetime.date | None,
    actor: Actor,
    head_gender: str = Gender.UNKNOWN,
    address: str = "",
    members: Sequence[MemberData] = (),
) -> Household:
    """A household of ``area`` from ``since`` (None: before the records began), with its members."""
    authorize(actor, "people.record_households", area)
    with transaction.atomic():
        if Household.objects.filter(code=code).exists():
            raise DomainError(_("The household code %(code)s is already used."), code=code)
        _check_area(area, since)
        household = Household(code=code, head_name=head_name, head_gender=head_gender, address=address, area=area)
        household.save()
        Residence.objects.create(household=household, area=area, valid_from=since)
        Member.objects.bulk_create(
            Member(
                household=household,
                full_name=m.full_name,
                gender=m.gender,
                birth_year=m.birth_year,
                relation=m.relation,
            )
            for m in members
        )
        audit_record(
            actor=actor,
            action="people.household_create",
            obj=household,
            after={**snapshot(household, ["code", "head_name", "area"]), "members": len(members)},
        )
    return household


def household_move(
    *, household: Household, area: Unit, date: datetime.date, actor: Actor, reason: str = ""
) -> Residence:
    """The household lives in ``area`` from ``date``; its earlier residence ends the day before. The
    actor records households both where it lived and where it goes."""
    authorize(actor, "people.record_households", household.area)
    authorize(actor, "people.record_households", area)
    with transaction.atomic():
        if household.dissolved_on is not None:
            raise DomainError(_("The household %(code)s was dissolved."), code=household.code)
        _check_area(area, date)
        current = household.residences.filter(valid_to__isnull=True).first()
        if current is None or (current.valid_from is not None and current.valid_from >= date):
            raise DomainError(_("A move must come after the household's current residence began."), code=household.code)
        if current.area_id == area.pk:
            raise DomainError(_("The household already lives in %(unit)s."), unit=area.full_name)
        current.valid_to = day_before(date)
        current.save(update_fields=["valid_to"])
        residence = Residence.objects.create(household=household, area=area, valid_from=date)
        before = {"area": household.area_id}
        household.area = area
        household.save(update_fields=["area", "search_text"])
        audit_record(
            actor=actor,
            action="people.household_move",
            obj=household,
            before=before,
            after={"area": area.pk, "date": date.isoformat()},
            reason=reason,
        )
    return residence


def household_dissolve(*, household: Household, date: datetime.date, reason: str, actor: Actor) -> Household:
    authorize(actor, "people.record_households", household.area)
    if not reason.strip():
        raise DomainError(_("Give the reason of the dissolution."))
    with transaction.atomic():
        if household.dissolved_on is not None:
            raise DomainError(_("The household %(code)s was dissolved."), code=household.code)
        household.residences.filter(valid_to__isnull=True).update(valid_to=day_before(date))
        household.dissolved_on, household.dissolution_reason = date, reason
        household.save(update_fields=["dissolved_on", "dissolution_reason", "search_text"])
        audit_record(
            actor=actor,
            action="people.household_dissolve",
            obj=household,
            after={"dissolved_on": date.isoformat()},
            reason=reason,
        )
    return household


def person_create(
    *,
    full_name: str,
    actor: Actor,
    gender: str = Gender.UNKNOWN,
    birth_year: int | None = None,
    household: Household | None = None,
) -> Person:
    """Record a person (a Trưởng ban, a nominee); the folded name for the search is set by ``save()``."""
    authorize(actor, "people.record_person", household)
    name = " ".join(full_name.split())
    if not name:
        raise DomainError(_("A person needs a full name."))
    with transaction.atomic():
        person = Person(full_name=name, gender=gender, birth_year=birth_year, household=household)
        person.save()
        audit_record(
            actor=actor,
            action="people.person_create",
            obj=person,
            after=snapshot(person, ["full_name", "gender", "birth_year", "household"]),
        )
    return person


def position_assign(
    *,
    person: Person,
    kind: str,
    unit: Unit,
    term_from: datetime.date,
    term_to: datetime.date | None = None,
    actor: Actor,
    reason: str = "",
) -> Position:
    """``person`` holds ``kind`` in ``unit`` from ``term_from``; an open term of a predecessor ends
    the day before, and a term may not overlap another closed one."""
    authorize(actor, "people.assign_position", unit)
    with transaction.atomic():
        if term_to is not None and term_to < term_from:
            raise DomainError(_("A term cannot end before it begins."))
        period = Period(term_from, term_to)
        for other in Position.objects.filter(unit=unit, kind=kind):
            if other.term_to is None and other.term_from < term_from:
                other.term_to = day_before(term_from)
                other.save(update_fields=["term_to"])
                audit_record(
                    actor=actor,
                    action="people.position_end",
                    obj=other,
                    after={"term_to": other.term_to.isoformat()},
                    reason=reason,
                )
            elif Period(other.term_from, other.term_to).overlaps(period):
                raise DomainError(
                    _("%(person)s already holds this position in %(unit)s over %(period)s."),
                    person=other.person.full_name,
                    unit=unit.full_name,
                    period=str(Period(other.term_from, other.term_to)),
                )
        position = Position.objects.create(person=person, kind=kind, unit=unit, term_from=term_from, term_to=term_to)
        audit_record(
            actor=actor,
            action="people.position_assign",
            obj=position,
            after=snapshot(position, ["person", "kind", "unit", "term_from", "term_to"]),
            reason=reason,
        )
    return position
