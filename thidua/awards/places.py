"""The names of places as a round's documents and lists give them: as they were at the end of the period.

An area nominated for 2009–2013 is "tổ 8A, phường Đức Xuân" whatever it is called after a merge, and
the issuing body is "thị xã Bắc Kạn" though the town is a thành phố since 2015.
"""

from __future__ import annotations

import datetime

from thidua.awards.models import Round
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_ancestors, unit_name_at


def period_day(round: Round) -> datetime.date:
    return datetime.date(round.period_end, 12, 31)


def area_and_commune(unit: Unit | None, day: datetime.date) -> tuple[str, str]:
    """An area and its commune by their names on ``day`` (the end of the round's period)."""
    if unit is None:
        return "", ""
    if unit.level != Level.AREA:
        return "", unit_name_at(unit, day)
    chain = unit_ancestors(unit, as_of=min(day, unit.valid_to or day))
    return unit_name_at(unit, day), unit_name_at(chain[-2], day) if len(chain) >= 2 else ""
