from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.permissions import has_permission
from thidua.db import vi_order
from thidua.http import AuthedRequest
from thidua.units import exports
from thidua.units.forms import AsOfForm, TreeForm
from thidua.units.models import Level, Unit
from thidua.units.selectors import (
    unit_address_at,
    unit_ancestors,
    unit_current,
    unit_last_day,
    unit_name_at,
    unit_predecessors,
    unit_search,
    unit_successors,
    unit_timeline,
    unit_tree,
    unit_tree_as_of,
    unit_version_at,
    units_visible_to,
)

# The days the tree of Bắc Kạn changed, offered as one-click dates on the tree page.
QUICK_DATES = [
    ([datetime.date(2013, 12, 31)], gettext_lazy("end of the 2009–2013 period")),
    ([datetime.date(2015, 3, 10), datetime.date(2015, 3, 11)], gettext_lazy("thị xã Bắc Kạn becomes a city")),
    (
        [datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)],
        gettext_lazy("districts abolished, provinces and communes merged"),
    ),
]


def unit_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    units = units_visible_to(request.user)
    if query:
        units = unit_search(units, query)
    if request.GET.get("format") == "xlsx":
        ordered = units.select_related("parent").order_by("level", vi_order("name"))
        return exports.unit_list_xlsx(ordered, query, request.user.unit)
    page = Paginator(units.select_related("parent").order_by("level", vi_order("name")), 50).get_page(
        request.GET.get("page")
    )
    template = "units/includes/unit_table.html" if request.htmx else "units/unit_list.html"
    return render(
        request,
        template,
        {"page": page, "query": query, "breadcrumbs": [(_("Administrative units"), None)]},
    )


def unit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    # Outside the user's subtree the unit does not exist for them: 404, never 403.
    visible = units_visible_to(request.user)
    unit = get_object_or_404(visible, pk=pk)
    form = AsOfForm(request.GET)
    as_of = form.day(default=unit_last_day(unit))
    version = unit_version_at(unit, as_of)
    # On a day the unit did not exist, its place in the tree is the one of its last day.
    day = as_of if version else unit_last_day(unit)
    chain = unit_ancestors(unit, as_of=day)
    timeline = unit_timeline(unit)
    lineage = {
        "current": unit_current(unit),
        "predecessors": unit_predecessors(unit),
        "successors": unit_successors(unit),
    }
    children = unit_tree(as_of, root=unit, depth=1)
    mentioned = {u.pk for u in chain} | {u.pk for units in lineage.values() for u in units}
    mentioned |= {e.version.parent_id for e in timeline if e.version and e.version.parent_id}
    mentioned |= {u.unit.pk for e in timeline for u in [*e.predecessors, *e.successors]}
    # Units beyond the user's reach are named, never linked (their pages would be a 404).
    visible_ids = set(visible.filter(pk__in=mentioned).values_list("pk", flat=True))
    ancestors = [(unit_name_at(a, day), a.get_absolute_url() if a.pk in visible_ids else None) for a in chain]
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "form": form,
            "as_of": as_of,
            "version": version,
            "address": unit_address_at(unit, as_of) if version else "",
            "timeline": timeline,
            "children": children[0].children if children else [],
            "visible_ids": visible_ids,
            "can_manage": has_permission("units.manage_areas", request.user, unit)[0],
            "is_commune": unit.level == Level.COMMUNE,
            "is_area": unit.level == Level.AREA,
            "breadcrumbs": [(_("Administrative units"), "/units/"), *ancestors[:-1], (ancestors[-1][0], None)],
            **lineage,
        },
    )


def unit_tree_page(request: AuthedRequest) -> HttpResponse:
    visible = units_visible_to(request.user)
    form = TreeForm(request.GET)
    as_of = form.day(default=datetime.date.today())
    # A bad date is reported on the form; the root, if valid, still applies.
    root_id = form.cleaned_data.get("root")
    own = request.user.unit
    root: Unit | None = get_object_or_404(visible, pk=root_id) if root_id else own
    tree = unit_tree_as_of(visible, as_of, root, own_unit=root == own)
    if request.GET.get("format") == "xlsx":
        # The whole subtree, every level down, as the tree would show it opened.
        nodes = unit_tree(as_of, root=root, depth=4) if root is not None and not tree.missing else tree.nodes
        return exports.unit_tree_xlsx(nodes, as_of, root)
    return render(
        request,
        "units/unit_tree.html",
        {
            "tree": tree,
            "visible_ids": set(visible.filter(pk__in=[u.pk for u in tree.relatives]).values_list("pk", flat=True)),
            "as_of": as_of,
            "form": form,
            "quick_dates": QUICK_DATES,
            "breadcrumbs": [(_("Administrative units"), "/units/"), (_("Tree as of a date"), None)],
        },
    )


def unit_tree_children(request: AuthedRequest) -> HttpResponse:
    """The units right below one node of the tree on a date, for the tree page to open a level."""
    visible = units_visible_to(request.user)
    form = TreeForm(request.GET)
    as_of = form.day(default=datetime.date.today())
    parent = get_object_or_404(visible, pk=form.cleaned_data.get("root") or 0)
    nodes = unit_tree(as_of, root=parent, depth=1)
    return render(
        request,
        "units/includes/tree_nodes.html",
        {"nodes": nodes[0].children if nodes else [], "remaining": 0, "as_of": as_of, "empty_note": True},
    )
