"""The summary report's page: choose a unit and a period, see the statistics with the charts, and
download the báo cáo tổng kết as DOCX or PDF.

Each view parses, authorizes and renders; a unit outside the user's reach is a 404. The report
renders synchronously: on the demo (thị xã Bắc Kạn 2009–2013) the statistics take about 0.1 s and
the PDF about a second (README, Reports).
"""

from __future__ import annotations

import base64
import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thidua.accounts.permissions import has_permission
from thidua.db import vi_order
from thidua.documents.exports import Cell, export_subtitle, xlsx_response
from thidua.documents.formats import FORMATS
from thidua.evaluations.models import HouseholdYear
from thidua.http import AuthedRequest
from thidua.reports.dashboard import dashboard, dashboard_columns, dashboard_values
from thidua.reports.forms import SummaryForm
from thidua.reports.selectors import Counts, PeriodStats, period_stats
from thidua.reports.summary import (
    SECTION_KEYS,
    TIER_WORDS,
    award_lines,
    figures,
    prose_sections,
    share_text,
    summary_file,
)
from thidua.units.models import Level, Unit
from thidua.units.selectors import subtree_q, unit_children, units_visible_to

PERIOD_YEARS = 5
# The labels of the report's editable sections on the page (``summary.SECTION_KEYS``).
SECTION_LABELS = {
    "opening": gettext_lazy("Introduction"),
    "households": gettext_lazy("Cultural families"),
    "areas": gettext_lazy("Cultural residential areas"),
    "communes": gettext_lazy("Communes with the highest and lowest shares"),
    "tiers": gettext_lazy("The Front's evaluation of the areas"),
    "exemplary": gettext_lazy("Exemplary areas"),
    "movements": gettext_lazy("Movements the areas tied the campaign to"),
    "honours": gettext_lazy("Commendations and proposals"),
    "closing": gettext_lazy("Closing sentence"),
}


def _authorized_unit(request: AuthedRequest, pk: int) -> Unit:
    unit = get_object_or_404(units_visible_to(request.user), pk=pk)
    allowed, reason = has_permission("reports.view_summary", request.user, unit)
    if not allowed:
        raise PermissionDenied(reason)
    return unit


def _choices(request: AuthedRequest) -> list[Unit]:
    """The user's unit and the units under it down to the communes (the provinces for an administrator)."""
    home: Unit | None = getattr(request.user, "unit", None)
    if home is None:
        return list(unit_children(None, as_of=datetime.date.today()))
    units = [home]
    if home.level < Level.COMMUNE:
        below = Unit.objects.filter(subtree_q(home.pk), level__gt=home.level, level__lte=Level.COMMUNE)
        units += list(below.order_by("level", vi_order("name"), "-valid_from")[:400])
    return units


def default_period(unit: Unit) -> tuple[int, int]:
    """The last five years with household lines under ``unit`` (the five years before this one if none)."""
    last = HouseholdYear.objects.filter(subtree_q(unit.pk, field_name="area_id")).aggregate(last=Max("year"))["last"]
    end = last or datetime.date.today().year - 1
    return end - PERIOD_YEARS + 1, end


def _png_uri(png: bytes | None) -> str:
    return f"data:image/png;base64,{base64.b64encode(png).decode()}" if png else ""


def summary_page(request: AuthedRequest) -> HttpResponse:
    choices = _choices(request)
    data: dict[str, Any] = request.GET.dict()
    if "unit" not in data and choices:
        data["unit"] = str(choices[0].pk)
    if data.get("unit", "").isdigit() and not ("start" in data and "end" in data):
        unit = _authorized_unit(request, int(data["unit"]))
        data["start"], data["end"] = (str(year) for year in default_period(unit))
    form = SummaryForm(data if data else None)
    context: dict[str, Any] = {"form": form, "choices": choices, "title": _("Summary report of a period")}
    if form.is_valid():
        unit = _authorized_unit(request, form.cleaned_data["unit"])
        stats = period_stats(unit, form.cleaned_data["start"], form.cleaned_data["end"])
        context |= _stats_context(stats)
    context["breadcrumbs"] = [(context["title"], None)]
    return render(request, "reports/summary.html", context, status=400 if form.is_bound and form.errors else 200)


