"""The ballots of a council session as Excel, as the page shows them (``?format=xlsx``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.awards.models import CouncilSession, SittingStatus
from thidua.awards.sheets import file_slug
from thidua.documents.exports import Cell, export_subtitle, xlsx_response


def session_ballots_xlsx(session: CouncilSession, rows: Sequence[dict[str, Any]]) -> HttpResponse:
    """The session's ballots with their tallies: the three counts of a secret ballot once it is closed,
    never who chose what."""
    columns = [
        _("Nominee"),
        _("Award form"),
        _("Recused"),
        _("Ballot"),
        _("Voted"),
        _("For"),
        _("Against"),
        _("Abstain"),
        _("Result"),
        _("Tally"),
    ]
    lines: list[list[Cell]] = []
    for row in rows:
        box = row["box"]
        recused = "; ".join(f"{r.member.full_name} ({r.reason})" for r in row["recusals"])
        if box is None:
            lines.append(
                [row["name"], row["nomination"].form.name, recused, str(_("no ballot"))] + [None] * 4 + ["", ""]
            )
            continue
        shown = row["counts_shown"]
        voted: Cell = str(_("counted on paper")) if row["paper"] else f"{row['voted']}/{row['may_vote']}"
        if box.status == SittingStatus.OPEN:
            result = str(_("counted when the ballot closes")) if not shown else ""
        else:
            result = str(_("passed") if box.passed else _("not passed"))
        lines.append(
            [
                row["name"],
                row["nomination"].form.name,
                recused,
                str(box.get_method_display()),
                voted,
                box.votes_for if shown else None,
                box.votes_against if shown else None,
                box.votes_abstain if shown else None,
                result,
                box.tally_detail if box.status == SittingStatus.CLOSED else "",
            ]
        )
    title = _("Ballots of the council session of %(day)s") % {"day": f"{session.held_on:%d/%m/%Y}"}
    return xlsx_response(
        file_slug("bieu quyet", session.round_id, session.held_on.isoformat()),
        title,
        columns,
        lines,
        subtitle=f"{session.round.name} — {export_subtitle(session.round.issuer.full_name)}",
        sheet=_("Ballots"),
    )
