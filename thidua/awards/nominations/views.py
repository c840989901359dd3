"""The nominations pages of a round: the commune's candidates and nominations, the district's queue by
commune, and one nomination with its report, its moves and their history.

Each view parses, calls one service of ``thidua.awards.nominations.services`` and renders; the
services authorize, and a round or a nomination outside the user's reach is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import User
from thidua.awards.models import Nomination, NominationStatus, Round, RoundStatus
from thidua.awards.nominations import exports, services
from thidua.awards.nominations.documents import nomination_report_file
from thidua.awards.nominations.permissions import may_edit, may_review
from thidua.awards.nominations.report import nomination_report_draft
from thidua.awards.nominations.selectors import (
    get_nomination_for_user,
    nominating_units,
    nominations_visible_to,
    round_queue,
)
from thidua.awards.nominations.workflow import nomination_buttons
from thidua.awards.pages import beside_the_form, download, round_nav
from thidua.awards.rounds.candidates import CandidateRow, round_candidates
from thidua.awards.rounds.selectors import form_quota, get_round_for_user
from thidua.errors import DomainError
from thidua.http import AuthedRequest
from thidua.people.models import Person
from thidua.units.models import Unit


def _unit_chosen(request: AuthedRequest, units: list[Unit]) -> Unit | None:
    wanted = request.POST.get("unit") or request.GET.get("unit") or ""
    if wanted.isdigit():
        return next((u for u in units if u.pk == int(wanted)), None)
    return units[0] if units else None


def _page(request: AuthedRequest, round: Round, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    units = nominating_units(user, round)
    unit = _unit_chosen(request, units)
    visible = list(nominations_visible_to(user, round).order_by("form__rank", "nominated_by__name", "pk"))
    taken = {("area", n.area_id) for n in visible if n.area_id} | {
        ("person", n.person_id) for n in visible if n.person_id
    }
    rows = round_candidates(round, unit=unit) if unit is not None else []
    candidates = [r for r in rows if r.eligible]
    others = [r for r in rows if not r.eligible]
    reviewing = may_review(user, round)
    title = _("Nominations: %(round)s") % {"round": round.name}
    queue = round_queue(round, visible) if reviewing else None
    if request.method == "GET" and request.GET.get("format") == "xlsx":
        mine = [n for n in visible if unit is None or n.nominated_by_id == unit.pk]
        groups = (
            [(c.commune, c.nominations) for c in queue.communes] + [(None, queue.others)] if queue else [(unit, mine)]
        )
        return exports.nominations_xlsx(round, groups, unit=None if queue else unit)
    context = {
        "round": round,
        "title": title,
        "open": round.status == RoundStatus.NOMINATING,
        "units": units,
        "unit": unit,
        "candidates": [(r, _taken(r, taken)) for r in candidates],
        "others": [(r, _taken(r, taken)) for r in others],
        "min_justification": services.MIN_JUSTIFICATION,
        "nominations": _with_moves([n for n in visible if unit is None or n.nominated_by_id == unit.pk], user),
        "reviewing": reviewing,
        "queue": queue,
        "communes": [(c.commune, _with_moves(c.nominations, user)) for c in queue.communes] if queue else [],
        "others_queue": _with_moves(queue.others, user) if queue else [],
        "quotas": [form_quota(form) for form in round.forms.all()] if reviewing else [],
        "breadcrumbs": [(round.name, reverse("awards:round", args=[round.pk])), (_("Nominations"), None)],
        "nav": round_nav(round, "awards:nominations", request.user),
        **extra,
    }
    return render(request, "awards/nomination_round.html", context, status=status)


def _with_moves(rows: list[Nomination], user: User) -> list[tuple[Nomination, list[tuple[str, str]]]]:
    return [(n, nomination_buttons(n, user)) for n in rows]


def _taken(row: CandidateRow, taken: set[tuple[str, int]]) -> bool:
    return ("area", row.area.pk) in taken if row.area is not None else ("person", row.subject.pk) in taken


def nominations_page(request: AuthedRequest, round_id: int) -> HttpResponse:
    return _page(request, get_round_for_user(request.user, round_id))


@require_POST
def nomination_create(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id)
    unit = _unit_chosen(request, nominating_units(request.user, round))
    if unit is None:
        # The page nominates for the user's own commune; the issuing body reviews, it does not nominate here.
        raise PermissionDenied(_("Only an officer of the nominating commune nominates and submits."))
    form = get_object_or_404(round.forms.all(), pk=_int(request.POST.get("form")))
    area = person = None
    if request.POST.get("area"):
        area = get_object_or_404(Unit, pk=_int(request.POST.get("area")))
    elif request.POST.get("person"):
        person = get_object_or_404(Person, pk=_int(request.POST.get("person")))
    try:
        nomination = services.nomination_create(
            round=round,
            form=form,
            area=area,
            person=person,
            nominated_by=unit,
            outside_candidates=request.POST.get("outside") == "1",
            justification=request.POST.get("justification", ""),
            actor=request.user,
        )
    except DomainError as exc:
        return _page(request, round, 400, errors=[beside_the_form(exc)])
    messages.success(request, _("The nomination is drafted; check its report and submit it."))
    return redirect("awards:nomination", nomination.pk)


def _int(value: str | None) -> int:
    if value is None or not value.isdigit():
        raise Http404
    return int(value)


def _detail(request: AuthedRequest, nomination: Nomination, status: int = 200, **extra: Any) -> HttpResponse:
    round = nomination.round
    title = _("Nomination of %(subject)s") % {"subject": nomination.area or nomination.person}
    years = nomination.evidence.get("years", {}) if isinstance(nomination.evidence, dict) else {}
    context = {
        "round": round,
        "nomination": nomination,
        "title": title,
        "years": sorted(years.items()),
        "terms": nomination.evidence.get("terms", []) if isinstance(nomination.evidence, dict) else [],
        "may_edit": may_edit(request.user, nomination),
        "report": extra.pop("report", nomination.report),
        "transitions": nomination_buttons(nomination, request.user),
        "steps": nomination.steps.select_related("actor").order_by("at", "pk"),
        "breadcrumbs": [
            (round.name, reverse("awards:round", args=[round.pk])),
            (_("Nominations"), reverse("awards:nominations", args=[round.pk])),
            (title, None),
        ],
        **extra,
    }
    return render(request, "awards/nomination_detail.html", context, status=status)


def nomination_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, get_nomination_for_user(request.user, pk))


@require_POST
def nomination_report(request: AuthedRequest, pk: int) -> HttpResponse:
    nomination = get_nomination_for_user(request.user, pk)
    text = request.POST.get("report", "")
    if request.POST.get("redraft") == "1":
        text = nomination_report_draft(nomination)
    try:
        services.nomination_report_update(nomination=nomination, report=text, actor=request.user)
    except DomainError as exc:
        return _detail(request, nomination, 400, errors=[beside_the_form(exc)], report=text)
    messages.success(request, _("The achievement report is saved."))
    return redirect("awards:nomination", nomination.pk)


@require_POST
def nomination_transition(request: AuthedRequest, pk: int) -> HttpResponse:
    nomination = get_nomination_for_user(request.user, pk)
    target = request.POST.get("to", "")
    if target not in NominationStatus.values:
        raise Http404
    try:
        services.nomination_move(
            nomination=nomination, to=target, actor=request.user, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        return _detail(request, nomination, 400, errors=[beside_the_form(exc)])
    messages.success(
        request, _("The nomination is now %(status)s.") % {"status": NominationStatus(nomination.status).label}
    )
    if request.POST.get("back") == "round":
        return redirect("awards:nominations", nomination.round_id)
    return redirect("awards:nomination", nomination.pk)


def nomination_report_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    return download(nomination_report_file(get_nomination_for_user(request.user, pk), fmt))
