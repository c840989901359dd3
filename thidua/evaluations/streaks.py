"""History cards and consecutive-year streaks of households and areas, and the certificate pool.

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

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.audit.services import audit_record
from thidua.campaigns import rules
from thidua.campaigns.selectors import parameters_for, year_end
from thidua.db import copy_rows
from thidua.errors import DomainError
from thidua.evaluations.models import AreaYear, CertificateAward, HouseholdYear, Streak, StreakKind
from thidua.jobs.models import Job
from thidua.jobs.services import job_start
from thidua.lib.progress import Progress
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


def _params(unit: Unit, year: int, day: datetime.date | None = None) -> dict[str, Any]:
    return parameters_for(_province(unit, year), day or year_end(year))


def area_streaks(area_ids: Sequence[int], year: int, *, policy: str) -> dict[int, int]:
    titles = area_title_years(area_ids, last_year=year, policy=policy)
    return {a: rules.current_streak(titles[a], year) for a in area_ids}


def area_streak(area: Unit, year: int) -> int:
    """How many consecutive title years of ``area`` end in ``year``, across merges by the province's policy.

    The policy is the one in force for ``year`` (the year being judged), not the one of the merge's
    year: a streak is always counted by the values in force when it is used.
    """
    policy = str(_params(area, year)["streak_merge_policy"])
    return area_streaks([area.pk], year, policy=policy)[area.pk]


def _areas_under(unit: Unit, year: int) -> list[int]:
    if unit.level == Level.AREA:
        return [unit.pk]
    ids = unit_subtree_ids(unit.pk, year_end(year))
    return list(Unit.objects.filter(pk__in=ids, level=Level.AREA).values_list("pk", flat=True))


# The households whose runs a recompute makes are those recorded in the areas of each year, the
# (area, year) pairs of a temporary table, analysed, so that the planner knows its size: a province's
# 32,000 pairs are a hash join, a commune's few index scans on (area, year). Not an array: ``area_id =
# ANY(array)`` is hashed neither in parallel workers nor in a bitmap scan's recheck (2,000 comparisons a
# row, minutes for a province), and an unnest() of it, taken for 100 rows, led the planner to walk the
# whole table by its area index; nor a CTE of the households, taken for 200 rows and then looked up one
# by one (``make bench``).
_AREAS = "streak_areas"
_SUBJECT = f"""
SELECT hy.household_id
  FROM evaluations_householdyear hy JOIN {_AREAS} a ON a.area_id = hy.area_id AND a.year = hy.year
"""  # noqa: S608 — a constant table name.

# The runs of title years of those households, as the classic gaps-and-islands query: the title years
# of a household minus their rank fall in one island per run of consecutive years. A run is the
# household's whole record, later years included: the years only choose the households. The runs not
# stored yet are inserted, those stored with another last year updated and those no longer held
# deleted, in the same statement (they are other rows, by their key (household, first year)): a first
# computation costs a plain insert, and a recompute writes only what changed.
_HOUSEHOLD_STREAKS_SQL = f"""
WITH titled AS (
  SELECT household_id, year, year - row_number() OVER (PARTITION BY household_id ORDER BY year) AS island
    FROM evaluations_householdyear
   WHERE titled AND revoked_on IS NULL AND household_id IN ({_SUBJECT})
), computed AS (
  SELECT household_id, min(year) AS first_year, max(year) AS last_year FROM titled GROUP BY household_id, island
), inserted AS (
  INSERT INTO evaluations_streak (kind, household_id, area_id, first_year, last_year)
  SELECT %(kind)s, c.household_id, NULL, c.first_year, c.last_year
    FROM computed c
   WHERE NOT EXISTS (
     SELECT FROM evaluations_streak s WHERE s.household_id = c.household_id AND s.first_year = c.first_year)
  RETURNING 1
), updated AS (
  UPDATE evaluations_streak s SET kind = %(kind)s, last_year = c.last_year
    FROM computed c
   WHERE s.household_id = c.household_id AND s.first_year = c.first_year
     AND (s.kind, s.last_year) <> (%(kind)s, c.last_year)
  RETURNING 1
), deleted AS (
  DELETE FROM evaluations_streak s
   WHERE s.household_id IN ({_SUBJECT})
     AND NOT EXISTS (SELECT FROM computed c WHERE c.household_id = s.household_id AND c.first_year = s.first_year)
  RETURNING 1
)
SELECT (SELECT COUNT(DISTINCT household_id) FROM computed), (SELECT COUNT(*) FROM computed),
       (SELECT COUNT(*) FROM inserted) + (SELECT COUNT(*) FROM updated) + (SELECT COUNT(*) FROM deleted)
