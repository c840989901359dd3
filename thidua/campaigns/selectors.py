"""Reads: the campaign by date, and the parameters of the rules in force for a province on a date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from thidua.campaigns.models import CampaignContent, CampaignPeriod, ProvincialParameter
from thidua.campaigns.parameters import PARAMETERS, REGISTRY, Default, Parameter, defaults_for
from thidua.campaigns.rules import Regime, regime_for
from thidua.db import vi_order
from thidua.units.models import Level, Unit


def year_end(year: int) -> datetime.date:
    """The day that stands for a year's evaluation: its last (evaluations are held at the end of the year)."""
    return datetime.date(year, 12, 31)


def provinces() -> QuerySet[Unit]:
    return Unit.objects.filter(level=Level.PROVINCE).order_by(vi_order("name"), "valid_from")


def rows_in_force(province: Unit, year: int) -> dict[str, ProvincialParameter]:
    """For each parameter the province set, the row that applies in ``year`` (one query)."""
    rows = ProvincialParameter.objects.filter(province=province, year_from__lte=year).order_by(
        "name", "-year_from", "-id"
    )
    in_force: dict[str, ProvincialParameter] = {}
    for row in rows:
        in_force.setdefault(row.name, row)
    return in_force


def parameters_for(province: Unit, day: datetime.date) -> dict[str, Any]:
    """Every parameter's value for an evaluation of ``day`` in ``province``: the national default of
    the day's regime, under the province's value from the latest year not after the day's year."""
    values = defaults_for(regime_for(day).key, day)
    for name, row in rows_in_force(province, day.year).items():
        if name in values and not row.uses_default:
            values[name] = row.value
    return values


@dataclass(frozen=True)
class EffectiveParameter:
    parameter: Parameter
    default: Default
    row: ProvincialParameter | None  # the province's row in force; None: the national default applies
    history: list[ProvincialParameter]

    @property
    def value(self) -> Any:
        if self.row is None or self.row.uses_default:
            return self.default.value
        return self.row.value

    @property
    def origin(self) -> str:
        return "default" if self.row is None or self.row.uses_default else "province"

    @property
    def display(self) -> str:
        return self.parameter.display(self.value)

    @property
    def default_display(self) -> str:
        return self.parameter.display(self.default.value)


def parameters_effective(province: Unit, day: datetime.date) -> tuple[Regime, list[EffectiveParameter]]:
    """The regime of ``day`` and, for each parameter in registry order, its value, origin and history."""
    regime = regime_for(day)
    in_force = rows_in_force(province, day.year)
    history: dict[str, list[ProvincialParameter]] = {}
    for row in ProvincialParameter.objects.filter(province=province).select_related("recorded_by").order_by("-id"):
        history.setdefault(row.name, []).append(row)
    return regime, [
        EffectiveParameter(p, p.default_for(regime.key, day), in_force.get(p.name), history.get(p.name, []))
        for p in PARAMETERS
    ]


def parameter_history(province: Unit, name: str) -> QuerySet[ProvincialParameter]:
    return (
        ProvincialParameter.objects.filter(province=province, name=name).select_related("recorded_by").order_by("-id")
    )


def known_parameter(name: str) -> bool:
    return name in REGISTRY


def campaign_periods() -> QuerySet[CampaignPeriod]:
    return CampaignPeriod.objects.prefetch_related(
        Prefetch("contents", queryset=CampaignContent.objects.order_by("valid_from", "number"))
    ).order_by("valid_from")


def campaign_period_on(day: datetime.date) -> CampaignPeriod | None:
    return (
        CampaignPeriod.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .first()
    )


def campaign_contents_on(day: datetime.date) -> list[CampaignContent]:
    """The five contents in the wording in force on ``day`` (none before the first known edition)."""
    return list(
        CampaignContent.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("number")
    )
