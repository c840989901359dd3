from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.permissions import authorize, has_permission, has_role
from thidua.campaigns.forms import ParameterValueForm
from thidua.campaigns.parameters import REGISTRY, parameter
from thidua.campaigns.permissions import provinces_of
from thidua.campaigns.rules import RegimeError, regime_for
from thidua.campaigns.selectors import (
    campaign_periods,
    parameter_history,
    parameters_effective,
    parameters_for,
    provinces,
    year_end,
)
from thidua.campaigns.services import parameter_set
from thidua.errors import DomainError, Refused
from thidua.http import AuthedRequest
from thidua.units.models import Level, Unit


class _DayForm(forms.Form):
    date = forms.DateField(required=False)


def _visible_province(request: AuthedRequest, province_id: int) -> Unit:
    # A province the user may not see does not exist for them: 404, never 403.
    province = get_object_or_404(Unit, pk=province_id, level=Level.PROVINCE)
    authorize(request.user, "campaigns.view_parameters", province)
    return province


def _requested_day(request: AuthedRequest) -> datetime.date:
    form = _DayForm(request.GET)
    day = form.cleaned_data.get("date") if form.is_valid() else None
    if day is None and request.GET.get("date"):
        messages.error(request, _("The date is not valid; today is shown."))
    day = day or datetime.date.today()
    try:
        regime_for(day)
    except RegimeError as error:
        messages.error(request, error.text())
        day = datetime.date.today()
    return day


def campaign_overview(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "campaigns/campaign_overview.html",
        {"periods": campaign_periods(), "breadcrumbs": [(_("The campaign"), None)]},
    )


def parameter_index(request: AuthedRequest) -> HttpResponse:
    if has_role(request.user, Role.ADMINISTRATOR):
        shown = list(provinces())
    else:
        shown = provinces_of(request.user)
        if not shown:
            raise Http404(_("Your unit belongs to no province."))
        if len(shown) == 1:
            return redirect("campaigns:parameter_list", province_id=shown[0].pk)
    return render(
        request,
        "campaigns/province_list.html",
        {"provinces": shown, "breadcrumbs": [(_("Parameters of the rules"), None)]},
    )


def parameter_list(request: AuthedRequest, province_id: int) -> HttpResponse:
    province = _visible_province(request, province_id)
    day = _requested_day(request)
    regime, effective = parameters_effective(province, day)
    return render(
        request,
        "campaigns/parameter_list.html",
        {
            "province": province,
            "day": day,
            "regime": regime,
            "effective": effective,
            "can_change": has_permission("campaigns.change_parameters", request.user, province)[0],
            "breadcrumbs": [
                (_("Parameters of the rules"), reverse("campaigns:parameters")),
                (province.full_name, None),
            ],
        },
    )


def parameter_edit(request: AuthedRequest, province_id: int, name: str) -> HttpResponse:
    province = _visible_province(request, province_id)
    if name not in REGISTRY:
        raise Http404(_("Unknown parameter."))
    # The form is shown only to those who may change the value; the service checks again on save.
    authorize(request.user, "campaigns.change_parameters", province)
    definition = parameter(name)
    day = _requested_day(request)
    if request.method == "POST":
        form = ParameterValueForm(request.POST, parameter=definition)
        if form.is_valid():
            data = form.cleaned_data
            try:
                parameter_set(
                    province=province,
                    name=name,
                    year_from=data["year_from"],
                    value=data["parsed"],
                    uses_default=data["uses_default"],
                    legal_basis=data["legal_basis"],
                    reason=data["reason"],
                    actor=request.user,
                )
            except Refused:
                raise
            except DomainError as error:
                form.add_error(None, error.text())
            else:
                messages.success(request, _("The new value is recorded; the earlier values stay in the history."))
                url = reverse("campaigns:parameter_list", args=[province.pk])
                return redirect(f"{url}?date={year_end(data['year_from']).isoformat()}")
    else:
        current = parameters_for(province, day)[name]
        form = ParameterValueForm(
            parameter=definition, initial={"year_from": day.year, "value": definition.as_text(current)}
        )
    list_url = reverse("campaigns:parameter_list", args=[province.pk])
    return render(
        request,
        "campaigns/parameter_edit.html",
        {
            "province": province,
            "parameter": definition,
            "defaults": definition.defaults_by_regime(),
            "form": form,
            "history": parameter_history(province, name),
            "breadcrumbs": [
                (_("Parameters of the rules"), reverse("campaigns:parameters")),
                (province.full_name, list_url),
                (str(definition.label), None),
            ],
        },
    )
