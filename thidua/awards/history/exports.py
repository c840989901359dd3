"""The results of the award-history search as Excel (``?format=xlsx``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.awards.history.selectors import SearchResults
from thidua.awards.sheets import file_slug
from thidua.documents.exports import Cell, export_subtitle, xlsx_response


def history_search_xlsx(results: SearchResults, scope: str) -> HttpResponse:
    """The areas, households and people found, with where they are."""
    kinds = {"area": _("Residential area"), "household": _("Household"), "person": _("Individual")}
    columns = [_("Kind"), _("Name"), _("Where")]
    lines: list[list[Cell]] = [
        [str(kinds[found.kind]), found.name, found.where]
        for found in (*results.areas, *results.households, *results.people)
    ]
    title = _("Award history: results for “%(query)s”") % {"query": results.query}
    return xlsx_response(
        file_slug("lich su", results.query),
        title,
        columns,
        lines,
        subtitle=export_subtitle(scope),
        sheet=_("Award history"),
    )
