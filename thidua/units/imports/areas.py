"""Importing a commune's residential areas (thôn, tổ dân phố …) from Excel or CSV.

No national list holds residential areas: each commune keeps its own. The file is checked whole
before anything is written — every row, against the other rows and against the database — and
imported in one transaction through ``unit_establish``, or not at all. A row that describes an
area already recorded (same code, same start, same name, kind and commune) is left unchanged, so
a file can be imported again.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.errors import DomainError, DomainErrors
from thidua.lib.progress import Progress
from thidua.units.imports.layouts import AREA_COLUMNS, AREA_EXAMPLE, AREA_REQUIRED, AREA_RULES, AREA_SHEET
from thidua.units.imports.tables import (
    AREA_KIND_WORDS,
    E_COMMUNE_NOT_ON_DATE,
    E_UNKNOWN_COMMUNE,
    DryRun,
    Guide,
    Record,
    Sheet,
    area_kind,
    area_name,
    commune_code,
    date,
    import_scope,
    period_of,
    read_sheet,
    template_workbook,
    text,
    unit_with_period,
)
from thidua.units.models import KIND_PREFIX, Level, Unit
from thidua.units.rules import Period, area_code
from thidua.units.services import unit_establish

E_OTHER_COMMUNE = _("This file is for %(commune)s (code %(code)s); the row names the commune %(other)s.")
E_COMMUNE_STARTS_LATER = _(
    "%(commune)s only exists from %(date)s: give the area a start date on or after it, or the code of the "
    "commune of that time."
)
E_COMMUNE_OUTSIDE = _("%(commune)s is outside the unit you work for.")
E_END_BEFORE_START = _("The end date %(end)s is before the start date %(start)s.")
E_CODE_TWICE = _("The code %(code)s is also on row %(other)s, for an overlapping period.")
E_CODE_USED = _("The code %(code)s is already used by %(unit)s in %(period)s.")
E_SAME_AREA_NAME = _(
    "The area %(code)s already exists from the same date as %(unit)s: to rename it, import a lineage "
    "file with an “đổi tên” (rename) event."
)
E_SAME_AREA_KIND = _(
    "The area %(code)s already exists from the same date as %(unit)s: to change its kind, import a "
    "lineage file with an “đổi loại” (reclassify) event."
)
E_SAME_AREA_PARENT = _(
    "The area %(code)s already exists from the same date under %(parent)s: to move it, import a "
    "lineage file with a “chuyển” (transfer) event."
)
E_SAME_AREA_END = _(
    "The area %(code)s already exists from the same date, valid %(period)s: its end is recorded by a "
    "lineage event (merge, split or dissolve)."
)
ANOTHER_UNIT = _("another unit")


@dataclass
class AreaRow:
    record: Record
    code: str  # empty until made from the commune's code and the name, when the file leaves it empty
    name: str
    kind: str
    commune_code: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    legal_basis: str
    commune: Unit | None = None
    bad: bool = False
    unchanged: bool = False

    @property
    def period(self) -> Period:
        return Period(self.valid_from, self.valid_to)


def areas_template(*, commune: Unit | None = None) -> bytes:
    """The Excel template, its commune code prefilled when it is for one commune."""
    title = "Danh sách khu dân cư" + (f" — {commune.full_name}" if commune else "")
    return template_workbook(
        sheet_name=AREA_SHEET,
        columns=AREA_COLUMNS,
        choices={"kind": list(AREA_KIND_WORDS.values())},
        guide=Guide(
            title_vi=f"{title}: hướng dẫn nhập",
            title_en="Residential areas: how to fill in this file",
            rules=AREA_RULES,
            example=AREA_EXAMPLE,
        ),
        prefill={"commune": commune.code} if commune else None,
    )


def _parse(sheet: Sheet, record: Record, commune: Unit | None) -> AreaRow | None:
    before = len(sheet.errors)
    code = text(sheet, record, "code", max_length=20)
    name = text(sheet, record, "name", required=True)
    kind = area_kind(sheet, record, "kind", required=True)
    commune_text = commune_code(text(sheet, record, "commune", required=commune is None, max_length=20))
    valid_from = date(sheet, record, "valid_from")
    valid_to = date(sheet, record, "valid_to")
    legal_basis = text(sheet, record, "legal_basis", max_length=300) or ""
    if valid_from and valid_to and valid_to < valid_from:
        sheet.fail(
            record,
            "valid_to",
            E_END_BEFORE_START,
            end=valid_to.strftime("%d/%m/%Y"),
            start=valid_from.strftime("%d/%m/%Y"),
        )
    if len(sheet.errors) > before or name is None or kind is None:
        return None
    return AreaRow(record, code or "", area_name(name, kind), kind, commune_text, valid_from, valid_to, legal_basis)


def _fail(sheet: Sheet, row: AreaRow, key: str, message: Any, **params: Any) -> None:
    sheet.fail(row.record, key, message, **params)
    row.bad = True


def _resolve_communes(sheet: Sheet, rows: list[AreaRow], commune: Unit | None, scope: QuerySet[Unit]) -> None:
    """Find each row's commune: the given one, or the commune holding the code on the area's dates.
    An area cannot begin before its commune (its end is the services' check: the commune's
    successor takes the area over)."""
    _find_communes(sheet, rows, commune, scope)
    for row in rows:
        if row.bad or row.commune is None:
            continue
        starts = row.commune.valid_from
        if starts is not None and (row.valid_from is None or row.valid_from < starts):
            _fail(
                sheet,
                row,
                "valid_from",
                E_COMMUNE_STARTS_LATER,
                commune=row.commune.full_name,
                date=starts.strftime("%d/%m/%Y"),
            )


def _find_communes(sheet: Sheet, rows: list[AreaRow], commune: Unit | None, scope: QuerySet[Unit]) -> None:
    if commune is not None:
        for row in rows:
            if row.commune_code in (None, commune.code):
                row.commune = commune
            else:
                _fail(
                    sheet,
                    row,
                    "commune",
                    E_OTHER_COMMUNE,
                    commune=commune.full_name,
                    code=commune.code,
                    other=row.commune_code,
                )
        return
    candidates: dict[str, list[Unit]] = defaultdict(list)
    codes = {row.commune_code for row in rows}
    for unit in scope.filter(level=Level.COMMUNE, code__in=codes).order_by("valid_from"):
        candidates[unit.code].append(unit)
    today = datetime.date.today()
    for row in rows:
        units = candidates.get(row.commune_code or "", [])
        if not units:
            _fail(sheet, row, "commune", E_UNKNOWN_COMMUNE, code=row.commune_code)
            continue
        day = row.valid_from or row.valid_to or today
        row.commune = next((u for u in units if period_of(u).contains_day(day)), None)
        if row.commune is None:
            _fail(
                sheet,
                row,
                "commune",
                E_COMMUNE_NOT_ON_DATE,
                code=row.commune_code,
                date=day.strftime("%d/%m/%Y"),
                units="; ".join(unit_with_period(u) for u in units),
            )


def _check_codes(sheet: Sheet, rows: list[AreaRow], scope: QuerySet[Unit]) -> None:
    """No two units share a code at the same time: within the file, and against the database. A row
    that repeats an area already recorded is marked unchanged; one that contradicts it is an error."""
    seen: dict[str, list[AreaRow]] = defaultdict(list)
    for row in rows:
        if row.bad:
            continue
        other = next((o for o in seen[row.code] if o.period.overlaps(row.period)), None)
        if other is not None:
            _fail(sheet, row, "code", E_CODE_TWICE, code=row.code, other=other.record.number)
        else:
            seen[row.code].append(row)
    existing: dict[str, list[Unit]] = defaultdict(list)
    for unit in Unit.objects.filter(code__in=seen).prefetch_related("versions__parent"):
        existing[unit.code].append(unit)
    visible = set(scope.filter(code__in=seen).values_list("pk", flat=True))
    for row in rows:
        if row.bad:
            continue
        same = next((u for u in existing[row.code] if u.level == Level.AREA and u.valid_from == row.valid_from), None)
        if same is not None:
            _compare(sheet, row, same)
            continue
        clash = next((u for u in existing[row.code] if period_of(u).overlaps(row.period)), None)
        if clash is not None:
            _fail(
                sheet,
                row,
                "code",
                E_CODE_USED,
                code=row.code,
                unit=clash.full_name if clash.pk in visible else ANOTHER_UNIT,
                period=str(period_of(clash)),
            )


def _compare(sheet: Sheet, row: AreaRow, unit: Unit) -> None:
    """A row naming an area recorded from the same date: unchanged if it says the same as the
    area's first version, else an error saying which lineage event makes the change."""
    first = unit.versions.all()[0]
    named = f"{KIND_PREFIX[first.kind]} {first.name}"
    if first.name != row.name:
        _fail(sheet, row, "name", E_SAME_AREA_NAME, code=row.code, unit=named)
    elif first.kind != row.kind:
        _fail(sheet, row, "kind", E_SAME_AREA_KIND, code=row.code, unit=named)
    elif row.commune is not None and first.parent_id != row.commune.pk:
        parent = first.parent.full_name if first.parent else ""
        _fail(sheet, row, "commune", E_SAME_AREA_PARENT, code=row.code, parent=parent)
    elif row.valid_to is not None and row.valid_to != unit.valid_to:
        _fail(sheet, row, "valid_to", E_SAME_AREA_END, code=row.code, period=str(period_of(unit)))
    else:
        row.unchanged = True


