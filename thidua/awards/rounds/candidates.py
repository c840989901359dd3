"""The candidates of a round (reads): every area and Trưởng ban of each form, with their evidence and reasons.

The facts are read set-based: one query per kind of fact (areas and their communes, area years,
title years across merges, terms of the Trưởng ban, awards and certificates already given) for every
area under the issuing unit, whatever its size; the rules (``thidua.awards.rules``) then judge each subject
for each form in memory. A subject eligible for a higher-ranked form (a lower ``rank``) is listed
under it; in the lower forms it stays eligible with a note naming the higher form, since it can be
nominated for one form only ("one achievement, one award": one nomination per round).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.awards import rules
from thidua.awards.models import Award, AwardForm, Round, Subject
from thidua.campaigns.rules import Check, Result
from thidua.campaigns.rules import mttq_tier as tier_of_points
from thidua.campaigns.selectors import parameters_for, year_end
from thidua.evaluations.models import AreaYear, CertificateAward, StreakKind
from thidua.evaluations.streaks.selectors import area_title_years
from thidua.lib.text import fold, vi_sort_key
from thidua.people.models import Person, Position, PositionKind
from thidua.units.models import Level, Unit, UnitVersion
from thidua.units.selectors import unit_ancestors, unit_search, unit_subtree_ids


@dataclass(frozen=True)
class CandidateRow:
    form: AwardForm
    area: Unit | None
    person: Person | None
    person_area: Unit | None
    commune: Unit  # the commune the subject belongs to in the period's last year
    eligible: bool
    result: Result
    evidence: dict[str, Any]
    already_awarded: list[str]

    @property
    def subject(self) -> Unit | Person:
        subject = self.area or self.person
        assert subject is not None
        return subject

    @property
    def name(self) -> str:
        return self.area.full_name if self.area else str(self.person)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.result.checks if not c.passed]

    def as_dict(self) -> dict[str, Any]:
        return {
            "form": self.form.code,
            "subject": self.form.subject,
            "area_id": self.area.pk if self.area else None,
            "person_id": self.person.pk if self.person else None,
            "name": self.name,
            "person_area": self.person_area.full_name if self.person_area else "",
            "commune": self.commune.full_name,
            "eligible": self.eligible,
            "checks": [c.as_dict() for c in self.result.checks],
            "evidence": self.evidence,
            "already_awarded": self.already_awarded,
        }


# --- the round's forms and parameters -------------------------------------------------------------


def round_forms(round: Round) -> list[AwardForm]:
    return list(round.forms.order_by("rank", "id"))


def round_province(round: Round) -> Unit:
    day = _last_day(round)
    chain = unit_ancestors(round.issuer, as_of=min(day, round.issuer.valid_to or day))
    return chain[0] if chain else round.issuer


def round_parameters(round: Round) -> dict[str, Any]:
    return parameters_for(round_province(round), _last_day(round))


def _last_day(round: Round) -> datetime.date:
    return year_end(round.period_end)


def _day_of(unit: Unit, day: datetime.date) -> datetime.date:
    """``day``, or the unit's last day when it ended before (its parent as it was then)."""
    return min(day, unit.valid_to) if unit.valid_to else day


# --- facts -----------------------------------------------------------------------------------------


@dataclass
class _Facts:
    round: Round
    tiers: list[Any]
    areas: dict[int, Unit] = field(default_factory=dict)  # candidate areas in scope
    communes: dict[int, Unit] = field(default_factory=dict)  # area id → commune (any area involved)
    area_facts: dict[int, rules.AreaFacts] = field(default_factory=dict)
    area_evidence: dict[int, dict[str, Any]] = field(default_factory=dict)
    persons: dict[int, Person] = field(default_factory=dict)
    person_facts: dict[int, rules.PersonFacts] = field(default_factory=dict)
    person_area: dict[int, Unit] = field(default_factory=dict)
    person_evidence: dict[int, dict[str, Any]] = field(default_factory=dict)
    in_scope: set[int] = field(default_factory=set)  # area ids under the issuer


def _scope_area_ids(round: Round, unit: Unit | None) -> list[int]:
    day = _last_day(round)
    ids = set(unit_subtree_ids(round.issuer.pk, _day_of(round.issuer, day)))
    if unit is not None:
        ids &= set(unit_subtree_ids(unit.pk, _day_of(unit, day)))
    return list(Unit.objects.filter(pk__in=ids, level=Level.AREA).values_list("pk", flat=True))


