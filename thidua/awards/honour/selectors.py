"""The public honour board: the honorees of every round, grouped by round and form, with the names
of the period — the awards of issued, non-revoked decisions and those recorded from a higher body's
decision. Nothing else, and nothing sensitive: anyone may read it, without an account.

Set-based: the board costs the same few queries for 20 honorees or 2,000.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from thidua.awards.citations import ORGAN_SHORT, decision_citation, higher_citation
from thidua.awards.models import Award, FormKind, ProposalStatus, Round, Subject
from thidua.awards.places import UnitNames
from thidua.lib.text import vi_sort_key


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def public_awards() -> QuerySet[Award]:
    """The awards anyone may see: of an issued decision that is not revoked, or recorded from the
    higher body's decision; never a revoked award, a pending proposal or a refused one."""
    today = datetime.date.today()
    by_decision = Q(decision__isnull=False, decision__revoked_on__isnull=True, decision__issued_on__lte=today)
    by_higher_body = Q(decision__isnull=True, proposal__status=ProposalStatus.DECIDED)
    return Award.objects.filter(by_decision | by_higher_body, revoked_on__isnull=True)


@dataclass(frozen=True)
class Honoree:
    """One line of the honour board: an area (with its commune) or a person (with their area)."""

    subject: str
    name: str
    area_name: str  # a person's area; empty for an area
    commune_id: int | None
    commune_name: str
    citation: str
    year: int


@dataclass
class HonourForm:
    name: str
    awarding_body: str
    proposed: bool
    honorees: list[Honoree] = field(default_factory=list)

    @property
    def collectives(self) -> int:
        return sum(1 for h in self.honorees if h.subject == Subject.AREA)

    @property
    def individuals(self) -> int:
        return sum(1 for h in self.honorees if h.subject == Subject.BCTMT)


@dataclass
class HonourRound:
    round_id: int
    name: str
    issuer: str  # "UBND thị xã Bắc Kạn", by its name at the end of the period
    period_start: int
    period_end: int
    forms: list[HonourForm] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(f.honorees) for f in self.forms)

    @property
    def collectives(self) -> int:
        return sum(f.collectives for f in self.forms)

    @property
    def individuals(self) -> int:
        return sum(f.individuals for f in self.forms)


@dataclass
class HonourBoard:
    rounds: list[HonourRound]
    communes: list[tuple[int, str]]  # every commune with an honoree, for the filter
    years: list[int]


def honour_board(*, round_id: int | None = None, commune_id: int | None = None, year: int | None = None) -> HonourBoard:
    """The honorees of every round (or one), grouped by round and form, with the names of the period.

    An area is named as it was at the end of the round's period, with the commune it then belonged
    to; a person with the area of the achievement. ``commune_id`` and ``year`` (of the decision)
    filter the honorees; the lists of communes and years for the filters ignore them.
    """
    awards = public_awards()
    if round_id is not None:
        awards = awards.filter(form__round_id=round_id)
    rows = list(
        awards.select_related("form", "form__round", "decision", "proposal", "person", "nomination").order_by(
            "form__round__period_end", "form__round_id", "form__rank", "form_id", "pk"
        )
    )
    names = UnitNames()
    for award in rows:
        round_ = award.form.round
        names.want(award.area_id, award.nomination.person_area_id, round_.issuer_id)
    honoured: dict[int, HonourRound] = {}
    forms: dict[int, HonourForm] = {}
    communes: dict[int, str] = {}
    years: set[int] = set()
    for award in rows:
        form, round_ = award.form, award.form.round
        day = _year_end(round_.period_end)
        place = award.area_id or award.nomination.person_area_id
        commune = names.parent(place, day)
        names.want(commune)
        commune_name = names.name(commune, day)
        decision = award.decision
        if decision is not None:
            citation = decision_citation(decision.number, decision.symbol, decision.issued_on)
            made = decision.issued_on.year
        else:
            assert award.proposal is not None
            citation = higher_citation(award.proposal.higher_decision, award.proposal.higher_decided_on, "")
            made = (award.proposal.higher_decided_on or award.proposal.sent_on).year
        if commune is not None:
            communes[commune] = commune_name
        years.add(made)
        if (commune_id is not None and commune != commune_id) or (year is not None and made != year):
            continue
        if round_.pk not in honoured:
            issuer = f"{ORGAN_SHORT.get(round_.organ, '')} {names.name(round_.issuer_id, day)}".strip()
            honoured[round_.pk] = HonourRound(round_.pk, round_.name, issuer, round_.period_start, round_.period_end)
        if form.pk not in forms:
            forms[form.pk] = HonourForm(form.name, form.awarding_body, form.kind == FormKind.PROPOSE)
            honoured[round_.pk].forms.append(forms[form.pk])
        is_area = award.area_id is not None
        forms[form.pk].honorees.append(
            Honoree(
                subject=Subject.AREA if is_area else Subject.BCTMT,
                name=names.name(award.area_id, day) if is_area else (award.person.full_name if award.person else ""),
                area_name="" if is_area else names.name(place, day),
                commune_id=commune,
                commune_name=commune_name,
                citation=citation,
                year=made,
            )
        )
    for form_ in forms.values():
        form_.honorees.sort(key=lambda h: (vi_sort_key(h.commune_name), vi_sort_key(h.area_name), vi_sort_key(h.name)))
    return HonourBoard(
        rounds=sorted(honoured.values(), key=lambda r: (-r.period_end, -r.round_id)),
        communes=sorted(communes.items(), key=lambda item: vi_sort_key(item[1])),
        years=sorted(years, reverse=True),
    )


def honour_round_exists(round_id: int) -> Round | None:
    """The round, when it has at least one public award (a round in preparation shows nothing)."""
    round_ = Round.objects.filter(pk=round_id).first()
    if round_ is None or not public_awards().filter(form__round=round_).exists():
        return None
    return round_
