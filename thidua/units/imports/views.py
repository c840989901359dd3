"""Pages that import residential areas and their lineage from a file: download the template,
upload a file, see every error of the check (nothing written), then run the import as a
background job whose page shows its progress."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import authorize
from thidua.db import vi_order
from thidua.errors import DomainError, DomainErrors
from thidua.http import AuthedRequest
from thidua.jobs.services import job_start
from thidua.units.imports import areas_template, import_file_apply, import_file_store, lineage_template
from thidua.units.imports.forms import AreasUploadForm, ImportUploadForm
from thidua.units.models import ImportFile, ImportKind, Level, Unit
from thidua.units.selectors import units_visible_to

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Above this many communes (a province, an administrator) the page offers no list to choose from:
# the commune comes from the commune's own page, or from the file.
COMMUNE_LIST_LIMIT = 300


def _authorize(request: AuthedRequest, action: str, obj: Unit | None = None) -> None:
    """Before showing a page: the refusal is the 403 page with its reason, or a 404 outside the user's reach."""
    authorize(request.user, action, obj)


def _communes(request: AuthedRequest) -> QuerySet[Unit]:
    return units_visible_to(request.user).filter(level=Level.COMMUNE)


def _chosen_commune(request: AuthedRequest) -> Unit | None:
    """The commune of ``?commune=<id>``, else the user's own commune; outside their reach, a 404."""
    pk = request.GET.get("commune", "")
    if pk.isdigit():
        return get_object_or_404(_communes(request), pk=pk)
    unit = getattr(request.user, "unit", None)
    return unit if unit is not None and unit.level == Level.COMMUNE else None


def _commune_choices(request: AuthedRequest, chosen: Unit | None) -> QuerySet[Unit]:
    communes = _communes(request)
    if communes.count() > COMMUNE_LIST_LIMIT:
        communes = communes.filter(pk=chosen.pk) if chosen else communes.none()
    return communes.order_by(vi_order("name"), "valid_from")


def _check(request: AuthedRequest, stored: ImportFile) -> tuple[dict[str, int] | None, list[DomainError]]:
    """Run the import in a transaction that is rolled back: what it would do, or every error."""
    try:
        return import_file_apply(import_file=stored.pk, actor=request.user, dry_run=True), []
    except DomainErrors as exc:
        return None, exc.errors


def _page(request: AuthedRequest, kind: str, form: ImportUploadForm, commune: Unit | None) -> HttpResponse:
    context: dict[str, object] = {"form": form, "kind": kind, "commune": commune}
    if request.method == "POST" and form.is_valid():
        if isinstance(form, AreasUploadForm):
            commune = form.cleaned_data["commune"]
            _authorize(request, "units.import_areas", commune)
        upload = form.cleaned_data["file"]
        try:
            stored = import_file_store(
                kind=kind, file_name=upload.name, content=upload.read(), commune=commune, actor=request.user
            )
        except DomainErrors as exc:
            context["errors"] = exc.errors
        else:
            context["stored"] = stored
            context["summary"], context["errors"] = _check(request, stored)
    title = _("Import residential areas") if kind == ImportKind.AREAS else _("Import lineage events")
    context["title"] = title
    context["breadcrumbs"] = [(_("Administrative units"), "/units/"), (title, None)]
    return render(request, "units/imports/import_page.html", context)


def areas_import_page(request: AuthedRequest) -> HttpResponse:
    commune = _chosen_commune(request)
    _authorize(request, "units.import_areas", commune)
    communes = _commune_choices(request, commune)
    form = AreasUploadForm(request.POST or None, request.FILES or None, communes=communes, initial={"commune": commune})
    return _page(request, ImportKind.AREAS, form, commune)


def lineage_import_page(request: AuthedRequest) -> HttpResponse:
    _authorize(request, "units.import_lineage")
    return _page(request, ImportKind.LINEAGE, ImportUploadForm(request.POST or None, request.FILES or None), None)


def _xlsx(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def areas_template_download(request: AuthedRequest) -> HttpResponse:
    commune = _chosen_commune(request)
    _authorize(request, "units.import_areas", commune)
    suffix = f"-{commune.code}" if commune else ""
    return _xlsx(areas_template(commune=commune), f"khu-dan-cu{suffix}.xlsx")


def lineage_template_download(request: AuthedRequest) -> HttpResponse:
    _authorize(request, "units.import_lineage")
    return _xlsx(lineage_template(), "su-kien-khu-dan-cu.xlsx")


@require_POST
def import_run(request: AuthedRequest, pk: int) -> HttpResponse:
    stored = get_object_or_404(ImportFile, pk=pk, uploaded_by=request.user.pk)
    _authorize(request, f"units.import_{stored.kind}", stored.commune if stored.kind == ImportKind.AREAS else None)
    job = job_start(kind=f"units.import_{stored.kind}", actor=request.user, params={"import_file": stored.pk})
    return redirect("jobs:detail", pk=job.pk)
