"""The pages of commendation rounds: the list, a new round, the round with its forms, the candidates
(with "why not?"), and the movements of an area. Each view parses, authorizes, calls one service or
selector and renders; a round or a unit outside the user's reach is a 404."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import has_permission
from thidua.awards import exports, rules, selectors, services
from thidua.awards.forms_rounds import AreaMovementForm, AwardFormForm, RoundForm, StatusForm
from thidua.awards.models import AwardForm, Movement, Round, RoundStatus, Subject
from thidua.db import vi_order
from thidua.errors import DomainError
from thidua.people.models import Person
from thidua.units.models import Level
from thidua.units.selectors import units_visible_to

# The parts of a round, each defined by its owner's url module; a part not built yet is left out.
ROUND_PARTS = (
    ("awards:round", "Round"),
    ("awards:candidates", "Candidates"),
    ("awards:nominations", "Nominations"),
    ("awards:consultation", "Public consultation"),
    ("awards:council", "Council"),
    ("awards:decisions", "Decisions"),
)


def round_nav(round: Round, current: str = "") -> list[tuple[str, str, bool]]:
    labels = {
        "awards:round": _("Round"),
        "awards:candidates": _("Candidates"),
        "awards:nominations": _("Nominations"),
        "awards:consultation": _("Public consultation"),
        "awards:council": _("Council"),
        "awards:decisions": _("Decisions"),
    }
    nav = []
    for name, _label in ROUND_PARTS:
        try:
            url = reverse(name, args=[round.pk])
        except NoReverseMatch:
            continue
        nav.append((str(labels[name]), url, name == current))
    # The round ends at its honouring conference (thidua.events), when one is organized.
    conference = round.conferences.order_by("starts_at").first()
    if conference is not None:
        nav.append((str(_("Conference")), reverse("events:conference", args=[conference.pk]), False))
    return nav


def _authorize(request: HttpRequest, action: str, obj: object) -> None:
    allowed, reason = has_permission(action, request.user, obj)
    if not allowed:
        raise PermissionDenied(reason)


def _round(request: HttpRequest, round_id: int) -> Round:
    round = get_object_or_404(selectors.rounds_visible_to(request.user), pk=round_id)
    _authorize(request, "awards.view_round", round)
    return round


def _crumbs(round: Round | None = None, *more: tuple[str, str]) -> list[tuple[str, str]]:
    crumbs = [(_("Commendation rounds"), reverse("awards:rounds"))]
    if round is not None:
        crumbs.append((round.name, reverse("awards:round", args=[round.pk])))
    return crumbs + list(more)


def _issuer_named(round: Round) -> Round:
    """The round with ``issuer_name``: the issuing body as it was named at the end of the period
    ("thị xã Bắc Kạn" for 2009–2013, though the town is a thành phố since 2015)."""
    from thidua.campaigns.documents import place_on

    round.issuer_name = place_on(round.issuer, datetime.date(round.period_end, 12, 31)).full_name  # type: ignore[attr-defined]
    return round


def round_list(request: HttpRequest) -> HttpResponse:
    rounds = [_issuer_named(r) for r in selectors.rounds_visible_to(request.user).select_related("issuer")]
    user_unit = getattr(request.user, "unit", None)
    may_create = has_permission("awards.manage_round", request.user, user_unit)[0] if user_unit else False
    may_create = may_create or getattr(request.user, "is_administrator", False)
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


def _issuers(request: HttpRequest) -> list[tuple[int, str]]:
    units = units_visible_to(request.user).filter(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])  # type: ignore[arg-type]
    return [(u.pk, u.full_name) for u in units.order_by("level", vi_order("name"))[:500]]


def round_create(request: HttpRequest) -> HttpResponse:
    user_unit = getattr(request.user, "unit", None)
    if not getattr(request.user, "is_administrator", False):
        _authorize(request, "awards.manage_round", user_unit)
    issuers = _issuers(request)
    initial = {"issuer": user_unit.pk if user_unit else None}
    form = RoundForm(request.POST or None, issuers=issuers, initial=initial)
    errors: list[DomainError] = []
    if request.method == "POST" and form.is_valid():
        issuer = get_object_or_404(units_visible_to(request.user), pk=form.cleaned_data["issuer"])  # type: ignore[arg-type]
        _authorize(request, "awards.manage_round", issuer)
        try:
            round = services.round_create(
                name=form.cleaned_data["name"],
                issuer=issuer,
                organ=form.cleaned_data["organ"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                nominations_due=form.cleaned_data["nominations_due"],
                actor=request.user,
            )
        except DomainError as exc:
            errors = [exc]
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
    request: HttpRequest, round: Round, *, form_form: AwardFormForm | None = None, errors: Any = (), status: int = 200
) -> HttpResponse:
    may_manage = has_permission("awards.manage_round", request.user, round)[0]
    tiers = selectors.round_parameters(round).get("mttq_tiers") or []
    forms = selectors.round_forms(round)
    return render(
        request,
        "awards/round_detail.html",
        {
            "title": round.name,
            "round": _issuer_named(round),
            "nav": round_nav(round, "awards:round"),
            "forms": [{"form": f, "criteria": rules.criteria_lines(f.subject, f.criteria or {})} for f in forms],
            "may_manage": may_manage,
            "editable": may_manage and round.status in services.FORM_EDITABLE,
            "form_form": form_form or AwardFormForm(tiers=tiers, initial={"rank": len(forms)}),
            "next_statuses": [(s, RoundStatus(s).label) for s in services.round_next_statuses(round)]
            if may_manage
            else [],
            "errors": list(errors),
            "breadcrumbs": _crumbs(None, (round.name, "")),
        },
        status=status,
    )


def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    return _round_page(request, _round(request, round_id))


@require_POST
def form_add(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id)
    _authorize(request, "awards.manage_round", round)
    tiers = selectors.round_parameters(round).get("mttq_tiers") or []
    form = AwardFormForm(request.POST, tiers=tiers)
    if not form.is_valid():
        return _round_page(request, round, form_form=form, status=400)
    try:
        services.award_form_add(round=round, actor=request.user, **form.service_kwargs())
    except DomainError as exc:
        return _round_page(request, round, form_form=form, errors=[exc], status=400)
    messages.success(request, _("The award form is added."))
    return redirect("awards:round", round.pk)


def form_edit(request: HttpRequest, form_id: int) -> HttpResponse:
    award_form = get_object_or_404(AwardForm.objects.select_related("round"), pk=form_id)
    round = _round(request, award_form.round_id)
    _authorize(request, "awards.manage_round", round)
    tiers = selectors.round_parameters(round).get("mttq_tiers") or []
    form = AwardFormForm(request.POST or None, tiers=tiers, initial=AwardFormForm.initial_of(award_form))
    errors: list[DomainError] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.award_form_update(form=award_form, actor=request.user, **form.service_kwargs())
        except DomainError as exc:
            errors = [exc]
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
def round_status(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id)
    _authorize(request, "awards.manage_round", round)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.round_status_set(
            round=round, to=form.cleaned_data["to"], reason=form.cleaned_data["reason"], actor=request.user
        )
    except DomainError as exc:
        return _round_page(request, round, errors=[exc], status=400)
    messages.success(request, _("The status of the round is changed."))
    return redirect("awards:round", round.pk)


def candidates(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id)
    forms = selectors.round_forms(round)
    unit = None
    if unit_id := request.GET.get("unit", ""):
        if not unit_id.isdigit():
            raise Http404
        unit = get_object_or_404(units_visible_to(request.user), pk=int(unit_id))  # type: ignore[arg-type]
    elif request.user.unit and request.user.unit.level > round.issuer.level:  # type: ignore[union-attr]
        # A commune's officer sees the candidates of the commune.
        unit = request.user.unit  # type: ignore[union-attr]
    # ?form=CODE narrows the page (and its export) to one form, as the API does.
    chosen = next((f for f in forms if f.code == request.GET.get("form")), None)
    shown = [chosen] if chosen is not None else forms
    rows = selectors.round_candidates(round, form=chosen, unit=unit)
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
                "quota": selectors.form_quota(form, len(eligible)),
                "quota_text": selectors.form_quota_text(form, len(eligible)),
            }
        )
    return render(
        request,
        "awards/round_candidates.html",
        {
            "title": _("Candidates"),
            "round": round,
            "nav": round_nav(round, "awards:candidates"),
            "sections": sections,
            "unit": unit,
            "q": request.GET.get("q", ""),
            "why": why,
            "forms": forms,
            "chosen": chosen,
            "breadcrumbs": _crumbs(round, (_("Candidates"), "")),
        },
    )


def _why_not(request: HttpRequest, round: Round, forms: list[AwardForm]) -> dict[str, Any] | None:
    """The checks of every form for the areas and people found by the search box."""
    text = request.GET.get("q", "").strip()
    if not text:
        return None
    visible = units_visible_to(request.user)  # type: ignore[arg-type]
    areas = [a for a in selectors.area_search(round, text) if visible.filter(pk=a.pk).exists()][:5]
    people: list[Person] = [
        p for p in selectors.person_search(round, text, limit=20) if p.positions.filter(unit__in=visible).exists()
    ][:5]
    found = []
    for area in areas:
        found.append(
            {
                "name": area.full_name,
                "rows": [selectors.candidate_check(round, f, area=area) for f in forms if f.subject == Subject.AREA],
            }
        )
    for person in people:
        found.append(
            {
                "name": person.full_name,
                "rows": [
                    selectors.candidate_check(round, f, person=person) for f in forms if f.subject == Subject.BCTMT
                ],
            }
        )
    return {"text": text, "found": found}


def area_movements(request: HttpRequest, area_id: int) -> HttpResponse:
    area = get_object_or_404(units_visible_to(request.user).filter(level=Level.AREA), pk=area_id)  # type: ignore[arg-type]
    may_record = has_permission("awards.record_movement", request.user, area)[0]
    movements = [(m.pk, m.name) for m in Movement.objects.filter(active=True).order_by(vi_order("name"))]
    year_text = request.GET.get("year", "")
    initial = {"year": int(year_text)} if year_text.isdigit() else {}
    form = AreaMovementForm(request.POST or None, movements=movements, initial=initial)
    errors: list[DomainError] = []
    if request.method == "POST":
        _authorize(request, "awards.record_movement", area)
        if form.is_valid():
            try:
                services.area_movement_record(
                    area=area,
                    year=form.cleaned_data["year"],
                    movement=Movement.objects.get(pk=form.cleaned_data["movement"]),
                    description=form.cleaned_data["description"],
                    actor=request.user,
                )
            except DomainError as exc:
                errors = [exc]
            else:
                messages.success(request, _("The movement is recorded."))
                return redirect(reverse("awards:area_movements", args=[area.pk]) + f"?year={form.cleaned_data['year']}")
    return render(
        request,
        "awards/round_area_movements.html",
        {
            "title": _("Emulation movements of %(area)s") % {"area": area.full_name},
            "area": area,
            "rows": selectors.area_movements(area),
            "form": form,
            "may_record": may_record and bool(movements),
            "no_catalogue": not movements,
            "errors": errors,
            "breadcrumbs": [(area.full_name, reverse("units:detail", args=[area.pk])), (_("Emulation movements"), "")],
        },
        status=400 if errors or form.errors else 200,
    )
