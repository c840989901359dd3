"""Finding the unit of a report by its code (or id), as of the period's last day."""

from __future__ import annotations

import datetime

from thidua.units.models import Unit
from thidua.units.selectors import unit_by_code


def unit_for_report(reference: str, end: int) -> Unit | None:
    """The unit a code names on 31/12 of ``end`` ("01840" was phường Đức Xuân before and after the
    2025 merge), else the unit of that id."""
    reference = reference.strip()
    if not reference:
        return None
    unit = unit_by_code(reference, as_of=datetime.date(end, 12, 31))
    if unit is None and reference.isdigit():
        unit = Unit.objects.filter(pk=int(reference)).first()
    return unit
