"""The decision pages of a round: what the council passed within each quota, the issue form, the
decision itself (read-only, with its documents, its certificates and its revocation) and the
proposals upward. Each view parses, calls one service of ``thidua.awards.decisions.services`` and
renders; the services authorize (``awards.manage_round``), and what is outside the user's reach is a 404.
There is no edit view: an issued decision changes only by its revocation.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.permissions import has_permission
from thidua.awards.decisions import exports, services
from thidua.awards.decisions.documents import (
    award_decision_file,
    award_legal_bases_on,
    award_subject,
    proposal_file,
)
from thidua.awards.decisions.forms import IssueForm, OutcomeForm, ProposalForm, RevokeForm, lines
from thidua.awards.decisions.selectors import get_decision_for_user, get_proposal_for_user, passed_by_form
from thidua.awards.models import Award, AwardDecision, FormKind, Proposal, ProposalStatus, Round
from thidua.awards.pages import beside_the_form, download, round_nav
from thidua.awards.places import area_and_commune, period_day
from thidua.awards.rounds.selectors import get_round_for_user
from thidua.errors import DomainError
from thidua.http import AuthedRequest


def _may_manage(request: AuthedRequest, round: Round) -> bool:
    return has_permission("awards.manage_round", request.user, round)[0]


def _choices(round: Round, kind: str) -> list[tuple[str, str]]:
    return [(form.code, f"{form.name} ({form.get_subject_display()})") for form in round.forms.filter(kind=kind)]


def _today() -> datetime.date:
    return timezone.localdate()


def _default_day(round: Round) -> datetime.date:
    """The day a decision is most likely issued: after the council's last session (a round entered
    years later keeps its own dates, and so the bases in force then), or today."""
    session = round.sessions.order_by("-held_on").first()
    today = _today()
    if session is None or session.held_on.year < today.year - 1:
        return session.held_on if session is not None else today
    return today


def _issue_form(round: Round, data: Any = None) -> IssueForm:
    day = _default_day(round)
    initial = {
        "forms_given": [code for code, _label in _choices(round, FormKind.GIVE)],
        "issued_on": day,
        "subject": award_subject(round.period_start, round.period_end),
        "legal_bases": "\n".join(award_legal_bases_on(day, round.issuer, round.organ)),
    }
    return IssueForm(data, initial=initial, form_choices=_choices(round, FormKind.GIVE))


@require_GET
def decisions_page(request: AuthedRequest, round_id: int) -> HttpResponse:
    return _decisions_page(request, get_round_for_user(request.user, round_id))


def _decisions_page(request: AuthedRequest, round: Round, issue_form: IssueForm | None = None) -> HttpResponse:
    context = {
        "title": _("Decisions: %(round)s") % {"round": round.name},
        "round": round,
        "nav": round_nav(round, "awards:decisions", request.user),
        "decisions": round.decisions.order_by("-issued_on", "-number"),
        "passed": passed_by_form(round, _today()),
        "may_manage": _may_manage(request, round),
        "issue_form": issue_form or _issue_form(round),
        "gives": bool(_choices(round, FormKind.GIVE)),
    }
    return render(request, "awards/decision_round.html", context, status=400 if issue_form else 200)


@require_POST
def decision_issue(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id)
    form = _issue_form(round, request.POST)
    if not form.is_valid():
        return _decisions_page(request, round, form)
    data = form.cleaned_data
    try:
        decision = services.decision_issue(
            round=round,
            form_codes=data["forms_given"],
            issued_on=data["issued_on"],
            subject=data["subject"],
            legal_bases=lines(data["legal_bases"]),
            signer_prefix=data["signer_prefix"],
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
            recipients_note=data["recipients_note"],
            select=data["select"],
            actor=request.user,
        )
    except DomainError as exc:
        form.add_error(None, beside_the_form(exc).text())
        return _decisions_page(request, round, form)
    messages.success(request, _("Decision %(decision)s issued.") % {"decision": str(decision)})
    return redirect("awards:decision", pk=decision.pk)


@require_GET
def decision_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    decision = get_decision_for_user(request.user, pk)
    if request.GET.get("format") == "xlsx":
        return exports.decision_awards_xlsx(decision, _awards(decision))
    return _decision_page(request, decision)


def _awards(decision: AwardDecision) -> QuerySet[Award]:
    return decision.awards.select_related("form", "area", "person", "nomination__person_area").order_by(
        "form__rank", "id"
    )


def _decision_page(
    request: AuthedRequest, decision: AwardDecision, revoke_form: RevokeForm | None = None
) -> HttpResponse:
    context = {
        "title": _("Decision %(decision)s") % {"decision": str(decision)},
        "decision": decision,
        "round": decision.round,
        "nav": round_nav(decision.round, "awards:decisions", request.user),
        "awards": [
            (award, *area_and_commune(award.area or award.nomination.person_area, period_day(decision.round)))
            for award in _awards(decision)
        ],
        "may_manage": _may_manage(request, decision.round),
        "revoke_form": revoke_form or RevokeForm(),
    }
    return render(request, "awards/decision_detail.html", context, status=400 if revoke_form else 200)


@require_GET
def decision_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    return download(award_decision_file(get_decision_for_user(request.user, pk), fmt))


@require_POST
def decision_certificates(request: AuthedRequest, pk: int) -> HttpResponse:
    decision = get_decision_for_user(request.user, pk)
    try:
        job = services.award_certificates_start(decision=decision, actor=request.user)
    except DomainError as exc:
        messages.error(request, beside_the_form(exc).text())
        return redirect("awards:decision", pk=pk)
    messages.success(request, _("The job is queued; this page shows its progress."))
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def decision_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    decision = get_decision_for_user(request.user, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.decision_revoke(
                decision=decision, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"], actor=request.user
            )
        except DomainError as exc:
            form.add_error(None, beside_the_form(exc).text())
        else:
            messages.success(request, _("Decision %(decision)s revoked.") % {"decision": str(decision)})
            return redirect("awards:decision", pk=pk)
    return _decision_page(request, decision, form)


# Proposals -----------------------------------------------------------------------------------------


def _proposal_form(round: Round, data: Any = None) -> ProposalForm:
    return ProposalForm(data, initial={"sent_on": _today()}, form_choices=_choices(round, FormKind.PROPOSE))


@require_GET
def proposals_page(request: AuthedRequest, round_id: int) -> HttpResponse:
    return _proposals_page(request, get_round_for_user(request.user, round_id))


def _proposals_page(request: AuthedRequest, round: Round, proposal_form: ProposalForm | None = None) -> HttpResponse:
    context = {
        "title": _("Proposals to higher bodies: %(round)s") % {"round": round.name},
        "round": round,
        "nav": round_nav(round, "awards:decisions", request.user),
        "proposals": round.proposals.select_related("form").prefetch_related("nominations").order_by("-sent_on", "-id"),
        "may_manage": _may_manage(request, round),
        "proposal_form": proposal_form or _proposal_form(round),
        "proposes": bool(_choices(round, FormKind.PROPOSE)),
    }
    return render(request, "awards/decision_proposals.html", context, status=400 if proposal_form else 200)


@require_POST
def proposal_send(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id)
    form = _proposal_form(round, request.POST)
    if not form.is_valid():
        return _proposals_page(request, round, form)
    try:
        proposal = services.proposal_send(
            round=round,
            form_code=form.cleaned_data["form_code"],
            sent_on=form.cleaned_data["sent_on"],
            to_body=form.cleaned_data["to_body"],
            actor=request.user,
        )
    except DomainError as exc:
        form.add_error(None, beside_the_form(exc).text())
        return _proposals_page(request, round, form)
    messages.success(request, _("Proposal %(proposal)s sent.") % {"proposal": str(proposal)})
    return redirect("awards:proposal", pk=proposal.pk)


def _outcome_form(proposal: Proposal, data: Any = None) -> OutcomeForm:
    choices = [(str(n.pk), str(n.area or n.person)) for n in proposal.nominations.select_related("area", "person")]
    return OutcomeForm(data, nomination_choices=choices)


@require_GET
def proposal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _proposal_page(request, get_proposal_for_user(request.user, pk))


def _proposal_page(request: AuthedRequest, proposal: Proposal, outcome_form: OutcomeForm | None = None) -> HttpResponse:
    context = {
        "title": _("Proposal %(proposal)s") % {"proposal": str(proposal)},
        "proposal": proposal,
        "round": proposal.round,
        "nav": round_nav(proposal.round, "awards:decisions", request.user),
        "nominations": proposal.nominations.select_related("area", "person", "person_area"),
        "awards": proposal.awards.select_related("area", "person"),
        "may_manage": _may_manage(request, proposal.round) and proposal.status == ProposalStatus.SENT,
        "outcome_form": outcome_form or _outcome_form(proposal),
    }
    return render(request, "awards/decision_proposal.html", context, status=400 if outcome_form else 200)


@require_POST
def proposal_outcome(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk)
    form = _outcome_form(proposal, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_outcome_record(
                proposal=proposal,
                status=data["status"],
                higher_decision=data["higher_decision"],
                higher_decided_on=data["higher_decided_on"],
                nominations=[int(pk) for pk in data["nominations"]],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, beside_the_form(exc).text())
        else:
            messages.success(request, _("The outcome of %(proposal)s is recorded.") % {"proposal": str(proposal)})
            return redirect("awards:proposal", pk=pk)
    return _proposal_page(request, proposal, form)


@require_GET
def proposal_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    return download(proposal_file(get_proposal_for_user(request.user, pk), fmt))
