"""The pages of commendation rounds: the list, a new round, the round with its forms, the candidates
(with "why not?"), and the movements of an area. Each view parses, calls one service or selector and
renders; the services authorize, and a round or a unit outside the user's reach is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import authorize, has_permission
from thidua.awards import rules
from thidua.awards.models import AwardForm, Movement, Round, Subject
from thidua.awards.pages import beside_the_form, round_nav
from thidua.awards.places import issuer_name
from thidua.awards.rounds import exports, services
from thidua.awards.rounds.candidates import (
    area_search,
    candidate_check,
    person_search,
    round_candidates,
    round_forms,
    round_parameters,
)
from thidua.awards.rounds.forms import AreaMovementForm, AwardFormForm, RoundForm, StatusForm
from thidua.awards.rounds.selectors import (
    area_movements as movements_of,
)
from thidua.awards.rounds.selectors import (
    get_form_for_user,
    get_round_for_user,
    pool_quota,
    pool_quota_text,
    rounds_visible_to,
)
from thidua.awards.rounds.workflow import ROUND_WORKFLOW
from thidua.db import vi_order
from thidua.errors import DomainError
from thidua.http import AuthedRequest
from thidua.people.models import Person
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to
from thidua.workflow import available_moves


def _crumbs(round: Round | None = None, *more: tuple[str, str]) -> list[tuple[str, str]]:
    crumbs = [(_("Commendation rounds"), reverse("awards:rounds"))]
    if round is not None:
        crumbs.append((round.name, reverse("awards:round", args=[round.pk])))
    return crumbs + list(more)


def round_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    rounds = [(r, issuer_name(r)) for r in rounds_visible_to(user)]
    may_create = user.is_administrator or (
        user.unit is not None and has_permission("awards.manage_round", user, user.unit)[0]
    )
    return render(
        request,
        "awards/round_list.html",
        {
            "title": _("Commendation rounds"),
            "rounds": rounds,
            "may_create": may_create,
            "breadcrumbs": [(_("Commendation rounds"), "")],
        },
    )


def _issuers(request: AuthedRequest) -> list[tuple[int, str]]:
    units = units_visible_to(request.user).filter(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])
    return [(u.pk, u.full_name) for u in units.order_by("level", vi_order("name"))[:500]]


def round_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not user.is_administrator:
        # The page is the form of a round of one's own unit (or below): refused to whom may not run one.
        authorize(user, "awards.manage_round", user.unit)
    issuers = _issuers(request)
    form = RoundForm(request.POST or None, issuers=issuers, initial={"issuer": user.unit_id})
    errors: list[DomainError] = []
    if request.method == "POST" and form.is_valid():
        issuer = get_object_or_404(units_visible_to(user), pk=form.cleaned_data["issuer"])
        try:
            round = services.round_create(
                name=form.cleaned_data["name"],
                issuer=issuer,
                organ=form.cleaned_data["organ"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                nominations_due=form.cleaned_data["nominations_due"],
                actor=user,
            )
        except DomainError as exc:
            errors = [beside_the_form(exc)]
        else:
            messages.success(request, _("The round is created: add its award forms."))
            return redirect("awards:round", round.pk)
    return render(
        request,
        "awards/round_create.html",
        {
            "title": _("New commendation round"),
            "form": form,
            "errors": errors,
            "breadcrumbs": _crumbs(None, (_("New"), "")),
        },
        status=400 if errors or form.errors else 200,
    )


def _round_page(
    request: AuthedRequest,
    round: Round,
    *,
    form_form: AwardFormForm | None = None,
    errors: Any = (),
    status: int = 200,
) -> HttpResponse:
    may_manage = has_permission("awards.manage_round", request.user, round)[0]
    tiers = round_parameters(round).get("mttq_tiers") or []
    forms = round_forms(round)
    return render(
        request,
        "awards/round_detail.html",
        {
            "title": round.name,
            "round": round,
            "issuer_name": issuer_name(round),
            "nav": round_nav(round, "awards:round", request.user),
            "forms": [{"form": f, "criteria": rules.criteria_lines(f.subject, f.criteria or {})} for f in forms],
            "may_manage": may_manage,
            "editable": may_manage and round.status in services.FORM_EDITABLE,
            "form_form": form_form or AwardFormForm(tiers=tiers, initial={"rank": len(forms)}),
            "next_statuses": available_moves(ROUND_WORKFLOW, round, request.user),
            "errors": list(errors),
            "breadcrumbs": _crumbs(None, (round.name, "")),
        },
        status=status,
    )


def round_detail(request: AuthedRequest, round_id: int) -> HttpResponse:
    return _round_page(request, get_round_for_user(request.user, round_id))


@require_POST
def form_add(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id)
    tiers = round_parameters(round).get("mttq_tiers") or []
    form = AwardFormForm(request.POST, tiers=tiers)
    if not form.is_valid():
        return _round_page(request, round, form_form=form, status=400)
    try:
        services.award_form_add(round=round, actor=request.user, **form.service_kwargs())
    except DomainError as exc:
        return _round_page(request, round, form_form=form, errors=[beside_the_form(exc)], status=400)
    messages.success(request, _("The award form is added."))
    return redirect("awards:round", round.pk)


def form_edit(request: AuthedRequest, form_id: int) -> HttpResponse:
    # Editing is the round's managers' work: the page is their form, refused to anyone else.
    award_form = get_form_for_user(request.user, form_id, "awards.manage_round")
    round = award_form.round
    tiers = round_parameters(round).get("mttq_tiers") or []
    form = AwardFormForm(request.POST or None, tiers=tiers, initial=AwardFormForm.initial_of(award_form))
    errors: list[DomainError] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.award_form_update(form=award_form, actor=request.user, **form.service_kwargs())
        except DomainError as exc:
            errors = [beside_the_form(exc)]
        else:
            messages.success(request, _("The award form is saved."))
            return redirect("awards:round", round.pk)
    return render(
        request,
        "awards/round_form_edit.html",
        {
            "title": award_form.name,
            "round": round,
            "award_form": award_form,
            "form": form,
            "errors": errors,
            "breadcrumbs": _crumbs(round, (award_form.name, "")),
        },
        status=400 if errors or form.errors else 200,
    )


@require_POST
def round_status(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.round_status_set(
            round=round, to=form.cleaned_data["to"], reason=form.cleaned_data["reason"], actor=request.user
        )
    except DomainError as exc:
        return _round_page(request, round, errors=[beside_the_form(exc)], status=400)
    messages.success(request, _("The status of the round is changed."))
    return redirect("awards:round", round.pk)


def _scope(request: AuthedRequest, round: Round) -> Unit | None:
    """The unit whose candidates the page shows: ``?unit=``, or a commune officer's own commune."""
    if unit_id := request.GET.get("unit", ""):
        if not unit_id.isdigit():
            raise Http404
        return get_object_or_404(units_visible_to(request.user), pk=int(unit_id))
    unit = request.user.unit
    if unit is not None and unit.level > round.issuer.level:
        return unit
    return None


