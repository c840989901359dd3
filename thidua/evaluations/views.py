"""The pages of the yearly cycle: an area's year (registration, meeting and votes, results, its
dossier), a commune's queue (review, decision, revocation), an area's households, and the documents
of a decision or a meeting. Each view parses, calls one service and renders; the service authorizes,
and its refusal becomes the 404 page (a unit outside the user's reach) or the 403 page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import authorize, has_permission
from thidua.campaigns.parameters import EXCLUSION_CATEGORIES
from thidua.documents.formats import Rendered
from thidua.errors import DomainError, DomainErrors, Refused
from thidua.evaluations import exports, selectors, services
from thidua.evaluations.deadlines.selectors import dossier_due_dates
from thidua.evaluations.documents import decision_file, minutes_file
from thidua.evaluations.forms import (
    DecisionForm,
    MeetingForm,
    ObjectionForm,
    RegistrationForm,
    ResolutionForm,
    RevokeForm,
    StreaksForm,
    TransitionForm,
)
from thidua.evaluations.kdc.selectors import district_of
from thidua.evaluations.models import Dossier, DossierKind, DossierStatus, HouseholdYear, MeetingKind, Objection
from thidua.evaluations.streaks.services import streaks_recount_start
from thidua.evaluations.workflow import DOSSIER
from thidua.http import AuthedRequest
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to
from thidua.workflow import available_moves


def year_unit(request: AuthedRequest, pk: int, levels: tuple[int, ...], year: int, action: str) -> Unit:
    """The unit of a page of the year, of one of ``levels``, that the user may ``action``; 404 otherwise."""
    if not 1900 <= year <= 2100:
        raise Http404
    unit = get_object_or_404(units_visible_to(request.user).filter(level__in=levels), pk=pk)
    authorize(request.user, action, unit)
    return unit


def _area(request: AuthedRequest, pk: int, year: int) -> Unit:
    return year_unit(request, pk, (Level.AREA,), year, "evaluations.view_year")


def errors_of(exc: DomainError | DomainErrors) -> list[DomainError]:
    return exc.errors if isinstance(exc, DomainErrors) else [exc]


def back(request: AuthedRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return redirect(target if target and safe else default)


def form_errors(request: AuthedRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        messages.error(request, f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}")


def _area_page(request: AuthedRequest, area: Unit, year: int, status: int = 200, **extra: Any) -> HttpResponse:
    view = selectors.area_year(area, year)
    votes = extra.pop("votes", {})
    typed_points = extra.pop("points", {})
    typed_exclusions = extra.pop("exclusions", {})
    may_decide = has_permission("evaluations.view_exclusions", request.user, area)[0]
    choices = [(code, str(label)) for code, label in EXCLUSION_CATEGORIES.items()]
    grid = []
    for a in view.registered:
        assert a.line is not None
        codes = list(typed_exclusions.get(a.line.pk, a.line.exclusions))
        sensitive = {
            "points": typed_points.get(a.line.pk, a.line.points),
            "codes": codes,
            "labels": [selectors.exclusion_label(code) for code in codes],
            # A code of a province's own list stays choosable on the line that has it.
            "options": choices + [(code, code) for code in codes if code not in EXCLUSION_CATEGORIES],
        }
        failed = selectors.masked_checks(a.failed, may_see=may_decide)
        grid.append((a, votes.get(a.line.pk, a.line.votes_for), sensitive if may_decide else None, failed))
    if may_decide and grid:
        services.exclusions_viewed(
            actor=request.user, area=area, year=year, lines=[a.line for a in view.registered], channel="page"
        )
    meeting = view.meeting
    initial = {"held_on": f"{meeting.held_on:%d/%m/%Y}", **_meeting_initial(meeting)} if meeting else {}
    title = _("%(area)s: the year %(year)s") % {"area": area.full_name, "year": year}
    commune = selectors.commune_of(area, year)
    crumbs: list[tuple[str, str | None]] = [(area.full_name, area.get_absolute_url())]
    if commune is not None and has_permission("evaluations.view_year", request.user, commune)[0]:
        crumbs.insert(0, (commune.full_name, reverse("evaluations:commune_year", args=[commune.pk, year])))
    context = {
        "view": view,
        "area": area,
        "year": year,
        "title": title,
        "decision_files": selectors.downloadable_decisions(
            request.user, [view.dossier.decision if view.dossier else None]
        ),
        "minutes_files": selectors.may_download_minutes(request.user, meeting),
        "may_enter": has_permission("evaluations.enter_area_year", request.user, area)[0],
        "registration_form": extra.pop("registration_form", None) or RegistrationForm(),
        "meeting_form": extra.pop("meeting_form", None) or MeetingForm(initial=initial),
        "grid": grid,
        "may_decide": may_decide,
        "deadline_dues": dossier_due_dates(view.dossier) if view.dossier else [],
        "transitions": available_moves(DOSSIER, view.dossier, request.user) if view.dossier else [],
        "objections": Objection.objects.filter(household_year__area=area, household_year__year=year)
        .select_related("household_year__household")
        .order_by("raised_on", "pk"),
        "objection_form": extra.pop("objection_form", None) or ObjectionForm(),
        "resolution_form": ResolutionForm(),
        "breadcrumbs": [*crumbs, (title, None)],
        **extra,
    }
    return render(request, "evaluations/area_year.html", context, status=status)


def _meeting_initial(meeting: Any) -> dict[str, Any]:
    fields = ("convened", "present", "ballot", "chair", "front_head")
    dates = {name: f"{day:%d/%m/%Y}" for name in ("posted_from", "posted_until") if (day := getattr(meeting, name))}
    return {**{name: getattr(meeting, name) for name in fields}, **dates}


def area_year(request: AuthedRequest, area_id: int, year: int) -> HttpResponse:
    area = _area(request, area_id, year)
    if request.GET.get("format") == "xlsx":
        return exports.area_year_xlsx(selectors.area_year(area, year))
    return _area_page(request, area, year)


@require_POST
def area_register(request: AuthedRequest, area_id: int, year: int) -> HttpResponse:
    area = _area(request, area_id, year)
    form = RegistrationForm(request.POST)
    chosen = {int(pk) for pk in request.POST.getlist("household") if pk.isdigit()}
    households = [a.household for a in selectors.area_year(area, year).lines if a.household.pk in chosen]
    if not form.is_valid():
        return _area_page(request, area, year, 400, registration_form=form)
    if not households:
        return _area_page(request, area, year, 400, registration_form=form, errors=[_("Tick at least one household.")])
    try:
        services.households_register(
            area=area,
            year=year,
            households=households,
            registered_on=form.cleaned_data["registered_on"],
            actor=request.user,
        )
    except Refused:
        raise
    except (DomainError, DomainErrors) as exc:
        return _area_page(request, area, year, 400, registration_form=form, errors=errors_of(exc))
    messages.success(request, _("%(count)s households registered.") % {"count": len(households)})
    return redirect("evaluations:area_year", area.pk, year)


@dataclass
class _Grid:
    votes: dict[int, services.Vote] = field(default_factory=dict)
    typed: dict[int, str] = field(default_factory=dict)
    points: dict[int, str] = field(default_factory=dict)
    exclusions: dict[int, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _votes(request: AuthedRequest, lines: dict[int, HouseholdYear], may_decide: bool) -> _Grid:
    """The votes grid: one ``votes-<line>`` field per registered household; an empty cell is not evaluated.

    Those who decide also type the points (``points-<line>``) and tick the exclusion categories
    (``exclusions-<line>``); the service keeps the recorded ones for anyone else.
    """
    grid = _Grid()
    for pk, line in lines.items():
        name = line.household.head_name
        text = request.POST.get(f"votes-{pk}", "").strip()
        grid.typed[pk] = text
        points: Decimal | None = None
        exclusions: tuple[str, ...] = ()
        if may_decide:
            typed_points = request.POST.get(f"points-{pk}", "").strip().replace(",", ".")
            chosen = request.POST.getlist(f"exclusions-{pk}")
            grid.points[pk], grid.exclusions[pk] = typed_points, chosen
            exclusions = tuple(chosen)
            try:
                points = Decimal(typed_points) if typed_points else None
            except InvalidOperation:
                points = None
            if typed_points and (points is None or not points.is_finite() or points < 0):
                grid.errors.append(
                    _("%(name)s: “%(text)s” is not a number of points.") % {"name": name, "text": typed_points}
                )
                continue
        if not text:
            continue
        if not text.isdigit():
            grid.errors.append(_("%(name)s: “%(text)s” is not a number of votes.") % {"name": name, "text": text})
            continue
        grid.votes[pk] = services.Vote(votes_for=int(text), points=points, exclusions=exclusions)
    return grid


@require_POST
def area_meeting(request: AuthedRequest, area_id: int, year: int) -> HttpResponse:
    area = _area(request, area_id, year)
    form = MeetingForm(request.POST)
    lines = {a.line.pk: a.line for a in selectors.area_year(area, year).registered if a.line}
    grid = _votes(request, lines, has_permission("evaluations.view_exclusions", request.user, area)[0])
    typed = {"votes": grid.typed, "points": grid.points, "exclusions": grid.exclusions}
    if not form.is_valid() or grid.errors:
        return _area_page(request, area, year, 400, meeting_form=form, errors=grid.errors, **typed)
    try:
        services.meeting_record(
            kind=MeetingKind.HOUSEHOLD_REVIEW,
            unit=area,
            year=year,
            votes=grid.votes,
            actor=request.user,
            **form.cleaned_data,
        )
    except Refused:
        raise
    except (DomainError, DomainErrors) as exc:
        return _area_page(request, area, year, 400, meeting_form=form, errors=errors_of(exc), **typed)
    count = len(grid.votes)
    messages.success(request, _("The meeting and %(count)s households' votes are saved.") % {"count": count})
    return redirect("evaluations:area_year", area.pk, year)


@require_POST
def area_evaluate(request: AuthedRequest, area_id: int, year: int) -> HttpResponse:
    area = _area(request, area_id, year)
    try:
        summary = services.households_evaluate(area=area, year=year, actor=request.user)
    except Refused:
        raise
    except DomainError as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("%(evaluated)s households evaluated, %(proposed)s proposed.") % summary)
    return redirect("evaluations:area_year", area.pk, year)


def dossier_of(request: AuthedRequest, pk: int) -> Dossier:
    visible = units_visible_to(request.user)
    return get_object_or_404(Dossier.objects.filter(unit__in=visible).select_related("unit", "decision"), pk=pk)


@require_POST
def dossier_transition(request: AuthedRequest, pk: int) -> HttpResponse:
    dossier = dossier_of(request, pk)
    form = TransitionForm(request.POST)
    default = reverse("evaluations:area_year", args=[dossier.unit_id, dossier.year])
    if dossier.kind == DossierKind.KDC:
        default = reverse("evaluations:kdc_year", args=[dossier.unit_id, dossier.year])
    if not form.is_valid():
        messages.error(request, _("Choose a step of the workflow."))
        return back(request, default)
    try:
        services.dossier_transition(
            dossier=dossier, to=form.cleaned_data["to"], actor=request.user, reason=form.cleaned_data["reason"]
        )
    except Refused:
        raise
    except DomainError as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("The dossier is now %(status)s.") % {"status": dossier.get_status_display()})
    return back(request, default)


def commune_year(request: AuthedRequest, commune_id: int, year: int) -> HttpResponse:
    commune = year_unit(request, commune_id, (Level.COMMUNE,), year, "evaluations.view_year")
    queue = selectors.commune_queue(commune, year)
    rows = []
    for area, dossier in queue.rows:
        moves = available_moves(DOSSIER, dossier, request.user) if dossier else []
        # The decision form lists the households of a reviewed dossier, the proposed ones ticked.
        decidable = any(target == DossierStatus.DECIDED for target, _label in moves)
        deciding = selectors.area_year(area, year).registered if decidable else []
        rows.append((area, dossier, moves, deciding))
    title = _("%(commune)s: the year %(year)s") % {"commune": commune.full_name, "year": year}
    context = {
        "commune": commune,
        "year": year,
        "queue": queue,
        "rows": rows,
        "decision_form": DecisionForm(),
        "revoke_form": RevokeForm(),
        "titled": selectors.titled_lines(commune, year),
        "decision_files": selectors.downloadable_decisions(
            request.user, [dossier.decision for _area, dossier in queue.rows if dossier is not None]
        ),
        "may_revoke": has_permission("evaluations.revoke_title", request.user, commune)[0],
        "may_recount": has_permission("evaluations.recompute_streaks", request.user, commune)[0],
        "streaks_form": StreaksForm(),
        "unit": commune,
        "title": title,
        "breadcrumbs": [(commune.full_name, commune.get_absolute_url()), (title, None)],
    }
    return render(request, "evaluations/commune_year.html", context)


def title_exceptions(data: QueryDict) -> dict[int, services.LineException]:
    """The exceptions typed beside the decision's lines (``exception-reason-<line>``,
    ``exception-document-<line>``): a line with either filled in is an exception the service checks."""
    found: dict[int, services.LineException] = {}
    for key in data:
        if not key.startswith("exception-reason-"):
            continue
        pk = key.removeprefix("exception-reason-")
        reason, document = data.get(key, "").strip(), data.get(f"exception-document-{pk}", "").strip()
        if pk.isdigit() and (reason or document):
            found[int(pk)] = services.LineException(reason, document)
    return found


@require_POST
def dossier_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    dossier = dossier_of(request, pk)
    commune = selectors.commune_of(dossier.unit, dossier.year)
    issuer = commune if dossier.kind == DossierKind.GDVH else district_of(dossier.unit, dossier.year)
    if commune is None or issuer is None:
        raise Http404
    default = reverse("evaluations:commune_year", args=[commune.pk, dossier.year])
    if dossier.kind == DossierKind.KDC:
        default = reverse("evaluations:kdc_year", args=[commune.pk, dossier.year])
    form = DecisionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return back(request, default)
    titled = [int(pk) for pk in request.POST.getlist("titled") if pk.isdigit()]
    try:
        decision = services.decision_record(
            dossier=dossier,
            issuer=issuer,
            titled_ids=titled,
            exceptions=title_exceptions(request.POST),
            actor=request.user,
            **form.cleaned_data,
        )
    except Refused:
        raise
    except DomainErrors as exc:
        for error in exc.errors:
            messages.error(request, error.text())
    except DomainError as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("Decision %(decision)s recorded.") % {"decision": decision})
    return back(request, default)


@require_POST
def title_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    visible = units_visible_to(request.user)
    line = get_object_or_404(HouseholdYear.objects.filter(area__in=visible).select_related("area", "household"), pk=pk)
    default = reverse("evaluations:area_year", args=[line.area_id, line.year])
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A title is revoked only with a date and a reason."))
        return back(request, default)
    try:
        services.title_revoke(line=line, actor=request.user, **form.cleaned_data)
    except Refused:
        raise
    except DomainError as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("The title of %(name)s is revoked.") % {"name": line.household.head_name})
    return back(request, default)


@require_POST
def objection_add(request: AuthedRequest, area_id: int, year: int) -> HttpResponse:
    area = _area(request, area_id, year)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        return _area_page(request, area, year, 400, objection_form=form)
    data = form.cleaned_data
    lines = HouseholdYear.objects.filter(area=area, year=year).select_related("meeting", "area")
    line = get_object_or_404(lines, pk=data["line"])
    try:
        services.objection_raise(
            line=line, raised_on=data["raised_on"], raised_by=data["raised_by"], text=data["text"], actor=request.user
        )
    except Refused:
        raise
    except DomainError as exc:
        return _area_page(request, area, year, 400, objection_form=form, errors=[exc])
    messages.success(request, _("The objection is recorded."))
    return redirect("evaluations:area_year", area.pk, year)


@require_POST
def objection_resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    visible = units_visible_to(request.user)
    objection = get_object_or_404(
        Objection.objects.filter(household_year__area__in=visible).select_related("household_year__area"), pk=pk
    )
    line = objection.household_year
    assert line is not None
    form = ResolutionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say how and when the objection was resolved."))
        return redirect("evaluations:area_year", line.area_id, line.year)
    try:
        services.objection_resolve(objection=objection, actor=request.user, **form.cleaned_data)
    except Refused:
        raise
    except DomainError as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, _("The objection is resolved."))
    return redirect("evaluations:area_year", line.area_id, line.year)


@require_POST
def streaks_recount(request: AuthedRequest, unit_id: int, year: int) -> HttpResponse:
    """Start the recount of the streaks under a commune, a district or a province, as a job whose page
    follows its progress."""
    unit = get_object_or_404(units_visible_to(request.user).exclude(level=Level.AREA), pk=unit_id)
    form = StreaksForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return back(request, unit.get_absolute_url())
    try:
        job = streaks_recount_start(unit=unit, year=year, since=form.cleaned_data["since"], actor=request.user)
    except Refused:
        raise
    except DomainError as exc:
        messages.error(request, exc.text())
        return back(request, unit.get_absolute_url())
    return redirect("jobs:detail", pk=job.pk)


def area_households(request: AuthedRequest, area_id: int) -> HttpResponse:
    """The households of an area in a year, with their registration."""
    area = get_object_or_404(units_visible_to(request.user).filter(level=Level.AREA), pk=area_id)
    authorize(request.user, "people.view_households", area)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 1900 <= int(year_text) <= 2100 else datetime.date.today().year
    title = _("Households of %(area)s in %(year)s") % {"area": area.full_name, "year": year}
    return render(
        request,
        "evaluations/area_households.html",
        {
            "area": area,
            "year": year,
            "rows": selectors.households_of_area_year(area, year),
            "title": title,
            "breadcrumbs": [
                (_("Administrative units"), "/units/"),
                (area.full_name, area.get_absolute_url()),
                (title, None),
            ],
        },
    )


def _attachment(rendered: Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def decision_download(request: AuthedRequest, pk: str, fmt: str) -> HttpResponse:
    """The recognition decision of a decided dossier, for a user who sees its issuer; 404 otherwise."""
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    return _attachment(decision_file(decision, fmt))


def minutes_download(request: AuthedRequest, pk: str, fmt: str) -> HttpResponse:
    """The minutes of an evaluation meeting, for a user who sees its unit; 404 otherwise."""
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    return _attachment(minutes_file(meeting, fmt))


@require_POST
def decision_certificates(request: AuthedRequest, pk: str) -> HttpResponse:
    """Start printing the decision's certificates in the background, and show the job's progress."""
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    job = services.decision_certificates_start(decision=decision, actor=request.user)
    messages.success(request, _("The job is queued; this page shows its progress."))
    return redirect("jobs:detail", pk=job.pk)
