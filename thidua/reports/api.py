"""/api/v1/reports: the statistics of the summary report of a period as JSON, its generated prose by
section, and the report itself as DOCX or PDF with the prose an official edited."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from thidua.accounts.permissions import has_permission
from thidua.api.schemas import ErrorOut
from thidua.reports.lookup import unit_for_report
from thidua.reports.selectors import MAX_YEARS, PeriodStats, period_stats
from thidua.reports.summary import SECTION_KEYS, prose_sections, summary_file
from thidua.units.models import Unit
from thidua.units.selectors import units_visible_to

router = Router(tags=["reports"])


def _period(request: HttpRequest, unit: str, start: int, end: int) -> Unit | Status:
    if end < start or end - start >= MAX_YEARS or not 1990 <= start <= 2100:
        return Status(400, {"detail": f"A period runs forward from 1990 and covers at most {MAX_YEARS} years."})
    found = unit_for_report(unit, end)
    if found is None or not units_visible_to(request.user).filter(pk=found.pk).exists():  # type: ignore[arg-type]
        raise Http404
    allowed, reason = has_permission("reports.view_summary", request.user, found)
    if not allowed:
        return Status(400, {"detail": reason})
    return found


def _stats(request: HttpRequest, unit: str, start: int, end: int) -> PeriodStats | Status:
    found = _period(request, unit, start, end)
    return found if isinstance(found, Status) else period_stats(found, start, end)


@router.get("/summary", response={200: dict[str, Any], 400: ErrorOut, 404: ErrorOut})
def summary(request: HttpRequest, unit: Query[str], start: Query[int], end: Query[int]) -> Any:
    """Households, cultural families, areas, cultural areas and Front tiers by year and by commune,
    the areas titled every year (strongest first, with their movements), the decisions' awards and the
    proposals sent up; ``unit`` is a code (as of 31/12 of ``end``) or an id. A unit outside the
    user's subtree is a 404."""
    stats = _stats(request, unit, start, end)
    return stats if isinstance(stats, Status) else stats.as_json()


@router.get("/summary/prose", response={200: dict[str, list[str]], 400: ErrorOut, 404: ErrorOut})
def summary_prose(request: HttpRequest, unit: Query[str], start: Query[int], end: Query[int]) -> Any:
    """The report's generated paragraphs by section (``opening``, ``households`` … ``closing``): the
    text to edit and send back to ``POST summary.{fmt}``."""
    stats = _stats(request, unit, start, end)
    return stats if isinstance(stats, Status) else prose_sections(stats)


class SummaryIn(Schema):
    unit: str
    start: int
    end: int
    # Section → the edited text, one paragraph a line; a missing or empty section keeps the generated one.
    prose: dict[str, str] = {}


@router.post("/summary.{fmt}", response={400: ErrorOut, 404: ErrorOut})
def summary_download(request: HttpRequest, fmt: str, payload: SummaryIn) -> Any:
    """The báo cáo tổng kết as DOCX or PDF, with the prose as edited (tables and charts from the data)."""
    if fmt not in ("pdf", "docx"):
        return Status(404, {"detail": "pdf, docx"})
    unknown = sorted(set(payload.prose) - set(SECTION_KEYS))
    if unknown:
        return Status(400, {"detail": f"Unknown sections {', '.join(unknown)}; use {', '.join(SECTION_KEYS)}."})
    stats = _stats(request, payload.unit, payload.start, payload.end)
    if isinstance(stats, Status):
        return stats
    rendered = summary_file(stats, fmt, prose=payload.prose)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
