"""Loading the national lists of administrative units, their 2025 lineage and the recorded history.

``vietnam-provinces`` 2026.9.0 gives the three-level tree in force until 30/6/2025 and the
two-level tree since 1/7/2025, with the conversion table between them. The earlier history of
some places, which no national list holds, comes from TOML files in ``units/data/history/``.
Loading is idempotent: units are found again by their ``source_key``, events by their ``key``.
"""

from __future__ import annotations

import datetime
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.lib.progress import Progress
from thidua.units.models import (
    KIND_LEVEL,
    KIND_PREFIX,
    LineageEvent,
    LineageKind,
    LineageLink,
    Unit,
    UnitKind,
    UnitVersion,
    unit_search_text,
)
from thidua.units.rules import day_before, successor_kind

LEGACY_VALID_TO = datetime.date(2025, 6, 30)
REFORM_2025 = datetime.date(2025, 7, 1)
HISTORY_DIR = Path(__file__).parent / "data" / "history"

PROVINCE_REFORM_BASIS = "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"
DISTRICT_REFORM_BASIS = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (bỏ cấp huyện từ 01/7/2025)"
# The Standing Committee's resolution on each province's communes, where it has been checked.
COMMUNE_REFORM_BASIS = {"19": "Nghị quyết 1683/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"}
COMMUNE_REFORM_DEFAULT = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025 ({province})"
)

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
    source_key: str
    code: str
    name: str
    kind: str
    parent_key: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


def bare_name(full_name: str, kind: str) -> str:
    """ "Thành Phố Bắc Kạn" of kind thành phố → "Bắc Kạn"."""
    prefix = KIND_PREFIX[kind]
    if full_name.casefold().startswith(prefix.casefold() + " "):
        return full_name[len(prefix) + 1 :].strip()
    return full_name.strip()


def _code(value: Any, width: int) -> str:
    return str(int(value)).zfill(width)


def _official(item: Any, tree: str, width: int, parent_key: str | None) -> OfficialUnit:
    kind = _DIVISION_KIND[str(item.division_type.value)]
    legacy = tree == "vn-2024"
    return OfficialUnit(
        source_key=f"{tree}:{_code(item.code, width)}",
        code=_code(item.code, width),
        name=bare_name(item.name, kind),
        kind=kind,
        parent_key=parent_key,
        valid_from=None if legacy else REFORM_2025,
        valid_to=LEGACY_VALID_TO if legacy else None,
    )


def official_units() -> list[list[OfficialUnit]]:
    """The national lists as levels, parents before children: [provinces, districts, communes]."""
    from vietnam_provinces import Province, Ward
    from vietnam_provinces.legacy import base as legacy

    provinces = [_official(p, "vn-2024", 2, None) for p in legacy.Province.iter_all()]
    provinces += [_official(p, "vn-2025", 2, None) for p in Province.iter_all()]
    districts = [_official(d, "vn-2024", 3, f"vn-2024:{_code(d.province_code, 2)}") for d in legacy.District.iter_all()]
    communes = [_official(w, "vn-2024", 5, f"vn-2024:{_code(w.district_code, 3)}") for w in legacy.Ward.iter_all()]
    communes += [_official(w, "vn-2025", 5, f"vn-2025:{_code(w.province_code, 2)}") for w in Ward.iter_all()]
    return [provinces, districts, communes]


def _upsert_level(rows: list[OfficialUnit], ids: dict[str, int], progress: Progress) -> tuple[int, int]:
    """Create the missing units of one level (with their first version) and correct the changed ones."""
    existing = {u.source_key: u for u in Unit.objects.filter(source_key__in=[r.source_key for r in rows])}
    to_create: list[tuple[Unit, OfficialUnit]] = []
    to_update: list[Unit] = []
    for row in rows:
        parent_id = ids[row.parent_key] if row.parent_key else None
        unit = existing.get(row.source_key)
        if unit is None:
            unit = Unit(
                source_key=row.source_key,
                code=row.code,
                name=row.name,
                kind=row.kind,
                level=KIND_LEVEL[row.kind],
                parent_id=parent_id,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
                search_text=unit_search_text(row.kind, row.name, row.code),
            )
            to_create.append((unit, row))
        elif (unit.name, unit.kind, unit.parent_id) != (row.name, row.kind, parent_id):
            unit.name, unit.kind, unit.parent_id = row.name, row.kind, parent_id
            to_update.append(unit)
    for start in range(0, len(to_create), 2000):
        batch = to_create[start : start + 2000]
        Unit.objects.bulk_create([unit for unit, _ in batch])
        UnitVersion.objects.bulk_create(
            UnitVersion(
                unit=unit,
                valid_from=unit.valid_from,
                valid_to=unit.valid_to,
                name=unit.name,
                kind=unit.kind,
                level=unit.level,
                parent_id=unit.parent_id,
            )
            for unit, _ in batch
        )
        progress.advance(len(batch))
    for unit in to_update:
        # The national list describes the latest state: correct the latest version, keep the history.
        latest = unit.versions.order_by("-valid_from").first()
        if latest is not None:
            latest.name, latest.kind, latest.parent_id = unit.name, unit.kind, unit.parent_id
            latest.save(update_fields=["name", "kind", "parent"])
        unit.save(update_fields=["name", "kind", "parent"])
    progress.advance(len(rows) - len(to_create))
    for source_key, pk in Unit.objects.filter(source_key__in=[r.source_key for r in rows]).values_list(
        "source_key", "pk"
    ):
        if source_key:
            ids[source_key] = pk
    return len(to_create), len(to_update)


