"""The officers' page of a round's consultation: publish the list, read and answer the objections.

Each view parses, authorizes (``awards.view_consultation`` / ``awards.run_consultation``), calls one
service of ``thidua.awards.consultation`` and renders; a round outside the user's reach is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import has_permission
from thidua.awards import consultation, exports
from thidua.awards.forms_consultation import AnswerForm, PublishForm
from thidua.awards.models import PublicObjection, Round
from thidua.awards.permissions_consultation import consultation_rounds_visible_to
from thidua.awards.views import round_nav
from thidua.errors import DomainError


def _round(request: HttpRequest, round_id: int, action: str = "awards.view_consultation") -> Round:
    round = get_object_or_404(consultation_rounds_visible_to(request.user), pk=round_id)  # type: ignore[arg-type]
    allowed, reason = has_permission(action, request.user, round)
    if not allowed:
        raise PermissionDenied(reason)
    return round


def _page(request: HttpRequest, round: Round, status: int = 200, **extra: Any) -> HttpResponse:
    today = timezone.localdate()
    state = consultation.consultation_state(round, today)
    objections = list(
        PublicObjection.objects.filter(round=round)
        .select_related("nomination__form", "nomination__area", "nomination__person", "answered_by")
        .order_by("raised_at", "pk")
    )
    names = {row.nomination_id: row for row in consultation.published_rows(round)}
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
        "breadcrumbs": [(round.name, _round_url(round)), (_("Public consultation"), None)],
        "nav": round_nav(round, "awards:consultation"),
        **extra,
    }
    return render(request, "awards/consultation_round.html", context, status=status)


def _round_url(round: Round) -> str | None:
    try:
        return reverse("awards:round", args=[round.pk])
    except NoReverseMatch:  # HA's round page, until its url module names it
        return None


def consultation_page(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id)
    extra: dict[str, Any] = {}
    # "Compute the last day" sends the publication form by GET: the page shows the day without saving.
    if "on" in request.GET:
        form = PublishForm(request.GET)
        if form.is_valid():
            extra["preview"] = consultation.consultation_last_day(
                form.cleaned_data["on"], form.cleaned_data["working_days"]
            )
        extra["publish_form"] = form
    return _page(request, round, **extra)


@require_POST
def consultation_publish(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id, "awards.run_consultation")
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _page(request, round, 400, publish_form=form)
    try:
        round = consultation.consultation_publish(
            round=round, on=form.cleaned_data["on"], working_days=form.cleaned_data["working_days"], actor=request.user
        )
    except DomainError as exc:
        return _page(request, round, 400, publish_form=form, errors=[exc])
    assert round.consultation_until is not None
    messages.success(
        request,
        _("The list is published; the consultation runs until %(day)s.")
        % {"day": f"{round.consultation_until:%d/%m/%Y}"},
    )
    return redirect("awards:consultation", round_id=round.pk)


@require_POST
def objection_answer(request: HttpRequest, round_id: int, objection_id: int) -> HttpResponse:
    round = _round(request, round_id, "awards.run_consultation")
    objection = get_object_or_404(PublicObjection, round=round, pk=objection_id)
    form = AnswerForm(request.POST, prefix=f"o{objection.pk}")
    if not form.is_valid():
        return _page(request, round, 400, answer_forms={objection.pk: form})
    try:
        consultation.objection_answer(
            objection=objection,
            status=form.cleaned_data["status"],
            answer=form.cleaned_data["answer"],
            actor=request.user,
        )
    except DomainError as exc:
        return _page(request, round, 400, answer_forms={objection.pk: form}, errors=[exc])
    messages.success(request, _("The answer is recorded."))
    return redirect("awards:consultation", round_id=round.pk)
