"""The checks of a lineage file that need no writing: each event's shape (what its kind needs in
its rows), its references (codes of units that exist, or that the file creates, at the right
level) and what happens on one day (no unit ends twice, no chain of changes comes back on itself)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.units.imports.tables import E_UNKNOWN_COMMUNE, Record, Sheet, unit_with_period
from thidua.units.models import Level, LineageKind, Unit

ONE_ROW_KINDS = {
    LineageKind.ESTABLISH,
    LineageKind.RENAME,
    LineageKind.RECLASSIFY,
    LineageKind.TRANSFER,
    LineageKind.DISSOLVE,
}
KEEPS_THE_UNIT = {LineageKind.RENAME, LineageKind.RECLASSIFY, LineageKind.TRANSFER}
CHANGED_COLUMN: dict[str, str] = {
    LineageKind.RENAME: "new_name",
    LineageKind.RECLASSIFY: "new_kind",
    LineageKind.TRANSFER: "parent",
}


E_ONE_ROW = _("A %(kind)s event has one row; event %(event)s has %(count)s.")
E_REQUIRED_FOR = _("This value is required for a %(kind)s event.")
E_EMPTY_FOR = _("Leave this cell empty for a %(kind)s event.")
E_SAME_CODE = _("A %(kind)s keeps the unit's code: leave this cell empty or repeat the predecessor's code.")
E_ONE_SUCCESSOR = _("All the rows of a merge name the same successor; row %(row)s names %(code)s.")
E_ONE_PREDECESSOR = _("All the rows of a split name the same predecessor; row %(row)s names %(code)s.")
E_REPEATED = _("%(code)s is already on row %(row)s of this event.")
E_MERGE_TOO_SMALL = _("A merge joins at least two units: add a row for each unit merged.")
E_SPLIT_TOO_SMALL = _("A split has at least two successors, one row each.")
E_NAME_AND_KIND = _("A new unit needs both a new name and a new kind: give both, or neither for an existing unit.")
E_ABSORBING_RENAMED = _(
    "The successor is one of the merged units and keeps its name: leave the new name and kind empty, "
    "and rename it in an event of its own."
)
E_UNKNOWN_AREA = _("No residential area has the code %(code)s.")
E_NOT_AN_AREA = _(
    "%(unit)s is not a residential area: only the lineage of residential areas is imported from files; "
    "communes and provinces change through the national lists."
)
E_NO_SUCCESSOR = _(
    "The successor %(code)s does not exist: give its new name and new kind to create it, or the code "
    "of an existing residential area."
)
E_CYCLE = _("Event %(event)s closes a cycle on %(date)s: %(path)s.")
E_ENDED_TWICE = _("%(code)s also ends by event %(other)s on the same date.")


@dataclass
class LinkRow:
    record: Record
    kind: str | None
    date: datetime.date | None
    legal_basis: str | None
    predecessor: str | None
    successor: str | None
    new_name: str | None
    new_kind: str | None
    parent: str | None

    @property
    def describes_new_unit(self) -> bool:
        return bool(self.new_name and self.new_kind)


@dataclass
class Event:
    number: str
    order: int
    rows: list[LinkRow]
    kind: str = ""
    date: datetime.date = datetime.date.min
    legal_basis: str = ""
    bad: bool = False
    key: str = ""

    @property
    def first(self) -> Record:
        return self.rows[0].record

    @property
    def codes(self) -> set[str]:
        return {code for row in self.rows for code in (row.predecessor, row.successor) if code}

    @property
    def description(self) -> LinkRow | None:
        return next((row for row in self.rows if row.describes_new_unit), None)

    def fail(self, sheet: Sheet, record: Record, key: str, message: Any, **params: Any) -> None:
        sheet.fail(record, key, message, **params)
        self.bad = True


def check_shape(sheet: Sheet, event: Event) -> None:
    """What each kind of event needs in its rows."""
    label = LineageKind(event.kind).label

    def need(row: LinkRow, key: str) -> None:
        if not getattr(row, key):
            event.fail(sheet, row.record, key, E_REQUIRED_FOR, kind=label)

    def forbid(row: LinkRow, *keys: str) -> None:
        for key in keys:
            if getattr(row, key):
                event.fail(sheet, row.record, key, E_EMPTY_FOR, kind=label)

    if event.kind in ONE_ROW_KINDS and len(event.rows) > 1:
        event.fail(
            sheet, event.rows[1].record, "event", E_ONE_ROW, kind=label, event=event.number, count=len(event.rows)
        )
        return
    first = event.rows[0]
    if event.kind == LineageKind.ESTABLISH:
        for key in ("successor", "new_name", "new_kind", "parent"):
            need(first, key)
        forbid(first, "predecessor")
    elif event.kind == LineageKind.DISSOLVE:
        need(first, "predecessor")
        forbid(first, "successor", "new_name", "new_kind", "parent")
    elif event.kind in KEEPS_THE_UNIT:
        need(first, "predecessor")
        need(first, CHANGED_COLUMN[event.kind])
        if first.successor and first.successor != first.predecessor:
            event.fail(sheet, first.record, "successor", E_SAME_CODE, kind=label)
    elif event.kind == LineageKind.MERGE:
        _check_merge_shape(sheet, event, need)
    elif event.kind == LineageKind.SPLIT:
        _check_split_shape(sheet, event, need)


def _check_new_unit(sheet: Sheet, event: Event, row: LinkRow) -> None:
    if bool(row.new_name) != bool(row.new_kind):
        event.fail(sheet, row.record, "new_kind" if row.new_name else "new_name", E_NAME_AND_KIND)


def _check_merge_shape(sheet: Sheet, event: Event, need: Callable[[LinkRow, str], None]) -> None:
    seen: dict[str, int] = {}
    for row in event.rows:
        need(row, "predecessor")
        need(row, "successor")
        _check_new_unit(sheet, event, row)
        if row.predecessor in seen:
            event.fail(sheet, row.record, "predecessor", E_REPEATED, code=row.predecessor, row=seen[row.predecessor])
        elif row.predecessor:
            seen[row.predecessor] = row.record.number
    first = event.rows[0]
    for row in event.rows[1:]:
        if row.successor and first.successor and row.successor != first.successor:
            event.fail(sheet, row.record, "successor", E_ONE_SUCCESSOR, row=first.record.number, code=first.successor)
    if event.bad:
        return
    description = event.description
    if first.successor in seen and description is not None:
        event.fail(sheet, description.record, "new_name", E_ABSORBING_RENAMED)
    elif len({*seen, first.successor}) < 2:
        event.fail(sheet, first.record, "predecessor", E_MERGE_TOO_SMALL)


def _check_split_shape(sheet: Sheet, event: Event, need: Callable[[LinkRow, str], None]) -> None:
    seen: dict[str, int] = {}
    first = event.rows[0]
    for row in event.rows:
        need(row, "predecessor")
        need(row, "successor")
        _check_new_unit(sheet, event, row)
        if row.predecessor and first.predecessor and row.predecessor != first.predecessor:
            event.fail(
                sheet, row.record, "predecessor", E_ONE_PREDECESSOR, row=first.record.number, code=first.predecessor
            )
        if row.successor in seen:
            event.fail(sheet, row.record, "successor", E_REPEATED, code=row.successor, row=seen[row.successor])
        elif row.successor:
            seen[row.successor] = row.record.number
    if not event.bad and len(event.rows) < 2:
        event.fail(sheet, first.record, "successor", E_SPLIT_TOO_SMALL)


def _created_codes(events: list[Event]) -> dict[str, datetime.date]:
    """The codes the file's own events create, with the first date each is created on."""
    created: dict[str, datetime.date] = {}
    for event in events:
        if event.kind in (LineageKind.ESTABLISH, LineageKind.MERGE, LineageKind.SPLIT):
            for row in event.rows:
                if row.successor and (event.kind == LineageKind.ESTABLISH or row.describes_new_unit):
                    created[row.successor] = min(created.get(row.successor, event.date), event.date)
    return created


