"""Excel exports of the yearly cycle's lists, as the pages show them (``?format=xlsx``).

The household list of an area carries no points and no exclusion categories: those are shown to the
deciders only, never exported (DOMAIN.md, personal data).
"""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.documents.exports import Cell, export_subtitle, xlsx_response
from thidua.evaluations.kdc.selectors import DistrictQueue, KdcYear
from thidua.evaluations.selectors import AreaYearView
from thidua.lib.text import fold


def _slug(*parts: object) -> str:
    text = " ".join(str(part) for part in parts)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def _yes_no(value: bool | None) -> str:
    return "" if value is None else _("yes") if value else _("no")


def area_year_xlsx(view: AreaYearView) -> HttpResponse:
    """The households of an area in a year: registration, votes, proposal, title."""
    columns = [
        _("Household code"),
        _("Head of household"),
        _("Address"),
        _("Registered on"),
        _("Votes for"),
        _("Proposed"),
        _("Cultural family"),
        _("Revoked on"),
        _("Decision"),
    ]
    rows: list[list[Cell]] = []
    for entry in view.lines:
        line = entry.line
        rows.append(
            [
                entry.household.code,
                entry.household.head_name,
                entry.household.address,
                line.registered_on if line else None,
                line.votes_for if line else None,
                _yes_no(line.proposed) if line else "",
                _yes_no(line.titled) if line else "",
                line.revoked_on if line else None,
                str(line.decision) if line and line.decision_id else "",
            ]
        )
    title = _("Households of %(area)s in %(year)s") % {"area": view.area.full_name, "year": view.year}
    return xlsx_response(
        _slug("ho gia dinh", view.area.full_name, view.year),
        title,
        columns,
        rows,
        subtitle=export_subtitle(view.area.full_name),
        sheet=f"{view.area.name} {view.year}",
    )


def kdc_year_xlsx(view: KdcYear) -> HttpResponse:
    """The areas of a commune in a year with their results."""
    columns = [
        _("Residential area"),
        _("Registered on"),
        _("Households"),
        _("Cultural families"),
        _("Share (%)"),
        _("Points"),
        _("Votes for"),
        _("Proposed"),
        _("Cultural area"),
        _("Revoked on"),
    ]
    rows: list[list[Cell]] = []
    for entry in view.lines:
        line = entry.line
        share = entry.gdvh_share
        rows.append(
            [
                entry.area.full_name,
                line.registered_on if line else None,
                entry.households,
                entry.gdvh_households,
                round(share * 100, 1) if share is not None else None,
                float(line.points) if line and line.points is not None else None,
                line.votes_for if line else None,
                _yes_no(line.proposed) if line else "",
                _yes_no(line.titled) if line else "",
                line.revoked_on if line else None,
            ]
        )
    title = _("Residential areas of %(commune)s in %(year)s") % {"commune": view.commune.full_name, "year": view.year}
    return xlsx_response(
        _slug("khu dan cu", view.commune.full_name, view.year),
        title,
        columns,
        rows,
        subtitle=export_subtitle(view.commune.full_name),
        sheet=f"{view.commune.name} {view.year}",
    )


def district_queue_xlsx(queue: DistrictQueue) -> HttpResponse:
    """The communes' dossiers of cultural areas of a year under a district (or a province)."""
    columns = [_("Code"), _("Commune"), _("Status"), _("Decision"), _("Decided on")]
    rows: list[list[Cell]] = []
    for commune, dossier in queue.rows:
        decision = dossier.decision if dossier is not None else None
        decided_on: datetime.date | None = decision.issued_on if decision is not None else None
        rows.append(
            [
                commune.code,
                commune.full_name,
                str(dossier.get_status_display()) if dossier is not None else _("nothing entered"),
                f"{decision.number:02d}/{decision.symbol}" if decision is not None else "",
                decided_on,
            ]
        )
    title = _("Dossiers of cultural areas of %(unit)s in %(year)s") % {"unit": queue.unit.full_name, "year": queue.year}
    return xlsx_response(
        _slug("ho so kdc", queue.unit.full_name, queue.year),
        title,
        columns,
        rows,
        subtitle=export_subtitle(queue.unit.full_name),
        sheet=f"{queue.unit.name} {queue.year}",
    )
