from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from thidua.http import AuthedRequest
from thidua.reports.dashboard import dashboard, dashboard_year
from thidua.units.models import Level
from thidua.units.selectors import unit_children, units_visible_to


def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    root = user.unit
    visible = units_visible_to(user)
    counts = {level.label: visible.filter(level=level).count() for level in Level}
    # The user's own unit's dashboard, for the last year it has records of.
    year = dashboard_year(root) if root else None
    return render(
        request,
        "thidua/home.html",
        {
            "root": root,
            "children": unit_children(root) if root else unit_children(None),
            "counts": counts,
            "board": dashboard(root, year) if root and year else None,
        },
    )


@login_not_required
def healthz(request: AuthedRequest) -> JsonResponse:
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
