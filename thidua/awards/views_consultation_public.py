"""The public pages of the consultation, open without an account: the rounds under consultation, a
round's published list with its period and the objection form, and the thank-you page.

They show only what the published list is for — the form, the area or the person's name, the area
and the commune with the names of the period — never the evidence, the achievement report, the
justification or anything about exclusions. Objections are taken here only (not through the API):
the form carries the CSRF token, the honeypot and the signed timestamp that keep robots out.
The sender's address (``REMOTE_ADDR``; a reverse proxy must pass the client's address there) is
handed to the service, which keeps only its keyed hash.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from thidua.awards import consultation
from thidua.awards.forms_consultation import ObjectionForm
from thidua.awards.models import Nomination, Round, RoundStatus
from thidua.errors import DomainError


def _published(round_id: int) -> Round:
    round = get_object_or_404(Round.objects.select_related("issuer"), pk=round_id)
    if round.consultation_from is None or round.consultation_until is None:
        raise Http404
    return round


@login_not_required
def rounds_list(request: HttpRequest) -> HttpResponse:
    rounds = (
        Round.objects.filter(status=RoundStatus.CONSULTING, consultation_from__isnull=False)
        .select_related("issuer")
        .order_by("-consultation_from", "pk")
    )
    listed = [(round, consultation.issuer_name(round)) for round in rounds]
    return render(request, "awards/public_rounds.html", {"rounds": listed, "today": timezone.localdate()})


@login_not_required
@require_http_methods(["GET", "POST"])
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _published(round_id)
    today = timezone.localdate()
    rows = consultation.published_rows(round)
    labels = [(row.nomination_id, f"{row.name} — {row.form}") for row in rows]
    by_id = Nomination.objects.in_bulk([pk for pk, _label in labels])
    choices = [(by_id[pk], label) for pk, label in labels if pk in by_id]
    open_today = round.consultation_from <= today <= round.consultation_until  # type: ignore[operator]
    errors: list[object] = []
    status = 200
    if request.method == "POST":
        form = ObjectionForm(request.POST, round_id=round.pk, nominations=choices)
        if form.is_valid():
            picked = form.cleaned_data["nomination"]
            try:
                consultation.objection_submit(
                    round=round,
                    nomination=by_id.get(int(picked)) if picked else None,
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    source=request.META.get("REMOTE_ADDR", ""),
                    on=today,
                )
            except DomainError as exc:
                errors = [exc]
            else:
                return redirect("public:consultation_thanks", round_id=round.pk)
        status = 400
    else:
        form = ObjectionForm(round_id=round.pk, nominations=choices)
    context = {
        "round": round,
        "issuer": consultation.issuer_name(round),
        "rows": rows,
        "form": form,
        "errors": errors,
        "open_today": open_today,
        "today": today,
    }
    return render(request, "awards/public_round.html", context, status=status)


@login_not_required
def thanks(request: HttpRequest, round_id: int) -> HttpResponse:
    return render(request, "awards/public_thanks.html", {"round": _published(round_id)})
