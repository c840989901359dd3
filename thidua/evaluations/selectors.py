"""Reads of the yearly cycle: an area's year line by line with the rules' verdict, a commune's queue
of dossiers, the decisions and meetings a user may download, and the exclusion categories as a
reader may see them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.system import Actor
from thidua.campaigns import rules
from thidua.campaigns.parameters import EXCLUSION_CATEGORIES
from thidua.campaigns.rules import Check, Result
from thidua.campaigns.selectors import parameters_for
from thidua.db import vi_order
from thidua.errors import DomainError
from thidua.evaluations.models import (
    Decision,
    Dossier,
    DossierKind,
    DossierStatus,
    HouseholdYear,
    Meeting,
    MeetingKind,
    TitleException,
)
from thidua.people.models import Household, Residence
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_ancestors, unit_children, units_visible_to

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


def meeting_parameters(meeting: Meeting) -> dict[str, Any]:
    """The province's parameters in force on the meeting's date."""
    province = unit_ancestors(meeting.unit, as_of=meeting.held_on)[0]
    return parameters_for(province, meeting.held_on)


def posted_days(meeting: Meeting) -> int | None:
    """How many days the meeting's list stayed posted, both ends counted (None: not recorded)."""
    if meeting.posted_from is None or meeting.posted_until is None:
        return None
    return max(0, (meeting.posted_until - meeting.posted_from).days + 1)


def household_year_result(line: HouseholdYear, *, params: Mapping[str, Any] | None = None) -> Result:
    """The rules' verdict on one household's year, with every check and its reason ("why not?")."""
    meeting = line.meeting
    if meeting is None:
        raise DomainError(_("%(name)s has no evaluation meeting yet."), name=str(line.household))
    if params is None:
        params = meeting_parameters(meeting)
    facts = rules.HouseholdFacts(
        registered=line.registered,
        meeting=rules.Meeting(convened=meeting.convened, present=meeting.present, votes_for=line.votes_for or 0),
        exclusions=tuple(line.exclusions),
        points=float(line.points) if line.points is not None else None,
        posted_days=posted_days(meeting),
        year=line.year,
    )
    return rules.household_title(facts, day=meeting.held_on, regime=rules.regime_for(meeting.held_on), params=params)


@dataclass
class AreaLine:
    household: Household
    line: HouseholdYear | None
    result: Result | None
    # The decision titled this line although its meeting did not carry it: who, why, which document.
    exception: TitleException | None = None

    @property
    def failed(self) -> list[Check]:
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
    exceptions = {
        e.household_year_id: e
        for e in TitleException.objects.filter(household_year__area=area, household_year__year=year).select_related(
            "decision", "recorded_by"
        )
    }
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
        lines.append(AreaLine(household, line, result, exceptions.get(line.pk) if line is not None else None))
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
        .select_related("household", "area", "decision", "title_exception__decision", "title_exception__recorded_by")
        .order_by("area__name", "household__code")
    )


def commune_of(area: Unit, year: int) -> Unit | None:
    """The commune ``area`` belonged to at the end of ``year``."""
    chain = unit_ancestors(area, as_of=datetime.date(year, 12, 31))
    return next((unit for unit in reversed(chain) if unit.level == Level.COMMUNE), None)


def decisions_visible_to(actor: Actor) -> QuerySet[Decision]:
    """Decisions whose documents ``actor`` may download: issued by a unit they see (every one for
    ``SYSTEM_ACTOR``, the console), and decided (a dossier carries it and is decided or locked), never a
    number that was only reserved."""
    decided = Decision.objects.filter(Exists(Dossier.objects.filter(decision=OuterRef("pk"), status__in=DECIDED)))
    if not isinstance(actor, User):
        return decided
    return decided.filter(issuer__in=units_visible_to(actor))


def downloadable_decisions(actor: Actor, decisions: Iterable[Decision | None]) -> set[int]:
    """Of ``decisions``, the ids whose documents ``actor`` may download (the download's own rule,
    ``decisions_visible_to``): a page links only those."""
    ids = [d.pk for d in decisions if d is not None]
    return set(decisions_visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def may_download_minutes(actor: Actor, meeting: Meeting | None) -> bool:
    """Whether ``actor`` may download the minutes of ``meeting`` (the download's own rule)."""
    return meeting is not None and meetings_visible_to(actor).filter(pk=meeting.pk).exists()


def meetings_visible_to(actor: Actor) -> QuerySet[Meeting]:
    """Meetings whose minutes ``actor`` may download: held in a unit they see (any, for the console)."""
    if not isinstance(actor, User):
        return Meeting.objects.all()
    return Meeting.objects.filter(unit__in=units_visible_to(actor))


def title_exception_out(exception: TitleException | None) -> dict[str, Any] | None:
    """A title by exception as the API and the history answer it: the decision, who, why, which document."""
    if exception is None:
        return None
    return {
        "decision": str(exception.decision),
        "reason": exception.reason,
        "document": exception.document,
        "overridden": [item["detail"] for item in exception.overridden],
        "recorded_by": exception.recorded_by.get_full_name() or exception.recorded_by.username
        if exception.recorded_by
        else "",
        "recorded_at": exception.recorded_at,
    }


def exclusion_label(code: str) -> str:
    """The category's name; a code of a province's own list (NĐ 122) reads as itself."""
    label = EXCLUSION_CATEGORIES.get(code)
    return str(label) if label is not None else code


# The checks whose detail names an exclusion category or the points: masked for anyone else.
SENSITIVE_RULES = frozenset({"exclusions", "points"})


def masked_checks(checks: Iterable[Check], *, may_see: bool) -> list[Check]:
    """``checks`` as a reader may read them: the detail of a sensitive check is hidden unless ``may_see``
    (``permissions.can_view_exclusions``)."""
    if may_see:
        return list(checks)
    hidden = gettext("shown only to those who decide the titles")
    return [Check(c.rule, c.passed, hidden) if c.rule in SENSITIVE_RULES else c for c in checks]
