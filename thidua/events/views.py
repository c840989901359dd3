"""The conference pages: the list, one conference (programme, invitations, attendance), the check-in desk."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import has_permission
from thidua.awards.models import Round
from thidua.documents.formats import FORMATS
from thidua.documents.pdf import render_pdf_many
from thidua.errors import DomainError, DomainErrors
from thidua.events import selectors, services
from thidua.events.documents import (
    attendance_workbook,
    conference_report,
    invitation_letter,
    personal_letters,
    presentation_document,
)
from thidua.events.forms import CheckinForm, ConferenceForm, GuestForm
from thidua.events.models import Conference
from thidua.http import AuthedRequest
from thidua.units.selectors import units_visible_to

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(exc: DomainError | DomainErrors) -> list[str]:
    return [e.text() for e in (exc.errors if isinstance(exc, DomainErrors) else [exc])]


def _conference(request: AuthedRequest, pk: int) -> Conference:
    conference = get_object_or_404(selectors.conferences_visible_to(request.user), pk=pk)
    allowed, reason = has_permission("events.manage_conference", request.user, conference.organizer)
    if not allowed:
        raise PermissionDenied(reason)
    return conference


def _rounds(request: AuthedRequest) -> list[tuple[int | str, str]]:
    rounds = Round.objects.filter(issuer__in=units_visible_to(request.user)).order_by("-period_end", "name")
    return [("", "—"), *((r.pk, r.name) for r in rounds)]


def conference_list(request: AuthedRequest) -> HttpResponse:
    organizer = request.user.unit
    may_create = organizer is not None and has_permission("events.manage_conference", request.user, organizer)[0]
    form = ConferenceForm(request.POST or None)
    cast(forms.ChoiceField, form.fields["round"]).choices = _rounds(request)
    if request.method == "POST":
        if not may_create or organizer is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            round_ = Round.objects.filter(pk=data["round"], issuer=organizer).first() if data["round"] else None
            starts = timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))
            try:
                conference = services.conference_create(
                    organizer=organizer,
                    name=data["name"],
                    starts_at=starts,
                    place=data["place"],
                    agenda=form.agenda_items(),
                    presiders=form.presider_items(),
                    round=round_,
                    actor=request.user,
                )
            except (DomainError, DomainErrors) as exc:
                for text in _errors(exc):
                    form.add_error(None, text)
            else:
                return redirect("events:conference", conference.pk)
    conferences = selectors.conferences_visible_to(request.user)
    return render(
        request,
        "events/conference_list.html",
        {"title": _("Honouring conferences"), "conferences": conferences, "form": form, "may_create": may_create},
        status=400 if form.errors else 200,
    )


def conference_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    context = {
        "title": conference.name,
        "conference": conference,
        "attendance": selectors.attendance(conference),
        "invitations": conference.invitations.order_by("kind", "full_name"),
        "guest_form": GuestForm(),
        "order": selectors.presentation_order(conference),
    }
    return render(request, "events/conference_detail.html", context)


def attendance_fragment(request: AuthedRequest, pk: int) -> HttpResponse:
    """The attendance counter, polled by the conference and check-in pages while the desk works."""
    conference = _conference(request, pk)
    return render(
        request,
        "events/includes/attendance.html",
        {"conference": conference, "attendance": selectors.attendance(conference)},
    )


@require_POST
def invite_awarded(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    try:
        result = services.invitations_from_awards(conference=conference, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.text())
    else:
        messages.success(
            request,
            _("%(n)s invitations added; %(total)s in all.") % {"n": result["invited"], "total": result["total"]},
        )
    return redirect("events:conference", conference.pk)


@require_POST
def invite_guest(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    form = GuestForm(request.POST)
    if form.is_valid():
        try:
            services.guest_invite(conference=conference, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.text())
    else:
        messages.error(request, _("A guest needs a name."))
    return redirect("events:conference", conference.pk)


def checkin_desk(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    form = CheckinForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.checkin(conference=conference, code=form.cleaned_data["code"], actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.text())
            status = 400
        else:
            messages.success(
                request,
                _("Welcome, %(name)s — %(unit)s.") % {"name": invitation.full_name, "unit": invitation.representing},
            )
            return redirect("events:checkin", conference.pk)
    q = request.GET.get("q", "").strip()
    found = selectors.invitation_search(conference, q)[:30] if q else []
    context = {
        "title": _("Check-in desk"),
        "conference": conference,
        "form": CheckinForm() if status == 200 else form,
        "q": q,
        "found": found,
        "attendance": selectors.attendance(conference),
    }
    return render(request, "events/checkin.html", context, status=status)


DOCUMENTS = {
    "invitations": ("giay-moi", invitation_letter),
    "order": ("thu-tu-trao-thuong", presentation_document),
    "report": ("bao-cao-ket-qua", conference_report),
}


def document_download(request: AuthedRequest, pk: int, name: str, fmt: str) -> HttpResponse:
    """The conference's documents as PDF or DOCX: the letter with its list, the order, the report."""
    conference = _conference(request, pk)
    if name not in DOCUMENTS or fmt not in FORMATS:
        raise Http404
    stem, build = DOCUMENTS[name]
    render_file, content_type = FORMATS[fmt]
    response = HttpResponse(render_file(build(conference)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}-hoi-nghi-{conference.pk}.{fmt}"'
    return response


def personal_letters_download(request: AuthedRequest, pk: int) -> HttpResponse:
    """One Giấy mời per invited person, in one PDF to print."""
    conference = _conference(request, pk)
    letters = personal_letters(conference)
    if not letters:
        messages.error(request, _("Nobody is invited yet."))
        return redirect("events:conference", conference.pk)
    response = HttpResponse(render_pdf_many(letters), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giay-moi-ca-nhan-hoi-nghi-{conference.pk}.pdf"'
    return response


def attendance_download(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    response = HttpResponse(attendance_workbook(conference), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="diem-danh-hoi-nghi-{conference.pk}.xlsx"'
    return response
