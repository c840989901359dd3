"""The dashboard of a unit for a year and across years, read from the roll-up (``evaluations.rollup``).

Every figure is one indexed ``SUM … GROUP BY`` over the areas' rows of the unit (a province: a few
thousand rows a year), never a count over the households themselves.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.evaluations.models import AreaYearCount, Deadline, DeadlineKind
from thidua.lib.text import vi_sort_key
from thidua.lib.workdays import vietnam_holidays, working_days_between
from thidua.units.models import Level, Unit, UnitVersion

LEVEL_FIELD = {Level.PROVINCE: "province_id", Level.DISTRICT: "district_id", Level.COMMUNE: "commune_id"}
SUMMED = (
    "registered",
    "meeting_held",
    "dossier_submitted",
    "dossier_reviewed",
    "dossier_decided",
    "titled",
    "households",
    "households_registered",
    "households_titled",
)
SPAN = 15


@dataclass
class Figures:
    """The sums of a set of areas' rows: ``areas`` is how many areas, the rest as ``AreaYearCount``."""

    areas: int = 0
    values: dict[str, int] = field(default_factory=dict)

    def __getattr__(self, name: str) -> int:
        if name in SUMMED:
            return self.values.get(name, 0)
        raise AttributeError(name)

    @property
    def households_share(self) -> float | None:
        """Cultural families among the households of the year, in per cent."""
        return round(100 * self.households_titled / self.households, 1) if self.households else None

    @property
    def areas_share(self) -> float | None:
        """Cultural areas among the areas of the year, in per cent."""
        return round(100 * self.titled / self.areas, 1) if self.areas else None


@dataclass
class SubUnit:
    unit_id: int
    name: str
    level: int
    figures: Figures
    year: int = 0
    late_days: int | None = None  # working days past the deadline with dossiers still not submitted

    @property
    def dashboard_url(self) -> str:
        return reverse("reports:dashboard", args=[self.unit_id, self.year])

    @property
    def list_url(self) -> str:
        """The list behind the sub-unit's numbers: its page of the year."""
        name = {Level.AREA: "area_year", Level.COMMUNE: "commune_year"}.get(Level(self.level), "district_year")
        return reverse(f"evaluations:{name}", args=[self.unit_id, self.year])

    @property
    def values(self) -> list[int | float | None]:
        return dashboard_values(self.figures)


@dataclass
class Dashboard:
    unit: Unit
    year: int
    current: Figures
    trend: list[tuple[int, Figures]]
    subunits: list[SubUnit]
    due: datetime.date | None

    @property
    def values(self) -> list[int | float | None]:
        return dashboard_values(self.current)

    @property
    def trend_rows(self) -> list[tuple[int, list[int | float | None]]]:
        return [(year, dashboard_values(figures)) for year, figures in self.trend]

    @property
    def late(self) -> list[SubUnit]:
        return [sub for sub in self.subunits if sub.late_days]


def _aggregates() -> dict[str, Any]:
    return {"areas": Count("pk"), **{name: Coalesce(Sum(name), 0) for name in SUMMED}}


def _figures(row: Mapping[str, Any]) -> Figures:
    return Figures(areas=row["areas"], values={name: row[name] for name in SUMMED})


def _scope(unit: Unit) -> Q:
    if unit.level == Level.AREA:
        return Q(area_id=unit.pk)
    return Q(**{LEVEL_FIELD[Level(unit.level)]: unit.pk})


def _names(ids: set[int], day: datetime.date) -> dict[int, tuple[str, int]]:
    """Each unit's full name and level on ``day`` (or on its last version before it)."""
    result: dict[int, tuple[str, int]] = {}
    versions = UnitVersion.objects.filter(unit_id__in=ids).filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
    for version in versions.order_by(F("valid_from").asc(nulls_first=True)):
        result[version.unit_id] = (version.full_name, version.level)
    return result


def dashboard(unit: Unit, year: int, *, today: datetime.date | None = None, span: int = SPAN) -> Dashboard:
    """The unit's figures of ``year``, its trend over ``span`` years and its sub-units ranked."""
    today = today or datetime.date.today()
    rows = AreaYearCount.objects.filter(_scope(unit))
    current = _figures(rows.filter(year=year).aggregate(**_aggregates()))
    trend = [
        (row["year"], _figures(row))
        for row in rows.filter(year__gt=year - span, year__lte=year)
        .values("year")
        .annotate(**_aggregates())
        .order_by("year")
    ]
    subunits: list[SubUnit] = []
    if unit.level != Level.AREA:
        below: Any
        if unit.level == Level.PROVINCE:
            # After 1/7/2025 the communes hang straight under the province: they are its sub-units.
            below = Coalesce("district_id", "commune_id", output_field=IntegerField())
        elif unit.level == Level.DISTRICT:
            below = F("commune_id")
        else:
            below = F("area_id")
        grouped = list(
            rows.filter(year=year).annotate(sub=below).values("sub").annotate(**_aggregates()).order_by("sub")
        )
        day = datetime.date(year, 12, 31)
        names = _names({row["sub"] for row in grouped if row["sub"] is not None}, day)
        subunits = [
            SubUnit(
                row["sub"],
                *names.get(row["sub"], (str(row["sub"]), Level.AREA)),
                figures=_figures(row),
                year=year,
            )
            for row in grouped
            if row["sub"] is not None
        ]
    province_id = (
        unit.pk
        if unit.level == Level.PROVINCE
        else rows.filter(year=year).values_list("province_id", flat=True).first()
    )
    deadline = Deadline.objects.filter(province_id=province_id, year=year, kind=DeadlineKind.HOUSEHOLD_REVIEW).first()
    due = deadline.due if deadline else None
    if due is not None and today > due:
        late_by = working_days_between(due, today, vietnam_holidays(range(due.year, today.year + 1)))
        for sub in subunits:
            if sub.figures.dossier_submitted < sub.figures.areas:
                sub.late_days = late_by
    # Ranked by the share of cultural families, then by name in Vietnamese order.
    subunits.sort(key=lambda sub: (-(sub.figures.households_share or 0), vi_sort_key(sub.name)))
    return Dashboard(unit=unit, year=year, current=current, trend=trend, subunits=subunits, due=due)


__all__ = ["Dashboard", "Figures", "SubUnit", "dashboard", "dashboard_year"]


def dashboard_year(unit: Unit) -> int | None:
    """The last year the unit has rows of: the year being worked on."""
    year: int | None = (
        AreaYearCount.objects.filter(_scope(unit)).order_by("-year").values_list("year", flat=True).first()
    )
    return year


def dashboard_columns() -> list[tuple[str, Any]]:
    """The dashboard's columns, in the order of the page, the tables behind the charts and Excel."""
    return [
        ("areas", _("Areas")),
        ("registered", _("Areas registered")),
        ("meeting_held", _("Meetings held")),
        ("dossier_submitted", _("Dossiers submitted")),
        ("dossier_reviewed", _("Dossiers reviewed")),
        ("dossier_decided", _("Dossiers decided")),
        ("households", _("Households")),
        ("households_registered", _("Households registered")),
        ("households_titled", _("Cultural families")),
        ("households_share", _("Cultural families (%)")),
        ("titled", _("Cultural areas")),
        ("areas_share", _("Cultural areas (%)")),
    ]


def dashboard_values(figures: Figures) -> list[int | float | None]:
    return [getattr(figures, key) for key, _label in dashboard_columns()]
