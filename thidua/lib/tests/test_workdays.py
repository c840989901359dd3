from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from thidua.lib.workdays import (
    add_working_days,
    is_working_day,
    vietnam_holidays,
    working_days_between,
    working_days_from,
)

D = datetime.date
HOLIDAYS_2024 = vietnam_holidays([2024])
NO_HOLIDAYS: frozenset[datetime.date] = frozenset()


def test_vietnam_holidays_include_the_lunar_tet_and_national_day() -> None:
    assert D(2024, 2, 10) in HOLIDAYS_2024  # Mùng một Tết Giáp Thìn
    assert D(2024, 2, 14) in HOLIDAYS_2024
    assert D(2024, 9, 2) in HOLIDAYS_2024
    assert D(2024, 4, 18) in HOLIDAYS_2024  # Giỗ Tổ Hùng Vương, 10/3 lunar
    assert D(2024, 3, 1) not in HOLIDAYS_2024


def test_vietnam_holidays_cover_only_the_years_asked() -> None:
    both = vietnam_holidays([2023, 2024])
    assert D(2023, 1, 1) in both and D(2024, 1, 1) in both
    assert D(2023, 1, 1) not in HOLIDAYS_2024
    assert vietnam_holidays([]) == frozenset()


def test_saturdays_sundays_and_holidays_are_not_working_days() -> None:
    assert is_working_day(D(2024, 3, 1), HOLIDAYS_2024)  # a Friday
    assert not is_working_day(D(2024, 3, 2), HOLIDAYS_2024)  # Saturday
    assert not is_working_day(D(2024, 3, 3), HOLIDAYS_2024)  # Sunday
    assert not is_working_day(D(2024, 9, 2), HOLIDAYS_2024)  # Monday, Quốc khánh
    assert is_working_day(D(2024, 9, 2), NO_HOLIDAYS)


def test_adding_working_days_does_not_count_the_start_day() -> None:
    monday = D(2024, 3, 4)
    assert add_working_days(monday, 0, HOLIDAYS_2024) == monday
    assert add_working_days(monday, 1, HOLIDAYS_2024) == D(2024, 3, 5)
    assert add_working_days(monday, 4, HOLIDAYS_2024) == D(2024, 3, 8)  # Friday


def test_adding_working_days_skips_the_weekend() -> None:
    friday = D(2024, 3, 8)
    assert add_working_days(friday, 1, HOLIDAYS_2024) == D(2024, 3, 11)
    saturday = D(2024, 3, 9)
    assert add_working_days(saturday, 1, HOLIDAYS_2024) == D(2024, 3, 11)


def test_five_working_days_before_tet_end_after_the_tet_break() -> None:
    # Tết 2024: Thursday 8/2 to Wednesday 14/2 are days off; Wednesday 7/2 + 3 working days is 19/2.
    assert add_working_days(D(2024, 2, 7), 1, HOLIDAYS_2024) == D(2024, 2, 15)
    assert add_working_days(D(2024, 2, 7), 3, HOLIDAYS_2024) == D(2024, 2, 19)


def test_ten_working_days_of_consultation_across_national_day() -> None:
    # Friday 23/8/2024 + 10 working days: 26–30/8 (5), 2 and 3/9 are off, 4–6/9 (3), 9–10/9 (2).
    assert add_working_days(D(2024, 8, 23), 10, HOLIDAYS_2024) == D(2024, 9, 10)
    assert add_working_days(D(2024, 8, 23), 10, NO_HOLIDAYS) == D(2024, 9, 6)


def test_negative_counts_go_backwards() -> None:
    assert add_working_days(D(2024, 3, 11), -1, HOLIDAYS_2024) == D(2024, 3, 8)


def test_working_days_between_counts_the_end_but_not_the_start() -> None:
    monday = D(2024, 3, 4)
    assert working_days_between(monday, monday, HOLIDAYS_2024) == 0
    assert working_days_between(monday, D(2024, 3, 5), HOLIDAYS_2024) == 1
    assert working_days_between(monday, D(2024, 3, 10), HOLIDAYS_2024) == 4  # Tue–Fri; Sat, Sun off
    assert working_days_between(D(2024, 3, 10), monday, HOLIDAYS_2024) == 0


def test_working_days_between_subtracts_holidays_on_weekdays_only() -> None:
    assert working_days_between(D(2024, 8, 23), D(2024, 9, 10), HOLIDAYS_2024) == 10
    assert working_days_between(D(2024, 8, 23), D(2024, 9, 10), NO_HOLIDAYS) == 12


def test_working_days_from_fetches_the_holidays_itself_across_new_year() -> None:
    # Tuesday 31/12/2024 + 1: Wednesday 1/1/2025 is Tết Dương lịch, so Thursday 2/1.
    assert working_days_from(D(2024, 12, 31), 1) == D(2025, 1, 2)
    assert working_days_from(D(2024, 8, 23), 10) == D(2024, 9, 10)


@given(
    start=st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)),
    n=st.integers(min_value=0, max_value=400),
)
def test_adding_then_counting_gives_back_n(start: datetime.date, n: int) -> None:
    holidays = vietnam_holidays(range(start.year, start.year + 4))
    end = add_working_days(start, n, holidays)
    assert working_days_between(start, end, holidays) == n
    assert n == 0 or is_working_day(end, holidays)
