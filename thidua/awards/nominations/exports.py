"""The nominations of a round as Excel, as the page shows them (``?format=xlsx``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.awards.models import Nomination, Round
from thidua.awards.sheets import file_slug, local_day, yes_no
from thidua.documents.exports import Cell, export_subtitle, xlsx_response
from thidua.units.models import Unit


def _nominee(nomination: Nomination) -> str:
    return nomination.area.full_name if nomination.area is not None else str(nomination.person or "")


def _steps_text(nomination: Nomination) -> str:
    steps = []
    for step in nomination.steps.all():
        text = f"{local_day(step.at):%d/%m/%Y}: {step.get_target_display()}"
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
                    yes_no(n.outside_candidates),
                    str(n.get_status_display()),
                    _steps_text(n),
                ]
            )
    scope = unit.full_name if unit is not None else round.issuer.full_name
    title = _("Nominations: %(round)s") % {"round": round.name}
    return xlsx_response(
        file_slug("de nghi", round.pk, scope),
        title,
        columns,
        lines,
        subtitle=export_subtitle(scope),
        sheet=_("Nominations"),
    )
