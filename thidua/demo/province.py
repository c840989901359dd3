"""A province-sized, generated data set: residential areas and households of every commune, by year.

Deterministic for a seed: the same province, counts and seed give the same areas, households and
registrations. Everything goes through the import paths an official uses — the areas through
``areas_import`` (one file per commune, ``unit_establish`` per area: a few thousand areas take
seconds, so no COPY is needed), the households and their registrations through
``households_import`` (one CSV file per commune and year, as the web page imports them). No title
is written here: titles come from meetings and decisions (see ``thidua.demo.story``).
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.demo.names import person_name
from thidua.evaluations.imports.services import households_import
from thidua.lib.progress import Progress
from thidua.units.imports import areas_import
from thidua.units.models import KIND_PREFIX, Level, Unit, UnitKind
from thidua.units.selectors import unit_subtree_ids

PROVINCE = "vn-2024:06"  # Bắc Kạn, in the tree before 2025
SEED = 2024
LAST_YEAR = 2024
HOUSEHOLD_HEADER = [
    "Household code",
    "Head of household",
    "Gender of the head",
    "Address",
    "Area code",
    "Number of members",
    "Registers",
    "Registration date",
]
AREA_HEADER = ["Code", "Name", "Kind", "Commune code", "Valid from", "Valid to", "Legal basis"]


@dataclass(frozen=True)
class CommuneFile:
    commune: Unit
    file_name: str
    content: bytes
    rows: int


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def province_communes(province_code: str = PROVINCE, year: int = LAST_YEAR) -> list[Unit]:
    """The communes, wards and townships of the province on 31/12 of ``year``, by code."""
    province = Unit.objects.get(source_key=province_code)
    ids = unit_subtree_ids(province.pk, datetime.date(year, 12, 31))
    return list(Unit.objects.filter(pk__in=ids, level=Level.COMMUNE).order_by("code"))


def _area_kind(commune: Unit) -> str:
    return UnitKind.TO_DAN_PHO if commune.kind in ("phuong", "thi_tran") else UnitKind.THON


def area_codes(commune: Unit, areas_per_commune: int) -> list[str]:
    return [f"{commune.code}-T{number:02d}" for number in range(1, areas_per_commune + 1)]


def province_areas(
    *, communes: list[Unit], areas_per_commune: int, actor: Actor = SYSTEM_ACTOR, progress: Progress | None = None
) -> int:
    """The residential areas of every commune, imported per commune (idempotent); how many were created."""
    created = 0
    for commune in communes:
        # The areas live as long as their commune: a commune that ends (the 2025 reform) ends them.
        start = commune.valid_from.strftime("%d/%m/%Y") if commune.valid_from else ""
        end = commune.valid_to.strftime("%d/%m/%Y") if commune.valid_to else ""
        kind = _area_kind(commune)
        rows = [
            [code, f"{number:02d}", kind, commune.code, start, end, ""]
            for number, code in enumerate(area_codes(commune, areas_per_commune), start=1)
        ]
        summary = areas_import(
            file_name=f"khu-dan-cu-{commune.code}.csv",
            content=_csv(AREA_HEADER, rows),
            commune=commune,
            actor=actor,
            progress=progress,
        )
        created += summary["created"]
    return created


def _share(total: int, parts: int, index: int) -> int:
    """Part ``index`` of ``total`` split into ``parts`` nearly equal whole parts."""
    return total // parts + (1 if index < total % parts else 0)


def household_files(
    *, communes: list[Unit], households: int, areas_per_commune: int, year: int, seed: int = SEED
) -> Iterator[CommuneFile]:
    """Each commune's households CSV for ``year``: the same households every year (by the seed and the
    commune), registering or not by the seed, the commune and the year."""
    for index, commune in enumerate(communes):
        count = _share(households, len(communes), index)
        people = random.Random(f"{seed}:{commune.code}")
        choices = random.Random(f"{seed}:{commune.code}:{year}")
        codes = area_codes(commune, areas_per_commune)
        prefix = KIND_PREFIX[_area_kind(commune)]
        lines = []
        for number in range(count):
            area_index = number % len(codes)
            female = people.random() < 0.22
            head = person_name(people, female=female)
            members = people.randint(1, 8)
            registers = choices.random() < 0.94
            day = f"{choices.randint(5, 25):02d}/01/{year}" if registers else ""
            lines.append(
                [
                    f"{codes[area_index]}-{number // len(codes) + 1:04d}",
                    head,
                    "nữ" if female else "nam",
                    f"{prefix} {area_index + 1:02d}",
                    codes[area_index],
                    str(members),
                    "có" if registers else "không",
                    day,
                ]
            )
        yield CommuneFile(commune, f"ho-gia-dinh-{commune.code}-{year}.csv", _csv(HOUSEHOLD_HEADER, lines), count)


def province_households(
    *,
    province_code: str = PROVINCE,
    households: int,
    areas_per_commune: int = 20,
    seed: int = SEED,
    years: range = range(LAST_YEAR, LAST_YEAR + 1),
    actor: Actor = SYSTEM_ACTOR,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Areas and ``households`` households spread over the province's communes, and their
    registrations for each of ``years``, all through the imports. The official units must be loaded."""
    communes = province_communes(province_code, years[-1])
    summary = {
        "communes": len(communes),
        "areas_created": province_areas(
            communes=communes, areas_per_commune=areas_per_commune, actor=actor, progress=progress
        ),
        "households": households,
        "registered": 0,
    }
    for year in years:
        for commune_file in household_files(
            communes=communes, households=households, areas_per_commune=areas_per_commune, year=year, seed=seed
        ):
            result = households_import(
                file_name=commune_file.file_name,
                content=commune_file.content,
                commune=commune_file.commune,
                year=year,
                actor=SYSTEM_ACTOR if actor is None else actor,
                progress=progress,
            )
            summary["registered"] += result["registered"]
    return summary
