"""The council's pages of a round: members, sessions with attendance, ballots per nominee, the
member's voting page, the tally and the minutes. Each view parses, calls one service of
``thidua.awards.council.services`` and renders; the services authorize (``awards.manage_council``,
``awards.vote``), and a round or session outside the user's reach is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import User
from thidua.accounts.permissions import has_permission
from thidua.awards.council import exports, services
from thidua.awards.council.documents import council_minutes_file
from thidua.awards.council.forms import BallotForm, CouncilForm, MemberForm, SessionForm, TallyForm, VoteForm
from thidua.awards.council.selectors import (
    accepted_nominations,
    eligible_voters,
    get_box_for_user,
    get_session_for_user,
    may_vote_on,
    members_on,
    paper_counted,
    seat_of,
)
from thidua.awards.models import BallotMethod, SittingStatus
from thidua.awards.pages import beside_the_form, download, round_nav
from thidua.awards.places import nominee_name
from thidua.awards.rounds.selectors import get_round_for_user
from thidua.errors import DomainError
from thidua.http import AuthedRequest

# --- the council of a round ------------------------------------------------------------------------


def council_page(request: AuthedRequest, round_id: int, status: int = 200, **extra: Any) -> HttpResponse:
    round = get_round_for_user(request.user, round_id, "awards.view_council")
    council = round.council
    members = list(council.members.select_related("user", "person", "area").order_by("id")) if council else []
    manager = has_permission("awards.manage_council", request.user, round)[0]
    seat = seat_of(request.user, round)
    sessions = list(round.sessions.order_by("-held_on", "-id"))
    title = _("The council: %(round)s") % {"round": round.name}
    context = {
        "round": round,
        "council": council,
        "members": members,
        "sessions": sessions,
        "open_session": next((s for s in sessions if s.status == SittingStatus.OPEN), None),
        "may_manage": manager,
        "seat": seat,
        "council_form": extra.pop("council_form", None)
        or CouncilForm(initial={"name": f"Hội đồng Thi đua – Khen thưởng {round.issuer.full_name}"}),
        "member_form": extra.pop("member_form", None) or MemberForm(),
        "session_form": extra.pop("session_form", None)
        or SessionForm(members=council.members.order_by("id") if council else None),
        "nominations": list(accepted_nominations(round)),
        "title": title,
        "breadcrumbs": [(round.name, reverse("awards:round", args=[round.pk])), (_("The council"), None)],
        "nav": round_nav(round, "awards:council", request.user),
        **extra,
    }
    return render(request, "awards/council_round.html", context, status=status)


@require_POST
def council_create(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id, "awards.view_council")
    form = CouncilForm(request.POST)
    if not form.is_valid():
        return council_page(request, round_id, status=400, council_form=form)
    try:
        services.council_create(unit=round.issuer, name=form.cleaned_data["name"], round=round, actor=request.user)
    except DomainError as exc:
        return council_page(request, round_id, status=400, errors=[beside_the_form(exc)], council_form=form)
    messages.success(request, _("The council is set up; add its members."))
    return redirect("awards:council", round_id=round.pk)


@require_POST
def member_add(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id, "awards.view_council")
    form = MemberForm(request.POST)
    if round.council is None or not form.is_valid():
        return council_page(request, round_id, status=400, member_form=form)
    data = form.cleaned_data
    user = None
    if data["username"]:
        user = User.objects.filter(username=data["username"], is_active=True).first()
        if user is None:
            form.add_error("username", _("There is no active account %(user)s.") % {"user": data["username"]})
            return council_page(request, round_id, status=400, member_form=form)
    try:
        services.council_member_add(
            council=round.council,
            full_name=data["full_name"],
            role=data["role"],
            position=data["position"],
            user=user,
            actor=request.user,
        )
    except DomainError as exc:
        return council_page(request, round_id, status=400, errors=[beside_the_form(exc)], member_form=form)
    messages.success(request, _("%(name)s is a member of the council.") % {"name": data["full_name"]})
    return redirect("awards:council", round_id=round.pk)


@require_POST
def session_open(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = get_round_for_user(request.user, round_id, "awards.view_council")
    members = round.council.members.order_by("id") if round.council else None
    form = SessionForm(request.POST, members=members)
    if not form.is_valid():
        return council_page(request, round_id, status=400, session_form=form)
    try:
        session = services.session_open(
            round=round,
            held_on=form.cleaned_data["held_on"],
            present=list(form.cleaned_data["present"]),
            place=form.cleaned_data["place"],
            actor=request.user,
        )
    except DomainError as exc:
        return council_page(request, round_id, status=400, errors=[beside_the_form(exc)], session_form=form)
    messages.success(request, _("The session is open."))
    return redirect("awards:council_session", session_id=session.pk)


# --- a session ---------------------------------------------------------------------------------------


def session_page(request: AuthedRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    round = session.round
    council = round.council
    assert council is not None
    members = list(members_on(council, session.held_on))
    present_ids = set(session.present.values_list("pk", flat=True))
    boxes = {b.nomination_id: b for b in session.ballots.all()}
    recusals: dict[int, list[Any]] = {}
    for r in session.recusals.select_related("member"):
        recusals.setdefault(r.nomination_id, []).append(r)
    rows = []
    for nomination in accepted_nominations(round):
        box = boxes.get(nomination.pk)
        rows.append(
            {
                "nomination": nomination,
                "name": nominee_name(nomination),
                "box": box,
                "recusals": recusals.get(nomination.pk, []),
                "voted": box.participations.count() if box else 0,
                # A paper ballot is counted by the tally committee: nobody "voted" on the page.
                "paper": box is not None and paper_counted(box),
                "may_vote": eligible_voters(box) if box else len(present_ids) - len(recusals.get(nomination.pk, [])),
                # A secret ballot's counts are shown once it is closed, never while members still vote.
                "counts_shown": box is not None
                and (box.status == SittingStatus.CLOSED or box.method == BallotMethod.HANDS),
                "tally_open": box is not None
                and box.status == SittingStatus.OPEN
                and box.method == BallotMethod.SECRET
                and not box.participations.exists(),
            }
        )
    if request.GET.get("format") == "xlsx":
        return exports.session_ballots_xlsx(session, rows)
    seat = seat_of(request.user, round)
    title = _("Session of the council of %(day)s") % {"day": session.held_on.strftime("%d/%m/%Y")}
    context = {
        "session": session,
        "round": round,
        "present": [m for m in members if m.pk in present_ids],
        "absent": [m for m in members if m.pk not in present_ids],
        "member_count": len(members),
        "rows": rows,
        "may_manage": has_permission("awards.manage_council", request.user, round)[0],
        "seat": seat if seat is not None and seat.pk in present_ids else None,
        "ballot_form": BallotForm(),
        "tally_form": TallyForm(),
        "title": title,
        "breadcrumbs": [
            (round.name, reverse("awards:round", args=[round.pk])),
            (_("The council"), reverse("awards:council", args=[round.pk])),
            (title, None),
        ],
    }
    return render(request, "awards/council_session.html", context)


def _to_session(session_id: int) -> HttpResponse:
    return redirect("awards:council_session", session_id=session_id)


@require_POST
def ballot_open(request: AuthedRequest, session_id: int, nomination_id: int) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    nomination = get_object_or_404(session.round.nominations, pk=nomination_id)
    form = BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the council votes."))
        return _to_session(session.pk)
    try:
        services.ballot_open(
            session=session, nomination=nomination, method=form.cleaned_data["method"], actor=request.user
        )
    except DomainError as exc:
        messages.error(request, beside_the_form(exc).text())
    return _to_session(session.pk)


@require_POST
def ballot_tally(request: AuthedRequest, box_id: int) -> HttpResponse:
    box = get_box_for_user(request.user, box_id)
    form = TallyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the three counts of the tally committee."))
        return _to_session(box.session_id)
    try:
        services.ballot_tally_record(box=box, actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, beside_the_form(exc).text())
    else:
        messages.success(request, _("The count is recorded."))
    return _to_session(box.session_id)


@require_POST
def ballot_close(request: AuthedRequest, box_id: int) -> HttpResponse:
    box = get_box_for_user(request.user, box_id)
    try:
        closed = services.ballot_close(box=box, actor=request.user)
    except DomainError as exc:
        messages.error(request, beside_the_form(exc).text())
    else:
        if closed.passed:
            messages.success(request, _("Passed: %(detail)s") % {"detail": closed.tally_detail})
        else:
            messages.warning(request, _("Not passed: %(detail)s") % {"detail": closed.tally_detail})
    return _to_session(box.session_id)


@require_POST
def session_close(request: AuthedRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    try:
        services.session_close(session=session, actor=request.user)
    except DomainError as exc:
        messages.error(request, beside_the_form(exc).text())
    else:
        messages.success(request, _("The session is closed; its minutes can be downloaded."))
    return _to_session(session.pk)


def minutes_download(request: AuthedRequest, session_id: int, fmt: str) -> HttpResponse:
    session = get_session_for_user(request.user, session_id)
    return download(council_minutes_file(session, fmt))


# --- a member votes ----------------------------------------------------------------------------------


def vote_page(request: AuthedRequest, session_id: int) -> HttpResponse:
    session = get_session_for_user(request.user, session_id, "awards.vote")
    seat = seat_of(request.user, session.round)
    if seat is None:
        # The system's own actor and an administrator pass the vote's check without a seat to vote in.
        return redirect("awards:council_session", session_id=session.pk)
    boxes = may_vote_on(session, seat)
    title = _("Your ballots at the session of %(day)s") % {"day": session.held_on.strftime("%d/%m/%Y")}
    context = {
        "session": session,
        "round": session.round,
        "seat": seat,
        "ballots": [(box, nominee_name(box.nomination), VoteForm(prefix=f"b{box.pk}")) for box in boxes],
        "present": session.present.filter(pk=seat.pk).exists(),
        "title": title,
        "breadcrumbs": [
            (session.round.name, reverse("awards:round", args=[session.round_id])),
            (_("The council"), reverse("awards:council", args=[session.round_id])),
            (title, None),
        ],
    }
    return render(request, "awards/council_vote.html", context)


@require_POST
def vote_cast(request: AuthedRequest, box_id: int) -> HttpResponse:
    box = get_box_for_user(request.user, box_id, "awards.vote")
    form = VoteForm(request.POST, prefix=f"b{box.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose for, against or abstain."))
        return redirect("awards:council_vote", session_id=box.session_id)
    try:
        services.vote_cast(box=box, choice=form.cleaned_data["choice"], actor=request.user)
    except DomainError as exc:
        messages.error(request, beside_the_form(exc).text())
    else:
        # The message does not repeat the choice: a secret ballot is not shown back on the screen.
        messages.success(
            request, _("Your vote on %(nominee)s is recorded.") % {"nominee": nominee_name(box.nomination)}
        )
    return redirect("awards:council_vote", session_id=box.session_id)
