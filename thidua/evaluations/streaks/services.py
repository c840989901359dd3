"""Writes of the streaks: the stored runs of consecutive title years (recomputed set-based, as a
background job from the pages), and the Giấy khen given for a window of years."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.campaigns import rules
from thidua.db import copy_rows
from thidua.errors import DomainError
from thidua.evaluations.models import CertificateAward, HouseholdYear, Streak, StreakKind
from thidua.evaluations.streaks.selectors import area_title_years, areas_under, params_for
from thidua.jobs.models import Job
from thidua.jobs.services import job_start
from thidua.lib.progress import Progress
from thidua.people.models import Household
from thidua.units.models import Unit

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


def streaks_recompute(*, unit: Unit, year: int, actor: Actor, since: int | None = None) -> dict[str, int]:
    """Recompute and store the runs of title years of every household and area under ``unit`` in
    ``year`` (from ``since`` to ``year`` with ``since``: after a title of an earlier year was revoked, say).

    A run is the whole record of its household or area, later years included: the years choose whose
    runs are recomputed. A household's count every area it lived in; an area's count the years of the
    areas it came from by the ``streak_merge_policy`` in force for ``year``, as ``area_streak`` does
    when it judges that year. Only the runs that changed are written. The summary says how many
    households hold a run and how many runs, how many areas were recounted and their runs, and how
    many rows were written.
    """
    authorize(actor, "evaluations.recompute_streaks", unit)
    years = range(_first_year(year, since), year + 1)
    areas = {y: areas_under(unit, y) for y in years}
    every_area = sorted({a for ids in areas.values() for a in ids})
    policy = str(params_for(unit, year)["streak_merge_policy"])
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


def streaks_recount_start(*, unit: Unit, year: int, since: int | None, actor: Actor) -> Job:
    """Queue ``streaks_recompute`` as a background job (the pages: a province's takes seconds), its
    years checked now rather than on the job's page."""
    authorize(actor, "evaluations.recompute_streaks", unit)
    _first_year(year, since)
    return job_start(
        kind="evaluations.streaks_recompute", actor=actor, params={"unit_id": unit.pk, "year": year, "since": since}
    )


def streaks_recompute_job(
    *, unit_id: int, year: int, since: int | None = None, actor: Actor, progress: Progress
) -> dict[str, int]:
    """The background job of ``streaks_recount_start``; ``streaks_recompute`` authorizes its actor."""
    unit = Unit.objects.get(pk=unit_id)
    authorize(actor, "evaluations.recompute_streaks", unit)
    progress.start(1, _("Recounting the streaks"))
    summary = streaks_recompute(unit=unit, year=year, since=since, actor=actor)
    progress.advance(1)
    progress.finish()
    return summary


def certificate_award_record(
    *,
    kind: str,
    recipients: Sequence[Household | Unit],
    window_start: int,
    window_end: int,
    decision: str,
    decided_on: datetime.date,
    actor: Actor,
) -> list[CertificateAward]:
    """Record the Giấy khen given for a window of years; a window overlapping a rewarded one is refused.

    The actor records them for every area the recipients live in (a household's current area).
    """
    for area_id in sorted({r.area_id if isinstance(r, Household) else r.pk for r in recipients}):
        authorize(actor, "evaluations.record_certificates", Unit.objects.get(pk=area_id))
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
                    created_by=actor if actor.pk else None,
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
