"""Importing the lineage of residential areas (merges, splits, renamings …) from Excel or CSV.

One row per link; the rows sharing an event number are one event. The file is checked in three
passes, and every error of every pass is reported at once: each row alone (values, dates, kinds),
each event's shape and its references (codes that exist, successors that exist or are described,
no cycle and no unit ended twice on one day), then the events applied in date order through the
services, inside a transaction that is rolled back if anything failed. An event already imported
(found by a key made from its content) is skipped, so a file can be imported again.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.errors import DomainError, DomainErrors
from thidua.lib.progress import Progress
from thidua.units.imports.layouts import (
    EVENT_KIND_WORDS,
    LINEAGE_COLUMNS,
    LINEAGE_EXAMPLE,
    LINEAGE_REQUIRED,
    LINEAGE_RULES,
    LINEAGE_SHEET,
)
from thidua.units.imports.lineage_checks import (
    E_UNKNOWN_AREA,
    KEEPS_THE_UNIT,
    Event,
    LinkRow,
    check_references,
    check_same_day,
    check_shape,
)
from thidua.units.imports.tables import (
    AREA_KIND_WORDS,
    E_COMMUNE_NOT_ON_DATE,
    E_REQUIRED,
    E_UNKNOWN_COMMUNE,
    DryRun,
    Guide,
    Record,
    Sheet,
    area_kind,
    area_name,
    as_text,
    cell_key,
    commune_code,
    date,
    import_scope,
    period_of,
    read_sheet,
    template_workbook,
    text,
    unit_with_period,
)
from thidua.units.models import Level, LineageEvent, LineageKind, Unit
from thidua.units.rules import day_before
from thidua.units.selectors import unit_version_at
from thidua.units.services import NewUnit, unit_change, unit_dissolve, unit_establish, unit_split, units_merge

E_BAD_EVENT_KIND = _("“%(value)s” is not a kind of event: write one of %(choices)s.")
E_AREA_NOT_ON_DATE = _("The residential area %(code)s does not exist on %(date)s (it is valid %(periods)s).")
E_NOT_LIKE_FIRST_ROW = _(
    "Every row of event %(event)s has the value of its first row (row %(row)s) here, or leaves it empty."
)

_EVENT_KINDS = {cell_key(word): kind for kind, word in EVENT_KIND_WORDS.items()}
_EVENT_KINDS |= {cell_key(kind): kind for kind in EVENT_KIND_WORDS}
_EVENT_KINDS |= {
    "hop nhat": LineageKind.MERGE,
    "chia": LineageKind.SPLIT,
    "tach": LineageKind.SPLIT,
    "phan loai lai": LineageKind.RECLASSIFY,
    "dieu chuyen": LineageKind.TRANSFER,
    "chuyen don vi cap tren": LineageKind.TRANSFER,
}


def lineage_template() -> bytes:
    return template_workbook(
        sheet_name=LINEAGE_SHEET,
        columns=LINEAGE_COLUMNS,
        choices={"kind": list(EVENT_KIND_WORDS.values()), "new_kind": list(AREA_KIND_WORDS.values())},
        guide=Guide(
            title_vi="Sự kiện khu dân cư (sáp nhập, chia tách, đổi tên …): hướng dẫn nhập",
            title_en="Lineage events of residential areas (merge, split, rename …): how to fill in this file",
            rules=LINEAGE_RULES,
            example=LINEAGE_EXAMPLE,
        ),
    )


def _parse(sheet: Sheet, record: Record) -> tuple[str, LinkRow] | None:
    before = len(sheet.errors)
    number = text(sheet, record, "event", required=True, max_length=20)
    kind_text = text(sheet, record, "kind")
    kind = _EVENT_KINDS.get(cell_key(kind_text)) if kind_text else None
    if kind_text and kind is None:
        sheet.fail(record, "kind", E_BAD_EVENT_KIND, value=kind_text, choices=", ".join(EVENT_KIND_WORDS.values()))
    row = LinkRow(
        record=record,
        kind=kind,
        date=date(sheet, record, "date"),
        legal_basis=text(sheet, record, "legal_basis", max_length=300),
        predecessor=text(sheet, record, "predecessor", max_length=20),
        successor=text(sheet, record, "successor", max_length=20),
        new_name=text(sheet, record, "new_name"),
        new_kind=area_kind(sheet, record, "new_kind"),
        parent=commune_code(text(sheet, record, "parent", max_length=20)),
    )
    if row.new_name and row.new_kind:
        row.new_name = area_name(row.new_name, row.new_kind)
    if len(sheet.errors) > before or number is None:
        return None
    return number, row


def _group(sheet: Sheet, parsed: list[tuple[str, LinkRow]], bad_numbers: set[str]) -> list[Event]:
    """The events in the order of the file, with the kind, date and legal basis of their first rows."""
    events: dict[str, Event] = {}
    for number, row in parsed:
        events.setdefault(number, Event(number, len(events), [])).rows.append(row)
    for event in events.values():
        event.bad = event.number in bad_numbers
        for attribute, key in (("kind", "kind"), ("date", "date"), ("legal_basis", "legal_basis")):
            values = [(row, getattr(row, attribute)) for row in event.rows if getattr(row, attribute)]
            if not values:
                # A bad row of the event may hold the value; its own error is enough.
                if attribute != "legal_basis" and not event.bad:
                    event.fail(sheet, event.first, key, E_REQUIRED)
                continue
            first_row, value = values[0]
            setattr(event, attribute, value)
            for row, other in values[1:]:
                if other != value:
                    event.fail(
                        sheet, row.record, key, E_NOT_LIKE_FIRST_ROW, event=event.number, row=first_row.record.number
                    )
    return list(events.values())


def _key(event: Event) -> str:
    """A stable name for the event made from its content, so that importing it again finds it."""
    links = sorted(
        [row.predecessor or "", row.successor or "", row.new_name or "", row.new_kind or "", row.parent or ""]
        for row in event.rows
    )
    digest = hashlib.sha256(json.dumps([event.kind, event.date.isoformat(), links]).encode()).hexdigest()
    return f"file:{digest[:40]}"


@dataclass
class _Applier:
    """Applies checked events through the services, resolving codes on the event's dates."""

    scope: QuerySet[Unit]
    actor: Actor
    source: str
    created: int = 0
    failed_codes: set[str] = field(default_factory=set)

    def unit_on(self, record: Record, key: str, code: str, day: datetime.date, level: int) -> Unit:
        units = list(self.scope.filter(code=code, level=level))
        for unit in units:
            if period_of(unit).contains_day(day):
                return unit
        when = day.strftime("%d/%m/%Y")
        if level == Level.COMMUNE:
            if not units:
                raise record.error(key, E_UNKNOWN_COMMUNE, code=code)
            units_text = "; ".join(unit_with_period(u) for u in units)
            raise record.error(key, E_COMMUNE_NOT_ON_DATE, code=code, date=when, units=units_text)
        if not units:
            raise record.error(key, E_UNKNOWN_AREA, code=code)
        periods = "; ".join(str(period_of(u)) for u in units)
        raise record.error(key, E_AREA_NOT_ON_DATE, code=code, date=when, periods=periods)

    def area(self, row: LinkRow, key: str, day: datetime.date) -> Unit:
        return self.unit_on(row.record, key, getattr(row, key), day, Level.AREA)

    def commune(self, row: LinkRow, day: datetime.date) -> Unit | None:
        return self.unit_on(row.record, "parent", row.parent, day, Level.COMMUNE) if row.parent else None

    def new_unit(self, row: LinkRow, day: datetime.date, beside: Unit) -> NewUnit:
        """A successor to create, under the given commune or the commune ``beside`` was in on the eve."""
        parent = self.commune(row, day)
        if parent is None:
            version = unit_version_at(beside, day_before(day))
            parent = version.parent if version is not None else beside.parent
        assert row.successor and row.new_name and row.new_kind
        return NewUnit(code=row.successor, name=row.new_name, kind=row.new_kind, parent=parent)

    def apply(self, event: Event) -> None:
        common: dict[str, Any] = {
            "date": event.date,
            "legal_basis": event.legal_basis,
            "source": self.source,
            "actor": self.actor,
            "key": event.key,
        }
        eve = day_before(event.date)
        first = event.rows[0]
        if event.kind == LineageKind.ESTABLISH:
            assert first.successor and first.new_name and first.new_kind
            unit_establish(
                code=first.successor,
                name=first.new_name,
                kind=first.new_kind,
                parent=self.commune(first, event.date),
                **common,
            )
            self.created += 1
        elif event.kind in KEEPS_THE_UNIT:
            unit_change(
                unit=self.area(first, "predecessor", event.date),
                name=first.new_name,
                kind=first.new_kind,
                parent=self.commune(first, event.date),
                **common,
            )
        elif event.kind == LineageKind.DISSOLVE:
            unit_dissolve(unit=self.area(first, "predecessor", eve), **common)
        elif event.kind == LineageKind.MERGE:
            self.merge(event, eve, common)
        elif event.kind == LineageKind.SPLIT:
            predecessor = self.area(first, "predecessor", eve)
            successors: list[Unit | NewUnit] = []
            for row in event.rows:
                if row.describes_new_unit:
                    successors.append(self.new_unit(row, event.date, predecessor))
                    self.created += 1
                elif row.successor == predecessor.code:
                    successors.append(predecessor)
                else:
                    successors.append(self.area(row, "successor", event.date))
            unit_split(predecessor=predecessor, successors=successors, **common)

    def merge(self, event: Event, eve: datetime.date, common: dict[str, Any]) -> None:
        predecessors = [self.area(row, "predecessor", eve) for row in event.rows]
        first, description = event.rows[0], event.description
        successor: Unit | NewUnit
        absorbing = next((p for p in predecessors if p.code == first.successor), None)
        if absorbing is not None:
            successor = absorbing
        elif description is not None:
            successor = self.new_unit(description, event.date, predecessors[0])
            self.created += 1
        else:
            # An existing successor absorbs the others: it is a predecessor that goes on.
            successor = self.area(first, "successor", event.date)
            predecessors.append(successor)
        units_merge(predecessors=predecessors, successor=successor, **common)


