"""Writes on the administrative tree: creating units and recording their lineage.

Every function is keyword-only, authorizes its actor first (``units.add_unit`` for a new unit under
its parent, ``units.change_unit`` for each unit whose lineage changes, ``units.manage_areas`` for the
residential-area operations), runs in one transaction and writes its audit entry. A unit's history
is its versions; each change closes the version in force on the eve of the date and opens a new one
from the date, so that a record of 2012 keeps the names of 2012.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.errors import DomainError
from thidua.lib.text import fold
from thidua.units.models import (
    KIND_LEVEL,
    KIND_PREFIX,
    Level,
    LineageEvent,
    LineageKind,
    LineageLink,
    Unit,
    UnitKind,
    UnitVersion,
)
from thidua.units.rules import Period, area_code, day_before, default_area_kind, first_cycle

AREA_KINDS = {k for k in UnitKind if k not in KIND_LEVEL}


def level_of(kind: str) -> int:
    return KIND_LEVEL.get(kind, Level.AREA)


@dataclass(frozen=True)
class NewUnit:
    """A unit to create as the successor of a merge or a split."""

    code: str
    name: str
    kind: str
    parent: Unit | None = None


def _period(obj: Unit | UnitVersion) -> Period:
    return Period(obj.valid_from, obj.valid_to)


def version_at(unit: Unit, day: datetime.date) -> UnitVersion | None:
    for version in unit.versions.all():
        if version.is_valid_on(day):
            return version
    return None


def unit_sync(unit: Unit) -> None:
    """Copy the latest version onto the unit and refresh its search text (every name it ever had)."""
    versions = list(unit.versions.all())
    if not versions:
        return
    latest = versions[-1]
    unit.name, unit.kind, unit.level, unit.parent_id = latest.name, latest.kind, latest.level, latest.parent_id
    names = dict.fromkeys(f"{KIND_PREFIX[v.kind]} {v.name}" for v in versions)
    unit.search_text = fold(" ".join([*names, unit.code]))[:300]
    unit.save(update_fields=["name", "kind", "level", "parent", "search_text"])


def check_parent(*, kind: str, parent: Unit | None, period: Period, code: str = "") -> None:
    """A unit hangs under a valid parent of a higher level for its whole period."""
    if parent is None:
        if level_of(kind) != Level.PROVINCE:
            raise DomainError(_("A unit of this kind needs a parent unit."), code=code)
        return
    if parent.level >= level_of(kind):
        raise DomainError(
            _("%(parent)s cannot contain %(kind)s: the parent must be of a higher level."),
            parent=parent.full_name,
            kind=KIND_PREFIX[kind],
        )
    if not _period(parent).covers(period):
        raise DomainError(
            _("The parent unit %(parent)s is valid %(parent_period)s, which does not cover %(period)s."),
            parent=parent.full_name,
            parent_period=str(_period(parent)),
            period=str(period),
        )


def check_code_free(*, code: str, period: Period, exclude: Unit | None = None) -> None:
    """Two units may share a code only if their periods do not overlap (a successor reusing it)."""
    others = Unit.objects.filter(code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    for other in others:
        if _period(other).overlaps(period):
            raise DomainError(
                _("The code %(code)s is already used by %(unit)s in %(period)s."),
                code=code,
                unit=other.full_name,
                period=str(_period(other)),
            )


def _event(
    *, kind: str, date: datetime.date, legal_basis: str, source: str, note: str = "", key: str | None = None
) -> LineageEvent:
    return LineageEvent.objects.create(kind=kind, date=date, legal_basis=legal_basis, source=source, note=note, key=key)


def _audit_event(actor: Actor, event: LineageEvent, units: Iterable[Unit], reason: str) -> None:
    for unit in units:
        audit_record(
            actor=actor,
            action=f"units.{event.kind}",
            obj=unit,
            after={"event": event.pk, "date": event.date.isoformat(), "legal_basis": event.legal_basis},
            reason=reason or event.legal_basis,
        )


def _continuation(parent: Unit) -> Unit | None:
    """The single unit that wholly took over ``parent`` the day after it ended, if there is one."""
    if parent.valid_to is None:
        return None
    links = list(
        LineageLink.objects.filter(
            predecessor=parent, event__date=parent.valid_to + datetime.timedelta(days=1), successor__isnull=False
        )
        .exclude(successor=parent)
        .select_related("successor")
    )
    if len(links) == 1 and not links[0].partial:
        return links[0].successor
    return None


def _parent_chain(
    kind: str, parent: Unit | None, start: datetime.date | None, code: str, end: datetime.date | None = None
) -> list[tuple[Unit | None, Period]]:
    """The parents a new unit hangs under from ``start`` to ``end``: a residential area whose commune
    was merged goes on under the commune's successor (tổ 8A of the old phường Đức Xuân continues in
    the new one from 1/7/2025)."""
    chain: list[tuple[Unit | None, Period]] = []
    current, begin = parent, start
    while True:
        if (
            current is None
            or current.valid_to is None
            or level_of(kind) != Level.AREA
            or (end is not None and end <= current.valid_to)
        ):
            period = Period(begin, end)
            check_parent(kind=kind, parent=current, period=period, code=code)
            chain.append((current, period))
            return chain
        ends = current.valid_to
        period = Period(begin, ends)
        check_parent(kind=kind, parent=current, period=period, code=code)
        chain.append((current, period))
        successor = _continuation(current)
        if successor is None:
            raise DomainError(
                _(
                    "The parent unit %(parent)s ends on %(date)s and no single unit succeeded it: "
                    "record its successor first, or give the area an end date."
                ),
                parent=current.full_name,
                date=ends.strftime("%d/%m/%Y"),
            )
        current, begin = successor, ends + datetime.timedelta(days=1)


def _create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None = None,
) -> Unit:
    chain = _parent_chain(kind, parent, valid_from, code, valid_to)
    check_code_free(code=code, period=Period(valid_from, valid_to))
    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        level=level_of(kind),
        parent=chain[-1][0],
        valid_from=valid_from,
        valid_to=valid_to,
    )
    unit.save()
    UnitVersion.objects.bulk_create(
        UnitVersion(
            unit=unit,
            valid_from=period.start,
            valid_to=period.end,
            name=name,
            kind=kind,
            level=unit.level,
            parent=owner,
        )
        for owner, period in chain
    )
    unit_sync(unit)
    return unit


def unit_establish(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    date: datetime.date | None,
    legal_basis: str = "",
    source: str = "ui",
    actor: Actor,
    reason: str = "",
    valid_to: datetime.date | None = None,
    key: str | None = None,
) -> Unit:
    """Create a unit from ``date`` (None: since before the records) and record its establishment.

    ``valid_to`` is the last day of a unit known to have ended, when how it ended is not recorded
    (a residential area of an old list): no event is written for its end.
    """
    authorize(actor, "units.add_unit", parent)
    with transaction.atomic():
        unit = _create(code=code, name=name, kind=kind, parent=parent, valid_from=date, valid_to=valid_to)
        if date is not None:
            event = _event(kind=LineageKind.ESTABLISH, date=date, legal_basis=legal_basis, source=source, key=key)
            LineageLink.objects.create(event=event, successor=unit)
            _audit_event(actor, event, [unit], reason)
        else:
            audit_record(
                actor=actor, action="units.create", obj=unit, after={"code": code, "name": name}, reason=reason
            )
    return unit


def _split_version(unit: Unit, date: datetime.date, **changes: Any) -> UnitVersion:
    """Close the version in force on ``date`` the day before and open one from ``date`` with ``changes``."""
    current = version_at(unit, date)
    if current is None:
        raise DomainError(
            _("%(unit)s does not exist on %(date)s."), unit=unit.full_name, date=date.strftime("%d/%m/%Y")
        )
    if current.valid_from == date:
        for field, value in changes.items():
            setattr(current, field, value)
        current.save()
        return current
    new = UnitVersion(
        unit=unit,
        valid_from=date,
        valid_to=current.valid_to,
        name=current.name,
        kind=current.kind,
        level=current.level,
        parent_id=current.parent_id,
    )
    for field, value in changes.items():
        setattr(new, field, value)
    current.valid_to = day_before(date)
    current.save(update_fields=["valid_to"])
    new.save()
    return new


def unit_change(
    *,
    unit: Unit,
    date: datetime.date,
    name: str | None = None,
    kind: str | None = None,
    parent: Unit | None = None,
    legal_basis: str = "",
    source: str = "ui",
    actor: Actor,
    reason: str = "",
    key: str | None = None,
) -> LineageEvent:
    """Rename, reclassify or transfer ``unit`` from ``date``; the unit goes on with a new version.

    The event's kind is the most significant change: a transfer, else a reclassification, else a
    renaming (xã Xuất Hóa becoming phường Xuất Hóa is one reclassification).
    """
    authorize(actor, "units.change_unit", unit)
    if parent is not None:
        authorize(actor, "units.add_unit", parent)
    with transaction.atomic():
        current = version_at(unit, date)
        if current is None:
            raise DomainError(
                _("%(unit)s does not exist on %(date)s."), unit=unit.full_name, date=date.strftime("%d/%m/%Y")
            )
        changes: dict[str, Any] = {}
        if name is not None and name != current.name:
            changes["name"] = name
        if kind is not None and kind != current.kind:
            if level_of(kind) != current.level:
                raise DomainError(
                    _("A reclassification keeps the level: %(old)s cannot become %(new)s."),
                    old=KIND_PREFIX[current.kind],
                    new=KIND_PREFIX[kind],
                )
            changes["kind"] = kind
        if parent is not None and parent.pk != current.parent_id:
            check_parent(
                kind=kind or current.kind, parent=parent, period=Period(date, current.valid_to), code=unit.code
            )
            changes["parent_id"] = parent.pk
        if not changes:
            raise DomainError(_("Nothing changes: give a new name, kind or parent unit."))
        if "parent_id" in changes:
            event_kind = LineageKind.TRANSFER
        elif "kind" in changes:
            event_kind = LineageKind.RECLASSIFY
        else:
            event_kind = LineageKind.RENAME
        before = {k: getattr(current, k) for k in changes}
        opened = _split_version(unit, date, **changes)
        _carry_forward(unit, opened, changes)
        if "parent_id" in changes and first_cycle(unit.pk, _parent_on(date)):
            raise DomainError(_("%(unit)s cannot be placed under its own descendant."), unit=unit.full_name)
        unit_sync(unit)
        event = _event(kind=event_kind, date=date, legal_basis=legal_basis, source=source, key=key)
        LineageLink.objects.create(event=event, predecessor=unit, successor=unit)
        audit_record(
            actor=actor,
            action=f"units.{event_kind}",
            obj=unit,
            before={"date": None, **before},
            after={"date": date.isoformat(), **changes},
            reason=reason or legal_basis,
        )
    return event


def _following(unit: Unit, day: datetime.date) -> list[UnitVersion]:
    """The versions of ``unit`` after ``day`` up to its next own change (rename, reclassification,
    transfer): they only follow its parent into the parent's successors (the areas of a commune
    merged on 1/7/2025), so a change made before them carries into them."""
    own = set(LineageLink.objects.filter(predecessor=unit, successor=unit).values_list("event__date", flat=True))
    following = []
    for version in unit.versions.filter(valid_from__gt=day).order_by("valid_from"):
        if version.valid_from in own:
            break
        following.append(version)
    return following


def _carry_forward(unit: Unit, opened: UnitVersion, changes: dict[str, Any]) -> None:
    """Carry a change from ``opened`` into the versions that follow it: a new name or kind as it is;
    a new parent by following the new parent's successors instead of the old one's."""
    following = _following(unit, opened.valid_from or datetime.date.min)
    if not following:
        return
    if "parent_id" not in changes:
        for version in following:
            for field, value in changes.items():
                setattr(version, field, value)
            version.save()
        return
    end = following[-1].valid_to
    UnitVersion.objects.filter(pk__in=[v.pk for v in following]).delete()
    chain = _parent_chain(opened.kind, opened.parent, opened.valid_from, unit.code, end)
    opened.valid_to = chain[0][1].end
    opened.save(update_fields=["valid_to"])
    UnitVersion.objects.bulk_create(
        UnitVersion(
            unit=unit,
            valid_from=period.start,
            valid_to=period.end,
            name=opened.name,
            kind=opened.kind,
            level=opened.level,
            parent=owner,
        )
        for owner, period in chain[1:]
    )


def _parent_on(date: datetime.date) -> Any:
    def parent_of(unit_id: int) -> int | None:
        for version in UnitVersion.objects.filter(unit_id=unit_id):
            if version.is_valid_on(date):
                return version.parent_id
        return None

    return parent_of


def _end(unit: Unit, date: datetime.date) -> None:
    """End ``unit`` on the eve of ``date``: its validity and its last version."""
    last_day = day_before(date)
    if unit.valid_to is not None and unit.valid_to < last_day:
        raise DomainError(
            _("%(unit)s already ended on %(date)s."), unit=unit.full_name, date=unit.valid_to.strftime("%d/%m/%Y")
        )
    if unit.valid_from is not None and unit.valid_from > last_day:
        raise DomainError(
            _("%(unit)s only begins on %(date)s."), unit=unit.full_name, date=unit.valid_from.strftime("%d/%m/%Y")
        )
    following = _following(unit, last_day)
    if unit.versions.filter(valid_from__gt=last_day).count() > len(following):
        raise DomainError(_("%(unit)s has later changes; record them after this one."), unit=unit.full_name)
    # A unit that ends no longer follows its parent into the parent's successor.
    UnitVersion.objects.filter(pk__in=[v.pk for v in following]).delete()
    unit.versions.filter(valid_to__isnull=True).update(valid_to=last_day)
    unit.versions.filter(valid_to__gt=last_day).update(valid_to=last_day)
    unit.valid_to = last_day
    unit.save(update_fields=["valid_to"])


def _open_children(unit: Unit, date: datetime.date) -> list[Unit]:
    """Units that hang under ``unit`` on ``date`` or later."""
    ids = (
        UnitVersion.objects.filter(parent=unit).exclude(valid_to__lt=date).values_list("unit_id", flat=True).distinct()
    )
    return list(Unit.objects.filter(pk__in=ids))


def _resolve(successor: Unit | NewUnit, date: datetime.date, parent: Unit | None) -> Unit:
    if isinstance(successor, Unit):
        return successor
    return _create(
        code=successor.code,
        name=successor.name,
        kind=successor.kind,
        parent=successor.parent or parent,
        valid_from=date,
    )


def units_merge(
    *,
    predecessors: Sequence[Unit],
    successor: Unit | NewUnit,
    date: datetime.date,
    legal_basis: str = "",
    partial: Iterable[Unit] = (),
    source: str = "ui",
    actor: Actor,
    reason: str = "",
    key: str | None = None,
    end_predecessors: bool = True,
    move_children: bool = True,
) -> LineageEvent:
    """Merge ``predecessors`` into ``successor`` from ``date``.

    The successor is a new unit, an existing one, or one of the predecessors that absorbs the
    others (it goes on). The other predecessors end on the eve of ``date``, and the units that
    still hang under them move to the successor.
    """
    for predecessor in predecessors:
        authorize(actor, "units.change_unit", predecessor)
    if isinstance(successor, Unit):
        authorize(actor, "units.change_unit", successor)
    else:
        authorize(actor, "units.add_unit", successor.parent or (predecessors[0].parent if predecessors else None))
    if not predecessors:
        raise DomainError(_("A merge needs at least one predecessor."))
    with transaction.atomic():
        common_parent = predecessors[0].parent
        partial_ids = {u.pk for u in partial}
        if isinstance(successor, NewUnit) and end_predecessors:
            # A new successor may take over a predecessor's code (the phường Đức Xuân of 2025 keeps
            # 01840): the predecessors end first, so that the code is free from the date on.
            for predecessor in predecessors:
                if predecessor.pk not in partial_ids:
                    _end(predecessor, date)
        target = _resolve(successor, date, common_parent)
        if not _period(target).contains_day(date):
            raise DomainError(
                _("The successor %(unit)s does not exist on %(date)s."),
                unit=target.full_name,
                date=date.strftime("%d/%m/%Y"),
            )
        event = _event(
            kind=LineageKind.MERGE if len(predecessors) > 1 else LineageKind.ESTABLISH,
            date=date,
            legal_basis=legal_basis,
            source=source,
            key=key,
        )
        for predecessor in predecessors:
            LineageLink.objects.create(
                event=event, predecessor=predecessor, successor=target, partial=predecessor.pk in partial_ids
            )
            if predecessor.pk == target.pk or predecessor.pk in partial_ids:
                continue
            if move_children:
                for child in _open_children(predecessor, date):
                    _split_version(child, date, parent_id=target.pk)
                    unit_sync(child)
            if end_predecessors:
                _end(predecessor, date)
        _audit_event(actor, event, [*predecessors, target] if target not in predecessors else predecessors, reason)
    return event


def unit_split(
    *,
    predecessor: Unit,
    successors: Sequence[Unit | NewUnit],
    date: datetime.date,
    legal_basis: str = "",
    source: str = "ui",
    actor: Actor,
    reason: str = "",
    key: str | None = None,
) -> LineageEvent:
    """Split ``predecessor`` into ``successors`` from ``date``; it ends unless it is one of them."""
    authorize(actor, "units.change_unit", predecessor)
    for successor in successors:
        if isinstance(successor, Unit):
            authorize(actor, "units.change_unit", successor)
        else:
            authorize(actor, "units.add_unit", successor.parent or predecessor.parent)
    if len(successors) < 2:
        raise DomainError(_("A split needs at least two successors."))
    with transaction.atomic():
        # The predecessor ends before its parts are created, so that one of them may keep its code.
        goes_on = any(isinstance(s, Unit) and s.pk == predecessor.pk for s in successors)
        if not goes_on:
            if _open_children(predecessor, date):
                raise DomainError(
                    _("%(unit)s still has units under it; transfer them to the new units first."),
                    unit=predecessor.full_name,
                )
            _end(predecessor, date)
        targets = [_resolve(s, date, predecessor.parent) for s in successors]
        event = _event(kind=LineageKind.SPLIT, date=date, legal_basis=legal_basis, source=source, key=key)
        for target in targets:
            LineageLink.objects.create(event=event, predecessor=predecessor, successor=target, partial=True)
        _audit_event(actor, event, [predecessor, *targets], reason)
    return event


def unit_dissolve(
    *,
    unit: Unit,
    date: datetime.date,
    legal_basis: str = "",
    source: str = "ui",
    actor: Actor,
    reason: str = "",
    key: str | None = None,
    end: bool = True,
) -> LineageEvent:
    """Dissolve ``unit`` from ``date`` (it ends on the eve)."""
    authorize(actor, "units.change_unit", unit)
    with transaction.atomic():
        if end:
            if _open_children(unit, date):
                raise DomainError(_("%(unit)s still has units under it; transfer them first."), unit=unit.full_name)
            _end(unit, date)
        event = _event(kind=LineageKind.DISSOLVE, date=date, legal_basis=legal_basis, source=source, key=key)
        LineageLink.objects.create(event=event, predecessor=unit)
        _audit_event(actor, event, [unit], reason)
    return event


# Residential areas (khu dân cư): the operations a commune runs on its thôn and tổ dân phố, over the
# lineage services above, with what only an area may be: of an area kind, under a commune.


def _check_commune(unit: Unit) -> None:
    if unit.level != Level.COMMUNE:
        raise DomainError(
            _("%(unit)s is not a commune: residential areas belong to a xã, phường or thị trấn."),
            unit=unit.full_name,
        )


def _check_area(unit: Unit) -> None:
    if unit.level != Level.AREA:
        raise DomainError(_("%(unit)s is not a residential area."), unit=unit.full_name)


def _authorize_areas(actor: Actor, parts: Iterable[Unit | NewUnit]) -> None:
    """``units.manage_areas`` on each existing area, and on the commune of each new one."""
    for part in parts:
        target = part if isinstance(part, Unit) else part.parent
        if target is None:
            raise ValueError("A new residential area is made by new_area(), under its commune.")
        authorize(actor, "units.manage_areas", target)


def new_area(commune: Unit, *, name: str, kind: str = "", code: str = "") -> NewUnit:
    """A residential area to create under ``commune`` as the successor of a merge or a split."""
    _check_commune(commune)
    name = name.strip()
    if not name:
        raise DomainError(_("Give the residential area a name."))
    kind = kind or default_area_kind(commune.kind)
    if kind not in AREA_KINDS:
        raise DomainError(_("%(kind)s is not a kind of residential area."), kind=KIND_PREFIX.get(kind, kind))
    return NewUnit(code=code.strip() or area_code(commune.code, name), name=name, kind=kind, parent=commune)


def area_create(
    *,
    commune: Unit,
    name: str,
    kind: str = "",
    code: str = "",
    date: datetime.date,
    legal_basis: str = "",
    actor: Actor,
) -> Unit:
    """Establish a residential area under ``commune`` from ``date``; the code defaults to the
    commune's code and the name ("01840-08A")."""
    authorize(actor, "units.manage_areas", commune)
    new = new_area(commune, name=name, kind=kind, code=code)
    return unit_establish(
        code=new.code, name=new.name, kind=new.kind, parent=commune, date=date, legal_basis=legal_basis, actor=actor
    )


