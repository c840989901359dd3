"""The account pages: the accounts one manages, a new account with its one-time code, an account's
roles with their history, deactivation. Parse, call the accounts' services, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.permissions import authorize
from thidua.accounts.services import code_issue, link_send, role_end, role_grant, user_create, user_deactivate
from thidua.errors import DomainError, Refused
from thidua.http import AuthedRequest
from thidua.useradmin.forms import AccountCreateForm, DeactivateForm, RoleEndForm, RoleGrantForm
from thidua.useradmin.selectors import accounts_managed_by, unit_suggestions


def _attempt(form: forms.Form, perform: Callable[[], Any]) -> Any:
    """Run ``perform``; a refused input becomes the form's error, a refusal of the actor its page."""
    try:
        return perform()
    except Refused:
        raise
    except DomainError as error:
        form.add_error(None, error.text())
    return None


def _code_page(request: AuthedRequest, account: User, code: str) -> HttpResponse:
    return render(request, "useradmin/account_code.html", {"account": account, "code": code})


def account_list(request: AuthedRequest) -> HttpResponse:
    authorize(request.user, "accounts.view_accounts")
    return render(request, "useradmin/account_list.html", {"accounts": accounts_managed_by(request.user)})


def account_create(request: AuthedRequest) -> HttpResponse:
    authorize(request.user, "accounts.view_accounts")
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def perform() -> tuple[User, str | None]:
            account = user_create(
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                role=data["role"],
                unit=data["unit"],
                starts=form.starts_day(),
                actor=request.user,
            )
            if data["handover"] == "link":
                link_send(user=account, base_url=request.build_absolute_uri("/"), actor=request.user)
                return account, None
            return account, code_issue(user=account, actor=request.user)

        result = _attempt(form, perform)
        if result is not None:
            account, code = result
            if code is not None:
                return _code_page(request, account, code)
            messages.success(request, _("Account created; the link was sent to %(email)s.") % {"email": account.email})
            return redirect("useradmin:detail", account.pk)
    context = {"form": form, "unit_codes": unit_suggestions(request.user)}
    return render(request, "useradmin/account_form.html", context)


def account_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    authorize(request.user, "accounts.manage_user", account)
    return _detail(request, account)


def _detail(
    request: AuthedRequest, account: User, *, grant: RoleGrantForm | None = None, other: forms.Form | None = None
) -> HttpResponse:
    assignments = list(account.role_assignments.select_related("unit", "granted_by", "ended_by").order_by("-starts"))
    context = {
        "account": account,
        "assignments": assignments,
        "grant_form": grant or RoleGrantForm(),
        "end_form": RoleEndForm(),
        "deactivate_form": DeactivateForm(),
        "other_form": other,
        "unit_codes": unit_suggestions(request.user),
    }
    return render(request, "useradmin/account_detail.html", context)


@require_POST
def account_role_grant(request: AuthedRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    authorize(request.user, "accounts.manage_user", account)
    form = RoleGrantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: role_grant(
                user=account,
                role=data["role"],
                unit=data["unit"],
                starts=data["starts"],
                ends=data["ends"],
                actor=request.user,
            ),
        )
        if done is not None:
            messages.success(request, _("The role was given."))
            return redirect("useradmin:detail", account.pk)
    return _detail(request, account, grant=form)


@require_POST
def account_role_end(request: AuthedRequest, pk: int, assignment_pk: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user", "unit"), pk=assignment_pk, user_id=pk)
    authorize(request.user, "accounts.manage_user", assignment.user)
    form = RoleEndForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: role_end(assignment=assignment, ends=data["ends"], reason=data["reason"], actor=request.user),
        )
        if done is not None:
            messages.success(request, _("The role was ended."))
            return redirect("useradmin:detail", pk)
    return _detail(request, assignment.user, other=form)


@require_POST
def account_deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    authorize(request.user, "accounts.manage_user", account)
    form = DeactivateForm(request.POST)
    if form.is_valid():
        done = _attempt(
            form, lambda: user_deactivate(user=account, reason=form.cleaned_data["reason"], actor=request.user)
        )
        if done is not None:
            messages.success(request, _("The account was deactivated."))
            return redirect("useradmin:detail", pk)
    return _detail(request, account, other=form)


@require_POST
def account_code(request: AuthedRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    authorize(request.user, "accounts.manage_user", account)
    form = forms.Form(request.POST)
    code = _attempt(form, lambda: code_issue(user=account, actor=request.user))
    if code is not None:
        return _code_page(request, account, code)
    return _detail(request, account, other=form)


@require_POST
def account_link(request: AuthedRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    authorize(request.user, "accounts.manage_user", account)
    form = forms.Form(request.POST)

    def send() -> bool:
        link_send(user=account, base_url=request.build_absolute_uri("/"), actor=request.user)
        return True

    sent = _attempt(form, send)
    if sent:
        messages.success(request, _("The link was sent to %(email)s.") % {"email": account.email})
        return redirect("useradmin:detail", pk)
    return _detail(request, account, other=form)
