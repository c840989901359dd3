"""History cards and consecutive-year streaks of households and areas, and the certificate pool.
The writes (the stored runs, the certificates given) are ``streaks.services``.

A streak is the run of consecutive title years ending in a year; a revoked title does not count.
A household keeps its identity when it moves or its area merges, so its streak is its own. An area
is a unit: its streak follows the lineage links of merges and splits (never a code, which a
successor may reuse), and a merged area starts with the title years the province's
``streak_merge_policy`` gives it (``rules.merged_title_years``). The computations are set-based:
the streaks of every household or area of a commune cost a handful of queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from thidua.campaigns import rules
from thidua.campaigns.selectors import parameters_for, year_end
from thidua.errors import DomainError
from thidua.evaluations.models import AreaYear, CertificateAward, HouseholdYear, Streak, StreakKind
from thidua.people.models import Gender, Household
from thidua.units.models import Level, LineageKind, LineageLink, Unit
from thidua.units.selectors import unit_ancestors, unit_subtree_ids

# --- the history card ------------------------------------------------------------------------------

TITLED, NOT_TITLED, REVOKED, PENDING = "titled", "not_titled", "revoked", "pending"
RESULT_LABELS = {
    TITLED: _("titled"),
    NOT_TITLED: _("not titled"),
    REVOKED: _("title revoked"),
    PENDING: _("not decided yet"),
}


@dataclass(frozen=True)
class YearLine:
    """One year of a history card: the regime that judged it, its result and the decision behind it."""

    year: int
    unit: Unit  # the area the household lived in that year, or the area (a predecessor's line names it)
    regime: str  # the regime's key by the meeting's date (the year's end without a meeting); "" before all
    result: str
    decision: str = ""  # "05/QĐ-UBND"
    decided_on: datetime.date | None = None
    revoked_on: datetime.date | None = None
    revocation_reason: str = ""

    @property
    def result_label(self) -> str:
        return str(RESULT_LABELS[self.result])


def _regime_key(day: datetime.date) -> str:
    try:
        return rules.regime_for(day).key
    except rules.RegimeError:
        return ""


def _line(row: HouseholdYear | AreaYear, unit: Unit) -> YearLine:
    day = row.meeting.held_on if row.meeting is not None else datetime.date(row.year, 12, 31)
    if row.titled and row.revoked_on is not None:
        result = REVOKED
    elif row.titled:
        result = TITLED
    elif row.titled is False:
        result = NOT_TITLED
    else:
        result = PENDING
    decision = row.decision
    return YearLine(
        year=row.year,
        unit=unit,
        regime=_regime_key(day),
        result=result,
        decision=f"{decision.number:02d}/{decision.symbol}" if decision else "",
        decided_on=decision.issued_on if decision else None,
        revoked_on=row.revoked_on,
        revocation_reason=row.revocation_reason,
    )


def household_history(household: Household) -> list[YearLine]:
    """Every year of a household, oldest first: its regime, its result and the decision (one query)."""
    rows = HouseholdYear.objects.filter(household=household).select_related("area", "meeting", "decision")
    return [_line(row, row.area) for row in rows.order_by("year")]


def area_history(area: Unit) -> list[YearLine]:
    """Every year of an area and of the areas it came from through lineage, oldest first."""
    graph = _lineage_graph([area.pk])
    ids = {area.pk} | {p for events in graph.values() for _year, preds in events for p in preds}
    rows = AreaYear.objects.filter(area_id__in=ids).select_related("area", "meeting", "decision")
    return [_line(row, row.area) for row in sorted(rows, key=lambda r: (r.year, r.area_id != area.pk, r.area_id))]


# --- title years and streaks -----------------------------------------------------------------------


def household_title_years(household_ids: Iterable[int], *, last_year: int) -> dict[int, frozenset[int]]:
    """The (unrevoked) title years of each household up to ``last_year``, in one query."""
    years: dict[int, set[int]] = defaultdict(set)
    rows = HouseholdYear.objects.filter(
        household_id__in=list(household_ids), titled=True, revoked_on__isnull=True, year__lte=last_year
    ).values_list("household_id", "year")
    for household_id, year in rows:
        years[household_id].add(year)
    return {k: frozenset(v) for k, v in years.items()}


def household_streaks(household_ids: Sequence[int], year: int) -> dict[int, int]:
    titles = household_title_years(household_ids, last_year=year)
    return {h: rules.current_streak(titles.get(h, frozenset()), year) for h in household_ids}


def household_streak(household: Household, year: int) -> int:
    """How many consecutive title years of ``household`` end in ``year``."""
    return household_streaks([household.pk], year)[household.pk]


# Lineage events that make a unit out of others; a rename, reclassification or transfer only links
# a unit to itself and changes nothing of its record.
_MAKING = (LineageKind.MERGE, LineageKind.SPLIT, LineageKind.ESTABLISH)

# successor id → [(the first year the successor is evaluated, its predecessors' ids incl. itself)]
LineageGraph = dict[int, list[tuple[int, tuple[int, ...]]]]


def _lineage_graph(area_ids: Iterable[int]) -> LineageGraph:
    """The merges and splits behind ``area_ids``, transitively: one query per generation."""
    graph: dict[int, dict[int, tuple[int, list[int]]]] = defaultdict(dict)
    frontier, seen = set(area_ids), set(area_ids)
    while frontier:
        links = LineageLink.objects.filter(
            successor_id__in=frontier, predecessor__isnull=False, event__kind__in=_MAKING
        ).values_list("successor_id", "event_id", "event__date", "predecessor_id")
        frontier = set()
        for successor, event, date, predecessor in links:
            entry = graph[successor].setdefault(event, (date.year, []))
            entry[1].append(predecessor)
            if predecessor not in seen:
                seen.add(predecessor)
                frontier.add(predecessor)
    result: LineageGraph = {}
    for successor, events in graph.items():
        made = [
            (year, tuple(sorted(preds)))
            for year, preds in sorted(events.values())
            if any(p != successor for p in preds)
        ]
        if made:
            result[successor] = made
    return result


def _area_sizes(unit_ids: Iterable[int]) -> dict[tuple[int, int], int]:
    """The households of each (area, year): the recounted figure, else the household rows (two queries)."""
    ids = list(unit_ids)
    sizes: dict[tuple[int, int], int] = {
        (a, y): n
        for a, y, n in AreaYear.objects.filter(area_id__in=ids, households__gt=0).values_list(
            "area_id", "year", "households"
        )
    }
    counted = HouseholdYear.objects.filter(area_id__in=ids).values("area_id", "year").annotate(n=Count("pk"))
    for row in counted:
        sizes.setdefault((row["area_id"], row["year"]), row["n"])
    return sizes


def area_title_years(area_ids: Sequence[int], *, last_year: int, policy: str) -> dict[int, frozenset[int]]:
    """The title years each area counts up to ``last_year``, its predecessors' by ``policy`` included."""
    graph = _lineage_graph(area_ids)
    involved = set(area_ids) | {p for events in graph.values() for _y, preds in events for p in preds}
    own: dict[int, set[int]] = defaultdict(set)
    for area_id, year in AreaYear.objects.filter(
        area_id__in=involved, titled=True, revoked_on__isnull=True, year__lte=last_year
    ).values_list("area_id", "year"):
        own[area_id].add(year)
    sizes = _area_sizes({p for events in graph.values() for _y, preds in events for p in preds}) if graph else {}
    memo: dict[int, frozenset[int]] = {}

    def years_of(unit_id: int, visiting: frozenset[int]) -> frozenset[int]:
        if unit_id in memo:
            return memo[unit_id]
        if unit_id in visiting:  # a cycle in bad lineage data: stop rather than loop
            return frozenset(own[unit_id])
        carried: frozenset[int] = frozenset()
        since = 0
        for first_year, preds in graph.get(unit_id, []):
            before = first_year - 1
            predecessors = []
            for p in preds:
                if p == unit_id:
                    # The unit goes on and absorbs the others: its record so far is one of the inputs.
                    held = carried | frozenset(y for y in own[unit_id] if since <= y <= before)
                else:
                    held = frozenset(y for y in years_of(p, visiting | {unit_id}) if y <= before)
                predecessors.append(rules.Predecessor(str(p), sizes.get((p, before), 0), held))
            carried = rules.merged_title_years(predecessors, policy=policy, last_year=before)
            since = first_year
        result = carried | frozenset(y for y in own[unit_id] if y >= since)
        memo[unit_id] = result
        return result

    return {a: years_of(a, frozenset()) for a in area_ids}


