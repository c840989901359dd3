"""/api/v1/units/…: the units a user sees, the tree as of a date, a unit's timeline, address, lineage
and change history, and the operations on residential areas, through the same selectors and
services as the pages.

A unit outside the user's reach is a 404; inside it, an operation the user may not run is a 403
with the reason (the services authorize); a refusal of the service is a 400 with its message in
the request's language (``thidua.api.errors``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from thidua.api.errors import responses
from thidua.api.schemas import AuditEntryOut, UnitOut
from thidua.audit.selectors import audit_entries_of
from thidua.db import vi_order
from thidua.errors import DomainError
from thidua.http import AuthedRequest
from thidua.units import services
from thidua.units.models import Level, Unit
from thidua.units.selectors import (
    TreeNode,
    unit_address_at,
    unit_last_day,
    unit_predecessors,
    unit_search,
    unit_successors,
    unit_timeline,
    unit_tree_as_of,
    unit_version_at,
    units_visible_to,
)

router = Router(tags=["units"])


class TreeNodeOut(Schema):
    id: int
    code: str
    name: str
    full_name: str
    kind: str
    level: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    children: list[TreeNodeOut] = []


class VersionOut(Schema):
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    name: str
    full_name: str
    kind: str
    level: int
    parent: UnitOut | None


class LinkedUnitOut(Schema):
    unit: UnitOut
    name: str  # its name then: a predecessor's on the eve of the event, a successor's on the day


class PredecessorOut(LinkedUnitOut):
    partial: bool


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    date: datetime.date
    legal_basis: str
    note: str
    source: str
    predecessors: list[PredecessorOut]
    successors: list[LinkedUnitOut]


class TimelineOut(Schema):
    unit: UnitOut
    versions: list[VersionOut]
    events: list[EventOut]


class AddressOut(Schema):
    unit_id: int
    as_of: datetime.date
    exists: bool
    name: str
    address: str


class LineageIn(Schema):
    date: datetime.date
    legal_basis: str = ""


class NewAreaIn(Schema):
    name: str
    kind: str = ""
    code: str = ""


class AreaCreateIn(LineageIn, NewAreaIn):
    pass


class AreaRenameIn(LineageIn):
    name: str


class AreaTransferIn(LineageIn):
    commune_id: int


class AreasMergeIn(LineageIn):
    area_ids: list[int]
    into_id: int | None = None
    new: NewAreaIn | None = None


class AreaSplitIn(LineageIn):
    new: list[NewAreaIn] = []
    into_ids: list[int] = []


def _node(node: TreeNode) -> dict[str, Any]:
    return {
        "id": node.unit.pk,
        "code": node.unit.code,
        "name": node.version.name,
        "full_name": node.full_name,
        "kind": node.version.kind,
        "level": node.version.level,
        "valid_from": node.unit.valid_from,
        "valid_to": node.unit.valid_to,
        "children": [_node(child) for child in node.children],
    }


def _visible(request: AuthedRequest, unit_id: int, level: int | None = None) -> Unit:
    units = units_visible_to(request.user)
    return get_object_or_404(units if level is None else units.filter(level=level), pk=unit_id)


@router.get("", response=list[UnitOut])
@paginate(PageNumberPagination, page_size=100)
def unit_list(request: AuthedRequest, q: Query[str] = "") -> QuerySet[Unit]:
    """The units the user sees, searched by any name they ever had or by code (``q``, diacritics ignored)."""
    units = units_visible_to(request.user)
    if q:
        units = unit_search(units, q)
    return units.order_by("level", vi_order("name"))


@router.get("/tree", response={200: list[TreeNodeOut], **responses(404)})
def unit_tree(
    request: AuthedRequest, as_of: datetime.date | None = None, root: int | None = None, depth: int = 2
) -> list[dict[str, Any]]:
    """The tree on ``as_of`` (default today) with the names of that day, from ``root`` (default the
    user's unit; the whole country for an administrator) down ``depth`` steps (1–4)."""
    visible = units_visible_to(request.user)
    own = request.user.unit
    top = get_object_or_404(visible, pk=root) if root else own
    tree = unit_tree_as_of(
        visible, as_of or datetime.date.today(), top, own_unit=top == own, depth=max(1, min(depth, 4))
    )
    return [_node(node) for node in tree.nodes]


# An integer converter, so that /units/tree is not taken for a unit id.
@router.get("/{int:unit_id}", response={200: UnitOut, **responses(404)})
def unit_detail(request: AuthedRequest, unit_id: int) -> Unit:
    return _visible(request, unit_id)


@router.get("/{unit_id}/history", response={200: list[AuditEntryOut], **responses(404)})
def unit_history(request: AuthedRequest, unit_id: int) -> list[dict[str, object]]:
    """The unit's change history, newest first (at most 200 entries)."""
    return [
        {
            "at": e.at,
            "actor": e.actor.username if e.actor else None,
            "action": e.action,
            "changes": e.changes,
            "reason": e.reason,
        }
        for e in audit_entries_of(_visible(request, unit_id))[:200]
    ]


@router.get("/{unit_id}/timeline", response={200: TimelineOut, **responses(404)})
def unit_timeline_api(request: AuthedRequest, unit_id: int) -> dict[str, Any]:
    """The unit's versions (name, kind and parent over each period) and the lineage events naming it."""
    unit = _visible(request, unit_id)
    entries = unit_timeline(unit)
    return {
        "unit": unit,
        "versions": [
            {
                "valid_from": e.version.valid_from,
                "valid_to": e.version.valid_to,
                "name": e.version.name,
                "full_name": e.version.full_name,
                "kind": e.version.kind,
                "level": e.version.level,
                "parent": e.version.parent,
            }
            for e in entries
            if e.version
        ],
        "events": [
            {
                "id": e.event.pk,
                "kind": e.event.kind,
                "kind_label": str(e.event.get_kind_display()),
                "date": e.event.date,
                "legal_basis": e.event.legal_basis,
                "note": e.event.note,
                "source": e.event.source,
                "predecessors": [{"unit": u.unit, "name": u.name, "partial": u.partial} for u in e.predecessors],
                "successors": [{"unit": u.unit, "name": u.name} for u in e.successors],
            }
            for e in entries
            if e.event
        ],
    }


@router.get("/{unit_id}/address", response={200: AddressOut, **responses(404)})
def unit_address(request: AuthedRequest, unit_id: int, as_of: datetime.date | None = None) -> dict[str, Any]:
    """The full address on ``as_of`` (default: today, or the unit's last day)."""
    unit = _visible(request, unit_id)
    day = as_of or unit_last_day(unit)
    version = unit_version_at(unit, day)
    return {
        "unit_id": unit.pk,
        "as_of": day,
        "exists": version is not None,
        "name": version.full_name if version else unit.full_name,
        "address": unit_address_at(unit, day) if version else "",
    }


@router.get("/{unit_id}/successors", response={200: list[UnitOut], **responses(404)})
def unit_successors_api(request: AuthedRequest, unit_id: int) -> list[Unit]:
    """What the unit became, transitively."""
    return unit_successors(_visible(request, unit_id))


@router.get("/{unit_id}/predecessors", response={200: list[UnitOut], **responses(404)})
def unit_predecessors_api(request: AuthedRequest, unit_id: int) -> list[Unit]:
    """What the unit came from, transitively."""
    return unit_predecessors(_visible(request, unit_id))


ERRORS = responses(400, 403, 404)


@router.post("/{commune_id}/areas", response={201: UnitOut, **ERRORS})
def area_create(request: AuthedRequest, commune_id: int, payload: AreaCreateIn) -> Status:
    """Establish a residential area under the commune."""
    area = services.area_create(
        commune=_visible(request, commune_id, Level.COMMUNE),
        name=payload.name,
        kind=payload.kind,
        code=payload.code,
        date=payload.date,
        legal_basis=payload.legal_basis,
        actor=request.user,
    )
    return Status(201, area)


@router.post("/{area_id}/rename", response={200: UnitOut, **ERRORS})
def area_rename(request: AuthedRequest, area_id: int, payload: AreaRenameIn) -> Unit:
    area = _visible(request, area_id, Level.AREA)
    services.area_rename(
        area=area, name=payload.name, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
    )
    area.refresh_from_db()
    return area


@router.post("/{area_id}/transfer", response={200: UnitOut, **ERRORS})
def area_transfer(request: AuthedRequest, area_id: int, payload: AreaTransferIn) -> Unit:
    """Move the area to another commune from the date."""
    area = _visible(request, area_id, Level.AREA)
    commune = _visible(request, payload.commune_id, Level.COMMUNE)
    services.area_transfer(
        area=area, commune=commune, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
    )
    area.refresh_from_db()
    return area


@router.post("/{commune_id}/areas/merge", response={201: UnitOut, **ERRORS})
def areas_merge(request: AuthedRequest, commune_id: int, payload: AreasMergeIn) -> Status:
    """Merge areas into an existing one (``into_id``, which goes on) or a new one (``new``)."""
    commune = _visible(request, commune_id, Level.COMMUNE)
    areas = [_visible(request, pk, Level.AREA) for pk in payload.area_ids]
    into: Unit | services.NewUnit
    if payload.into_id is not None:
        into = _visible(request, payload.into_id, Level.AREA)
    elif payload.new is not None:
        into = services.new_area(commune, name=payload.new.name, kind=payload.new.kind, code=payload.new.code)
    else:
        raise DomainError(_("Name the new area, or choose an existing area to merge into."))
    successor = services.areas_merge(
        areas=areas, into=into, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
    )
    return Status(201, successor)


@router.post("/{area_id}/split", response={201: list[UnitOut], **ERRORS})
def area_split(request: AuthedRequest, area_id: int, payload: AreaSplitIn) -> Status:
    """Split the area into new areas (``new``) and/or existing ones that take a part (``into_ids``)."""
    area = _visible(request, area_id, Level.AREA)
    commune = area.parent
    assert commune is not None  # an area always hangs under a commune
    parts: list[Unit | services.NewUnit] = [
        services.new_area(commune, name=new.name, kind=new.kind or area.kind, code=new.code) for new in payload.new
    ]
    parts += [_visible(request, pk, Level.AREA) for pk in payload.into_ids]
    result = services.area_split(
        area=area, into=parts, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
    )
    return Status(201, result)


@router.post("/{area_id}/dissolve", response={200: UnitOut, **ERRORS})
def area_dissolve(request: AuthedRequest, area_id: int, payload: LineageIn) -> Unit:
    area = _visible(request, area_id, Level.AREA)
    services.area_dissolve(area=area, date=payload.date, legal_basis=payload.legal_basis, actor=request.user)
    area.refresh_from_db()
    return area
