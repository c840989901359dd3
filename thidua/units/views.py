from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from thidua.db import vi_order
from thidua.units.selectors import unit_ancestors, unit_children, unit_search, units_visible_to


def unit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    units = units_visible_to(request.user)  # type: ignore[arg-type]
    if query:
        units = unit_search(units, query)
    page = Paginator(units.select_related("parent").order_by("level", vi_order("name")), 50).get_page(
        request.GET.get("page")
    )
    template = "units/includes/unit_table.html" if request.htmx else "units/unit_list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {"page": page, "query": query, "breadcrumbs": [(_("Administrative units"), None)]},
    )


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Outside the user's subtree the unit does not exist for them: 404, never 403.
    unit = get_object_or_404(units_visible_to(request.user), pk=pk)  # type: ignore[arg-type]
    chain = unit_ancestors(unit)
    # Units above the user's own unit appear in the breadcrumbs as plain text, without a link.
    visible = set(units_visible_to(request.user).filter(pk__in=[a.pk for a in chain]).values_list("pk", flat=True))  # type: ignore[arg-type]
    ancestors = [(a.full_name, a.get_absolute_url() if a.pk in visible else None) for a in chain]
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "children": unit_children(unit),
            "breadcrumbs": [(_("Administrative units"), "/units/"), *ancestors[:-1], (unit.full_name, None)],
        },
    )