def area_rename(*, area: Unit, name: str, date: datetime.date, legal_basis: str = "", actor: Actor) -> LineageEvent:
    authorize(actor, "units.manage_areas", area)
    _check_area(area)
    return unit_change(unit=area, date=date, name=name.strip(), legal_basis=legal_basis, actor=actor)


def area_transfer(
    *, area: Unit, commune: Unit, date: datetime.date, legal_basis: str = "", actor: Actor
) -> LineageEvent:
    authorize(actor, "units.manage_areas", area)
    authorize(actor, "units.manage_areas", commune)
    _check_area(area)
    _check_commune(commune)
    return unit_change(unit=area, date=date, parent=commune, legal_basis=legal_basis, actor=actor)


def areas_merge(
    *,
    areas: Sequence[Unit],
    into: Unit | NewUnit,
    date: datetime.date,
    legal_basis: str = "",
    actor: Actor,
) -> Unit:
    """Merge ``areas`` into a new area or an existing one (which absorbs them and goes on); returns
    the area they became."""
    _authorize_areas(actor, [*areas, into])
    predecessors = list(dict.fromkeys(areas))
    for area in predecessors:
        _check_area(area)
    if isinstance(into, Unit):
        _check_area(into)
        if into not in predecessors:
            predecessors.append(into)
    if len(predecessors) < 2:
        raise DomainError(_("A merge needs at least two residential areas."))
    event = units_merge(predecessors=predecessors, successor=into, date=date, legal_basis=legal_basis, actor=actor)
    link = event.links.select_related("successor").exclude(successor=None).first()
    assert link is not None and link.successor is not None
    return link.successor


def area_split(
    *,
    area: Unit,
    into: Sequence[Unit | NewUnit],
    date: datetime.date,
    legal_basis: str = "",
    actor: Actor,
) -> list[Unit]:
    """Split ``area`` into new areas and/or existing ones that take a part of it; returns the parts."""
    _authorize_areas(actor, [area, *into])
    _check_area(area)
    for part in into:
        if isinstance(part, Unit):
            _check_area(part)
    event = unit_split(predecessor=area, successors=into, date=date, legal_basis=legal_basis, actor=actor)
    return [link.successor for link in event.links.select_related("successor").order_by("pk") if link.successor]


def area_dissolve(*, area: Unit, date: datetime.date, legal_basis: str = "", actor: Actor) -> LineageEvent:
    authorize(actor, "units.manage_areas", area)
    _check_area(area)
    return unit_dissolve(unit=area, date=date, legal_basis=legal_basis, actor=actor)
