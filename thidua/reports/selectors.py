"""The statistics of a unit's subtree over a period of years, for the summary report (báo cáo tổng kết).

Everything is set-based: one grouped query for the household lines, one for the area lines, one for
the areas' parents, one for the awards, whatever the number of areas. A year counts the areas that
hung under the unit on the 31st of December of that year (the tree as of that day), so an area that
merged in 2011 counts in 2010 under its old name and in 2012 as part of its successor. Names are those
of the period's last day, or of a unit's last day when it ended before.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from thidua.awards.models import Award, FormKind, Nomination
from thidua.campaigns.documents import Place, area_sort_key, place_on
from thidua.evaluations.models import AreaYear, HouseholdYear
from thidua.lib.text import vi_sort_key
from thidua.reports.honours import Exemplary, Honours, exemplary_areas, period_honours
from thidua.units.models import Level, Unit, UnitVersion
from thidua.units.selectors import subtree_q, unit_subtree_ids

# The Front's evaluation tiers, best first (``campaigns.parameters`` names them).
TIERS = ("tot", "kha", "trung_binh", "yeu")
MAX_YEARS = 30


@dataclass
class Counts:
    """Households and areas of one year (of the whole unit, or of one commune)."""

    households: int = 0
    registered_households: int = 0
    gdvh: int = 0
    areas: int = 0
    registered_areas: int = 0
    kdc: int = 0
    tiers: Counter[str] = field(default_factory=Counter)

    @property
    def gdvh_share(self) -> float | None:
        """Cultural families among all the households of the year."""
        return self.gdvh / self.households if self.households else None

    @property
    def kdc_share(self) -> float | None:
        """Cultural areas among all the areas of the year."""
        return self.kdc / self.areas if self.areas else None

    def add(self, other: Counts) -> None:
        self.households += other.households
        self.registered_households += other.registered_households
        self.gdvh += other.gdvh
        self.areas += other.areas
        self.registered_areas += other.registered_areas
        self.kdc += other.kdc
        self.tiers.update(other.tiers)

    def as_json(self) -> dict[str, Any]:
        return {
            "households": self.households,
            "registered_households": self.registered_households,
            "gdvh": self.gdvh,
            "gdvh_share": _rounded(self.gdvh_share),
            "areas": self.areas,
            "registered_areas": self.registered_areas,
            "kdc": self.kdc,
            "kdc_share": _rounded(self.kdc_share),
            "tiers": {tier: self.tiers.get(tier, 0) for tier in TIERS} | dict(self.tiers),
        }


@dataclass
class CommuneStats:
    place: Place
    years: dict[int, Counts]

    @property
    def name(self) -> str:
        return self.place.full_name


@dataclass(frozen=True)
class AwardCount:
    """How many awards (or proposals upward) of one form went to the unit's areas or people."""

    form: str
    subject: str  # "area" or "bctmt"
    kind: str  # "give" or "propose"
    count: int
    proposed: bool = False  # True: nominations sent up and not yet (or never) decided


@dataclass
class PeriodStats:
    unit: Unit
    place: Place
    start: int
    end: int
    years: dict[int, Counts]
    communes: list[CommuneStats]
    every_year_areas: list[tuple[Place, Place | None]]  # (area, its commune)
    awards: list[AwardCount]
    # The areas titled every year, strongest first, with their movements (``reports.honours``).
    exemplary: list[Exemplary] = field(default_factory=list)
    # The awards of the period's decisions and the proposals sent up, for the prose and its annex.
    honours: Honours | None = None

    @property
    def first(self) -> Counts:
        return self.years[self.start]

    @property
    def last(self) -> Counts:
        return self.years[self.end]

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": {"id": self.unit.pk, "code": self.unit.code, "name": self.place.full_name},
            "start": self.start,
            "end": self.end,
            "years": [{"year": year, **counts.as_json()} for year, counts in sorted(self.years.items())],
            "communes": [
                {
                    "id": commune.place.unit.pk,
                    "code": commune.place.unit.code,
                    "name": commune.name,
                    "years": [{"year": year, **counts.as_json()} for year, counts in sorted(commune.years.items())],
                }
                for commune in self.communes
            ],
            "every_year_areas": [
                {"id": area.unit.pk, "name": area.full_name, "commune": commune.full_name if commune else ""}
                for area, commune in self.every_year_areas
            ],
            "awards": [
                {
                    "form": award.form,
                    "subject": award.subject,
                    "kind": award.kind,
                    "count": award.count,
                    "proposed": award.proposed,
                }
                for award in self.awards
            ],
            "exemplary_areas": [
                {
                    "id": item.area.unit.pk,
                    "name": item.area.full_name,
                    "commune": item.commune.full_name if item.commune else "",
                    "mttq_points": str(item.points),
                    "movements": [{"movement": name, "did": list(words)} for name, words in item.movements],
                }
                for item in self.exemplary
            ],
            "decisions": [
                {"giver": g.giver, "form": g.form, "decision": g.citation, "counts": g.counts}
                for g in (self.honours.given if self.honours else [])
            ],
            "proposals": [
                {
                    "proposer": p.proposer,
                    "to": p.to_body,
                    "form": p.form,
                    "sent": p.sent,
                    "status": p.status,
                    "higher_decision": p.higher_decision,
                    "counts": p.counts,
                    "awarded": p.awarded,
                }
                for p in (self.honours.proposed if self.honours else [])
            ],
        }


