"""Reads of the yearly cycle: an area's year line by line, a commune's queue of dossiers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from thidua.campaigns.rules import Result
from thidua.db import vi_order
from thidua.errors import DomainError
from thidua.evaluations.models import Decision, Dossier, DossierKind, DossierStatus, HouseholdYear, Meeting, MeetingKind
from thidua.evaluations.services import household_year_result, meeting_parameters
from thidua.people.models import Household, Residence
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_children, units_visible_to

# A dossier counts as sent up once submitted, whatever happened to it above.
SENT = (DossierStatus.SUBMITTED, DossierStatus.REVIEWED, DossierStatus.DECIDED, DossierStatus.LOCKED)
# A decision is issued once its dossier is decided (or locked after).
DECIDED = (DossierStatus.DECIDED, DossierStatus.LOCKED)


def households_of_area_year(area: Unit, year: int) -> list[tuple[Household, HouseholdYear | None]]:
    """The households that lived in ``area`` during ``year`` or have their record of the year
    there, by the head's name in Vietnamese order, each with that record (None: not recorded)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    residences = Residence.objects.filter(area=area).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last), Q(valid_to__isnull=True) | Q(valid_to__gte=first)
    )
    lines = {line.household_id: line for line in HouseholdYear.objects.filter(area=area, year=year)}
    households = Household.objects.filter(Q(pk__in=residences.values("household_id")) | Q(pk__in=list(lines)))
    return [(household, lines.get(household.pk)) for household in households.order_by(vi_order("head_name"), "code")]


@dataclass
class AreaLine:
    household: Household
    line: HouseholdYear | None
    result: Result | None

    @property
    def failed(self) -> list[Any]:
        return [check for check in self.result.checks if not check.passed] if self.result else []


@dataclass
class AreaYearView:
    area: Unit
    year: int
    lines: list[AreaLine]
    meeting: Meeting | None
    dossier: Dossier | None

    @property
    def registered(self) -> list[AreaLine]:
        return [a for a in self.lines if a.line is not None and a.line.registered]

    @property
    def votes_total(self) -> int:
        return sum(a.line.votes_for or 0 for a in self.registered if a.line is not None)


def area_year(area: Unit, year: int) -> AreaYearView:
    """Every household of ``area`` in ``year`` (Vietnamese order) with its line and, once the
    meeting is recorded, the rules' verdict with each check."""
    meeting = Meeting.objects.filter(kind=MeetingKind.HOUSEHOLD_REVIEW, unit=area, year=year).first()
    lines = []
    # Every line of the meeting shares its date and province: the parameters are read once.
    params = meeting_parameters(meeting) if meeting is not None else None
    for household, line in households_of_area_year(area, year):
        result = None
        if line is not None and line.meeting_id is not None:
            if meeting is not None and meeting.pk == line.meeting_id:
                line.meeting, line.area = meeting, area
            try:
                result = household_year_result(line, params=params if line.meeting is meeting else None)
            except DomainError:
                result = None
        lines.append(AreaLine(household, line, result))
    dossier = Dossier.objects.filter(kind=DossierKind.GDVH, unit=area, year=year).select_related("decision").first()
    return AreaYearView(area, year, lines, meeting, dossier)


def commune_areas(commune: Unit, year: int) -> QuerySet[Unit]:
    """The residential areas of ``commune`` at the end of ``year``, in Vietnamese order."""
    return unit_children(commune, as_of=datetime.date(year, 12, 31)).filter(level=Level.AREA)


@dataclass
class Queue:
    commune: Unit
    year: int
    rows: list[tuple[Unit, Dossier | None]]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def submitted(self) -> int:
        return sum(1 for _area, dossier in self.rows if dossier is not None and dossier.status in SENT)


def commune_queue(commune: Unit, year: int) -> Queue:
    """Each area's household dossier of the year (None: nothing entered yet)."""
    areas = list(commune_areas(commune, year))
    dossiers = {
        d.unit_id: d
        for d in Dossier.objects.filter(kind=DossierKind.GDVH, year=year, unit__in=areas).select_related("decision")
    }
    return Queue(commune, year, [(area, dossiers.get(area.pk)) for area in areas])


def queue_of(unit: Unit, year: int) -> list[Queue]:
    """The queues of every commune in ``unit``'s subtree (``unit`` itself when it is a commune)."""
    if unit.level == Level.COMMUNE:
        return [commune_queue(unit, year)]
    if unit.level == Level.AREA:
        return []
    return [
        queue for child in unit_children(unit, as_of=datetime.date(year, 12, 31)) for queue in queue_of(child, year)
    ]


def titled_lines(commune: Unit, year: int) -> QuerySet[HouseholdYear]:
    """The household titles of ``commune``'s areas in ``year``, revoked ones included."""
    return (
        HouseholdYear.objects.filter(area__in=commune_areas(commune, year), year=year, titled=True)
        .select_related("household", "area", "decision")
        .order_by("area__name", "household__code")
    )


def commune_of(area: Unit, year: int) -> Unit | None:
    """The commune ``area`` belonged to at the end of ``year``."""
    from thidua.units.selectors import unit_ancestors

    chain = unit_ancestors(area, as_of=datetime.date(year, 12, 31))
    return next((unit for unit in reversed(chain) if unit.level == Level.COMMUNE), None)


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    """Decisions whose documents ``user`` may download: issued by a unit they see, and decided
    (a dossier carries it and is decided or locked), never a number that was only reserved."""
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    decided = Dossier.objects.filter(decision=OuterRef("pk"), status__in=DECIDED)
    return Decision.objects.filter(issuer__in=units_visible_to(user)).filter(Exists(decided))


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    """Meetings whose minutes ``user`` may download: held in a unit they see."""
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    return Meeting.objects.filter(unit__in=units_visible_to(user))
