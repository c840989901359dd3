"""The public honour board as Excel, as filtered on the screen (``?format=xlsx``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.awards.honour.selectors import HonourBoard
from thidua.awards.models import Subject
from thidua.awards.sheets import file_slug
from thidua.documents.exports import Cell, export_subtitle, xlsx_response


def honour_board_xlsx(board: HonourBoard, title: str) -> HttpResponse:
    """The public honour board as filtered: public names only, as on the screen."""
    columns = [
        _("Round"),
        _("Award form"),
        _("Awarding body"),
        _("Collective or individual"),
        _("Awarded to"),
        _("Residential area"),
        _("Commune / ward"),
        _("Decision"),
        _("Year of the decision"),
    ]
    lines: list[list[Cell]] = []
    for round in board.rounds:
        for form in round.forms:
            for h in form.honorees:
                lines.append(
                    [
                        round.name,
                        form.name,
                        form.awarding_body,
                        str(_("Collective") if h.subject == Subject.AREA else _("Individual")),
                        h.name,
                        h.area_name or h.name,
                        h.commune_name,
                        h.citation,
                        h.year,
                    ]
                )
    issuers = ", ".join(sorted({round.issuer for round in board.rounds})) or str(_("Honour board"))
    return xlsx_response(
        file_slug("bang vinh danh", title),
        title,
        columns,
        lines,
        subtitle=export_subtitle(issuers),
        sheet=_("Honour board"),
    )
