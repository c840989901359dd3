"""The households import page: the template, the upload, the check with every error, and the import
as a background job."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import authorize
from thidua.db import vi_order
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.imports.forms import HouseholdsTemplateForm, HouseholdsUploadForm
from thidua.evaluations.imports.services import household_file_apply, household_file_store, household_import_start
from thidua.evaluations.imports.template import households_template
from thidua.http import AuthedRequest
from thidua.people.models import HouseholdImportFile
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Beyond this many communes (a province's officer) the page asks for one by its code, as the areas
# import page does, instead of listing them all.
COMMUNE_LIST_LIMIT = 300


def _communes(request: AuthedRequest) -> QuerySet[Unit]:
    return units_visible_to(request.user).filter(level=Level.COMMUNE)


def _chosen(request: AuthedRequest) -> tuple[Unit | None, int]:
    """``?commune=<id>&year=`` or the user's own commune and this year; a commune out of reach is a 404."""
    pk, year = request.GET.get("commune", ""), request.GET.get("year", "")
    if pk.isdigit():
        commune: Unit | None = get_object_or_404(_communes(request), pk=pk)
    else:
        unit = getattr(request.user, "unit", None)
        commune = unit if unit is not None and unit.level == Level.COMMUNE else None
    return commune, int(year) if year.isdigit() else datetime.date.today().year


def _commune_choices(request: AuthedRequest, chosen: Unit | None) -> QuerySet[Unit]:
    communes = _communes(request)
    if communes.count() > COMMUNE_LIST_LIMIT:
        communes = communes.filter(pk=chosen.pk) if chosen else communes.none()
    return communes.order_by(vi_order("name"), "valid_from")


def _check(request: AuthedRequest, stored: HouseholdImportFile) -> tuple[dict[str, int] | None, list[DomainError]]:
    """Every check of the import, writing nothing: what it would do, or every error."""
    try:
        return household_file_apply(import_file=stored.pk, actor=request.user, dry_run=True), []
    except DomainErrors as exc:
        return None, exc.errors


def households_import_page(request: AuthedRequest) -> HttpResponse:
    commune, year = _chosen(request)
    authorize(request.user, "people.import_households", commune)
    communes = _commune_choices(request, commune)
    initial = {"commune": commune, "year": year}
    form = HouseholdsUploadForm(request.POST or None, request.FILES or None, communes=communes, initial=initial)
    context: dict[str, object] = {
        "form": form,
        "template_form": HouseholdsTemplateForm(communes=communes, initial=initial, auto_id="template_%s"),
        "title": _("Import households and registrations"),
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored = household_file_store(
                file_name=upload.name,
                content=upload.read(),
                commune=form.cleaned_data["commune"],
                year=form.cleaned_data["year"],
                actor=request.user,
            )
        except DomainErrors as exc:
            context["errors"] = exc.errors
        else:
            context["stored"] = stored
            context["summary"], context["errors"] = _check(request, stored)
    context["breadcrumbs"] = [(context["title"], None)]
    return render(request, "evaluations/households_import.html", context)


def households_template_download(request: AuthedRequest) -> HttpResponse:
    commune, year = _chosen(request)
    authorize(request.user, "people.import_households", commune)
    name = "-".join(["ho-gia-dinh", *([commune.code] if commune else []), str(year)])
    response = HttpResponse(households_template(commune=commune, year=year), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_POST
def households_import_run(request: AuthedRequest, pk: int) -> HttpResponse:
    stored = get_object_or_404(HouseholdImportFile, pk=pk, uploaded_by=request.user.pk)
    job = household_import_start(stored=stored, actor=request.user)
    return redirect("jobs:detail", pk=job.pk)
