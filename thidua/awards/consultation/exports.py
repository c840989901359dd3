"""The objections of a round's consultation as Excel, as the page shows them (``?format=xlsx``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.awards.models import PublicObjection, Round
from thidua.awards.sheets import file_slug, local_day
from thidua.documents.exports import Cell, export_subtitle, xlsx_response


def objections_xlsx(
    round: Round, objections: Sequence[PublicObjection], names: dict[int, str], *, personal: bool
) -> HttpResponse:
    """The objections with their answers; the objector's name and contact only when ``personal``."""
    columns = [_("No."), _("Received on"), _("Objection about"), _("Objection")]
    if personal:
        columns += [_("Name"), _("Contact")]
    columns += [_("Status"), _("Answer"), _("Answered on")]
    lines: list[list[Cell]] = []
    for index, objection in enumerate(objections, start=1):
        about = (
            names.get(objection.nomination_id) or str(objection.nomination)
            if objection.nomination_id
            else str(_("the list in general"))
        )
        line: list[Cell] = [index, local_day(objection.raised_at), about, objection.text]
        if personal:
            line += [objection.name, objection.contact]
        line += [str(objection.get_status_display()), objection.answer, local_day(objection.answered_at)]
        lines.append(line)
    title = _("Objections to the list of %(round)s") % {"round": round.name}
    return xlsx_response(
        file_slug("y kien", round.pk),
        title,
        columns,
        lines,
        subtitle=export_subtitle(round.issuer.full_name),
        sheet=_("Objections"),
    )
