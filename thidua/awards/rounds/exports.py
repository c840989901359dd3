"""The candidates of a round as Excel, as the page shows them (``?format=xlsx``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.awards.models import AwardForm, Round
from thidua.awards.rounds.candidates import CandidateRow
from thidua.awards.sheets import file_slug, yes_no
from thidua.documents.exports import Cell, export_subtitle, xlsx_response
from thidua.units.models import Unit


def candidates_xlsx(
    round: Round, rows: Iterable[CandidateRow], *, unit: Unit | None, form: AwardForm | None, query: str
) -> HttpResponse:
    """The candidates of a round, eligible or not, each with the checks it fails (no evidence, no points)."""
    columns = [
        _("Award form"),
        _("Commune"),
        _("Candidate"),
        _("Area of the person"),
        _("Eligible for the form"),
        _("Also eligible for a higher form"),
        _("Why not"),
        _("Earlier awards"),
    ]
    lines: list[list[Cell]] = [
        [
            row.form.name,
            row.commune.full_name,
            row.name,
            row.person_area.full_name if row.person_area else "",
            yes_no(row.eligible),
            yes_no(bool(row.evidence.get("listed_under"))),
            "; ".join(check.detail for check in row.failed),
            "; ".join(row.already_awarded),
        ]
        for row in rows
    ]
    scope = unit.full_name if unit is not None else round.issuer.full_name
    title = _("Candidates of %(round)s") % {"round": round.name}
    filters = [f for f in (form.name if form else "", f"“{query}”" if query else "") if f]
    subtitle = export_subtitle(scope) + (f" — {', '.join(filters)}" if filters else "")
    return xlsx_response(
        file_slug("ung vien", round.pk, scope), title, columns, lines, subtitle=subtitle, sheet=_("Candidates")
    )
