"""The tree and a unit's history as plain text, for ``thidua units tree`` and ``thidua units show``."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.errors import DomainError
from thidua.units.models import Unit
from thidua.units.selectors import (
    TimelineEntry,
    TreeNode,
    unit_address_at,
    unit_by_code,
    unit_predecessors,
    unit_successors,
    unit_timeline,
    unit_version_at,
)

INDENT = "  "


def parse_day(text: str) -> datetime.date:
    """A date as officials write it (31/12/2013) or in ISO form (2013-12-31)."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(gettext("%(text)s is not a date (dd/mm/yyyy or yyyy-mm-dd).") % {"text": repr(text)})


def find_unit(code: str, as_of: datetime.date | None) -> Unit:
    """The unit a code names on ``as_of`` (a code is reused by successors), else its latest holder."""
    unit = unit_by_code(code, as_of)
    if unit is None:
        raise DomainError(_("No unit has the code %(code)s."), code=code)
    return unit


def _day(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


def _ref(unit: Unit, name: str = "") -> str:
    period = f", {_day(unit.valid_from)} – {_day(unit.valid_to)}" if unit.valid_from or unit.valid_to else ""
    return f"{name or unit.full_name} ({unit.code}{period})"


def tree_lines(nodes: list[TreeNode], depth: int = 0) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        lines.append(f"{INDENT * depth}{node.full_name} ({node.unit.code})")
        lines += tree_lines(node.children, depth + 1)
    return lines


def _entry_lines(entry: TimelineEntry) -> list[str]:
    if entry.version is not None:
        version = entry.version
        under = f" — {entry.parent_name} ({version.parent.code})" if version.parent else ""
        return [f"{_day(version.valid_from)} – {_day(version.valid_to)}  {version.full_name}{under}"]
    assert entry.event is not None
    event = entry.event
    lines = [f"{_day(event.date)}  [{event.get_kind_display()}] {event.legal_basis}".rstrip()]
    if event.note:
        lines.append(f"{INDENT * 3}{event.note}")
    if not entry.continues:
        before = " + ".join(
            _ref(u.unit, u.name) + (f" ({gettext('part')})" if u.partial else "") for u in entry.predecessors
        )
        after = " + ".join(_ref(u.unit, u.name) for u in entry.successors)
        lines.append(f"{INDENT * 3}{before or '—'} → {after or '—'}")
    return lines


def show_lines(unit: Unit, as_of: datetime.date) -> list[str]:
    """The unit's timeline, its address on ``as_of``, and what it became and came from."""
    version = unit_version_at(unit, as_of)
    lines = [_ref(unit), ""]
    if version is not None:
        lines.append(
            gettext("Address on %(date)s: %(address)s") % {"date": _day(as_of), "address": unit_address_at(unit, as_of)}
        )
    else:
        lines.append(gettext("Did not exist on %(date)s") % {"date": _day(as_of)})
    lines += ["", gettext("Timeline:")]
    for entry in unit_timeline(unit):
        lines += [INDENT + line for line in _entry_lines(entry)]
    lineage = (
        (gettext("Successors:"), unit_successors(unit)),
        (gettext("Predecessors:"), unit_predecessors(unit)),
    )
    for title, units in lineage:
        lines += ["", title, *([INDENT + _ref(u) for u in units] or [INDENT + "—"])]
    return lines