def _province(unit: Unit, year: int) -> Unit:
    day = year_end(year)
    if unit.valid_to is not None and unit.valid_to < day:
        day = unit.valid_to
    chain = unit_ancestors(unit, as_of=day)
    return chain[0] if chain else unit


def params_for(unit: Unit, year: int, day: datetime.date | None = None) -> dict[str, Any]:
    return parameters_for(_province(unit, year), day or year_end(year))


def area_streaks(area_ids: Sequence[int], year: int, *, policy: str) -> dict[int, int]:
    titles = area_title_years(area_ids, last_year=year, policy=policy)
    return {a: rules.current_streak(titles[a], year) for a in area_ids}


def area_streak(area: Unit, year: int) -> int:
    """How many consecutive title years of ``area`` end in ``year``, across merges by the province's policy.

    The policy is the one in force for ``year`` (the year being judged), not the one of the merge's
    year: a streak is always counted by the values in force when it is used.
    """
    policy = str(params_for(area, year)["streak_merge_policy"])
    return area_streaks([area.pk], year, policy=policy)[area.pk]


def areas_under(unit: Unit, year: int) -> list[int]:
    if unit.level == Level.AREA:
        return [unit.pk]
    ids = unit_subtree_ids(unit.pk, year_end(year))
    return list(Unit.objects.filter(pk__in=ids, level=Level.AREA).values_list("pk", flat=True))