def check_references(sheet: Sheet, events: list[Event], scope: QuerySet[Unit]) -> None:
    """Every code names a unit that exists (in the database or created by the file) of the right level."""
    good = [e for e in events if not e.bad]
    codes = {code for e in good for code in e.codes}
    parents = {row.parent for e in good for row in e.rows if row.parent}
    by_code: dict[str, list[Unit]] = defaultdict(list)
    for unit in scope.filter(code__in=codes | parents):
        by_code[unit.code].append(unit)
    created = _created_codes(good)

    def known_area(code: str, day: datetime.date) -> bool:
        return any(u.level == Level.AREA for u in by_code[code]) or created.get(code, datetime.date.max) <= day

    def check_area(event: Event, row: LinkRow, key: str, code: str, *, successor: bool = False) -> None:
        if known_area(code, event.date):
            return
        others = by_code[code]
        if others:
            event.fail(sheet, row.record, key, E_NOT_AN_AREA, unit=unit_with_period(others[0]))
        else:
            event.fail(sheet, row.record, key, E_NO_SUCCESSOR if successor else E_UNKNOWN_AREA, code=code)

    for event in good:
        predecessors = {row.predecessor for row in event.rows}
        for row in event.rows:
            if row.predecessor:
                check_area(event, row, "predecessor", row.predecessor)
            # A merge's successor is described on one of its rows, a split's on its own row.
            described = row.describes_new_unit or (event.kind == LineageKind.MERGE and event.description is not None)
            if (
                row.successor
                and event.kind in (LineageKind.MERGE, LineageKind.SPLIT)
                and not described
                and row.successor not in predecessors
            ):
                check_area(event, row, "successor", row.successor, successor=True)
            if row.parent and not any(u.level == Level.COMMUNE for u in by_code[row.parent]):
                event.fail(sheet, row.record, "parent", E_UNKNOWN_COMMUNE, code=row.parent)


