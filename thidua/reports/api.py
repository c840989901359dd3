"""/api/v1/reports: the statistics of the summary report of a period, as JSON."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from thidua.accounts.permissions import has_permission
from thidua.api.schemas import ErrorOut
from thidua.reports.lookup import unit_for_report
from thidua.reports.selectors import MAX_YEARS, period_stats
from thidua.units.selectors import units_visible_to

router = Router(tags=["reports"])


@router.get("/summary", response={200: dict[str, Any], 400: ErrorOut, 404: ErrorOut})
def summary(request: HttpRequest, unit: Query[str], start: Query[int], end: Query[int]) -> Any:
    """Households, cultural families, areas, cultural areas and Front tiers by year and by commune,
    the areas titled every year and the awards of the period; ``unit`` is a code (as of 31/12 of
    ``end``) or an id. A unit outside the user's subtree is a 404."""
    if end < start or end - start >= MAX_YEARS or not 1990 <= start <= 2100:
        return Status(400, {"detail": f"A period runs forward from 1990 and covers at most {MAX_YEARS} years."})
    found = unit_for_report(unit, end)
    if found is None or not units_visible_to(request.user).filter(pk=found.pk).exists():  # type: ignore[arg-type]
        raise Http404
    allowed, reason = has_permission("reports.view_summary", request.user, found)
    if not allowed:
        return Status(400, {"detail": reason})
    return period_stats(found, start, end).as_json()