def _communes(area_ids: Iterable[int], day: datetime.date) -> dict[int, Unit]:
    """The commune of each area on ``day`` (or on its last day when it ended before): two queries."""
    versions = UnitVersion.objects.filter(unit_id__in=list(area_ids), parent__isnull=False).values_list(
        "unit_id", "parent_id", "valid_from", "valid_to", "unit__valid_to"
    )
    parent_of: dict[int, int] = {}
    for unit_id, parent_id, start, end, unit_end in sorted(versions, key=lambda v: v[2] or datetime.date.min):
        on = min(day, unit_end) if unit_end else day
        if ((start is None or start <= on) and (end is None or on <= end)) or unit_id not in parent_of:
            parent_of[unit_id] = parent_id
    parents = Unit.objects.in_bulk(set(parent_of.values()))
    return {a: parents[p] for a, p in parent_of.items() if p in parents}


def _citation(number: int, symbol: str, day: datetime.date | None) -> str:
    text = f"{number:02d}/{symbol}"
    return f"{text} {day:%d/%m/%Y}" if day else text


def _rewarded(
    *, area_ids: Sequence[int] = (), person_ids: Sequence[int] = (), start: int, end: int
) -> dict[tuple[str, int], list[rules.Rewarded]]:
    """Awards and certificates overlapping ``start``–``end`` of the areas and people: two queries."""
    found: dict[tuple[str, int], list[rules.Rewarded]] = defaultdict(list)
    overlapping = Q(window_start__lte=end, window_end__gte=start)
    awards = (
        Award.objects.filter(overlapping, revoked_on__isnull=True)
        .filter(Q(area_id__in=list(area_ids)) | Q(person_id__in=list(person_ids)))
        .select_related("form", "decision", "proposal")
    )
    for award in awards:
        decision, proposal = award.decision, award.proposal
        if decision is not None:
            source = _citation(decision.number, decision.symbol, decision.issued_on)
        elif proposal is not None:
            source = proposal.higher_decision or _citation(proposal.number, proposal.symbol, proposal.sent_on)
        else:
            continue  # an award has a decision or a proposal (award_has_a_source)
        key = ("area", award.area_id) if award.area_id is not None else ("person", award.person_id or 0)
        found[key].append(rules.Rewarded(award.window_start, award.window_end, f"{award.form.name}, {source}"))
    if area_ids:
        for certificate in CertificateAward.objects.filter(
            overlapping, kind=StreakKind.AREA, area_id__in=list(area_ids)
        ):
            day = f" {certificate.decided_on:%d/%m/%Y}" if certificate.decided_on else ""
            found[("area", certificate.area_id or 0)].append(
                rules.Rewarded(
                    certificate.window_start,
                    certificate.window_end,
                    _("Giấy khen for cultural area years, %(decision)s") % {"decision": f"{certificate.decision}{day}"},
                )
            )
    return found


@dataclass(frozen=True)
class _YearRow:
    """The columns of an ``AreaYear`` the rules read (plain values: no model instances for 1,000s of rows)."""

    titled: bool | None
    revoked_on: datetime.date | None
    decision: str
    mttq_tier: str
    mttq_points: Decimal | None
    households: int
    gdvh_households: int
    front_head_grade: str


_YEAR_COLUMNS = (
    "area_id",
    "year",
    "titled",
    "revoked_on",
    "decision__number",
    "decision__symbol",
    "decision__issued_on",
    "mttq_tier",
    "mttq_points",
    "households",
    "gdvh_households",
    "front_head_grade",
)


def _tier(row: _YearRow, params: dict[str, Any]) -> str:
    if row.mttq_tier:
        return row.mttq_tier
    if row.mttq_points is not None:
        try:
            return tier_of_points(float(row.mttq_points), params)
        except ValueError:
            return ""
    return ""


def _area_years(area_ids: Sequence[int], round: Round) -> dict[int, dict[int, _YearRow]]:
    rows: dict[int, dict[int, _YearRow]] = defaultdict(dict)
    found = AreaYear.objects.filter(
        area_id__in=list(area_ids), year__gte=round.period_start, year__lte=round.period_end
    ).values_list(*_YEAR_COLUMNS)
    for area_id, year, titled, revoked_on, number, symbol, issued_on, tier, points, households, gdvh, grade in found:
        decision = _citation(number, symbol, issued_on) if number is not None else ""
        rows[area_id][year] = _YearRow(titled, revoked_on, decision, tier, points, households, gdvh, grade)
    return rows


