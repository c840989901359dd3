from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import has_permission
from thidua.http import AuthedRequest
from thidua.tokens.forms import RevokeForm, ServiceAccountForm, TokenForm
from thidua.tokens.models import ServiceAccount
from thidua.tokens.selectors import service_accounts, tokens_visible_to
from thidua.tokens.services import service_account_create, token_create, token_revoke
from thidua.units.selectors import unit_by_code


def token_list(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = token_create(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"], actor=request.user
        )
        form = TokenForm()
    return render(
        request,
        "tokens/token_list.html",
        {
            "tokens": tokens_visible_to(request.user),
            "form": form,
            "secret": secret,
            "revoke_form": RevokeForm(),
            "may_manage_services": has_permission("tokens.manage_service_accounts", request.user)[0],
            "breadcrumbs": [(_("API tokens"), None)],
        },
    )


@require_POST
def token_revoke_view(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens_visible_to(request.user), pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        token_revoke(token=token, reason=form.cleaned_data["reason"], actor=request.user)
        messages.success(request, _("The token is revoked: it no longer opens anything."))
    else:
        messages.error(request, _("Say why the token is revoked."))
    return redirect("tokens:list")


def service_account_list(request: AuthedRequest) -> HttpResponse:
    if not has_permission("tokens.manage_service_accounts", request.user)[0]:
        raise Http404
    form = ServiceAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = unit_by_code(form.cleaned_data["unit_code"])
        if unit is None:
            form.add_error("unit_code", _("No unit has this code."))
        else:
            service_account_create(
                username=form.cleaned_data["username"],
                description=form.cleaned_data["description"],
                role=form.cleaned_data["role"],
                unit=unit,
                actor=request.user,
            )
            messages.success(request, _("The account is created; make its token below."))
            return redirect("tokens:service_accounts")
    return render(
        request,
        "tokens/service_accounts.html",
        {
            "accounts": service_accounts(),
            "form": form,
            "token_form": TokenForm(),
            "breadcrumbs": [(_("API tokens"), "/tokens/"), (_("Accounts of other systems"), None)],
        },
    )


def service_account_token(request: AuthedRequest, pk: int) -> HttpResponse:
    if not has_permission("tokens.manage_service_accounts", request.user)[0]:
        raise Http404
    account = get_object_or_404(ServiceAccount.objects.select_related("user"), pk=pk)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = token_create(
            user=account.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"], actor=request.user
        )
    return render(
        request,
        "tokens/service_account_token.html",
        {
            "account": account,
            "form": form,
            "secret": secret,
            "breadcrumbs": [
                (_("API tokens"), "/tokens/"),
                (_("Accounts of other systems"), "/tokens/service-accounts/"),
                (account.user.username, None),
            ],
        },
    )