def stored_streaks(*, kind: str, ids: Iterable[int], year: int) -> dict[int, int]:
    """The stored streak ending in ``year`` of each household or area of ``ids`` (by ``kind``), as
    ``streaks_recompute`` last stored it: 0 where no run holds the year."""
    column = "household_id" if kind == StreakKind.HOUSEHOLD else "area_id"
    wanted = list(ids)
    held = Streak.objects.filter(**{f"{column}__in": wanted}, first_year__lte=year, last_year__gte=year)
    lengths = {getattr(run, column): run.length_in(year) for run in held.only(column, "first_year", "last_year")}
    return {owner: lengths.get(owner, 0) for owner in wanted}


# --- the certificate pool --------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolEntry:
    """A household or area titled in the year, with the rules' verdict on its certificate."""

    subject: Household | Unit
    candidate: rules.Candidate
    result: rules.Result


@dataclass
class CertificatePool:
    kind: str
    year: int
    regime: str
    eligible: list[PoolEntry] = field(default_factory=list)
    not_eligible: list[PoolEntry] = field(default_factory=list)
    selection: rules.Result | None = None

    @property
    def selected(self) -> list[Household | Unit]:
        if self.selection is None or not isinstance(self.selection.outcome, list):
            return []
        by_id = {e.candidate.id: e.subject for e in self.eligible}
        return [by_id[i] for i in self.selection.outcome]


def _windows(kind: str, ids: Sequence[int]) -> dict[int, tuple[tuple[int, int], ...]]:
    column = "household_id" if kind == StreakKind.HOUSEHOLD else "area_id"
    windows: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = CertificateAward.objects.filter(kind=kind, **{f"{column}__in": list(ids)}).values_list(
        column, "window_start", "window_end"
    )
    for owner, start, end in rows:
        windows[owner].append((start, end))
    return {k: tuple(sorted(v)) for k, v in windows.items()}


def certificate_pool(*, kind: str, unit: Unit, year: int, day: datetime.date | None = None) -> CertificatePool:
    """Who under ``unit`` may receive the Giấy khen for ``year``, and whom the quota selects by votes.

    The pool is the households (or areas) titled in ``year`` whose consecutive title years reach the
    province's length without overlapping a window already rewarded; ``day`` (the year's end by
    default) chooses the regime and the parameters.
    """
    if kind not in StreakKind.values:
        raise DomainError(_("Unknown kind of certificate %(kind)s."), kind=kind)
    day = day or year_end(year)
    regime = rules.regime_for(day)
    params = params_for(unit, year, day)
    areas = areas_under(unit, year)
    pool = CertificatePool(kind=kind, year=year, regime=regime.key)
    entries: list[tuple[Household | Unit, rules.Candidate, rules.StreakFacts]] = []
    if kind == StreakKind.HOUSEHOLD:
        lines = list(
            HouseholdYear.objects.filter(area_id__in=areas, year=year, titled=True, revoked_on__isnull=True)
            .select_related("household")
            .order_by("household__code")
        )
        ids = [line.household_id for line in lines]
        titles = household_title_years(ids, last_year=year)
        windows = _windows(kind, ids)
        for line in lines:
            household = line.household
            candidate = rules.Candidate(
                id=household.code,
                votes_for=line.votes_for or 0,
                name=household.head_name,
                woman=household.head_gender == Gender.FEMALE,
            )
            facts = rules.StreakFacts(year, titles.get(household.pk, frozenset()), windows.get(household.pk, ()))
            entries.append((household, candidate, facts))
        check = rules.household_certificate
    else:
        area_lines = list(
            AreaYear.objects.filter(area_id__in=areas, year=year, titled=True, revoked_on__isnull=True)
            .select_related("area")
            .order_by("area__code")
        )
        ids = [line.area_id for line in area_lines]
        area_titles = area_title_years(ids, last_year=year, policy=str(params["streak_merge_policy"]))
        windows = _windows(kind, ids)
        for area_line in area_lines:
            area = area_line.area
            candidate = rules.Candidate(id=area.code, votes_for=area_line.votes_for or 0, name=area.name)
            entries.append((area, candidate, rules.StreakFacts(year, area_titles[area.pk], windows.get(area.pk, ()))))
        check = rules.area_certificate
    for subject, candidate, facts in entries:
        result = check(facts, regime=regime, params=params)
        (pool.eligible if result.outcome else pool.not_eligible).append(PoolEntry(subject, candidate, result))
    pool.selection = rules.quota([e.candidate for e in pool.eligible], regime=regime, params=params)
    return pool