def candidates(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id)
    forms = round_forms(round)
    unit = _scope(request, round)
    # ?form=CODE narrows the page (and its export) to one form, as the API does.
    chosen = next((f for f in forms if f.code == request.GET.get("form")), None)
    shown = [chosen] if chosen is not None else forms
    rows = round_candidates(round, form=chosen, unit=unit)
    why = _why_not(request, round, shown)
    if request.GET.get("format") == "xlsx":
        found = [row for subject in why["found"] for row in subject["rows"]] if why else rows
        return exports.candidates_xlsx(round, found, unit=unit, form=chosen, query=why["text"] if why else "")
    sections = []
    for form in shown:
        mine = [r for r in rows if r.form.pk == form.pk]
        eligible = [r for r in mine if r.eligible]
        sections.append(
            {
                "form": form,
                "eligible": eligible,
                "others": len(mine) - len(eligible),
                "quota": pool_quota(form, len(eligible)),
                "quota_text": pool_quota_text(form, len(eligible)),
            }
        )
    return render(
        request,
        "awards/round_candidates.html",
        {
            "title": _("Candidates"),
            "round": round,
            "nav": round_nav(round, "awards:candidates", request.user),
            "sections": sections,
            "unit": unit,
            "q": request.GET.get("q", ""),
            "why": why,
            "forms": forms,
            "chosen": chosen,
            "breadcrumbs": _crumbs(round, (_("Candidates"), "")),
        },
    )


def _why_not(request: AuthedRequest, round: Round, forms: list[AwardForm]) -> dict[str, Any] | None:
    """The checks of every form for the areas and people found by the search box."""
    text = request.GET.get("q", "").strip()
    if not text:
        return None
    visible = units_visible_to(request.user)
    areas = [a for a in area_search(round, text) if visible.filter(pk=a.pk).exists()][:5]
    people: list[Person] = [
        p for p in person_search(round, text, limit=20) if p.positions.filter(unit__in=visible).exists()
    ][:5]
    found = []
    for area in areas:
        found.append(
            {
                "name": area.full_name,
                "rows": [candidate_check(round, f, area=area) for f in forms if f.subject == Subject.AREA],
            }
        )
    for person in people:
        found.append(
            {
                "name": person.full_name,
                "rows": [candidate_check(round, f, person=person) for f in forms if f.subject == Subject.BCTMT],
            }
        )
    return {"text": text, "found": found}


def area_movements(request: AuthedRequest, area_id: int) -> HttpResponse:
    area = get_object_or_404(units_visible_to(request.user).filter(level=Level.AREA), pk=area_id)
    may_record = has_permission("awards.record_movement", request.user, area)[0]
    movements = [(m.pk, m.name) for m in Movement.objects.filter(active=True).order_by(vi_order("name"))]
    year_text = request.GET.get("year", "")
    initial = {"year": int(year_text)} if year_text.isdigit() else {}
    form = AreaMovementForm(request.POST or None, movements=movements, initial=initial)
    errors: list[DomainError] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.area_movement_record(
                area=area,
                year=form.cleaned_data["year"],
                movement=Movement.objects.get(pk=form.cleaned_data["movement"]),
                description=form.cleaned_data["description"],
                actor=request.user,
            )
        except DomainError as exc:
            errors = [beside_the_form(exc)]
        else:
            messages.success(request, _("The movement is recorded."))
            return redirect(reverse("awards:area_movements", args=[area.pk]) + f"?year={form.cleaned_data['year']}")
    return render(
        request,
        "awards/round_area_movements.html",
        {
            "title": _("Emulation movements of %(area)s") % {"area": area.full_name},
            "area": area,
            "rows": movements_of(area),
            "form": form,
            "may_record": may_record and bool(movements),
            "no_catalogue": not movements,
            "errors": errors,
            "breadcrumbs": [(area.full_name, reverse("units:detail", args=[area.pk])), (_("Emulation movements"), "")],
        },
        status=400 if errors or form.errors else 200,
    )
