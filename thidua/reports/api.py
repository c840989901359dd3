"""/api/v1/reports: the statistics of the summary report of a period as JSON, its generated prose by
section, and the report itself as DOCX or PDF with the prose an official edited."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema

from thidua.accounts.permissions import authorize
from thidua.api.errors import responses
from thidua.errors import DomainError
from thidua.http import AuthedRequest
from thidua.reports.lookup import unit_for_report
from thidua.reports.selectors import MAX_YEARS, PeriodStats, period_stats
from thidua.reports.summary import SECTION_KEYS, prose_sections, summary_file
from thidua.units.models import Unit
from thidua.units.selectors import units_visible_to

router = Router(tags=["reports"])


def _period(request: AuthedRequest, unit: str, start: int, end: int) -> Unit:
    if end < start or end - start >= MAX_YEARS or not 1990 <= start <= 2100:
        raise DomainError(
            _("A period runs forward from 1990 and covers at most %(years)s years."), column="start", years=MAX_YEARS
        )
    found = unit_for_report(unit, end)
    if found is None or not units_visible_to(request.user).filter(pk=found.pk).exists():
        raise Http404
    authorize(request.user, "reports.view_summary", found)
    return found


def _stats(request: AuthedRequest, unit: str, start: int, end: int) -> PeriodStats:
    return period_stats(_period(request, unit, start, end), start, end)


@router.get("/summary", response={200: dict[str, Any], **responses(400, 403, 404)})
def summary(request: AuthedRequest, unit: Query[str], start: Query[int], end: Query[int]) -> dict[str, Any]:
    """Households, cultural families, areas, cultural areas and Front tiers by year and by commune,
    the areas titled every year (strongest first, with their movements), the decisions' awards and the
    proposals sent up; ``unit`` is a code (as of 31/12 of ``end``) or an id. A unit outside the
    user's subtree is a 404."""
    return _stats(request, unit, start, end).as_json()


@router.get("/summary/prose", response={200: dict[str, list[str]], **responses(400, 403, 404)})
def summary_prose(request: AuthedRequest, unit: Query[str], start: Query[int], end: Query[int]) -> dict[str, list[str]]:
    """The report's generated paragraphs by section (``opening``, ``households`` … ``closing``): the
    text to edit and send back to ``POST summary.{fmt}``."""
    return prose_sections(_stats(request, unit, start, end))


class SummaryIn(Schema):
    unit: str
    start: int
    end: int
    # Section → the edited text, one paragraph a line; a missing or empty section keeps the generated one.
    prose: dict[str, str] = {}


@router.post("/summary.{fmt}", response={200: None, **responses(400, 403, 404)})
def summary_download(request: AuthedRequest, fmt: str, payload: SummaryIn) -> HttpResponse:
    """The báo cáo tổng kết as DOCX or PDF, with the prose as edited (tables and charts from the data)."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    unknown = sorted(set(payload.prose) - set(SECTION_KEYS))
    if unknown:
        raise DomainError(
            _("Unknown sections %(unknown)s; use %(known)s."),
            column="prose",
            unknown=", ".join(unknown),
            known=", ".join(SECTION_KEYS),
        )
    stats = _stats(request, payload.unit, payload.start, payload.end)
    rendered = summary_file(stats, fmt, prose=payload.prose)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
