"""Pages that change residential areas: each parses its form, checks ``units.manage_areas`` and calls
the area service; a refusal of the service is shown on the form in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from thidua.accounts.permissions import authorize
from thidua.errors import DomainError, Refused
from thidua.http import AuthedRequest
from thidua.units import services
from thidua.units.forms import (
    AreaCreateForm,
    AreaDissolveForm,
    AreaRenameForm,
    AreasMergeForm,
    AreaSplitForm,
    AreaTransferForm,
)
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_children, units_visible_to


def _managed(request: AuthedRequest, pk: int, level: int) -> Unit:
    # Outside the user's reach the unit does not exist for them (404); inside it, a refusal says why.
    unit = get_object_or_404(units_visible_to(request.user).filter(level=level), pk=pk)
    authorize(request.user, "units.manage_areas", unit)
    return unit


def _open_areas(commune: Unit | None) -> QuerySet[Unit]:
    return unit_children(commune).filter(level=Level.AREA, valid_to__isnull=True)


def _operate(
    request: AuthedRequest, unit: Unit, form: forms.Form, title: str, perform: Callable[[dict[str, Any]], Unit]
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(form.cleaned_data)
        except Refused:
            raise  # the refusal page (thidua.middleware.RefusedMiddleware), not a remark on the form
        except DomainError as error:
            form.add_error(None, error.text())
        else:
            messages.success(
                request,
                _("Recorded with effect from %(date)s.") % {"date": form.cleaned_data["date"].strftime("%d/%m/%Y")},
            )
            return redirect(result)
    breadcrumbs = [(_("Administrative units"), "/units/"), (unit.full_name, unit.get_absolute_url()), (title, None)]
    return render(
        request, "units/area_form.html", {"unit": unit, "form": form, "title": title, "breadcrumbs": breadcrumbs}
    )


def area_create(request: AuthedRequest, pk: int) -> HttpResponse:
    commune = _managed(request, pk, Level.COMMUNE)
    form = AreaCreateForm(request.POST or None, commune=commune)
    return _operate(
        request,
        commune,
        form,
        _("New residential area"),
        lambda d: services.area_create(
            commune=commune,
            name=d["name"],
            kind=d["kind"],
            code=d["code"],
            date=d["date"],
            legal_basis=d["legal_basis"],
            actor=request.user,
        ),
    )


def area_rename(request: AuthedRequest, pk: int) -> HttpResponse:
    area = _managed(request, pk, Level.AREA)
    form = AreaRenameForm(request.POST or None, initial={"name": area.name})

    def perform(d: dict[str, Any]) -> Unit:
        services.area_rename(
            area=area, name=d["name"], date=d["date"], legal_basis=d["legal_basis"], actor=request.user
        )
        return area

    return _operate(request, area, form, _("Rename the residential area"), perform)


def area_transfer(request: AuthedRequest, pk: int) -> HttpResponse:
    area = _managed(request, pk, Level.AREA)
    # The communes next to the area's own, under the same district (or, since 2025, province).
    neighbours = unit_children(area.parent.parent if area.parent else None).filter(level=Level.COMMUNE)
    communes = units_visible_to(request.user).filter(pk__in=neighbours)
    if area.parent_id is not None:
        communes = communes.exclude(pk=area.parent_id)
    form = AreaTransferForm(request.POST or None, communes=communes)

    def perform(d: dict[str, Any]) -> Unit:
        services.area_transfer(
            area=area, commune=d["commune"], date=d["date"], legal_basis=d["legal_basis"], actor=request.user
        )
        return area

    return _operate(request, area, form, _("Transfer the residential area to another commune"), perform)


def areas_merge(request: AuthedRequest, pk: int) -> HttpResponse:
    commune = _managed(request, pk, Level.COMMUNE)
    form = AreasMergeForm(request.POST or None, commune=commune, areas=_open_areas(commune))

    def perform(d: dict[str, Any]) -> Unit:
        into = d["into"] or services.new_area(commune, name=d["new_name"], kind=d["new_kind"], code=d["new_code"])
        return services.areas_merge(
            areas=list(d["areas"]), into=into, date=d["date"], legal_basis=d["legal_basis"], actor=request.user
        )

    return _operate(request, commune, form, _("Merge residential areas"), perform)


def area_split(request: AuthedRequest, pk: int) -> HttpResponse:
    area = _managed(request, pk, Level.AREA)
    commune = area.parent
    form = AreaSplitForm(request.POST or None, others=_open_areas(commune).exclude(pk=area.pk))

    def perform(d: dict[str, Any]) -> Unit:
        assert commune is not None and isinstance(form, AreaSplitForm)
        parts: list[Unit | services.NewUnit] = [
            services.new_area(commune, name=name, kind=area.kind) for name in form.names()
        ]
        parts += list(d["into"])
        services.area_split(area=area, into=parts, date=d["date"], legal_basis=d["legal_basis"], actor=request.user)
        return area

    return _operate(request, area, form, _("Split the residential area"), perform)


def area_dissolve(request: AuthedRequest, pk: int) -> HttpResponse:
    area = _managed(request, pk, Level.AREA)
    form = AreaDissolveForm(request.POST or None)

    def perform(d: dict[str, Any]) -> Unit:
        services.area_dissolve(area=area, date=d["date"], legal_basis=d["legal_basis"], actor=request.user)
        return area

    return _operate(request, area, form, _("Dissolve the residential area"), perform)
