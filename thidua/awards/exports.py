"""Excel exports of the commendation rounds' lists, as the pages show them (``?format=xlsx``).

Each function takes what its view already computed for the page and turns it into rows: the same
filters, the same scope, the same counts. Nothing that the page keeps from the user reaches a
workbook, and some things the page shows stay out of it: the evidence of a candidate (its points),
the exclusion categories, a nomination's report and justification, the choice of a member in a
secret ballot (only the counts exist, and only once the ballot is closed), and the names and
contacts of objectors for anyone but the officers who answer the objections.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.history import SearchResults
from thidua.awards.honour import HonourBoard
from thidua.awards.models import (
    Award,
    AwardDecision,
    AwardForm,
    CouncilSession,
    Nomination,
    PublicObjection,
    Round,
    Subject,
)
from thidua.awards.selectors import CandidateRow
from thidua.documents.exports import Cell, export_subtitle, xlsx_response
from thidua.lib.text import fold
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_ancestors, unit_name_at


def _slug(*parts: object) -> str:
    text = " ".join(str(part) for part in parts)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())[:120]


def _yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    # Excel has no time zones: a moment is exported as the day it was in Vietnam.
    return timezone.localdate(moment) if moment is not None else None


def period_day(round: Round) -> datetime.date:
    return datetime.date(round.period_end, 12, 31)


def area_and_commune(unit: Unit | None, day: datetime.date) -> tuple[str, str]:
    """An area and its commune by their names on ``day`` (the end of the round's period)."""
    if unit is None:
        return "", ""
    if unit.level != Level.AREA:
        return "", unit_name_at(unit, day)
    chain = unit_ancestors(unit, as_of=min(day, unit.valid_to or day))
    return unit_name_at(unit, day), unit_name_at(chain[-2], day) if len(chain) >= 2 else ""


def _nominee(nomination: Nomination) -> str:
    return nomination.area.full_name if nomination.area is not None else str(nomination.person or "")


# --- candidates --------------------------------------------------------------------------------------


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
            _yes_no(row.eligible),
            _yes_no(bool(row.evidence.get("listed_under"))),
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
        _slug("ung vien", round.pk, scope), title, columns, lines, subtitle=subtitle, sheet=_("Candidates")
    )


# --- nominations -------------------------------------------------------------------------------------


def _steps_text(nomination: Nomination) -> str:
    steps = []
    for step in nomination.steps.all():
        text = f"{_local_day(step.at):%d/%m/%Y}: {step.get_target_display()}"
        steps.append(f"{text} ({step.reason})" if step.reason else text)
    return "; ".join(steps)


def nominations_xlsx(
    round: Round, groups: Sequence[tuple[Unit | None, Sequence[Nomination]]], *, unit: Unit | None
) -> HttpResponse:
    """The nominations by nominating unit — the district's queue (a commune without one keeps its line)
    or one commune's — with their status and their steps; never the report or the justification."""
    nominations = [n for _unit, group in groups for n in group]
    prefetch_related_objects(nominations, "steps")
    columns = [
        _("Nominating unit"),
        _("Nominee"),
        _("Area of the person"),
        _("Award form"),
        _("Outside the candidates"),
        _("Status"),
        _("Steps"),
    ]
    lines: list[list[Cell]] = []
    for commune, group in groups:
        if not group and commune is not None:
            lines.append([commune.full_name, "", "", "", "", str(_("no nomination")), ""])
        for n in group:
            lines.append(
                [
                    n.nominated_by.full_name,
                    _nominee(n),
                    n.person_area.full_name if n.person_area else "",
                    n.form.name,
                    _yes_no(n.outside_candidates),
                    str(n.get_status_display()),
                    _steps_text(n),
                ]
            )
    scope = unit.full_name if unit is not None else round.issuer.full_name
    title = _("Nominations: %(round)s") % {"round": round.name}
    return xlsx_response(
        _slug("de nghi", round.pk, scope),
        title,
        columns,
        lines,
        subtitle=export_subtitle(scope),
        sheet=_("Nominations"),
    )


# --- the consultation --------------------------------------------------------------------------------


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
        line: list[Cell] = [index, _local_day(objection.raised_at), about, objection.text]
        if personal:
            line += [objection.name, objection.contact]
        line += [str(objection.get_status_display()), objection.answer, _local_day(objection.answered_at)]
        lines.append(line)
    title = _("Objections to the list of %(round)s") % {"round": round.name}
    return xlsx_response(
        _slug("y kien", round.pk),
        title,
        columns,
        lines,
        subtitle=export_subtitle(round.issuer.full_name),
        sheet=_("Objections"),
    )


# --- the council -------------------------------------------------------------------------------------


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
        if box.closed_at is None:
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
                box.tally_detail if box.closed_at is not None else "",
            ]
        )
    title = _("Ballots of the council session of %(day)s") % {"day": f"{session.held_on:%d/%m/%Y}"}
    return xlsx_response(
        _slug("bieu quyet", session.round_id, session.held_on.isoformat()),
        title,
        columns,
        lines,
        subtitle=f"{session.round.name} — {export_subtitle(session.round.issuer.full_name)}",
        sheet=_("Ballots"),
    )


# --- the decision and the honour board ---------------------------------------------------------------


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
        _slug("quyet dinh", decision.number, decision.symbol, decision.issued_on.year),
        title,
        columns,
        lines,
        subtitle=f"{decision.round.name} — {export_subtitle(decision.round.issuer.full_name)}",
        sheet=str(decision),
    )


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
        _slug("bang vinh danh", title),
        title,
        columns,
        lines,
        subtitle=export_subtitle(issuers),
        sheet=_("Honour board"),
    )


# --- the history search ------------------------------------------------------------------------------


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
        _slug("lich su", results.query),
        title,
        columns,
        lines,
        subtitle=export_subtitle(scope),
        sheet=_("Award history"),
    )
