"""The roll-up of the yearly cycle: one ``AreaYearCount`` row an (area, year), kept in step with the events.

Why here and not in ``reports``: the rows must change in the same transaction as the events that
change them, and those events are ``evaluations``' services; ``reports`` sits above ``evaluations``
in the layers, so the services could not call it. ``reports`` reads the rows (the dashboards).

Two ways in, one computation:

- ``rollup_touch(area_ids=…, year=…)``: a service that changed something of these areas' year calls it
  inside its transaction; the areas' rows are recounted from the source rows (a few hundred
  households an area), so a hook never adds or subtracts and cannot drift;
- ``rollup_refresh(years=…)``: every row of the years recounted set-based (one grouped query per source
  table a year), after a bulk load or a change of the tree (``thidua reports refresh``).

A year's rows are every area of the tree on its 31st of December, plus any area holding a line of the
year (an area dissolved during the year keeps its lines, under the parents of its last version).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from thidua.evaluations.models import (
    AreaYear,
    AreaYearCount,
    Dossier,
    DossierKind,
    DossierStatus,
    HouseholdYear,
    Meeting,
    MeetingKind,
)
from thidua.units.models import Level, UnitVersion

SUBMITTED = (DossierStatus.SUBMITTED, DossierStatus.REVIEWED, DossierStatus.DECIDED, DossierStatus.LOCKED)
REVIEWED = (DossierStatus.REVIEWED, DossierStatus.DECIDED, DossierStatus.LOCKED)
DECIDED = (DossierStatus.DECIDED, DossierStatus.LOCKED)


@dataclass(frozen=True)
class _Version:
    parent_id: int | None
    level: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None


def _versions_on(unit_ids: set[int] | None, day: datetime.date) -> dict[int, _Version]:
    """Each unit's version on ``day``, or its last version before it (a unit ended during the year)."""
    rows = UnitVersion.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    chosen: dict[int, _Version] = {}
    for unit_id, parent_id, level, valid_from, valid_to in rows.values_list(
        "unit_id", "parent_id", "level", "valid_from", "valid_to"
    ):
        version = _Version(parent_id, level, valid_from, valid_to)
        current = chosen.get(unit_id)
        if current is None or (current.valid_from or datetime.date.min) < (valid_from or datetime.date.min):
            chosen[unit_id] = version
    return chosen


def _ancestry(
    area_ids: set[int], day: datetime.date, versions: dict[int, _Version] | None
) -> dict[int, dict[int, int]]:
    """area → {level: the unit of that level above it on ``day``}."""
    known = dict(versions or {})
    wanted = set(area_ids)
    # Four levels at most: walk up one level a round, loading only the versions not known yet.
    for _round in range(5):
        missing = wanted - set(known)
        if missing:
            known.update(_versions_on(missing, day))
        parents = {known[u].parent_id for u in wanted if u in known} - {None}
        new = {p for p in parents if p is not None} - wanted
        if not new:
            break
        wanted |= new
    result: dict[int, dict[int, int]] = {}
    for area_id in area_ids:
        chain: dict[int, int] = {}
        parent = known[area_id].parent_id if area_id in known else None
        for _step in range(5):
            if parent is None or parent not in known:
                break
            chain.setdefault(known[parent].level, parent)
            parent = known[parent].parent_id
        result[area_id] = chain
    return result


