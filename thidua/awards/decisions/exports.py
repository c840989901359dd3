"""The awards of a decision as Excel: its annexed list (``?format=xlsx``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.awards.models import Award, AwardDecision
from thidua.awards.places import area_and_commune, period_day
from thidua.awards.sheets import file_slug
from thidua.documents.exports import Cell, export_subtitle, xlsx_response


def decision_awards_xlsx(decision: AwardDecision, awards: Iterable[Award]) -> HttpResponse:
    """The decision's annexed list: each recipient with its area and commune as named at the end of the
    period, the form and the years; a revoked award keeps its line with the day."""
    day = period_day(decision.round)
    columns = [
        _("No."),
        _("Collective or individual"),
        _("Awarded to"),
        _("Residential area"),
        _("Commune / ward"),
        _("Award form"),
        _("Years"),
        _("Revoked on"),
    ]
    lines: list[list[Cell]] = []
    for index, award in enumerate(awards, start=1):
        if award.area is not None:
            kind = _("Collective")
            area, commune = area_and_commune(award.area, day)
            name = area
        else:
            kind, name = _("Individual"), str(award.person or "")
            area, commune = area_and_commune(award.nomination.person_area, day)
        lines.append(
            [
                index,
                str(kind),
                name,
                area,
                commune,
                award.form.name,
                f"{award.window_start}–{award.window_end}",
                award.revoked_on,
            ]
        )
    title = _("Awards of decision %(decision)s") % {"decision": str(decision)}
    return xlsx_response(
        file_slug("quyet dinh", decision.number, decision.symbol, decision.issued_on.year),
        title,
        columns,
        lines,
        subtitle=f"{decision.round.name} — {export_subtitle(decision.round.issuer.full_name)}",
        sheet=str(decision),
    )