def _rounded(share: float | None) -> float | None:
    return round(share * 100, 1) if share is not None else None


def _named_on(unit: Unit, day: datetime.date) -> Place:
    """The unit by its name on ``day``, or on its own last day when it ended before."""
    return place_on(unit, min(day, unit.valid_to) if unit.valid_to else day)


def period_stats(unit: Unit, start: int, end: int) -> PeriodStats:
    """The statistics of ``unit``'s subtree for the years ``start`` to ``end`` (both included)."""
    if end < start or end - start >= MAX_YEARS:
        raise ValueError(f"A period runs forward and covers at most {MAX_YEARS} years.")
    years = range(start, end + 1)
    ends = {year: datetime.date(year, 12, 31) for year in years}
    last_day = ends[end]
    # The areas of each year: the subtree on the year's last day (one recursive query a year).
    in_year: dict[int, set[int]] = {year: set(unit_subtree_ids(unit.pk, ends[year])) for year in years}
    ever = set().union(*in_year.values())
    area_ids = set(Unit.objects.filter(pk__in=ever, level=Level.AREA).values_list("pk", flat=True))
    commune_of = _communes_of(unit, area_ids, ends)

    totals = {year: Counts() for year in years}
    by_commune: dict[int, dict[int, Counts]] = defaultdict(lambda: {year: Counts() for year in years})

    def _bucket(area_id: int, year: int) -> list[Counts]:
        if area_id not in area_ids or area_id not in in_year[year]:
            return []
        commune = commune_of.get((area_id, year))
        return [totals[year]] + ([by_commune[commune][year]] if commune is not None else [])

    household_rows = (
        HouseholdYear.objects.filter(subtree_q(unit.pk, field_name="area_id"), year__gte=start, year__lte=end)
        .values("area_id", "year")
        .annotate(
            total=Count("pk"),
            enrolled=Count("pk", filter=Q(registered_on__isnull=False)),
            titled=Count("pk", filter=Q(titled=True, revoked_on__isnull=True)),
        )
    )
    for row in household_rows:
        for counts in _bucket(row["area_id"], row["year"]):
            counts.households += row["total"]
            counts.registered_households += row["enrolled"]
            counts.gdvh += row["titled"]

    titled_years: dict[int, set[int]] = defaultdict(set)
    area_rows = AreaYear.objects.filter(
        subtree_q(unit.pk, field_name="area_id"), year__gte=start, year__lte=end
    ).values_list("area_id", "year", "registered_on", "titled", "revoked_on", "mttq_tier")
    seen: set[tuple[int, int]] = set()
    for area_id, year, registered_on, titled, revoked_on, tier in area_rows:
        buckets = _bucket(area_id, year)
        if not buckets:
            continue
        seen.add((area_id, year))
        cultural = bool(titled) and revoked_on is None
        if cultural:
            titled_years[area_id].add(year)
        for counts in buckets:
            counts.areas += 1
            counts.registered_areas += registered_on is not None
            counts.kdc += cultural
            if tier:
                counts.tiers[tier] += 1
    # An area of the tree with no line of the year still counts among the year's areas.
    for year in years:
        for area_id in in_year[year] & area_ids:
            if (area_id, year) not in seen:
                for counts in _bucket(area_id, year):
                    counts.areas += 1

    units = Unit.objects.in_bulk(set(by_commune) | {a for a, ys in titled_years.items() if len(ys) == len(years)})
    communes = [CommuneStats(_named_on(units[pk], last_day), counts) for pk, counts in by_commune.items()]
    communes.sort(key=lambda commune: vi_sort_key(commune.place.name))
    every_year = []
    for area_id, titled_in in titled_years.items():
        if len(titled_in) == len(years):
            area = _named_on(units[area_id], last_day)
            commune_id = commune_of.get((area_id, end)) or commune_of.get((area_id, max(titled_in)))
            commune = next((c.place for c in communes if c.place.unit.pk == commune_id), None)
            every_year.append((area, commune))
    every_year.sort(key=lambda pair: (vi_sort_key(pair[1].name if pair[1] else ""), area_sort_key(pair[0].name)))
    return PeriodStats(
        unit=unit,
        place=_named_on(unit, last_day),
        start=start,
        end=end,
        years=totals,
        communes=communes,
        every_year_areas=every_year,
        awards=period_awards(unit, start, end),
        exemplary=exemplary_areas(every_year, start, end),
        honours=period_honours(unit, start, end),
    )


