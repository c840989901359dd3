"""Reads of the nominations of a round: which the user sees, one nomination for a user, who may
nominate for which unit, where a subject was in the period, and the district's queue by commune."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.permissions import has_role
from thidua.awards.models import Nomination, NominationStatus, Round
from thidua.awards.nominations.permissions import SUBMITTERS, in_subtree
from thidua.awards.places import period_day
from thidua.awards.rounds.selectors import get_round_for_user, sees_everything
from thidua.lib.text import vi_sort_key
from thidua.people.models import Person, Position, PositionKind
from thidua.units.models import Level, Unit
from thidua.units.selectors import subtree_q, units_visible_to


def nominations_visible_to(user: User, round: Round) -> QuerySet[Nomination]:
    """The round's nominations made by units the user sees (all of them for the issuing body)."""
    nominations = Nomination.objects.filter(round=round).select_related(
        "round", "form", "area", "person", "person_area", "nominated_by", "created_by"
    )
    if sees_everything(user):
        return nominations
    return nominations.filter(nominated_by__in=units_visible_to(user))


def get_nomination_for_user(user: User, pk: int) -> Nomination:
    """A nomination of a round the user sees, made by a unit the user sees; else ``Http404``."""
    round_id = Nomination.objects.filter(pk=pk).values_list("round_id", flat=True).first()
    if round_id is None:
        raise Http404(_("There is no such nomination, or it is outside the unit you work for."))
    nomination = nominations_visible_to(user, get_round_for_user(user, round_id)).filter(pk=pk).first()
    if nomination is None:
        raise Http404(_("There is no such nomination, or it is outside the unit you work for."))
    return nomination


def nominating_units(user: User, round: Round) -> list[Unit]:
    """The units ``user`` may nominate for in ``round``: their own (a commune or above, under the
    issuing body); for an administrator, every commune under the issuing body in the period."""
    if sees_everything(user):
        day = period_day(round)
        return list(Unit.objects.filter(subtree_q(round.issuer_id, as_of=day), level=Level.COMMUNE).order_by("name"))
    unit = user.unit
    if unit is None or not has_role(user, *SUBMITTERS) or unit.level > Level.COMMUNE:
        return []
    # The issuing body reviews; it does not nominate to itself from the page.
    if unit.pk == round.issuer_id or not in_subtree(unit.pk, round.issuer_id):
        return []
    return [unit]


def subject_within(area: Unit, unit: Unit, round: Round) -> bool:
    """Whether ``area`` hung under ``unit`` at the end of some year of the round's period.

    A nominating unit created after the period (a ward merged on 1/7/2025) answers for what its
    predecessors held, through lineage.
    """
    ends = [datetime.date(year, 12, 31) for year in round.years]
    if any(in_subtree(area.pk, unit.pk, as_of=day) for day in ends):
        return True
    if unit.valid_from is not None and unit.valid_from > ends[-1]:
        return in_subtree(area.pk, unit.pk)
    return False


def person_area_in(person: Person, round: Round) -> Unit | None:
    """The area where ``person`` last served as Trưởng ban công tác Mặt trận during the period."""
    first, last = datetime.date(round.period_start, 1, 1), period_day(round)
    position = (
        Position.objects.filter(person=person, kind=PositionKind.TRUONG_BAN_BCTMT, term_from__lte=last)
        .exclude(term_to__lt=first)
        .select_related("unit")
        .order_by("-term_from")
        .first()
    )
    return position.unit if position else None


@dataclass
class CommuneQueue:
    commune: Unit
    nominations: list[Nomination]

    @property
    def submitted(self) -> bool:
        return any(n.status in (NominationStatus.SUBMITTED, NominationStatus.ACCEPTED) for n in self.nominations)


@dataclass
class RoundQueue:
    """The district's view: each commune with its nominations ("5 of 8 communes have submitted")."""

    communes: list[CommuneQueue]
    others: list[Nomination]

    @property
    def submitted(self) -> int:
        return sum(1 for c in self.communes if c.submitted)

    @property
    def total(self) -> int:
        return len(self.communes)


def round_queue(round: Round, nominations: Iterable[Nomination]) -> RoundQueue:
    communes = sorted(
        Unit.objects.filter(subtree_q(round.issuer_id, as_of=period_day(round)), level=Level.COMMUNE),
        key=lambda unit: vi_sort_key(unit.name),
    )
    by_unit: dict[int, list[Nomination]] = {}
    for nomination in nominations:
        by_unit.setdefault(nomination.nominated_by_id, []).append(nomination)
    queues = [CommuneQueue(commune, by_unit.pop(commune.pk, [])) for commune in communes]
    return RoundQueue(queues, [n for rest in by_unit.values() for n in rest])