def areas_import(
    *,
    file_name: str,
    content: bytes,
    commune: Unit | None,
    actor: Actor,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Import the residential areas of an Excel or CSV file, all or nothing.

    Raises ``DomainErrors`` listing every bad row (row, column, reason) and writes nothing if any
    row is bad. With ``dry_run`` the file is checked as for the real import, creating the areas in
    a transaction that is then rolled back, and the summary says what the import would do.
    """
    authorize(actor, "units.import_areas", commune)
    progress = progress or Progress()
    scope = import_scope(actor)
    if commune is not None and not scope.filter(pk=commune.pk).exists():
        raise DomainErrors([DomainError(E_COMMUNE_OUTSIDE, commune=commune.full_name)])
    sheet = read_sheet(
        file_name=file_name,
        content=content,
        columns=AREA_COLUMNS,
        required=AREA_REQUIRED if commune else (*AREA_REQUIRED, "commune"),
        sheet_name=AREA_SHEET,
        ignore_when_alone=("commune",),
    )
    rows = [row for record in sheet.records if (row := _parse(sheet, record, commune)) is not None]
    _resolve_communes(sheet, rows, commune, scope)
    for row in rows:
        if not row.code and row.commune is not None:
            row.code = area_code(row.commune.code, row.name)
    _check_codes(sheet, rows, scope)
    todo = [row for row in rows if not row.bad and not row.unchanged]
    progress.start(len(todo), _("Importing residential areas"))
    source = f"file:{file_name}"[:100]
    summary = {"rows": len(sheet.records), "created": 0, "unchanged": sum(row.unchanged for row in rows)}
    try:
        with transaction.atomic():
            for row in todo:
                try:
                    unit_establish(
                        code=row.code,
                        name=row.name,
                        kind=row.kind,
                        parent=row.commune,
                        date=row.valid_from,
                        valid_to=row.valid_to,
                        legal_basis=row.legal_basis,
                        source=source,
                        actor=actor,
                        reason=row.legal_basis or source,
                    )
                except DomainError as err:
                    # The services' remaining checks are about the commune over the area's dates.
                    sheet.fail(row.record, "commune", err.message, **err.params)
                else:
                    summary["created"] += 1
                progress.advance()
            if sheet.errors:
                raise DomainErrors(sorted(sheet.errors, key=lambda e: e.row or 0))
            if dry_run:
                raise DryRun
            if summary["created"]:
                audit_record(actor=actor, action="units.import_areas", after={"file": file_name, **summary})
    except DryRun:
        pass
    progress.finish()
    return summary