def _communes_of(unit: Unit, area_ids: set[int], ends: dict[int, datetime.date]) -> dict[tuple[int, int], int]:
    """(area, year) → the commune the area hung under on the year's last day."""
    if unit.level == Level.COMMUNE:
        return {(area, year): unit.pk for area in area_ids for year in ends}
    first, last = min(ends.values()), max(ends.values())
    versions = UnitVersion.objects.filter(unit_id__in=area_ids, parent__level=Level.COMMUNE).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last), Q(valid_to__isnull=True) | Q(valid_to__gte=first)
    )
    result: dict[tuple[int, int], int] = {}
    for unit_id, parent_id, valid_from, valid_to in versions.values_list(
        "unit_id", "parent_id", "valid_from", "valid_to"
    ):
        for year, day in ends.items():
            if (valid_from is None or valid_from <= day) and (valid_to is None or valid_to >= day):
                result[(unit_id, year)] = parent_id
    return result


def period_awards(unit: Unit, start: int, end: int) -> list[AwardCount]:
    """The awards of the commendation rounds of the period to the unit's areas and Trưởng ban, by form,
    and the nominations sent up to a higher body that has not decided yet (or refused)."""
    mine = subtree_q(unit.pk, field_name="area_id") | subtree_q(unit.pk, field_name="nomination__person_area_id")
    rounds = Q(nomination__round__period_start__gte=start, nomination__round__period_end__lte=end)
    awarded = (
        Award.objects.filter(mine, rounds, revoked_on__isnull=True)
        .values("form__name", "form__subject", "form__kind", "form__rank")
        .annotate(count=Count("pk"))
        .order_by("form__rank", "form__name", "form__subject")
    )
    result = [AwardCount(row["form__name"], row["form__subject"], row["form__kind"], row["count"]) for row in awarded]
    pending = (
        Nomination.objects.filter(
            subtree_q(unit.pk, field_name="area_id") | subtree_q(unit.pk, field_name="person_area_id"),
            round__period_start__gte=start,
            round__period_end__lte=end,
            form__kind=FormKind.PROPOSE,
            proposals__isnull=False,
            award__isnull=True,
        )
        .values("form__name", "form__subject", "form__rank")
        .annotate(count=Count("pk", distinct=True))
        .order_by("form__rank", "form__name", "form__subject")
    )
    result += [
        AwardCount(row["form__name"], row["form__subject"], FormKind.PROPOSE, row["count"], proposed=True)
        for row in pending
    ]
    return result


def valid_during(unit: Unit, start: int, end: int) -> bool:
    """Whether ``unit`` existed at some time during the period."""
    first, last = datetime.date(start, 1, 1), datetime.date(end, 12, 31)
    return (unit.valid_from is None or unit.valid_from <= last) and (unit.valid_to is None or unit.valid_to >= first)


__all__ = ["AwardCount", "CommuneStats", "Counts", "PeriodStats", "period_awards", "period_stats"]
