"""Reads of a round's public consultation: the published list (what the public may see of it), the
last day of the period, what still stands in the way of the council's vote, and the state the
officers' page and the API show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from thidua.awards.models import Nomination, NominationStatus, ObjectionStatus, PublicObjection, Round
from thidua.awards.places import period_day
from thidua.errors import DomainError
from thidua.lib.workdays import working_days_from
from thidua.units.models import Unit
from thidua.units.selectors import unit_name_at, unit_version_at

MIN_WORKING_DAYS = 10


def day_text(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


def consultation_last_day(on: datetime.date, working_days: int = MIN_WORKING_DAYS) -> datetime.date:
    """The last day of a consultation published on ``on``: the ``working_days``-th working day after it."""
    return working_days_from(on, working_days)


def published_nominations(round: Round) -> list[Nomination]:
    """The nominations the public sees: the accepted ones, by form then order of creation."""
    return list(
        Nomination.objects.filter(round=round, status=NominationStatus.ACCEPTED)
        .select_related("form", "area", "person", "person_area")
        .order_by("form__rank", "form_id", "id")
    )


@dataclass(frozen=True)
class PublicRow:
    """One line of the published list: what the public may see of a nomination, and nothing else."""

    nomination_id: int
    form: str
    collective: bool
    name: str  # the area's name, or the person's full name
    area: str  # the area (the person's area for an individual), named as in the period
    commune: str


def _names_at(area: Unit | None, day: datetime.date) -> tuple[str, str]:
    if area is None:
        return "", ""
    version = unit_version_at(area, day)
    parent = version.parent if version is not None else area.parent
    return (
        version.full_name if version is not None else area.full_name,
        unit_name_at(parent, day) if parent is not None else "",
    )


def published_rows(round: Round) -> list[PublicRow]:
    """The published list with the names of the period's last day: no evidence, report or justification."""
    day = period_day(round)
    rows = []
    for nomination in published_nominations(round):
        area = nomination.area or nomination.person_area
        area_name, commune = _names_at(area, day)
        rows.append(
            PublicRow(
                nomination_id=nomination.pk,
                form=nomination.form.name,
                collective=nomination.area_id is not None,
                name=area_name if nomination.person is None else nomination.person.full_name,
                area=area_name,
                commune=commune,
            )
        )
    return rows


def consultation_blocker_errors(round: Round, on: datetime.date) -> list[DomainError]:
    """Why the council may not vote on ``on`` yet, as errors (empty: it may vote)."""
    errors = []
    if round.consultation_from is None or round.consultation_until is None:
        errors.append(DomainError(_("The list has not been published for public consultation.")))
    elif on <= round.consultation_until:
        errors.append(DomainError(_("The consultation runs until %(day)s."), day=day_text(round.consultation_until)))
    open_count = PublicObjection.objects.filter(round=round, status=ObjectionStatus.OPEN).count()
    if open_count:
        errors.append(
            DomainError(
                ngettext_lazy(
                    "%(count)s objection is not answered.", "%(count)s objections are not answered.", open_count
                ),
                count=open_count,
            )
        )
    return errors


def consultation_blockers(round: Round, on: datetime.date) -> list[str]:
    """Why the council may not vote on ``on`` yet, in the active language (empty: it may vote).

    ``consultation_blocker_errors`` gives the same reasons as ``DomainError`` objects, which a
    refusal raises to be read in its reader's language.
    """
    return [error.reason() for error in consultation_blocker_errors(round, on)]


@dataclass(frozen=True)
class ConsultationState:
    round: Round
    published: bool
    open_today: bool
    objections_open: int
    objections_answered: int
    blockers: list[str]


def consultation_state(round: Round, today: datetime.date) -> ConsultationState:
    """What the officers' page and the API show about a round's consultation on ``today``."""
    counts = {ObjectionStatus.OPEN: 0, "answered": 0}
    for status in PublicObjection.objects.filter(round=round).values_list("status", flat=True):
        counts[ObjectionStatus.OPEN if status == ObjectionStatus.OPEN else "answered"] += 1
    published = round.consultation_from is not None and round.consultation_until is not None
    return ConsultationState(
        round=round,
        published=published,
        open_today=bool(
            published
            and round.consultation_from is not None
            and round.consultation_until is not None
            and round.consultation_from <= today <= round.consultation_until
        ),
        objections_open=counts[ObjectionStatus.OPEN],
        objections_answered=counts["answered"],
        blockers=consultation_blockers(round, today),
    )
