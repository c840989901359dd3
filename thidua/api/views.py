"""/api/v1/: one endpoint per operation, through the same selectors, services and permissions as the pages.

Authentication is the Django session (with its CSRF check on writes). An object outside the
user's subtree is a 404, as on the pages.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Status
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import django_auth

from thidua.accounts.permissions import has_permission
from thidua.api.errors import register_error_handlers
from thidua.api.history import router as units_history_router
from thidua.api.schemas import AuditEntryOut, ErrorOut, JobOut, MeOut, UnitOut
from thidua.audit.models import AuditEntry
from thidua.awards.api import router as awards_router
from thidua.campaigns.api import router as campaigns_router
from thidua.db import vi_order
from thidua.evaluations.api import router as evaluations_router
from thidua.events.api import router as events_router
from thidua.jobs.models import Job
from thidua.jobs.selectors import jobs_visible_to
from thidua.jobs.services import job_start
from thidua.reports.api import router as reports_router
from thidua.units.models import Unit
from thidua.units.selectors import unit_search, units_visible_to

api = NinjaAPI(title="thidua API", version="1", urls_namespace="api", auth=django_auth)
register_error_handlers(api)
# The tree as of a date, timelines, lineage and the residential-area operations.
api.add_router("/units", units_history_router)
api.add_router("/", campaigns_router)
api.add_router("/evaluations", evaluations_router)
api.add_router("/awards", awards_router)
api.add_router("/events", events_router)
api.add_router("/reports", reports_router)


@api.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "username": user.username,
        "full_name": user.get_full_name(),  # type: ignore[union-attr]
        "role": user.role,  # type: ignore[union-attr]
        "role_label": str(user.get_role_display()),  # type: ignore[union-attr]
        "unit": user.unit,  # type: ignore[union-attr]
    }


@api.get("/units", response=list[UnitOut])
@paginate(PageNumberPagination, page_size=100)
def unit_list(request: HttpRequest, q: Query[str] = "") -> object:
    units = units_visible_to(request.user)  # type: ignore[arg-type]
    if q:
        units = unit_search(units, q)
    return units.order_by("level", vi_order("name"))


# An integer converter, so that /units/tree (history.py) is not taken for a unit id.
@api.get("/units/{int:unit_id}", response={200: UnitOut, 404: ErrorOut})
def unit_detail(request: HttpRequest, unit_id: int) -> Unit:
    return get_object_or_404(units_visible_to(request.user), pk=unit_id)  # type: ignore[arg-type]


@api.get("/units/{unit_id}/history", response={200: list[AuditEntryOut], 404: ErrorOut})
def unit_history(request: HttpRequest, unit_id: int) -> list[dict[str, object]]:
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)  # type: ignore[arg-type]
    return [
        {
            "at": e.at,
            "actor": e.actor.username if e.actor else None,
            "action": e.action,
            "changes": e.changes,
            "reason": e.reason,
        }
        for e in AuditEntry.objects.for_object(unit).select_related("actor")[:200]
    ]


@api.post("/jobs/import-official", response={202: JobOut, 404: ErrorOut})
def job_import_official(request: HttpRequest) -> Status:
    allowed, reason = has_permission("jobs.start_import", request.user)
    if not allowed:
        raise Http404(reason)
    return Status(202, job_start(kind="units.import_official", actor=request.user))


@api.get("/jobs/{job_id}", response={200: JobOut, 404: ErrorOut})
def job_detail(request: HttpRequest, job_id: uuid.UUID) -> Job:
    return get_object_or_404(jobs_visible_to(request.user), pk=job_id)
