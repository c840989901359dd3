"""/api/v1/units/…: the tree as of a date, a unit's timeline, address and lineage, and the operations
on residential areas, through the same selectors, services and ``units.manage_areas`` as the pages.

A unit outside the user's reach is a 404; inside it, an operation the user may not run is a 403
with the reason; a refusal of the service is a 400 with its message in the request's language.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import partial
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from thidua.accounts.permissions import has_permission
from thidua.api.schemas import ErrorOut, UnitOut
from thidua.errors import DomainError
from thidua.units import services
from thidua.units.models import Level, Unit
from thidua.units.selectors import (
    TreeNode,
    unit_address_at,
    unit_last_day,
    unit_predecessors,
    unit_successors,
    unit_timeline,
    unit_tree_as_of,
    unit_version_at,
    units_visible_to,
)

router = Router(tags=["units: history and residential areas"])


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


@router.get("/tree", response={200: list[TreeNodeOut], 404: ErrorOut})
def unit_tree(
    request: HttpRequest, as_of: datetime.date | None = None, root: int | None = None, depth: int = 2
) -> list[dict[str, Any]]:
    """The tree on ``as_of`` (default today) with the names of that day, from ``root`` (default the
    user's unit; the whole country for an administrator) down ``depth`` steps (1–4)."""
    visible = units_visible_to(request.user)  # type: ignore[arg-type]
    own = request.user.unit  # type: ignore[union-attr]
    top = get_object_or_404(visible, pk=root) if root else own
    tree = unit_tree_as_of(
        visible, as_of or datetime.date.today(), top, own_unit=top == own, depth=max(1, min(depth, 4))
    )
    return [_node(node) for node in tree.nodes]


def _visible(request: HttpRequest, unit_id: int) -> Unit:
    return get_object_or_404(units_visible_to(request.user), pk=unit_id)  # type: ignore[arg-type]


@router.get("/{unit_id}/timeline", response={200: TimelineOut, 404: ErrorOut})
def unit_timeline_api(request: HttpRequest, unit_id: int) -> dict[str, Any]:
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


@router.get("/{unit_id}/address", response={200: AddressOut, 404: ErrorOut})
def unit_address(request: HttpRequest, unit_id: int, as_of: datetime.date | None = None) -> dict[str, Any]:
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


@router.get("/{unit_id}/successors", response={200: list[UnitOut], 404: ErrorOut})
def unit_successors_api(request: HttpRequest, unit_id: int) -> list[Unit]:
    """What the unit became, transitively."""
    return unit_successors(_visible(request, unit_id))


@router.get("/{unit_id}/predecessors", response={200: list[UnitOut], 404: ErrorOut})
def unit_predecessors_api(request: HttpRequest, unit_id: int) -> list[Unit]:
    """What the unit came from, transitively."""
    return unit_predecessors(_visible(request, unit_id))


_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _managed(request: HttpRequest, unit_id: int, level: int) -> Unit:
    unit = get_object_or_404(units_visible_to(request.user).filter(level=level), pk=unit_id)  # type: ignore[arg-type]
    allowed, reason = has_permission("units.manage_areas", request.user, unit)
    if not allowed:
        raise HttpError(403, reason)
    return unit


def _run[T](operation: Callable[[], T]) -> T:
    try:
        return operation()
    except DomainError as error:
        raise HttpError(400, error.text()) from None


@router.post("/{commune_id}/areas", response={201: UnitOut, **_ERRORS})
def area_create(request: HttpRequest, commune_id: int, payload: AreaCreateIn) -> Status:
    """Establish a residential area under the commune."""
    commune = _managed(request, commune_id, Level.COMMUNE)
    area = _run(
        lambda: services.area_create(
            commune=commune,
            name=payload.name,
            kind=payload.kind,
            code=payload.code,
            date=payload.date,
            legal_basis=payload.legal_basis,
            actor=request.user,
        )
    )
    return Status(201, area)


@router.post("/{area_id}/rename", response={200: UnitOut, **_ERRORS})
def area_rename(request: HttpRequest, area_id: int, payload: AreaRenameIn) -> Unit:
    area = _managed(request, area_id, Level.AREA)
    _run(
        lambda: services.area_rename(
            area=area, name=payload.name, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
        )
    )
    area.refresh_from_db()
    return area


@router.post("/{area_id}/transfer", response={200: UnitOut, **_ERRORS})
def area_transfer(request: HttpRequest, area_id: int, payload: AreaTransferIn) -> Unit:
    """Move the area to another commune from the date."""
    area = _managed(request, area_id, Level.AREA)
    commune = _managed(request, payload.commune_id, Level.COMMUNE)
    _run(
        lambda: services.area_transfer(
            area=area, commune=commune, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
        )
    )
    area.refresh_from_db()
    return area


@router.post("/{commune_id}/areas/merge", response={201: UnitOut, **_ERRORS})
def areas_merge(request: HttpRequest, commune_id: int, payload: AreasMergeIn) -> Status:
    """Merge areas into an existing one (``into_id``, which goes on) or a new one (``new``)."""
    commune = _managed(request, commune_id, Level.COMMUNE)
    areas = [_managed(request, pk, Level.AREA) for pk in payload.area_ids]
    if payload.into_id is not None:
        into: Unit | services.NewUnit = _managed(request, payload.into_id, Level.AREA)
    elif payload.new is not None:
        new = payload.new
        into = _run(partial(services.new_area, commune, name=new.name, kind=new.kind, code=new.code))
    else:
        raise HttpError(400, _("Name the new area, or choose an existing area to merge into."))
    successor = _run(
        lambda: services.areas_merge(
            areas=areas, into=into, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
        )
    )
    return Status(201, successor)


@router.post("/{area_id}/split", response={201: list[UnitOut], **_ERRORS})
def area_split(request: HttpRequest, area_id: int, payload: AreaSplitIn) -> Status:
    """Split the area into new areas (``new``) and/or existing ones that take a part (``into_ids``)."""
    area = _managed(request, area_id, Level.AREA)
    commune = area.parent
    assert commune is not None  # an area always hangs under a commune
    parts: list[Unit | services.NewUnit] = [
        _run(partial(services.new_area, commune, name=new.name, kind=new.kind or area.kind, code=new.code))
        for new in payload.new
    ]
    parts += [_managed(request, pk, Level.AREA) for pk in payload.into_ids]
    result = _run(
        lambda: services.area_split(
            area=area, into=parts, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
        )
    )
    return Status(201, result)


@router.post("/{area_id}/dissolve", response={200: UnitOut, **_ERRORS})
def area_dissolve(request: HttpRequest, area_id: int, payload: LineageIn) -> Unit:
    area = _managed(request, area_id, Level.AREA)
    _run(
        lambda: services.area_dissolve(
            area=area, date=payload.date, legal_basis=payload.legal_basis, actor=request.user
        )
    )
    area.refresh_from_db()
    return area
