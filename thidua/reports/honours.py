"""What the summary report says of people and areas: the exemplary areas with the movements they tied
the campaign to, the awards the period's decisions made, and what was proposed to the higher body.

Read set-based from ``thidua.awards``: one query for the Front's points of the exemplary areas, one for
their movements, one for the awards of the decisions, one for the nominations sent up. Names are those
of the period's last day (``awards.decisions.documents.recipient_of`` for the annexed list).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from thidua.awards.decisions.documents import Recipient, recipient_of
from thidua.awards.models import AreaMovement, Award, FormKind, Nomination, Organ, ProposalStatus
from thidua.campaigns.documents import Place, place_on
from thidua.evaluations.models import AreaYear
from thidua.lib.vietnamese import document_number, short_date
from thidua.units.models import Unit
from thidua.units.selectors import subtree_q


@dataclass(frozen=True)
class Exemplary:
    """An area titled every year of the period, with the Front's points and its movements."""

    area: Place
    commune: Place | None
    points: Decimal
    # (movement, what the area did), in the order the area first took them up.
    movements: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class Given:
    """The awards one decision made of one form: who gave what to how many areas and Trưởng ban."""

    giver: str  # "Chủ tịch Ủy ban nhân dân thị xã Bắc Kạn"
    form: str  # "Giấy khen"
    citation: str  # "Quyết định số 01/QĐ-UBND ngày 24/01/2014"
    counts: dict[str, int] = field(default_factory=dict)  # subject → count


@dataclass
class Proposed:
    """The nominations one body sent up for one form, and what the higher body decided."""

    proposer: str  # "Ủy ban nhân dân thị xã Bắc Kạn"
    to_body: str
    form: str
    status: str
    higher_decision: str
    higher_decided_on: datetime.date | None
    sent: list[str] = field(default_factory=list)  # ["02/TTr-UBND ngày 27/01/2014", …]
    counts: dict[str, int] = field(default_factory=dict)  # nominated, by subject
    awarded: dict[str, int] = field(default_factory=dict)  # awarded by the higher body, by subject


@dataclass(frozen=True)
class Honours:
    given: list[Given]
    proposed: list[Proposed]
    recipients: list[tuple[Recipient, str]]  # (recipient, the award in words), collectives first


def short_form(name: str) -> str:
    """ "Giấy khen của Chủ tịch UBND thị xã Bắc Kạn" → "Giấy khen": the form without its giver."""
    return name.split(" của ", 1)[0].strip() or name


def organ_body(organ: str, place: Place) -> str:
    if organ == Organ.MTTQ:
        return f"Ủy ban Mặt trận Tổ quốc Việt Nam {place.full_name}"
    return f"Ủy ban nhân dân {place.full_name}"


def exemplary_areas(every_year: Sequence[tuple[Place, Place | None]], start: int, end: int) -> list[Exemplary]:
    """The areas titled every year, strongest first by the sum of the Front's points over the period."""
    ids = [area.unit.pk for area, _commune in every_year]
    points = dict(
        AreaYear.objects.filter(area_id__in=ids, year__gte=start, year__lte=end)
        .values("area_id")
        .annotate(total=Sum("mttq_points"))
        .values_list("area_id", "total")
    )
    ties: dict[int, dict[str, list[str]]] = defaultdict(dict)
    rows = (
        AreaMovement.objects.filter(area_id__in=ids, year__gte=start, year__lte=end)
        .order_by("area_id", "year", "movement__name")
        .values_list("area_id", "movement__name", "description")
    )
    for area_id, movement, description in rows:
        words = ties[area_id].setdefault(movement, [])
        if description.strip() and description.strip() not in words:
            words.append(description.strip())
    result = [
        Exemplary(
            area,
            commune,
            points.get(area.unit.pk) or Decimal(0),
            tuple((name, tuple(words)) for name, words in ties.get(area.unit.pk, {}).items()),
        )
        for area, commune in every_year
    ]
    # Stable: equal points keep the list's order (by commune, then area).
    result.sort(key=lambda e: -e.points)
    return result


def _mine(unit: Unit, prefix: str = "") -> Q:
    return subtree_q(unit.pk, field_name=f"{prefix}area_id") | subtree_q(unit.pk, field_name=f"{prefix}person_area_id")


