"""The nominations pages of a round: the commune's candidates and nominations, the district's queue by
commune, and one nomination with its report, its moves and their history.

Each view parses, authorizes, calls one service of ``thidua.awards.nominations.services`` and renders; a
round or a nomination outside the user's reach is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import has_permission
from thidua.awards.models import Nomination, NominationStatus, Round, RoundStatus
from thidua.awards.nominations import exports
from thidua.awards.nominations import services as service
from thidua.awards.nominations.documents import nomination_report_file
from thidua.awards.rounds.selectors import round_candidates, rounds_visible_to
from thidua.awards.rounds.views import round_nav
from thidua.errors import DomainError
from thidua.people.models import Person
from thidua.units.models import Unit


def _round(request: HttpRequest, round_id: int) -> Round:
    round = get_object_or_404(rounds_visible_to(request.user), pk=round_id)
    allowed, reason = has_permission("awards.view_round", request.user, round)
    if not allowed:
        raise PermissionDenied(reason)
    return round


def _nomination(request: HttpRequest, pk: int) -> Nomination:
    nomination = get_object_or_404(Nomination.objects.select_related("round"), pk=pk)
    round = _round(request, nomination.round_id)
    return get_object_or_404(service.nominations_visible_to(request.user, round), pk=pk)


def _round_url(round: Round) -> str | None:
    # The round's own page is HA's; until it is there the crumb is plain text.
    try:
        return reverse("awards:round", args=[round.pk])
    except NoReverseMatch:
        return None


def _unit_chosen(request: HttpRequest, units: list[Unit]) -> Unit | None:
    wanted = request.POST.get("unit") or request.GET.get("unit") or ""
    if wanted.isdigit():
        return next((u for u in units if u.pk == int(wanted)), None)
    return units[0] if units else None


def _page(request: HttpRequest, round: Round, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    units = service.nominating_units(user, round)
    unit = _unit_chosen(request, units)
    visible = list(service.nominations_visible_to(user, round).order_by("form__rank", "nominated_by__name", "pk"))
    taken = {("area", n.area_id) for n in visible if n.area_id} | {
        ("person", n.person_id) for n in visible if n.person_id
    }
    rows = round_candidates(round, unit=unit) if unit is not None else []
    candidates = [r for r in rows if r.eligible]
    others = [r for r in rows if not r.eligible]
    reviewing = service.may_review(user, round)
    title = _("Nominations: %(round)s") % {"round": round.name}
    queue = service.round_queue(round, visible) if reviewing else None
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
        "min_justification": service.MIN_JUSTIFICATION,
        "nominations": _with_moves([n for n in visible if unit is None or n.nominated_by_id == unit.pk], user),
        "reviewing": reviewing,
        "queue": queue,
        "communes": [(c.commune, _with_moves(c.nominations, user)) for c in queue.communes] if queue else [],
        "others_queue": _with_moves(queue.others, user) if queue else [],
        "quotas": [service.form_quota(form) for form in round.forms.all()] if reviewing else [],
        "breadcrumbs": [(round.name, _round_url(round)), (_("Nominations"), None)],
        "nav": round_nav(round, "awards:nominations"),
        **extra,
    }
    return render(request, "awards/nomination_round.html", context, status=status)


def _with_moves(rows: list[Nomination], user: Any) -> list[tuple[Nomination, list[tuple[str, str]]]]:
    return [(n, service.available_transitions(n, user)) for n in rows]


def _taken(row: Any, taken: set[tuple[str, int]]) -> bool:
    return ("area", row.area.pk) in taken if row.area is not None else ("person", row.person.pk) in taken


def nominations_page(request: HttpRequest, round_id: int) -> HttpResponse:
    return _page(request, _round(request, round_id))


@require_POST
def nomination_create(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id)
    units = service.nominating_units(request.user, round)
    unit = _unit_chosen(request, units)
    if unit is None:
        raise PermissionDenied(_("Only an officer of the nominating commune nominates and submits."))
    form = get_object_or_404(round.forms.all(), pk=_int(request.POST.get("form")))
    area = person = None
    if request.POST.get("area"):
        area = get_object_or_404(Unit, pk=_int(request.POST.get("area")))
    elif request.POST.get("person"):
        person = get_object_or_404(Person, pk=_int(request.POST.get("person")))
    try:
        nomination = service.nomination_create(
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
        return _page(request, round, 400, errors=[exc])
    messages.success(request, _("The nomination is drafted; check its report and submit it."))
    return redirect("awards:nomination", nomination.pk)


def _int(value: str | None) -> int:
    if value is None or not value.isdigit():
        raise Http404
    return int(value)


def _detail(request: HttpRequest, nomination: Nomination, status: int = 200, **extra: Any) -> HttpResponse:
    round = nomination.round
    title = _("Nomination of %(subject)s") % {"subject": nomination.area or nomination.person}
    years = nomination.evidence.get("years", {}) if isinstance(nomination.evidence, dict) else {}
    context = {
        "round": round,
        "nomination": nomination,
        "title": title,
        "years": sorted(years.items()),
        "terms": nomination.evidence.get("terms", []) if isinstance(nomination.evidence, dict) else [],
        "may_edit": service.may_edit(request.user, nomination),
        "report": extra.pop("report", nomination.report),
        "transitions": service.available_transitions(nomination, request.user),
        "steps": nomination.steps.select_related("actor").order_by("at", "pk"),
        "breadcrumbs": [
            (round.name, _round_url(round)),
            (_("Nominations"), reverse("awards:nominations", args=[round.pk])),
            (title, None),
        ],
        **extra,
    }
    return render(request, "awards/nomination_detail.html", context, status=status)


def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _nomination(request, pk))


@require_POST
def nomination_report(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _nomination(request, pk)
    text = request.POST.get("report", "")
    if request.POST.get("redraft") == "1":
        text = service.nomination_report_draft(nomination)
    try:
        service.nomination_report_update(nomination=nomination, report=text, actor=request.user)
    except DomainError as exc:
        return _detail(request, nomination, 400, errors=[exc], report=text)
    messages.success(request, _("The achievement report is saved."))
    return redirect("awards:nomination", nomination.pk)


@require_POST
def nomination_transition(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _nomination(request, pk)
    target = request.POST.get("to", "")
    if target not in NominationStatus.values:
        raise Http404
    try:
        service.nomination_transition(nomination, to=target, actor=request.user, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        return _detail(request, nomination, 400, errors=[exc])
    messages.success(
        request, _("The nomination is now %(status)s.") % {"status": NominationStatus(nomination.status).label}
    )
    if request.POST.get("back") == "round":
        return redirect("awards:nominations", nomination.round_id)
    return redirect("awards:nomination", nomination.pk)


def nomination_report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    nomination = _nomination(request, pk)
    rendered = nomination_report_file(nomination, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