def _edges(event: Event) -> list[tuple[str, str, LinkRow, str]]:
    """Where the event sends units on its date: (from, to, row, column)."""
    if event.kind == LineageKind.TRANSFER:
        row = event.rows[0]
        return [(row.predecessor, row.parent, row, "parent")] if row.predecessor and row.parent else []
    if event.kind in (LineageKind.MERGE, LineageKind.SPLIT):
        return [
            (row.predecessor, row.successor, row, "successor")
            for row in event.rows
            if row.predecessor and row.successor and row.predecessor != row.successor
        ]
    return []


def _ending(event: Event) -> list[tuple[str, LinkRow]]:
    """The units the event ends (on the eve of its date)."""
    if event.kind == LineageKind.DISSOLVE:
        return [(event.rows[0].predecessor or "", event.rows[0])]
    if event.kind == LineageKind.MERGE:
        target = event.rows[0].successor
        return [(row.predecessor or "", row) for row in event.rows if row.predecessor != target]
    if event.kind == LineageKind.SPLIT and event.rows[0].predecessor not in {row.successor for row in event.rows}:
        return [(event.rows[0].predecessor or "", event.rows[0])]
    return []


def check_same_day(sheet: Sheet, events: list[Event]) -> None:
    """On one date no unit ends twice, and no chain of merges, splits and transfers comes back to its start."""
    by_date: dict[datetime.date, list[Event]] = defaultdict(list)
    for event in events:
        if not event.bad:
            by_date[event.date].append(event)
    for day, today in by_date.items():
        ended: dict[str, Event] = {}
        for event in today:
            for code, row in _ending(event):
                if code in ended:
                    event.fail(sheet, row.record, "predecessor", E_ENDED_TWICE, code=code, other=ended[code].number)
                else:
                    ended[code] = event
        graph: dict[str, list[str]] = defaultdict(list)
        edges = [(event, edge) for event in today for edge in _edges(event)]
        for _event, (start, end, _row, _key) in edges:
            graph[start].append(end)
        for event, (start, end, row, key) in edges:
            path = _path(graph, end, start)
            if path is not None and not event.bad:
                event.fail(
                    sheet,
                    row.record,
                    key,
                    E_CYCLE,
                    event=event.number,
                    date=day.strftime("%d/%m/%Y"),
                    path=" → ".join([start, *path]),
                )


def _path(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """A path from ``start`` to ``goal`` in ``graph``, both included, or None."""
    stack, parents = [start], {start: start}
    while stack:
        node = stack.pop()
        if node == goal:
            path = [node]
            while path[-1] != start:
                path.append(parents[path[-1]])
            return path[::-1]
        for nxt in graph.get(node, []):
            if nxt not in parents:
                parents[nxt] = node
                stack.append(nxt)
    return None
