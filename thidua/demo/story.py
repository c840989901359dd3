"""The story of thị xã Bắc Kạn, 2009–2013, generated with a fixed seed and run through the real services.

The inputs are generated (areas, households, who registers, the meetings' attendance and votes, the
heads of the Front working committees); the outcomes are not: the rules of each meeting's date
propose the families, and the decisions follow the proposals. Running it again changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.demo import story_areas
from thidua.demo.names import person_name
from thidua.demo.places import AREAS, CommuneAreas
from thidua.evaluations.imports.services import households_import
from thidua.evaluations.models import AreaYear, Dossier, DossierKind, DossierStatus, HouseholdYear, MeetingKind
from thidua.evaluations.services import Vote, decision_record, dossier_transition, households_evaluate, meeting_record
from thidua.lib.progress import Progress
from thidua.people.models import Gender, Person, PositionKind
from thidua.people.services import position_assign
from thidua.units.imports import areas_import
from thidua.units.models import KIND_PREFIX, Level, Unit

SEED = 2013
YEARS = range(2009, 2014)
# Households per area: the wards' tổ are larger than the communes' thôn.
HOUSEHOLDS_PER_AREA = {"to_dan_pho": (80, 115), "thon": (60, 90)}


@dataclass(frozen=True)
class DemoHousehold:
    code: str
    head: str
    female: bool
    area_code: str
    address: str
    members: int


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _communes() -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.filter(source_key__in=[f"vn-2024:{a.code}" for a in AREAS])}


def _areas(actor: Any, groups: tuple[CommuneAreas, ...]) -> dict[str, Unit]:
    """The town's residential areas, imported per commune as an official would (idempotent)."""
    communes = _communes()
    for group in groups:
        rows = [[f"{group.code}-{_slug(name)}", name, group.kind, group.code, "", "", ""] for name in group.names]
        areas_import(
            file_name=f"khu-dan-cu-{group.code}.csv",
            content=_csv(["Code", "Name", "Kind", "Commune code", "Valid from", "Valid to", "Legal basis"], rows),
            commune=communes[group.code],
            actor=actor,
        )
    codes = [f"{g.code}-{_slug(n)}" for g in groups for n in g.names]
    return {u.code: u for u in Unit.objects.filter(code__in=codes, level=Level.AREA)}


def _slug(name: str) -> str:
    """The local part of an area's code: "8A" → "08A", "Tổng Nẻng" → "TONGNENG"."""
    from thidua.lib.text import fold

    if name[0].isdigit():
        digits = "".join(ch for ch in name if ch.isdigit())
        return digits.zfill(2) + name[len(digits) :]
    return fold(name).replace(" ", "").upper()[:12]


def _households(
    rng: random.Random, areas: dict[str, Unit], groups: tuple[CommuneAreas, ...]
) -> dict[str, list[DemoHousehold]]:
    by_commune: dict[str, list[DemoHousehold]] = {}
    for group in groups:
        for name in group.names:
            area_code = f"{group.code}-{_slug(name)}"
            area = areas[area_code]
            low, high = HOUSEHOLDS_PER_AREA[group.kind]
            for number in range(1, rng.randint(low, high) + 1):
                female = rng.random() < 0.22
                by_commune.setdefault(group.code, []).append(
                    DemoHousehold(
                        code=f"{area_code}-{number:03d}",
                        head=person_name(rng, female=female),
                        female=female,
                        area_code=area_code,
                        address=f"{KIND_PREFIX[area.kind]} {area.name}",
                        members=rng.randint(2, 7),
                    )
                )
    return by_commune


def _register(rng: random.Random, households: dict[str, list[DemoHousehold]], year: int, actor: Any) -> None:
    communes = _communes()
    header = [
        "Household code",
        "Head of household",
        "Gender of the head",
        "Address",
        "Area code",
        "Number of members",
        "Registers",
        "Registration date",
    ]
    for commune_code, rows in households.items():
        lines = []
        for h in rows:
            registers = rng.random() < 0.94
            day = f"{rng.randint(5, 25):02d}/01/{year}" if registers else ""
            gender = "nữ" if h.female else "nam"
            lines.append(
                [h.code, h.head, gender, h.address, h.area_code, str(h.members), "có" if registers else "không", day]
            )
        households_import(
            file_name=f"ho-gia-dinh-{commune_code}-{year}.csv",
            content=_csv(header, lines),
            commune=communes[commune_code],
            year=year,
            actor=actor,
        )


def _review(rng: random.Random, area: Unit, year: int, actor: Any) -> None:
    """The area's evaluation meeting, the rules' proposal, and the dossier up to the commune."""
    lines = list(HouseholdYear.objects.filter(area=area, year=year, registered_on__isnull=False))
    convened = HouseholdYear.objects.filter(area=area, year=year).count() + rng.randint(4, 9)
    present = int(convened * rng.uniform(0.62, 0.92))
    votes = {}
    for line in lines:
        # Most families are well regarded; a few fall short of the meeting's approval.
        share = rng.uniform(0.35, 0.58) if rng.random() < 0.07 else rng.uniform(0.66, 1.0)
        votes[line.pk] = Vote(votes_for=min(present, round(present * share)))
    held_on = datetime.date(year, 11, rng.randint(10, 22))
    meeting = meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=area,
        year=year,
        held_on=held_on,
        convened=convened,
        present=present,
        chair=person_name(rng, female=False),
        front_head=_front_head(area, held_on),
        votes=votes,
        actor=actor,
    )
    households_evaluate(area=meeting.unit, year=meeting.year, actor=actor)
    dossier = Dossier.objects.get(kind=DossierKind.GDVH, unit=area, year=year)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=actor)
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=actor)


