"""Working days in Vietnam: Saturdays, Sundays and public holidays excluded.

Django-free. Deadlines "within N working days" (NĐ 122/2018: the council within 5 working days, the
decision within 3) and the public consultation of at least 10 working days are counted here. Public
holidays come from the ``holidays`` package (``holidays.VN``), which includes the lunar Tết days and the
official days off in lieu.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable

import holidays as holidays_lib

__all__ = [
    "add_working_days",
    "is_working_day",
    "vietnam_holidays",
    "working_days_between",
    "working_days_from",
]

_SATURDAY = 5


def vietnam_holidays(years: Iterable[int]) -> frozenset[datetime.date]:
    """Return the public holidays of Vietnam (Tết included) falling in ``years``."""
    wanted = sorted(set(years))
    if not wanted:
        return frozenset()
    return frozenset(holidays_lib.country_holidays("VN", years=wanted).keys())


def is_working_day(day: datetime.date, holidays: Collection[datetime.date]) -> bool:
    """Whether ``day`` is a working day: not a Saturday, not a Sunday, not in ``holidays``."""
    return day.weekday() < _SATURDAY and day not in holidays


def add_working_days(start: datetime.date, n: int, holidays: Collection[datetime.date]) -> datetime.date:
    """Return the ``n``-th working day after ``start`` (``start`` itself is not counted).

    ``n == 0`` returns ``start`` unchanged; a negative ``n`` counts backwards (the ``-n``-th working day
    before ``start``).
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, holidays: Collection[datetime.date]) -> int:
    """Count the working days in the half-open interval (``start``, ``end``]; 0 when ``end <= start``."""
    if end <= start:
        return 0
    total_days = (end - start).days
    full_weeks, rest = divmod(total_days, 7)
    count = full_weeks * 5
    day = start + datetime.timedelta(days=full_weeks * 7)
    for _ in range(rest):
        day += datetime.timedelta(days=1)
        if day.weekday() < _SATURDAY:
            count += 1
    # Holidays that fall on a weekday inside the interval are subtracted once each.
    count -= sum(1 for h in set(holidays) if start < h <= end and h.weekday() < _SATURDAY)
    return count


def working_days_from(start: datetime.date, n: int) -> datetime.date:
    """Return the ``n``-th working day after ``start`` with Vietnam's public holidays.

    The holidays of the years the count can reach are fetched here: each year has at most about 20
    holidays, so ``n`` working days never span more than ``n // 200 + 2`` calendar years.
    """
    span = abs(n) // 200 + 2
    years = range(start.year - span, start.year + span + 1) if n < 0 else range(start.year, start.year + span + 1)
    return add_working_days(start, n, vietnam_holidays(years))
