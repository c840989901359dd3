"""/api/v1/parameters: the values of the rules in force for a province on a date, with their origin."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from thidua.accounts.permissions import has_permission
from thidua.campaigns.rules import RegimeError
from thidua.campaigns.selectors import parameters_effective
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


class ParametersError(Schema):
    detail: str


class ParametersQuery(Schema):
    province: int
    date: datetime.date


@router.get("/parameters", response={200: ParametersOut, 400: ParametersError, 404: ParametersError})
def parameters(request: HttpRequest, query: Query[ParametersQuery]) -> Any:
    province = get_object_or_404(Unit, pk=query.province, level=Level.PROVINCE)
    if not has_permission("campaigns.view_parameters", request.user, province)[0]:
        raise Http404
    try:
        regime, effective = parameters_effective(province, query.date)
    except RegimeError as error:
        return Status(400, {"detail": error.text()})
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