def period_honours(unit: Unit, start: int, end: int) -> Honours:
    """The awards of the unit's areas and Trưởng ban by the decisions of the period's rounds (not
    revoked), and the nominations sent up (proposals sent or decided) with the higher body's answer."""
    rounds = Q(round__period_start__gte=start, round__period_end__lte=end)
    awards = (
        Award.objects.filter(
            _mine(unit, "nomination__"),
            Q(nomination__round__period_start__gte=start, nomination__round__period_end__lte=end),
            revoked_on__isnull=True,
        )
        .filter(Q(decision__isnull=True) | Q(decision__revoked_on__isnull=True))
        .select_related(
            "form",
            "decision",
            "proposal",
            "nomination__round",
            "nomination__area",
            "nomination__person",
            "nomination__person_area",
        )
        .order_by("form__rank", "decision__issued_on", "decision__number", "pk")
    )
    given: dict[tuple[int, str, str], Given] = {}
    awarded_up: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    recipients: list[tuple[Recipient, str]] = []
    places: dict[tuple[int, datetime.date], Place] = {}

    def _place(issuer: Unit, day: datetime.date) -> Place:
        if (issuer.pk, day) not in places:
            places[(issuer.pk, day)] = place_on(issuer, day)
        return places[(issuer.pk, day)]

    for award in awards:
        form = short_form(award.form.name)
        if award.decision is not None:
            decision = award.decision
            giver = award.form.awarding_body or organ_body(decision.organ, _place(decision.issuer, decision.issued_on))
            citation = (
                f"Quyết định số {document_number(decision.number, decision.symbol)} "
                f"ngày {short_date(decision.issued_on)}"
            )
            made = given.setdefault((decision.pk, giver, form), Given(giver, form, citation))
            made.counts[award.form.subject] = made.counts.get(award.form.subject, 0) + 1
        elif award.proposal is not None:
            awarded_up[award.proposal.pk][award.form.subject] += 1
            day = award.proposal.higher_decided_on
            citation = f"Quyết định số {award.proposal.higher_decision}" + (f" ngày {short_date(day)}" if day else "")
        recipients.append((recipient_of(award.nomination), f"{award.form.name} ({citation})"))
    recipients.sort(key=lambda pair: (not pair[0].collective, pair[0].sort_key))

    nominated = (
        Nomination.objects.filter(
            _mine(unit),
            rounds,
            form__kind=FormKind.PROPOSE,
            proposals__status__in=[ProposalStatus.SENT, ProposalStatus.DECIDED],
        )
        .values_list(
            "proposals__pk",
            "proposals__number",
            "proposals__symbol",
            "proposals__sent_on",
            "proposals__to_body",
            "proposals__status",
            "proposals__higher_decision",
            "proposals__higher_decided_on",
            "form__name",
            "form__subject",
            "round__issuer",
            "round__organ",
        )
        .order_by("proposals__sent_on", "proposals__number", "pk")
        .distinct()
    )
    issuers = Unit.objects.in_bulk({row[10] for row in nominated})
    proposed: dict[tuple[str, ...], Proposed] = {}
    seen: set[int] = set()
    for pk, number, symbol, sent_on, to_body, status, higher, higher_on, form_name, subject, issuer, organ in nominated:
        proposer = organ_body(organ, _place(issuers[issuer], sent_on))
        key = (proposer, to_body, short_form(form_name), status, higher, str(higher_on))
        entry = proposed.setdefault(key, Proposed(proposer, to_body, short_form(form_name), status, higher, higher_on))
        entry.counts[subject] = entry.counts.get(subject, 0) + 1
        sent = f"{document_number(number, symbol)} ngày {short_date(sent_on)}"
        if sent not in entry.sent:
            entry.sent.append(sent)
        if pk not in seen:
            seen.add(pk)
            for subject_up, count in awarded_up.get(pk, {}).items():
                entry.awarded[subject_up] = entry.awarded.get(subject_up, 0) + count
    return Honours(list(given.values()), list(proposed.values()), recipients)


__all__ = ["Exemplary", "Given", "Honours", "Proposed", "exemplary_areas", "period_honours", "short_form"]