def recount(year: int, area_ids: set[int] | None = None) -> list[AreaYearCount]:
    """The rows of ``year`` for ``area_ids`` (every area when None), counted from the source rows."""
    day = datetime.date(year, 12, 31)
    rows: dict[int, AreaYearCount] = {}

    def row(area_id: int) -> AreaYearCount:
        if area_id not in rows:
            rows[area_id] = AreaYearCount(area_id=area_id, year=year)
        return rows[area_id]

    def of_areas(field: str) -> Q:
        return Q() if area_ids is None else Q(**{f"{field}__in": area_ids})

    versions: dict[int, _Version] | None = None
    if area_ids is None:
        versions = _versions_on(None, day)
        for unit_id, version in versions.items():
            if version.level == Level.AREA and (version.valid_to is None or version.valid_to >= day):
                row(unit_id)
    else:
        for area_id in area_ids:
            row(area_id)

    households = (
        HouseholdYear.objects.filter(of_areas("area_id"), year=year)
        .values("area_id")
        .annotate(
            total=Count("pk"),
            enrolled=Count("pk", filter=Q(registered_on__isnull=False)),
            titled=Count("pk", filter=Q(titled=True, revoked_on__isnull=True)),
        )
        .order_by()
    )
    for line in households:
        counts = row(line["area_id"])
        counts.households, counts.households_registered = line["total"], line["enrolled"]
        counts.households_titled = line["titled"]
    for area_id, registered_on, titled, revoked_on, tier in AreaYear.objects.filter(
        of_areas("area_id"), year=year
    ).values_list("area_id", "registered_on", "titled", "revoked_on", "mttq_tier"):
        counts = row(area_id)
        counts.registered = int(registered_on is not None)
        counts.titled = int(bool(titled) and revoked_on is None)
        counts.mttq_tier = tier or ""
    for area_id in Meeting.objects.filter(
        of_areas("unit_id"), kind=MeetingKind.HOUSEHOLD_REVIEW, year=year
    ).values_list("unit_id", flat=True):
        row(area_id).meeting_held = 1
    for area_id, status in Dossier.objects.filter(of_areas("unit_id"), kind=DossierKind.GDVH, year=year).values_list(
        "unit_id", "status"
    ):
        counts = row(area_id)
        counts.dossier_submitted = int(status in SUBMITTED)
        counts.dossier_reviewed = int(status in REVIEWED)
        counts.dossier_decided = int(status in DECIDED)

    ancestry = _ancestry(set(rows), day, versions)
    for area_id, counts in rows.items():
        chain = ancestry.get(area_id, {})
        counts.commune_id = chain.get(Level.COMMUNE)
        counts.district_id = chain.get(Level.DISTRICT)
        counts.province_id = chain.get(Level.PROVINCE)
    return list(rows.values())


def _write(year: int, area_ids: set[int] | None, rows: list[AreaYearCount]) -> None:
    stale = AreaYearCount.objects.filter(year=year)
    if area_ids is not None:
        stale = stale.filter(area_id__in=area_ids)
    stale.delete()
    AreaYearCount.objects.bulk_create(rows, batch_size=2000)


def rollup_touch(*, area_ids: Iterable[int], year: int) -> None:
    """Recount the rows of ``area_ids`` for ``year``: the call every service that changes a count makes
    in its own transaction (it authorized its actor; this writes derived data only)."""
    ids = set(area_ids)
    if not ids:
        return
    with transaction.atomic():
        _write(year, ids, recount(year, ids))


def rollup_years() -> list[int]:
    """Every year some line of the cycle exists for."""
    years = set(HouseholdYear.objects.values_list("year", flat=True).distinct().order_by())
    years |= set(AreaYear.objects.values_list("year", flat=True).distinct().order_by())
    years |= set(Dossier.objects.values_list("year", flat=True).distinct().order_by())
    return sorted(years)


def rollup_refresh(*, years: Iterable[int] | None = None) -> dict[int, int]:
    """Recount every row of ``years`` (every year with lines when None), set-based; rows per year.

    Derived data only, written by the system: the command that calls it is an operator's
    (``thidua reports refresh``), like ``migrate``.
    """
    result: dict[int, int] = {}
    chosen = sorted(set(years)) if years is not None else rollup_years()
    for year in chosen:
        with transaction.atomic():
            rows = recount(year)
            _write(year, None, rows)
        result[year] = len(rows)
    return result


__all__ = ["AreaYearCount", "recount", "rollup_refresh", "rollup_touch", "rollup_years"]
