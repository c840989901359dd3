"""The names of places as a round's pages, lists and documents give them: as they were at the end of the period.

An area nominated for 2009–2013 is "tổ 8A, phường Đức Xuân" whatever it is called after a merge, and
the issuing body is "thị xã Bắc Kạn" though the town is a thành phố since 2015. ``UnitNames`` reads
the names of many units on many days in a fixed handful of queries, for the histories and the board.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q

from thidua.awards.models import Nomination, Round
from thidua.lib.vietnamese import vi_capitalize
from thidua.units.models import Level, Unit, UnitVersion
from thidua.units.selectors import unit_ancestors, unit_name_at


def period_day(round: Round) -> datetime.date:
    """The last day of the round's period: the day whose names the round's lists use."""
    return datetime.date(round.period_end, 12, 31)


def issuer_name(round: Round) -> str:
    """The issuing unit with its name at the end of the period ("thị xã Bắc Kạn" for 2009–2013)."""
    return unit_name_at(round.issuer, period_day(round))


def commune_in(area: Unit, round: Round) -> Unit | None:
    """The commune ``area`` belonged to at the end of the period."""
    chain = unit_ancestors(area, as_of=period_day(round))
    return next((unit for unit in reversed(chain) if unit.level == Level.COMMUNE), None)


def area_and_commune(unit: Unit | None, day: datetime.date) -> tuple[str, str]:
    """An area and its commune by their names on ``day`` (the end of the round's period)."""
    if unit is None:
        return "", ""
    if unit.level != Level.AREA:
        return "", unit_name_at(unit, day)
    chain = unit_ancestors(unit, as_of=min(day, unit.valid_to or day))
    return unit_name_at(unit, day), unit_name_at(chain[-2], day) if len(chain) >= 2 else ""


def where_on(unit: Unit, day: datetime.date) -> str:
    """ "tổ 8A, phường Đức Xuân": an area with its commune, by their names on ``day``; a commune alone."""
    if unit.level == Level.AREA:
        # The tree of that day: an area of 2013 sits in the ward of 2013, not in the one it moved to.
        chain = unit_ancestors(unit, as_of=min(day, unit.valid_to or day))
        if len(chain) >= 2:
            return f"{unit_name_at(unit, day)}, {unit_name_at(chain[-2], day)}"
    return unit_name_at(unit, day)


def nominee_name(nomination: Nomination) -> str:
    """ "Tổ 8A, phường Đức Xuân" or "Hoàng Văn Thụ, tổ 8A, phường Đức Xuân", named as at the end of the
    round's period, as the decision names them."""
    day = period_day(nomination.round)
    if nomination.person is not None:
        where = f", {where_on(nomination.person_area, day)}" if nomination.person_area else ""
        return f"{nomination.person.full_name}{where}"
    return vi_capitalize(where_on(nomination.area, day)) if nomination.area else ""


def subject_name(nomination: Nomination) -> str:
    """The nominee by its name of today, as the officers' lists and refusals give it."""
    return nomination.area.full_name if nomination.area else str(nomination.person)


def _version_on(versions: list[UnitVersion], day: datetime.date) -> UnitVersion | None:
    """The version valid on ``day``; else the last one begun before it; else the first one."""
    if not versions:
        return None
    for version in versions:
        if version.is_valid_on(day):
            return version
    before = [v for v in versions if v.valid_from is None or v.valid_from <= day]
    return before[-1] if before else versions[0]


class UnitNames:
    """The names of units on given days, and their parents (the commune of an area), in few queries.

    Name the units with ``want`` before reading: each read loads the versions of every unit wanted
    and not loaded yet, with those of their parents, in one query (two with the units that have no
    version), so a loop that wants its units first costs one round trip, not one per line.
    """

    def __init__(self) -> None:
        self._wanted: set[int] = set()
        self._versions: dict[int, list[UnitVersion]] = defaultdict(list)
        self._loaded: set[int] = set()
        self._units: dict[int, Unit] = {}

    def want(self, *unit_ids: int | None) -> None:
        self._wanted.update(i for i in unit_ids if i is not None)

    def _load(self, unit_id: int) -> list[UnitVersion]:
        self._wanted.add(unit_id)
        missing = self._wanted - self._loaded
        if missing:
            parents = UnitVersion.objects.filter(unit_id__in=missing, parent__isnull=False).values("parent_id")
            rows = UnitVersion.objects.filter(Q(unit_id__in=missing) | Q(unit_id__in=parents))
            fetched: set[int] = set()
            for row in rows:
                if row.unit_id not in self._loaded:
                    self._versions[row.unit_id].append(row)
                    fetched.add(row.unit_id)
            for fetched_id in fetched:
                self._versions[fetched_id].sort(key=lambda v: (v.valid_from or datetime.date.min, v.pk))
            self._loaded |= missing | fetched
            bare = missing - set(self._versions)
            if bare:
                self._units.update(Unit.objects.in_bulk(list(bare)))
        return self._versions.get(unit_id, [])

    def name(self, unit_id: int | None, day: datetime.date) -> str:
        """The full name on ``day`` ("tổ 8A", "phường Đức Xuân", "thị xã Bắc Kạn")."""
        if unit_id is None:
            return ""
        version = _version_on(self._load(unit_id), day)
        if version is not None:
            return version.full_name
        unit = self._units.get(unit_id)
        return unit.full_name if unit else ""

    def parent(self, unit_id: int | None, day: datetime.date) -> int | None:
        if unit_id is None:
            return None
        version = _version_on(self._load(unit_id), day)
        return version.parent_id if version is not None else None

    def last_day(self, unit_id: int) -> datetime.date:
        """The unit's last day (today while it exists)."""
        versions = self._load(unit_id)
        today = datetime.date.today()
        end = versions[-1].valid_to if versions else None
        return end if end is not None and end < today else today