def _own_titled(row: _YearRow | None) -> bool:
    return bool(row and row.titled and row.revoked_on is None)


def _year_facts(year: int, row: _YearRow | None, titled: bool, params: dict[str, Any]) -> rules.AreaYearFacts:
    if row is None:
        return rules.AreaYearFacts(year=year, titled=titled)
    return rules.AreaYearFacts(
        year=year,
        titled=titled,
        decision=row.decision if row.titled else "",
        tier=_tier(row, params),
        points="" if row.mttq_points is None else f"{row.mttq_points.normalize():f}",
        gdvh_households=row.gdvh_households if row.households else None,
        households=row.households or None,
        grade=row.front_head_grade,
    )


def _year_evidence(line: rules.AreaYearFacts, *, carried: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {"titled": line.titled, "decision": line.decision, "tier": line.tier, "points": line.points}
    if line.tier:
        entry["tier_label"] = rules.tier_label(line.tier)
    if line.households:
        entry["gdvh"] = f"{line.gdvh_households}/{line.households}"
    if line.grade:
        entry["grade"] = line.grade
    if carried:
        entry["carried_over"] = True
    return entry


def _load(
    round: Round, *, area_ids: Sequence[int], person_ids: Sequence[int] | None = None, subjects: str = "both"
) -> _Facts:
    """Every fact the forms read, for the areas ``area_ids`` and the Trưởng ban who served them."""
    params = round_parameters(round)
    facts = _Facts(round=round, tiers=list(params.get("mttq_tiers") or []))
    day = _last_day(round)
    start, end = round.period_start, round.period_end
    facts.areas = Unit.objects.in_bulk(list(area_ids))
    # Terms of the Trưởng ban in the period: in the areas, or of the people asked about.
    positions: list[Position] = []
    if subjects in ("both", Subject.BCTMT):
        terms = Position.objects.filter(
            kind=PositionKind.TRUONG_BAN_BCTMT,
            term_from__lte=day,
        ).filter(Q(term_to__isnull=True) | Q(term_to__gte=datetime.date(start, 1, 1)))
        if person_ids is not None:
            terms = terms.filter(person_id__in=list(person_ids))
        else:
            terms = terms.filter(unit_id__in=list(area_ids))
        positions = list(terms.select_related("person", "unit").order_by("term_from", "id"))
    served_ids = {p.unit_id for p in positions}
    involved = set(area_ids) | served_ids
    years = _area_years(list(involved), round)
    facts.communes = _communes(involved, day)
    titles = (
        area_title_years(list(area_ids), last_year=end, policy=str(params["streak_merge_policy"])) if area_ids else {}
    )
    rewarded = _rewarded(
        area_ids=list(area_ids) if subjects in ("both", Subject.AREA) else [],
        person_ids=sorted({p.person_id for p in positions}),
        start=start,
        end=end,
    )
    if subjects in ("both", Subject.AREA):
        for area_id in area_ids:
            lines = {}
            evidence_years = {}
            for year in range(start, end + 1):
                row = years.get(area_id, {}).get(year)
                titled = year in titles.get(area_id, frozenset())
                line = _year_facts(year, row, titled, params)
                lines[year] = line
                own_titled = _own_titled(row)
                evidence_years[str(year)] = _year_evidence(line, carried=titled and not own_titled)
            facts.area_facts[area_id] = rules.AreaFacts(start, end, lines, tuple(rewarded.get(("area", area_id), ())))
            facts.area_evidence[area_id] = {"period": rules.window_text(start, end), "years": evidence_years}
    by_person: dict[int, list[Position]] = defaultdict(list)
    for position in positions:
        by_person[position.person_id].append(position)
    for person_id, held in by_person.items():
        facts.persons[person_id] = held[0].person
        terms_facts = tuple(rules.Term(str(p.unit_id), p.unit.full_name, p.term_from, p.term_to) for p in held)
        area_years: dict[str, dict[int, rules.AreaYearFacts]] = {}
        for position in held:
            own = years.get(position.unit_id, {})
            area_years[str(position.unit_id)] = {
                y: _year_facts(y, own.get(y), _own_titled(own.get(y)), params) for y in range(start, end + 1)
            }
        facts.person_facts[person_id] = rules.PersonFacts(
            start, end, terms_facts, area_years, tuple(rewarded.get(("person", person_id), ()))
        )
        # The person's area: the one served longest in the latest year served in the period.
        area_key = ""
        for year in range(end, start - 1, -1):
            served = rules.served_area(terms_facts, year)
            if served:
                area_key = served[0]
                break
        area_id = int(area_key) if area_key else held[-1].unit_id
        facts.person_area[person_id] = next(p.unit for p in held if p.unit_id == area_id)
        person_years = {}
        for year in range(start, end + 1):
            served = rules.served_area(terms_facts, year)
            if served is None:
                continue
            line = area_years[served[0]][year]
            person_years[str(year)] = {
                "area": next(t.area_name for t in terms_facts if t.area == served[0]),
                "months": served[1],
                **_year_evidence(line),
            }
        facts.person_evidence[person_id] = {
            "period": rules.window_text(start, end),
            "terms": [
                {
                    "area": p.unit.full_name,
                    "area_id": p.unit_id,
                    "from": p.term_from.strftime("%d/%m/%Y"),
                    "to": p.term_to.strftime("%d/%m/%Y") if p.term_to else "",
                }
                for p in held
            ],
            "years": person_years,
        }
    return facts


# --- judging ---------------------------------------------------------------------------------------


def _judge(form: AwardForm, facts: _Facts, *, area_id: int | None = None, person_id: int | None = None) -> Result:
    criteria = form.criteria or {}
    if form.subject == Subject.AREA:
        assert area_id is not None
        return rules.area_eligibility(facts.area_facts[area_id], criteria=criteria, tiers=facts.tiers)
    assert person_id is not None
    return rules.bctmt_eligibility(facts.person_facts[person_id], criteria=criteria, tiers=facts.tiers)


def _with_check(result: Result, check: Check) -> Result:
    checks = (*result.checks, check)
    return replace(result, outcome=all(c.passed for c in checks), checks=checks)


def _rows(forms: Sequence[AwardForm], facts: _Facts, *, keys: Iterable[tuple[str, int]]) -> list[CandidateRow]:
    rows: list[CandidateRow] = []
    ordered = sorted(forms, key=lambda f: (f.rank, f.pk))
    for kind, key in keys:
        higher: AwardForm | None = None
        for form in ordered:
            if form.subject != kind:
                continue
            if kind == Subject.AREA:
                result = _judge(form, facts, area_id=key)
                area = facts.areas.get(key) or Unit.objects.get(pk=key)
                person, person_area, evidence_source = None, None, facts.area_evidence[key]
                subject_area_id = key
                rewarded = facts.area_facts[key].rewarded
            else:
                result = _judge(form, facts, person_id=key)
                area, person = None, facts.persons[key]
                person_area = facts.person_area[key]
                subject_area_id = person_area.pk
                evidence_source = facts.person_evidence[key]
                rewarded = facts.person_facts[key].rewarded
            if subject_area_id not in facts.in_scope:
                result = _with_check(
                    result,
                    Check(
                        "in_scope",
                        False,
                        _("%(area)s is not under %(issuer)s in %(year)s")
                        % {
                            "area": (area.full_name if area else person_area.full_name if person_area else ""),
                            "issuer": facts.round.issuer.full_name,
                            "year": facts.round.period_end,
                        },
                    ),
                )
            evidence = dict(evidence_source)
            if higher is not None and result.outcome:
                result = _with_check(
                    result,
                    Check(
                        "higher_form",
                        True,
                        _("also eligible for the higher form %(form)s, listed there first: one nomination per round")
                        % {"form": higher.name},
                    ),
                )
                evidence["listed_under"] = higher.code
            elif result.outcome:
                higher = form
            commune = facts.communes.get(subject_area_id) or facts.round.issuer
            rows.append(
                CandidateRow(
                    form=form,
                    area=area,
                    person=person,
                    person_area=person_area,
                    commune=commune,
                    eligible=bool(result.outcome),
                    result=result,
                    evidence=evidence,
                    already_awarded=[
                        f"{rules.window_text(r.window_start, r.window_end)}: {r.citation}" for r in rewarded
                    ],
                )
            )
    return rows


def _sorted(rows: list[CandidateRow]) -> list[CandidateRow]:
    """Per form, the eligible first, then by commune and name in Vietnamese order (keys computed once)."""
    keys: dict[str, Any] = {}

    def key(text: str) -> Any:
        if text not in keys:
            keys[text] = vi_sort_key(text)
        return keys[text]

    return sorted(
        rows, key=lambda r: (r.form.rank, r.form.pk, not r.eligible, key(r.commune.name), key(r.name), r.name)
    )


def round_candidates(round: Round, *, form: AwardForm | None = None, unit: Unit | None = None) -> list[CandidateRow]:
    """Every area and Trưởng ban under the issuer (or under ``unit``), for each form (or ``form``):
    eligible or not, with the checks and the evidence; per form, the eligible first, then by commune
    and name in Vietnamese order."""
    forms = round_forms(round)
    shown = [form] if form is not None else forms
    subjects = {f.subject for f in shown}
    area_ids = _scope_area_ids(round, unit)
    facts = _load(round, area_ids=area_ids)
    facts.in_scope = set(area_ids)
    keys: list[tuple[str, int]] = []
    if Subject.AREA in subjects:
        keys += [(Subject.AREA, a) for a in area_ids]
    if Subject.BCTMT in subjects:
        keys += [(Subject.BCTMT, p) for p in facts.persons if facts.person_area[p].pk in facts.in_scope]
    rows = [r for r in _rows(forms, facts, keys=keys) if r.form in shown]
    return _sorted(rows)


def candidate_check(
    round: Round, form: AwardForm, *, area: Unit | None = None, person: Person | None = None
) -> CandidateRow:
    """The verdict on one area or one person for ``form``: why it is eligible or not (any subject,
    even outside the issuer's subtree, which then fails the scope check)."""
    if (area is None) == (person is None):
        raise ValueError("give an area or a person")
    forms = [f for f in round_forms(round) if f.subject == form.subject]
    if area is not None:
        if form.subject != Subject.AREA:
            raise ValueError("this form is for a Trưởng ban")
        facts = _load(round, area_ids=[area.pk], subjects=Subject.AREA)
        keys = [(Subject.AREA, area.pk)]
    else:
        assert person is not None
        if form.subject != Subject.BCTMT:
            raise ValueError("this form is for a residential area")
        facts = _load(round, area_ids=[], person_ids=[person.pk], subjects=Subject.BCTMT)
        if person.pk not in facts.person_facts:
            return _no_term_row(round, form, person, facts)
        keys = [(Subject.BCTMT, person.pk)]
    facts.in_scope = set(_scope_area_ids(round, None))
    return next(r for r in _rows(forms, facts, keys=keys) if r.form.pk == form.pk)


def _no_term_row(round: Round, form: AwardForm, person: Person, facts: _Facts) -> CandidateRow:
    window = rules.window_text(round.period_start, round.period_end)
    check = Check("years_served", False, _("%(window)s: never Trưởng ban công tác Mặt trận") % {"window": window})
    return CandidateRow(
        form=form,
        area=None,
        person=person,
        person_area=None,
        commune=round.issuer,
        eligible=False,
        result=Result(False, (check,)),
        evidence={"period": window, "terms": [], "years": {}},
        already_awarded=[],
    )


def eligible_pool(rows: Sequence[CandidateRow], form: AwardForm) -> int:
    """How many are eligible for ``form`` (the pool its quota is a share of)."""
    return sum(1 for r in rows if r.form.pk == form.pk and r.eligible)


def person_search(round: Round, text: str, *, limit: int = 20) -> list[Person]:
    """People who were Trưởng ban in the round's scope, by name ignoring diacritics."""
    area_ids = _scope_area_ids(round, None)
    people = Person.objects.filter(
        positions__kind=PositionKind.TRUONG_BAN_BCTMT, positions__unit_id__in=area_ids
    ).distinct()
    words = fold(text).split()
    found = [p for p in people if all(w in fold(p.full_name) for w in words)]
    return sorted(found, key=lambda p: vi_sort_key(p.full_name))[:limit]


def area_search(round: Round, text: str, *, limit: int = 20) -> QuerySet[Unit]:
    area_ids = _scope_area_ids(round, None)
    return unit_search(Unit.objects.filter(pk__in=area_ids), text).order_by("code")[:limit]
