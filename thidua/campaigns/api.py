"""/api/v1/parameters: the values of the rules in force for a province on a date, with their origin."""

from __future__ import annotations

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from thidua.accounts.permissions import authorize
from thidua.api.errors import responses
from thidua.campaigns.selectors import parameters_effective
from thidua.http import AuthedRequest
from thidua.units.models import Level, Unit

router = Router(tags=["campaigns"])


class ParameterOut(Schema):
    name: str
    value: Any
    unit: str
    origin: str  # "default" (the national default of the regime) or "province"
    year_from: int | None  # the year the province's value applies from
    legal_basis: str  # the province's decision, when it set the value
    source: str  # the source of the national default
    confirmed: bool  # whether the sources confirm the national default
    label: str
    description: str


class ParametersOut(Schema):
    province: int
    date: datetime.date
    regime: str
    values: dict[str, Any]
    parameters: list[ParameterOut]


class ParametersQuery(Schema):
    province: int
    date: datetime.date


@router.get("/parameters", response={200: ParametersOut, **responses(400, 404)})
def parameters(request: AuthedRequest, query: Query[ParametersQuery]) -> dict[str, Any]:
    """The values in force for a province on a date; a date no regime governs is refused (400), a
    province outside the user's own a 404."""
    province = get_object_or_404(Unit, pk=query.province, level=Level.PROVINCE)
    authorize(request.user, "campaigns.view_parameters", province)
    regime, effective = parameters_effective(province, query.date)
    items = [
        {
            "name": e.parameter.name,
            "value": e.value,
            "unit": e.parameter.kind.value,
            "origin": e.origin,
            "year_from": e.row.year_from if e.origin == "province" and e.row else None,
            "legal_basis": e.row.legal_basis if e.origin == "province" and e.row else "",
            "source": e.default.source,
            "confirmed": e.default.confirmed,
            "label": str(e.parameter.label),
            "description": str(e.parameter.description),
        }
        for e in effective
    ]
    return {
        "province": province.pk,
        "date": query.date,
        "regime": regime.key,
        "values": {item["name"]: item["value"] for item in items},
        "parameters": items,
    }