def _stats_context(stats: PeriodStats) -> dict[str, Any]:
    by_year, by_commune = figures(stats)
    return {
        "stats": stats,
        "year_rows": [_row(str(year), stats.years[year]) for year in sorted(stats.years)],
        "commune_rows": [
            _row(c.name, c.years[stats.end], first_share=share_text(c.years[stats.start].gdvh_share))
            for c in stats.communes
        ],
        "tier_words": list(TIER_WORDS.values()),
        "has_tiers": any(sum(c.tiers.values()) for c in stats.years.values()),
        "awards": award_lines(stats.awards),
        "chart_by_year": _png_uri(by_year),
        "chart_by_commune": _png_uri(by_commune) if stats.place.level < Level.COMMUNE else "",
        "query": f"unit={stats.unit.pk}&start={stats.start}&end={stats.end}",
        "prose": [
            (key, SECTION_LABELS[key], "\n\n".join(paragraphs)) for key, paragraphs in prose_sections(stats).items()
        ],
    }


def _row(label: str, counts: Counts, **extra: str) -> dict[str, Any]:
    return {
        "label": label,
        "c": counts,
        "gdvh_share": share_text(counts.gdvh_share),
        "kdc_share": share_text(counts.kdc_share),
        "tiers": [counts.tiers.get(key, 0) for key in TIER_WORDS],
        **extra,
    }


@require_http_methods(["GET", "POST"])
def summary_download(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The report as DOCX or PDF; a POST from the page carries the prose as the official edited it
    (``prose-<section>``; an empty section keeps the generated text)."""
    if fmt not in FORMATS:
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    form = SummaryForm(data)
    if not form.is_valid():
        raise Http404
    unit = _authorized_unit(request, form.cleaned_data["unit"])
    prose = {key: data.get(f"prose-{key}", "") for key in SECTION_KEYS} if request.method == "POST" else None
    stats = period_stats(unit, form.cleaned_data["start"], form.cleaned_data["end"])
    rendered = summary_file(stats, fmt, prose=prose)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def _dashboard_unit(request: AuthedRequest, pk: int, year: int) -> Unit:
    unit = get_object_or_404(units_visible_to(request.user), pk=pk)
    allowed, reason = has_permission("reports.view_dashboard", request.user, unit)
    if not allowed:
        raise PermissionDenied(reason)
    if not 1990 <= year <= 2100:
        raise Http404
    return unit


def dashboard_page(request: AuthedRequest, unit_id: int, year: int) -> HttpResponse:
    """Where the unit stands in ``year`` and across the years, each sub-unit a way down."""
    board = dashboard(_dashboard_unit(request, unit_id, year), year)
    return render(request, "reports/dashboard.html", {"board": board, "columns": dashboard_columns()})


def dashboard_xlsx(request: AuthedRequest, unit_id: int, year: int) -> HttpResponse:
    """The dashboard's figures as Excel: the sub-units of the year, then the years."""
    board = dashboard(_dashboard_unit(request, unit_id, year), year)
    labels = [str(label) for _key, label in dashboard_columns()]
    rows: list[list[Cell]] = [[sub.name, *dashboard_values(sub.figures)] for sub in board.subunits]
    rows.append([_("Total"), *dashboard_values(board.current)])
    rows += [[str(year_), *dashboard_values(figures)] for year_, figures in board.trend]
    return xlsx_response(
        f"bang-dieu-khien-{board.unit.code}-{year}",
        _("Dashboard %(year)s") % {"year": year},
        [_("Unit or year"), *labels],
        rows,
        subtitle=export_subtitle(board.unit.full_name),
    )