"""  # noqa: S608


def _household_streaks_sql(areas: dict[int, list[int]]) -> tuple[int, int, int]:
    """PostgreSQL: compute and store the runs of the households of ``areas`` (year → area ids) in one
    statement; returns how many households hold a run, the runs, and the runs written (inserted,
    updated or deleted)."""
    with connection.cursor() as cursor:
        # The planner finds a province's statement costly enough to JIT-compile it, which takes about
        # half a second (``make bench``) and saves nothing: the time goes to the sorts and the writes.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{_AREAS}")
        cursor.execute(f"CREATE TEMP TABLE {_AREAS} (area_id bigint, year smallint) ON COMMIT DROP")
        with cursor.connection.cursor().copy(f"COPY {_AREAS} FROM STDIN") as copy:
            for year, ids in areas.items():
                for area_id in ids:
                    copy.write_row((area_id, year))
        cursor.execute(f"ANALYZE {_AREAS}")
        cursor.execute(_HOUSEHOLD_STREAKS_SQL, {"kind": StreakKind.HOUSEHOLD.value})
        households, runs, written = cursor.fetchone()
        cursor.execute(f"DROP TABLE {_AREAS}")
    return households, runs, written


def _household_streaks_python(areas: dict[int, list[int]]) -> tuple[int, int, int]:
    """Elsewhere: the same as ``_household_streaks_sql``, the runs made by the rules (``title_runs``)
    from the title years of the households, streamed, in a few queries and the writes."""
    every = sorted({area_id for ids in areas.values() for area_id in ids})
    if all(sorted(ids) == every for ids in areas.values()):
        where = Q(area_id__in=every, year__gte=min(areas), year__lte=max(areas))
    else:
        where = Q(pk__in=[])
        for year, ids in areas.items():
            where |= Q(area_id__in=ids, year=year)
    # The households as a subquery, never a list of ids in the SQL: a province holds a million.
    households = HouseholdYear.objects.filter(where).values("household_id")
    titles: dict[int, set[int]] = defaultdict(set)
    for household_id, title_year in (
        HouseholdYear.objects.filter(titled=True, revoked_on__isnull=True, household_id__in=households)
        .values_list("household_id", "year")
        .iterator(chunk_size=20000)
    ):  # streamed: a province's title years are millions of rows
        titles[household_id].add(title_year)
    runs = {h: rules.title_runs(years) for h, years in titles.items()}
    written = _runs_store(
        StreakKind.HOUSEHOLD, "household_id", runs, stored=Streak.objects.filter(household_id__in=households)
    )
    return len(runs), sum(len(owned) for owned in runs.values()), written


def _runs_store(kind: str, column: str, runs: dict[int, list[tuple[int, int]]], *, stored: QuerySet[Streak]) -> int:
    """Make the ``stored`` runs those of ``runs`` (id → its runs), as the statement of PostgreSQL does:
    a new run inserted, a run with another last year updated, a run no longer held deleted, the others
    left alone. Returns how many rows were written."""
    held = {
        (owner, first): (pk, last)
        for pk, owner, first, last in stored.values_list("pk", column, "first_year", "last_year")
    }
    wanted = {(owner, first): last for owner, owned in runs.items() for first, last in owned}
    gone = [pk for key, (pk, _last) in held.items() if key not in wanted]
    for start in range(0, len(gone), 5000):
        Streak.objects.filter(pk__in=gone[start : start + 5000]).delete()
    longer = [
        Streak(pk=held[key][0], kind=kind, last_year=last)
        for key, last in wanted.items()
        if key in held and held[key][1] != last
    ]
    Streak.objects.bulk_update(longer, ["kind", "last_year"], batch_size=5000)
    rows = [(kind, owner, first, last) for (owner, first), last in sorted(wanted.items()) if (owner, first) not in held]
    if connection.vendor == "postgresql":
        copy_rows(Streak, ("kind", column, "first_year", "last_year"), rows)
    else:
        Streak.objects.bulk_create(
            [Streak(kind=k, first_year=first, last_year=last, **{column: owner}) for k, owner, first, last in rows],
            batch_size=5000,
        )
    return len(gone) + len(longer) + len(rows)


def _first_year(year: int, since: int | None) -> int:
    first = year if since is None else since
    if first > year:
        raise DomainError(_("The first year %(since)s is after the last year %(year)s."), since=first, year=year)
    return first


def streaks_recompute(*, unit: Unit, year: int, actor: Any = None, since: int | None = None) -> dict[str, int]:
    """Recompute and store the runs of title years of every household and area under ``unit`` in
    ``year`` (from ``since`` to ``year`` with ``since``: after a title of an earlier year was revoked, say).

    A run is the whole record of its household or area, later years included: the years choose whose
    runs are recomputed. A household's count every area it lived in; an area's count the years of the
    areas it came from by the ``streak_merge_policy`` in force for ``year``, as ``area_streak`` does
    when it judges that year. Only the runs that changed are written. The summary says how many
    households hold a run and how many runs, how many areas were recounted and their runs, and how
    many rows were written.
    """
    years = range(_first_year(year, since), year + 1)
    areas = {y: _areas_under(unit, y) for y in years}
    every_area = sorted({a for ids in areas.values() for a in ids})
    policy = str(_params(unit, year)["streak_merge_policy"])
    # Every title year, later ones included, as for households: a run is the area's whole record.
    area_runs = {
        a: rules.title_runs(held)
        for a, held in area_title_years(every_area, last_year=datetime.MAXYEAR, policy=policy).items()
    }
    with transaction.atomic():
        if connection.vendor == "postgresql":
            households, household_runs, written = _household_streaks_sql(areas)
        else:
            households, household_runs, written = _household_streaks_python(areas)
        written += _runs_store(
            StreakKind.AREA, "area_id", area_runs, stored=Streak.objects.filter(area_id__in=every_area)
        )
        summary = {
            "households_with_runs": households,
            "household_runs": household_runs,
            "areas": len(every_area),
            "area_runs": sum(len(owned) for owned in area_runs.values()),
            "runs_written": written,
        }
        after: dict[str, Any] = (
            {"year": year, **summary} if since is None else {"year": year, "since": since, **summary}
        )
        audit_record(actor=actor, action="evaluations.streaks_recompute", obj=unit, after=after)
    return summary


def streaks_recount_start(*, unit: Unit, year: int, since: int | None, actor: Any) -> Job:
    """Queue ``streaks_recompute`` as a background job (the pages: a province's takes seconds), its
    years checked now rather than on the job's page."""
    _first_year(year, since)
    return job_start(
        kind="evaluations.streaks_recompute", actor=actor, params={"unit_id": unit.pk, "year": year, "since": since}
    )


def streaks_recompute_job(
    *, unit_id: int, year: int, since: int | None = None, actor: Any, progress: Progress
) -> dict[str, int]:
    """The background job of ``streaks_recount_start``."""
    progress.start(1, "Tính lại chuỗi năm / Recounting the streaks")
    summary = streaks_recompute(unit=Unit.objects.get(pk=unit_id), year=year, since=since, actor=actor)
    progress.advance(1)
    progress.finish()
    return summary


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
    params = _params(unit, year, day)
    areas = _areas_under(unit, year)
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


def certificate_award_record(
    *,
    kind: str,
    recipients: Sequence[Household | Unit],
    window_start: int,
    window_end: int,
    decision: str,
    decided_on: datetime.date,
    actor: Any,
) -> list[CertificateAward]:
    """Record the Giấy khen given for a window of years; a window overlapping a rewarded one is refused."""
    if window_end < window_start:
        raise DomainError(_("The window %(start)s–%(end)s ends before it starts."), start=window_start, end=window_end)
    column = "household" if kind == StreakKind.HOUSEHOLD else "area"
    with transaction.atomic():
        overlapping = CertificateAward.objects.filter(
            kind=kind,
            **{f"{column}__in": list(recipients)},
            window_start__lte=window_end,
            window_end__gte=window_start,
        )
        if overlapping.exists():
            raise DomainError(
                _("A window of years already rewarded is never rewarded again: %(window)s overlaps it."),
                window=f"{window_start}–{window_end}",
            )
        awards = CertificateAward.objects.bulk_create(
            [
                CertificateAward(
                    kind=kind,
                    window_start=window_start,
                    window_end=window_end,
                    decision=decision,
                    decided_on=decided_on,
                    created_by=actor if getattr(actor, "pk", None) else None,
                    **{column: recipient},
                )
                for recipient in recipients
            ]
        )
        audit_record(
            actor=actor,
            action="evaluations.certificate_award_record",
            obj=None,
            after={"kind": kind, "recipients": len(awards), "window": [window_start, window_end], "decision": decision},
        )
    return awards