# The column an error of the services points at, when it does not name one itself.
DEFAULT_COLUMN: dict[str, str] = {
    LineageKind.ESTABLISH: "successor",
    LineageKind.RENAME: "new_name",
    LineageKind.RECLASSIFY: "new_kind",
    LineageKind.TRANSFER: "parent",
    LineageKind.MERGE: "successor",
    LineageKind.SPLIT: "successor",
    LineageKind.DISSOLVE: "predecessor",
}


def lineage_import(
    *,
    file_name: str,
    content: bytes,
    actor: Actor,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Import the lineage events of an Excel or CSV file, all or nothing, in date order.

    Raises ``DomainErrors`` listing every bad row (row, column, reason) and writes nothing if any
    is bad; with ``dry_run`` everything is checked, applied and rolled back.
    """
    authorize(actor, "units.import_lineage")
    progress = progress or Progress()
    scope = import_scope(actor)
    sheet = read_sheet(
        file_name=file_name,
        content=content,
        columns=LINEAGE_COLUMNS,
        required=LINEAGE_REQUIRED,
        sheet_name=LINEAGE_SHEET,
    )
    parsed: list[tuple[str, LinkRow]] = []
    bad_numbers: set[str] = set()
    bad_codes: set[str] = set()
    for record in sheet.records:
        result = _parse(sheet, record)
        if result is not None:
            parsed.append(result)
            continue
        if number := as_text(record.cells.get("event")):
            bad_numbers.add(number)
        bad_codes |= {code for key in ("predecessor", "successor") if (code := as_text(record.cells.get(key)))}
    events = _group(sheet, parsed, bad_numbers)
    for event in events:
        if not event.bad:
            check_shape(sheet, event)
    check_references(sheet, events, scope)
    check_same_day(sheet, events)
    events.sort(key=lambda e: (e.date, e.order))
    for event in events:
        event.key = _key(event) if not event.bad else ""
    applied_keys = set(
        LineageEvent.objects.filter(key__in=[e.key for e in events if e.key]).values_list("key", flat=True)
    )
    applier = _Applier(scope, actor, f"file:{file_name}"[:100])
    # Events that name a unit of a bad row or of a failed event are not applied: their errors
    # would only repeat the first one.
    applier.failed_codes = bad_codes | {code for event in events if event.bad for code in event.codes}
    summary = {"rows": len(sheet.records), "events": 0, "unchanged": 0, "created": 0}
    progress.start(len(events), _("Importing lineage events"))
    try:
        with transaction.atomic():
            for event in events:
                progress.advance()
                if event.key in applied_keys:
                    summary["unchanged"] += 1
                    continue
                if event.bad or event.codes & applier.failed_codes:
                    continue
                try:
                    with transaction.atomic():
                        applier.apply(event)
                except DomainError as err:
                    applier.failed_codes |= event.codes
                    if err.row is None:
                        err = event.first.error(DEFAULT_COLUMN[event.kind], err.message, **err.params)
                    sheet.errors.append(err)
                else:
                    summary["events"] += 1
            summary["created"] = applier.created
            if sheet.errors:
                raise DomainErrors(sorted(sheet.errors, key=lambda e: e.row or 0))
            if dry_run:
                raise DryRun
            if summary["events"]:
                audit_record(actor=actor, action="units.import_lineage", after={"file": file_name, **summary})
    except DryRun:
        pass
    progress.finish()
    return summary