@dataclass(frozen=True)
class PlannedEvent:
    key: str
    kind: str
    legal_basis: str
    links: tuple[tuple[str | None, str | None, bool], ...]  # (predecessor key, successor key, partial)


def reform_2025_events(province_names: dict[str, str]) -> list[PlannedEvent]:
    """The 2025 reorganisation as events: provinces and communes merged, districts dissolved."""
    from vietnam_provinces._province_conversion_2025 import NEW_TO_OLD as PROVINCES
    from vietnam_provinces._ward_conversion_2025 import NEW_TO_OLD as COMMUNES
    from vietnam_provinces.legacy import base as legacy

    events: list[PlannedEvent] = []
    province_successors: dict[int, int] = defaultdict(int)
    for entry in PROVINCES.values():
        for old in entry.old_provinces:
            province_successors[old.code] += 1
    for code, entry in sorted(PROVINCES.items()):
        links = tuple(
            (f"vn-2024:{_code(old.code, 2)}", f"vn-2025:{_code(code, 2)}", province_successors[old.code] > 1)
            for old in entry.old_provinces
        )
        events.append(
            PlannedEvent(f"vn-2025:province:{_code(code, 2)}", successor_kind(len(links)), PROVINCE_REFORM_BASIS, links)
        )
    for district in legacy.District.iter_all():
        key = f"vn-2024:{_code(district.code, 3)}"
        events.append(
            PlannedEvent(
                f"vn-2025:district:{_code(district.code, 3)}",
                LineageKind.DISSOLVE,
                DISTRICT_REFORM_BASIS,
                ((key, None, False),),
            )
        )
    for code, commune in sorted(COMMUNES.items()):
        province = _code(commune.new_ward.province_code, 2)
        basis = COMMUNE_REFORM_BASIS.get(
            province, COMMUNE_REFORM_DEFAULT.format(province=province_names.get(province, province))
        )
        links = tuple(
            (f"vn-2024:{_code(old.code, 5)}", f"vn-2025:{_code(code, 5)}", old.is_partly_merged)
            for old in commune.old_wards
        )
        events.append(PlannedEvent(f"vn-2025:commune:{_code(code, 5)}", successor_kind(len(links)), basis, links))
    return events


def _create_events(planned: list[PlannedEvent], date: datetime.date, source: str, ids: dict[str, int]) -> int:
    """Bulk-create the planned events not loaded yet; links to units missing from the lists are skipped."""
    known = set(LineageEvent.objects.filter(key__in=[p.key for p in planned]).values_list("key", flat=True))
    todo = [p for p in planned if p.key not in known]
    events = LineageEvent.objects.bulk_create(
        LineageEvent(kind=p.kind, date=date, legal_basis=p.legal_basis, source=source, key=p.key) for p in todo
    )
    if events and events[0].pk is None:  # backends that do not return ids from a bulk insert
        by_key = dict(LineageEvent.objects.filter(key__in=[p.key for p in todo]).values_list("key", "pk"))
        for event, plan in zip(events, todo, strict=True):
            event.pk = by_key[plan.key]
    links = [
        LineageLink(
            event_id=event.pk,
            predecessor_id=ids.get(pred) if pred else None,
            successor_id=ids.get(succ) if succ else None,
            partial=partial,
        )
        for event, plan in zip(events, todo, strict=True)
        for pred, succ, partial in plan.links
        if (pred is None or pred in ids) and (succ is None or succ in ids)
    ]
    LineageLink.objects.bulk_create(links, batch_size=2000)
    return len(todo)


def _move_open_areas(date: datetime.date) -> int:
    """Residential areas still open under a commune that ended on the eve of ``date`` move to its
    single full successor (the thôn goes on; only its commune changed)."""
    from thidua.units.services import _split_version, unit_sync

    moved = 0
    last_day = day_before(date)
    ended = Unit.objects.filter(valid_to=last_day, level=3)
    open_versions = UnitVersion.objects.filter(parent__in=ended, level=4).exclude(valid_to__lte=last_day)
    for version in open_versions.select_related("unit"):
        links = list(
            LineageLink.objects.filter(predecessor_id=version.parent_id, event__date=date, successor__isnull=False)
        )
        if len(links) == 1 and not links[0].partial:
            _split_version(version.unit, date, parent_id=links[0].successor_id)
            unit_sync(version.unit)
            moved += 1
    return moved


def units_import_official(*, actor: Actor, progress: Progress | None = None) -> dict[str, int]:
    """Load the whole country's official units, the 2025 lineage and the recorded history."""
    from thidua.units.history import history_load

    authorize(actor, "units.import_official")
    progress = progress or Progress()
    levels = official_units()
    total = sum(len(level) for level in levels)
    progress.start(total, _("Loading official units"))
    ids: dict[str, int] = {}
    created = updated = 0
    with transaction.atomic():
        for rows in levels:
            level_created, level_updated = _upsert_level(rows, ids, progress)
            created += level_created
            updated += level_updated
        province_names = {r.code: f"{KIND_PREFIX[r.kind]} {r.name}" for r in levels[0] if r.valid_from}
        events = _create_events(reform_2025_events(province_names), REFORM_2025, "vn-2025", ids)
        moved = _move_open_areas(REFORM_2025)
        history_events = history_load(actor=actor)
        summary = {
            "created": created,
            "updated": updated,
            "total": total,
            "events": events,
            "history_events": history_events,
            "areas_moved": moved,
        }
        if any(v for k, v in summary.items() if k != "total"):
            audit_record(actor=actor, action="units.import_official", after=summary)
    progress.finish()
    return summary


def history_files() -> list[Path]:
    return sorted(HISTORY_DIR.glob("*.toml"))


def read_history(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)
