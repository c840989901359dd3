"""Pure rules of the administrative tree: periods, overlaps, cycles. No ORM; tested without a database.

A period is closed at both ends, and None at either end means open (unknown or not yet ended).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    start: datetime.date | None = None
    end: datetime.date | None = None

    def contains_day(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        starts_before_other_ends = self.start is None or other.end is None or self.start <= other.end
        ends_after_other_starts = self.end is None or other.start is None or other.start <= self.end
        return starts_before_other_ends and ends_after_other_starts

    def covers(self, inner: Period) -> bool:
        """True when every day of ``inner`` is a day of this period."""
        starts_ok = self.start is None or (inner.start is not None and self.start <= inner.start)
        ends_ok = self.end is None or (inner.end is not None and inner.end <= self.end)
        return starts_ok and ends_ok

    def __str__(self) -> str:
        start = self.start.strftime("%d/%m/%Y") if self.start else "…"
        end = self.end.strftime("%d/%m/%Y") if self.end else "…"
        return f"{start} – {end}"


def day_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=1)


def first_cycle[K: Hashable](start: K, parent_of: Callable[[K], K | None], limit: int = 64) -> list[K] | None:
    """Follow parents from ``start``; the path back to ``start`` if it comes back, else None."""
    path = [start]
    current = parent_of(start)
    while current is not None and len(path) <= limit:
        if current == start:
            return [*path, start]
        if current in path:
            return None  # a cycle above start, reported when its own members are checked
        path.append(current)
        current = parent_of(current)
    return None


def successor_kind(predecessor_count: int) -> str:
    """How the 2025 reorganisation of one new unit reads: several predecessors merge; one is re-formed."""
    return "merge" if predecessor_count > 1 else "establish"


def area_code(commune_code: str, name: str) -> str:
    """The local code of a residential area: the commune's code and the area's name without
    diacritics or spaces, a leading number padded to two digits ("01840", "8A" → "01840-08A")."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    compact = re.sub(r"[^0-9A-Za-z]", "", plain).upper()
    number = re.match(r"\d+", compact)
    if number and len(number.group()) < 2:
        compact = number.group().zfill(2) + compact[number.end() :]
    return f"{commune_code}-{compact}"[:20]


def default_area_kind(commune_kind: str) -> str:
    """Wards and townships are divided into tổ dân phố, rural communes into thôn."""
    return "thon" if commune_kind == "xa" else "to_dan_pho"
