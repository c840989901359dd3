"""The pages of the commune's dossier of cultural areas (KDC) and of the district's queue of them.

Each view parses, calls one service and renders; the service authorizes, and a unit outside the
user's reach is a 404.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import has_permission
from thidua.errors import DomainError, DomainErrors, Refused
from thidua.evaluations import exports, services
from thidua.evaluations import selectors as evaluation_selectors
from thidua.evaluations.deadlines.selectors import dossier_due_dates
from thidua.evaluations.forms import DecisionForm, MeetingForm, RegistrationForm, StreaksForm
from thidua.evaluations.kdc import selectors
from thidua.evaluations.kdc.services import (
    areas_evaluate,
    areas_register,
    kdc_front_evaluations_record,
    kdc_self_assessments_record,
)
from thidua.evaluations.models import DossierStatus, MeetingKind
from thidua.evaluations.views import errors_of, year_unit
from thidua.evaluations.workflow import DOSSIER
from thidua.http import AuthedRequest
from thidua.units.models import Level, Unit
from thidua.workflow import available_moves


def _commune(request: AuthedRequest, pk: int, year: int) -> Unit:
    return year_unit(request, pk, (Level.COMMUNE,), year, "evaluations.view_year")


def _page(request: AuthedRequest, commune: Unit, year: int, status: int = 200, **extra: Any) -> HttpResponse:
    view = selectors.kdc_year(commune, year)
    votes = extra.pop("votes", {})
    meeting = view.meeting
    initial: dict[str, Any] = {}
    if meeting is not None:
        fields = ("convened", "present", "ballot", "chair", "front_head")
        initial = {"held_on": f"{meeting.held_on:%d/%m/%Y}", **{name: getattr(meeting, name) for name in fields}}
    moves = available_moves(DOSSIER, view.dossier, request.user) if view.dossier else []
    deciding = any(target == DossierStatus.DECIDED for target, _label in moves)
    title = _("%(commune)s: cultural residential areas of %(year)s") % {"commune": commune.full_name, "year": year}
    district = selectors.district_of(commune, year)
    crumbs: list[tuple[str, str | None]] = [
        (commune.full_name, reverse("evaluations:commune_year", args=[commune.pk, year]))
    ]
    if district is not None and has_permission("evaluations.view_district_year", request.user, district)[0]:
        crumbs.insert(0, (district.full_name, reverse("evaluations:district_year", args=[district.pk, year])))
    context = {
        "view": view,
        "commune": commune,
        "year": year,
        "title": title,
        "may_enter": has_permission("evaluations.enter_commune_year", request.user, commune)[0],
        "registration_form": extra.pop("registration_form", None) or RegistrationForm(),
        "meeting_form": extra.pop("meeting_form", None) or MeetingForm(initial=initial),
        "grid": [(a, votes.get(a.line.pk, a.line.votes_for)) for a in view.registered if a.line is not None],
        "transitions": moves,
        "deciding": deciding,
        "decision_form": DecisionForm(),
        "decision_files": evaluation_selectors.downloadable_decisions(
            request.user, [view.dossier.decision if view.dossier else None]
        ),
        "minutes_files": evaluation_selectors.may_download_minutes(request.user, meeting),
        "deadline_dues": dossier_due_dates(view.dossier) if view.dossier else [],
        "entry": selectors.entry_grid(view, extra.pop("typed", None)),
        "breadcrumbs": [*crumbs, (title, None)],
        **extra,
    }
    return render(request, "evaluations/kdc_year.html", context, status=status)


def kdc_year(request: AuthedRequest, commune_id: int, year: int) -> HttpResponse:
    commune = _commune(request, commune_id, year)
    if request.GET.get("format") == "xlsx":
        return exports.kdc_year_xlsx(selectors.kdc_year(commune, year))
    return _page(request, commune, year)


@require_POST
def kdc_register(request: AuthedRequest, commune_id: int, year: int) -> HttpResponse:
    commune = _commune(request, commune_id, year)
    form = RegistrationForm(request.POST)
    chosen = {int(pk) for pk in request.POST.getlist("area") if pk.isdigit()}
    areas = [a.area for a in selectors.kdc_year(commune, year).lines if a.area.pk in chosen]
    if not form.is_valid():
        return _page(request, commune, year, 400, registration_form=form)
    if not areas:
        return _page(request, commune, year, 400, registration_form=form, errors=[_("Tick at least one area.")])
    try:
        count = areas_register(
            commune=commune,
            year=year,
            areas=areas,
            registered_on=form.cleaned_data["registered_on"],
            actor=request.user,
        )
    except Refused:
        raise
    except DomainError as exc:
        return _page(request, commune, year, 400, registration_form=form, errors=[exc])
    messages.success(request, _("%(count)s areas registered.") % {"count": count})
    return redirect("evaluations:kdc_year", commune.pk, year)


@require_POST
def kdc_meeting(request: AuthedRequest, commune_id: int, year: int) -> HttpResponse:
    commune = _commune(request, commune_id, year)
    form = MeetingForm(request.POST)
    lines = {a.line.pk: a.area.full_name for a in selectors.kdc_year(commune, year).registered if a.line}
    votes: dict[int, services.Vote] = {}
    typed: dict[int, str] = {}
    errors: list[Any] = []
    for pk, name in lines.items():
        text = typed[pk] = request.POST.get(f"votes-{pk}", "").strip()
        if not text:
            continue
        if not text.isdigit():
            errors.append(_("%(name)s: “%(text)s” is not a number of votes.") % {"name": name, "text": text})
            continue
        votes[pk] = services.Vote(votes_for=int(text))
    if not form.is_valid() or errors:
        return _page(request, commune, year, 400, meeting_form=form, votes=typed, errors=errors)
    data = form.cleaned_data
    try:
        services.meeting_record(
            kind=MeetingKind.AREA_REVIEW, unit=commune, year=year, votes=votes, actor=request.user, **data
        )
    except Refused:
        raise
    except (DomainError, DomainErrors) as exc:
        return _page(request, commune, year, 400, meeting_form=form, votes=typed, errors=errors_of(exc))
    messages.success(request, _("The meeting and %(count)s areas' votes are saved.") % {"count": len(votes)})
    return redirect("evaluations:kdc_year", commune.pk, year)


@require_POST
def kdc_evaluate(request: AuthedRequest, commune_id: int, year: int) -> HttpResponse:
    commune = _commune(request, commune_id, year)
    try:
        summary = areas_evaluate(commune=commune, year=year, actor=request.user)
    except Refused:
        raise
    except DomainError as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("%(evaluated)s areas evaluated, %(proposed)s proposed.") % summary)
    return redirect("evaluations:kdc_year", commune.pk, year)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _typed(request: AuthedRequest, prefixes: tuple[str, ...]) -> dict[str, str]:
    return {key: request.POST.get(key, "").strip() for key in request.POST if key.startswith(prefixes)}


@require_POST
def kdc_self_assessment(request: AuthedRequest, commune_id: int, year: int) -> HttpResponse:
    commune = _commune(request, commune_id, year)
    typed = _typed(request, ("score-",))
    entries = []
    for row in selectors.entry_grid(selectors.kdc_year(commune, year), typed).rows:
        assert row.line.line is not None
        scores = {number: value for number, value in row.scores if value}
        recorded = {int(n): _decimal(str(v)) for n, v in (row.line.line.self_assessment or {}).items()}
        # An area left blank, or typed as recorded, is not recorded again.
        if scores and {n: _decimal(v) for n, v in scores.items()} != recorded:
            entries.append((row.line.line, scores))
    try:
        count = kdc_self_assessments_record(commune=commune, entries=entries, actor=request.user)
    except Refused:
        raise
    except DomainErrors as exc:
        return _page(request, commune, year, 400, typed=typed, errors=exc.errors)
    messages.success(request, _("The self-assessment of %(count)s areas is saved.") % {"count": count})
    return redirect("evaluations:kdc_year", commune.pk, year)


@require_POST
def kdc_front_evaluation(request: AuthedRequest, commune_id: int, year: int) -> HttpResponse:
    commune = _commune(request, commune_id, year)
    typed = _typed(request, ("mttq-", "grade-"))
    entries = []
    for row in selectors.entry_grid(selectors.kdc_year(commune, year), typed).rows:
        line = row.line.line
        assert line is not None
        recorded = (_decimal(str(line.mttq_points)) if line.mttq_points is not None else None, line.front_head_grade)
        if (row.points or row.grade) and (_decimal(row.points), row.grade) != recorded:
            entries.append((line, row.points, row.grade))
    try:
        count = kdc_front_evaluations_record(commune=commune, entries=entries, actor=request.user)
    except Refused:
        raise
    except DomainErrors as exc:
        return _page(request, commune, year, 400, typed=typed, errors=exc.errors)
    messages.success(request, _("The Front's evaluation of %(count)s areas is saved.") % {"count": count})
    return redirect("evaluations:kdc_year", commune.pk, year)


def district_year(request: AuthedRequest, unit_id: int, year: int) -> HttpResponse:
    unit = year_unit(request, unit_id, (Level.DISTRICT, Level.PROVINCE), year, "evaluations.view_district_year")
    queue = selectors.district_queue(unit, year)
    if request.GET.get("format") == "xlsx":
        return exports.district_queue_xlsx(queue)
    rows = [
        (commune, dossier, available_moves(DOSSIER, dossier, request.user) if dossier else [])
        for commune, dossier in queue.rows
    ]
    title = _("%(unit)s: dossiers of cultural areas of %(year)s") % {"unit": unit.full_name, "year": year}
    context = {
        "unit": unit,
        "year": year,
        "queue": queue,
        "rows": rows,
        "may_recount": has_permission("evaluations.recompute_streaks", request.user, unit)[0],
        "streaks_form": StreaksForm(),
        "title": title,
        "breadcrumbs": [(unit.full_name, unit.get_absolute_url()), (title, None)],
    }
    return render(request, "evaluations/district_year.html", context)
