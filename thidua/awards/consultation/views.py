"""The pages of a round's consultation: the officers' page (publish the list, read and answer the
objections) and the public pages, open without an account.

Each officers' view parses, calls one service of ``thidua.awards.consultation.services`` and renders;
the services authorize, and a round outside the user's reach is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.permissions import has_permission
from thidua.accounts.throttle import client_address
from thidua.awards.consultation import exports, services
from thidua.awards.consultation.forms import AnswerForm, ObjectionForm, PublishForm
from thidua.awards.consultation.selectors import consultation_last_day, consultation_state, published_rows
from thidua.awards.models import Nomination, PublicObjection, Round, RoundStatus
from thidua.awards.pages import beside_the_form, round_nav
from thidua.awards.places import issuer_name
from thidua.awards.rounds.selectors import get_round_for_user
from thidua.errors import DomainError
from thidua.http import AuthedRequest


def _page(request: AuthedRequest, round: Round, status: int = 200, **extra: Any) -> HttpResponse:
    today = timezone.localdate()
    state = consultation_state(round, today)
    objections = list(
        PublicObjection.objects.filter(round=round)
        .select_related("nomination__form", "nomination__area", "nomination__person", "answered_by")
        .order_by("raised_at", "pk")
    )
    names = {row.nomination_id: row for row in published_rows(round)}
    may_run = has_permission("awards.run_consultation", request.user, round)[0]
    if request.method == "GET" and request.GET.get("format") == "xlsx":
        # The objectors' names and contacts are personal data: only the officers who answer get them.
        shown = {pk: row.name for pk, row in names.items()}
        return exports.objections_xlsx(round, objections, shown, personal=may_run)
    answer_forms = extra.pop("answer_forms", {})
    title = _("Public consultation: %(round)s") % {"round": round.name}
    context = {
        "round": round,
        "state": state,
        "title": title,
        "rows": list(names.values()),
        "objections": [(o, answer_forms.get(o.pk) or AnswerForm(prefix=f"o{o.pk}")) for o in objections],
        "may_run": may_run,
        "publish_form": extra.pop("publish_form", None) or PublishForm(),
        "public_url": reverse("public:consultation_round", args=[round.pk]),
        "breadcrumbs": [(round.name, reverse("awards:round", args=[round.pk])), (_("Public consultation"), None)],
        "nav": round_nav(round, "awards:consultation", request.user),
        **extra,
    }
    return render(request, "awards/consultation_round.html", context, status=status)


def consultation_page(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id, "awards.view_consultation")
    extra: dict[str, Any] = {}
    # "Compute the last day" sends the publication form by GET: the page shows the day without saving.
    if "on" in request.GET:
        form = PublishForm(request.GET)
        if form.is_valid():
            extra["preview"] = consultation_last_day(form.cleaned_data["on"], form.cleaned_data["working_days"])
        extra["publish_form"] = form
    return _page(request, round, **extra)


@require_POST
def consultation_publish(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id, "awards.view_consultation")
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _page(request, round, 400, publish_form=form)
    try:
        round = services.consultation_publish(
            round=round, on=form.cleaned_data["on"], working_days=form.cleaned_data["working_days"], actor=request.user
        )
    except DomainError as exc:
        return _page(request, round, 400, publish_form=form, errors=[beside_the_form(exc)])
    assert round.consultation_until is not None
    messages.success(
        request,
        _("The list is published; the consultation runs until %(day)s.")
        % {"day": f"{round.consultation_until:%d/%m/%Y}"},
    )
    return redirect("awards:consultation", round_id=round.pk)


@require_POST
def objection_answer(request: AuthedRequest, round_id: int, objection_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id, "awards.view_consultation")
    objection = get_object_or_404(PublicObjection, round=round, pk=objection_id)
    form = AnswerForm(request.POST, prefix=f"o{objection.pk}")
    if not form.is_valid():
        return _page(request, round, 400, answer_forms={objection.pk: form})
    try:
        services.objection_answer(
            objection=objection,
            status=form.cleaned_data["status"],
            answer=form.cleaned_data["answer"],
            actor=request.user,
        )
    except DomainError as exc:
        return _page(request, round, 400, answer_forms={objection.pk: form}, errors=[beside_the_form(exc)])
    messages.success(request, _("The answer is recorded."))
    return redirect("awards:consultation", round_id=round.pk)


# --- the public pages -----------------------------------------------------------------------------
# The public pages of the consultation, open without an account: the rounds under consultation, a
# round's published list with its period and the objection form, and the thank-you page.
#
# They show only what the published list is for — the form, the area or the person's name, the area
# and the commune with the names of the period — never the evidence, the achievement report, the
# justification or anything about exclusions. Objections are taken here only (not through the API):
# the form carries the CSRF token, the honeypot and the signed timestamp that keep robots out.
# The sender's address (``client_address``: REMOTE_ADDR, or X-Forwarded-For from a trusted proxy) is
# handed to the service, which keeps only its keyed hash.


def _published(round_id: int) -> Round:
    round = get_object_or_404(Round.objects.select_related("issuer"), pk=round_id)
    if round.consultation_from is None or round.consultation_until is None:
        raise Http404
    return round


@login_not_required
def public_rounds(request: HttpRequest) -> HttpResponse:
    rounds = (
        Round.objects.filter(status=RoundStatus.CONSULTING, consultation_from__isnull=False)
        .select_related("issuer")
        .order_by("-consultation_from", "pk")
    )
    listed = [(round, issuer_name(round)) for round in rounds]
    return render(request, "awards/public_rounds.html", {"rounds": listed, "today": timezone.localdate()})


@login_not_required
@require_http_methods(["GET", "POST"])
def public_round(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _published(round_id)
    today = timezone.localdate()
    rows = published_rows(round)
    labels = [(row.nomination_id, f"{row.name} — {row.form}") for row in rows]
    by_id = Nomination.objects.in_bulk([pk for pk, _label in labels])
    choices = [(by_id[pk], label) for pk, label in labels if pk in by_id]
    start, end = round.consultation_from, round.consultation_until
    open_today = start is not None and end is not None and start <= today <= end
    errors: list[DomainError] = []
    status = 200
    if request.method == "POST":
        form = ObjectionForm(request.POST, round_id=round.pk, nominations=choices)
        if form.is_valid():
            picked = form.cleaned_data["nomination"]
            try:
                services.objection_submit(
                    round=round,
                    nomination=by_id.get(int(picked)) if picked else None,
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    source=client_address(request),
                    on=today,
                )
            except DomainError as exc:
                errors = [exc]
            else:
                return redirect("public:consultation_thanks", round_id=round.pk)
        form.renew()
        status = 400
    else:
        form = ObjectionForm(round_id=round.pk, nominations=choices)
    context = {
        "round": round,
        "issuer": issuer_name(round),
        "rows": rows,
        "form": form,
        "errors": errors,
        "open_today": open_today,
        "today": today,
    }
    return render(request, "awards/public_round.html", context, status=status)


@login_not_required
def public_thanks(request: HttpRequest, round_id: int) -> HttpResponse:
    return render(request, "awards/public_thanks.html", {"round": _published(round_id)})