def _front_head(area: Unit, day: datetime.date) -> str:
    from thidua.people.selectors import position_holder

    holder = position_holder(area, PositionKind.TRUONG_BAN_BCTMT, day)
    return holder.person.full_name if holder else ""


def _decide(commune: Unit, areas: list[Unit], year: int, number: int, actor: Any) -> None:
    """The commune chairman's decision: the proposed families of each area become cultural families."""
    for area in areas:
        dossier = Dossier.objects.get(kind=DossierKind.GDVH, unit=area, year=year)
        proposed = HouseholdYear.objects.filter(area=area, year=year, proposed=True).values_list("pk", flat=True)
        decision_record(
            dossier=dossier,
            number=number,
            symbol="QĐ-UBND",
            issued_on=datetime.date(year, 12, 10),
            issuer=commune,
            signer_title="CHỦ TỊCH",
            signer_name=chairman(commune),
            titled_ids=list(proposed),
            actor=actor,
        )
        dossier_transition(dossier=dossier, to=DossierStatus.LOCKED, actor=actor)
        number += 1


def chairman(commune: Unit) -> str:
    """The commune chairman who signs its decisions in the story: a name of the commune's own draw,
    so that the households' draws stay as they were."""
    return person_name(random.Random(f"chairman-{commune.code}"), female=False)


def _front_heads(rng: random.Random, areas: dict[str, Unit], actor: Any) -> None:
    """A Trưởng ban công tác Mặt trận for every area; about a third change in 2011 (a new term)."""
    for area in sorted(areas.values(), key=lambda u: u.code):
        female = rng.random() < 0.3
        first = Person.objects.create(
            full_name=person_name(rng, female=female), gender=Gender.FEMALE if female else Gender.MALE
        )
        position_assign(
            person=first,
            kind=PositionKind.TRUONG_BAN_BCTMT,
            unit=area,
            term_from=datetime.date(2009, 1, 1),
            actor=actor,
        )
        if rng.random() < 0.35:
            female = rng.random() < 0.3
            second = Person.objects.create(
                full_name=person_name(rng, female=female), gender=Gender.FEMALE if female else Gender.MALE
            )
            position_assign(
                person=second,
                kind=PositionKind.TRUONG_BAN_BCTMT,
                unit=area,
                term_from=datetime.date(2011, rng.randint(3, 9), 1),
                actor=actor,
            )


def demo_story(
    *,
    actor: Any,
    progress: Progress | None = None,
    communes: tuple[str, ...] | None = None,
    years: range = YEARS,
) -> dict[str, int]:
    """Build the story once, in one transaction; a second run finds it and does nothing.

    ``communes`` (codes) and ``years`` narrow it, for the tests; the demo runs the whole town.
    """
    progress = progress or Progress()
    if HouseholdYear.objects.filter(year=years[-1], decision__isnull=False).exists():
        return {"story_years": 0}
    groups = tuple(g for g in AREAS if communes is None or g.code in communes)
    with transaction.atomic():
        return _story(actor, progress, groups, years)


def _story(actor: Any, progress: Progress, groups: tuple[CommuneAreas, ...], years: range) -> dict[str, int]:
    rng = random.Random(SEED)
    areas = _areas(actor, groups)
    households = _households(rng, areas, groups)
    _front_heads(rng, areas, actor)
    communes = _communes()
    standing = story_areas.standings(list(areas.values()))
    if groups:
        story_areas.provincial_parameters(communes[groups[0].code], actor)
    steps = len(years) * (len(areas) + len(groups))
    progress.start(steps, _("The story of thị xã Bắc Kạn 2009–2013"))
    for year in years:
        town_number = 1
        _register(rng, households, year, actor)
        for area in sorted(areas.values(), key=lambda u: u.code):
            _review(rng, area, year, actor)
            progress.advance(1, _("%(year)s: %(area)s"), year=year, area=area.full_name)
        for group in groups:
            commune_areas = sorted(
                (a for a in areas.values() if a.code.startswith(group.code + "-")), key=lambda u: u.code
            )
            _decide(communes[group.code], commune_areas, year, 1, actor)
            town_number = story_areas.area_year(
                commune=communes[group.code],
                areas=commune_areas,
                year=year,
                standing=standing,
                number=town_number,
                actor=actor,
            )
            progress.advance(1)
    progress.finish()
    return {
        "story_years": len(years),
        "areas": len(areas),
        "households": sum(len(rows) for rows in households.values()),
        "cultural_families": HouseholdYear.objects.filter(titled=True).count(),
        "cultural_areas": AreaYear.objects.filter(titled=True).count(),
    }
