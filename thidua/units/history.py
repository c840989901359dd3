"""Applying the recorded history of places (``units/data/history/*.toml``) onto the national lists."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.errors import DomainError
from thidua.units.models import KIND_LEVEL, LineageEvent, LineageLink, Unit
from thidua.units.services import _split_version, unit_sync

_FIELDS = {"name": "name", "kind": "kind", "parent": "parent_id"}


def _unit(key: str, path: Path) -> Unit:
    try:
        return Unit.objects.get(source_key=key)
    except Unit.DoesNotExist:
        raise DomainError(_("%(file)s names the unit %(key)s, which is not loaded."), file=path.name, key=key) from None


def _value(field: str, value: Any, path: Path) -> Any:
    return _unit(value, path).pk if field == "parent" else value


def _apply_change(unit: Unit, date: datetime.date, change: dict[str, Any], path: Path) -> dict[str, Any]:
    after = {_FIELDS[f]: _value(f, v[1], path) for f, v in change.items() if f in _FIELDS}
    before = {_FIELDS[f]: _value(f, v[0], path) for f, v in change.items() if f in _FIELDS}
    if "kind" in after:
        after["level"] = before["level"] = KIND_LEVEL[after["kind"]]
    _split_version(unit, date, **after)
    for version in unit.versions.filter(valid_to__lt=date):
        for field, value in before.items():
            setattr(version, field, value)
        version.save()
    return {"before": before, "after": after}


def _apply_establish(unit: Unit, date: datetime.date) -> None:
    unit.versions.filter(valid_to__lt=date).delete()
    first = unit.versions.order_by("valid_from").first()
    if first is not None and (first.valid_from is None or first.valid_from < date):
        first.valid_from = date
        first.save(update_fields=["valid_from"])
    unit.valid_from = date
    unit.save(update_fields=["valid_from"])


def history_apply(path: Path, *, actor: Actor) -> int:
    """Apply one history file's events not applied yet, newest first; returns how many were applied."""
    from thidua.units.official import read_history

    authorize(actor, "units.import_official")
    data = read_history(path)
    source = data.get("source", f"history:{path.stem}")
    applied = 0
    for spec in sorted(data.get("event", []), key=lambda e: e["date"], reverse=True):
        if LineageEvent.objects.filter(key=spec["key"]).exists():
            continue
        date: datetime.date = spec["date"]
        event = LineageEvent.objects.create(
            kind=spec["kind"],
            date=date,
            legal_basis=spec.get("legal_basis", ""),
            note=spec.get("note", ""),
            source=source,
            key=spec["key"],
        )
        touched: list[tuple[Unit, dict[str, Any]]] = []
        for change in spec.get("changes", []):
            unit = _unit(change["unit"], path)
            values = _apply_change(unit, date, change, path)
            LineageLink.objects.create(event=event, predecessor=unit, successor=unit)
            touched.append((unit, values))
        if "establish" in spec:
            unit = _unit(spec["establish"], path)
            _apply_establish(unit, date)
            LineageLink.objects.create(event=event, successor=unit)
            for predecessor in spec.get("predecessors", []):
                LineageLink.objects.create(
                    event=event,
                    predecessor=_unit(predecessor["unit"], path),
                    successor=unit,
                    partial=predecessor.get("partial", False),
                )
            touched.append((unit, {"before": {"valid_from": None}, "after": {"valid_from": date.isoformat()}}))
        for unit, values in touched:
            unit_sync(unit)
            audit_record(
                actor=actor,
                action=f"units.{event.kind}",
                obj=unit,
                before=values["before"],
                after=values["after"],
                reason=f"{event.legal_basis} ({path.name})",
            )
        applied += 1
    return applied


def history_load(*, actor: Actor) -> int:
    from thidua.units.official import history_files

    return sum(history_apply(path, actor=actor) for path in history_files())
