"""Writes on the administrative tree."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from thidua.audit.services import audit_record
from thidua.lib.progress import Progress
from thidua.units.models import KIND_LEVEL, KIND_PREFIX, Unit, UnitKind, unit_search_text

# The national lists in ``vietnam-provinces``: the three-level tree as it stood until the district
# level was abolished, and the two-level tree in force since (Nghị quyết 202/2025/QH15 and the
# Standing Committee's resolutions on the arrangement of communes, effective 1/7/2025).
LEGACY_VALID_TO = datetime.date(2025, 6, 30)
REFORM_2025 = datetime.date(2025, 7, 1)

_DIVISION_KIND = {
    "tỉnh": UnitKind.TINH,
    "thành phố trung ương": UnitKind.THANH_PHO_TW,
    "huyện": UnitKind.HUYEN,
    "quận": UnitKind.QUAN,
    "thành phố": UnitKind.THANH_PHO,
    "thị xã": UnitKind.THI_XA,
    "xã": UnitKind.XA,
    "thị trấn": UnitKind.THI_TRAN,
    "phường": UnitKind.PHUONG,
    "đặc khu": UnitKind.DAC_KHU,
}


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


def bare_name(full_name: str, kind: str) -> str:
    """ "Thành Phố Bắc Kạn" of kind thành phố → "Bắc Kạn"."""
    prefix = KIND_PREFIX[kind]
    if full_name.casefold().startswith(prefix.casefold() + " "):
        return full_name[len(prefix) + 1 :].strip()
    return full_name.strip()


def _official(item: Any, code_width: int, parent_code: str | None, valid_from: Any, valid_to: Any) -> OfficialUnit:
    kind = _DIVISION_KIND[str(item.division_type.value)]
    return OfficialUnit(
        code=str(int(item.code)).zfill(code_width),
        name=bare_name(item.name, kind),
        kind=kind,
        parent_code=parent_code,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def official_units() -> list[list[OfficialUnit]]:
    """The national lists as levels, parents before children: [provinces, districts, communes]."""
    from vietnam_provinces import Province, Ward
    from vietnam_provinces.legacy import base as legacy

    old = (None, LEGACY_VALID_TO)
    new = (REFORM_2025, None)
    provinces = [_official(p, 2, None, *old) for p in legacy.Province.iter_all()]
    provinces += [_official(p, 2, None, *new) for p in Province.iter_all()]
    districts = [_official(d, 3, str(int(d.province_code)).zfill(2), *old) for d in legacy.District.iter_all()]
    communes = [_official(w, 5, str(int(w.district_code)).zfill(3), *old) for w in legacy.Ward.iter_all()]
    communes += [_official(w, 5, str(int(w.province_code)).zfill(2), *new) for w in Ward.iter_all()]
    return [provinces, districts, communes]


def _upsert_level(
    rows: Iterable[OfficialUnit], ids: dict[tuple[str, datetime.date | None], int], progress: Progress
) -> tuple[int, int]:
    """Create the missing units of one level and update the changed ones; returns (created, updated)."""
    existing = {(u.code, u.valid_from): u for u in Unit.objects.filter(level__in={KIND_LEVEL[r.kind] for r in rows})}
    to_create: list[Unit] = []
    to_update: list[Unit] = []
    for row in rows:
        # A child belongs to the parent of the same tree: the legacy tree has no valid_from.
        parent_id = ids[(row.parent_code, row.valid_from)] if row.parent_code else None
        values = {
            "name": row.name,
            "kind": row.kind,
            "level": KIND_LEVEL[row.kind],
            "parent_id": parent_id,
            "valid_to": row.valid_to,
            "search_text": unit_search_text(row.kind, row.name, row.code),
        }
        unit = existing.get((row.code, row.valid_from))
        if unit is None:
            to_create.append(Unit(code=row.code, valid_from=row.valid_from, **values))
        elif any(getattr(unit, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(unit, k, v)
            to_update.append(unit)
    for start in range(0, len(to_create), 2000):
        batch = to_create[start : start + 2000]
        Unit.objects.bulk_create(batch)
        progress.advance(len(batch))
    if to_update:
        Unit.objects.bulk_update(to_update, ["name", "kind", "level", "parent_id", "valid_to", "search_text"], 2000)
    progress.advance(len(list(rows)) - len(to_create))
    for unit in Unit.objects.filter(level__in={KIND_LEVEL[r.kind] for r in rows}).only("id", "code", "valid_from"):
        ids[(unit.code, unit.valid_from)] = unit.pk
    return len(to_create), len(to_update)


def units_import_official(*, actor: Any, progress: Progress | None = None) -> dict[str, int]:
    """Load the whole country's official units; running it again changes nothing."""
    progress = progress or Progress()
    levels = official_units()
    progress.start(sum(len(level) for level in levels), "Nhập danh mục hành chính / Loading official units")
    ids: dict[tuple[str, datetime.date | None], int] = {}
    created = updated = 0
    with transaction.atomic():
        for rows in levels:
            level_created, level_updated = _upsert_level(rows, ids, progress)
            created += level_created
            updated += level_updated
        summary = {"created": created, "updated": updated, "total": sum(len(level) for level in levels)}
        if created or updated:
            audit_record(actor=actor, action="units.import_official", after=summary)
    progress.finish()
    return summary
