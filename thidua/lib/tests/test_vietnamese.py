from __future__ import annotations

import datetime
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.lib.vietnamese import (
    count_number,
    count_phrase,
    date_words,
    document_number,
    document_symbol,
    number_line,
    place_date_line,
    punctuate_list,
    roman,
    short_date,
    vi_capitalize,
    vi_upper,
)

VIETNAMESE_LOWER = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
VIETNAMESE_UPPER = "AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬBCDĐEÈẺẼÉẸÊỀỂỄẾỆGHIÌỈĨÍỊKLMNOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢPQRSTUÙỦŨÚỤƯỪỬỮỨỰVXYỲỶỸÝỴ"


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (datetime.date(2013, 1, 5), "Bắc Kạn, ngày 05 tháng 01 năm 2013"),
        (datetime.date(2013, 2, 28), "Bắc Kạn, ngày 28 tháng 02 năm 2013"),
        (datetime.date(2013, 11, 15), "Bắc Kạn, ngày 15 tháng 11 năm 2013"),
        (datetime.date(2012, 3, 9), "Bắc Kạn, ngày 09 tháng 3 năm 2012"),
        (datetime.date(2012, 12, 28), "Bắc Kạn, ngày 28 tháng 12 năm 2012"),
    ],
)
def test_the_date_line_pads_days_under_ten_and_only_the_months_january_and_february(
    day: datetime.date, line: str
) -> None:
    assert place_date_line("Bắc Kạn", day) == line


def test_the_short_date_is_day_month_year() -> None:
    assert short_date(datetime.date(2013, 1, 5)) == "05/01/2013"


def test_document_numbers_take_a_leading_zero_under_ten_and_join_symbol_groups_with_hyphens() -> None:
    assert number_line(5, "QĐ-UBND") == "Số: 05/QĐ-UBND"
    assert number_line(15, ("QĐ", "BNV")) == "Số: 15/QĐ-BNV"
    assert document_number(12, "ubnd-vx") == "12/UBND-VX"
    assert document_symbol(["TTr", "MTTW", "BTT"]) == "TTr-MTTW-BTT"
    assert document_symbol("ttr-ubnd") == "TTr-UBND"
    assert document_number(105, "QĐ-UBND") == "105/QĐ-UBND"


def test_an_unregistered_document_leaves_the_number_blank_for_the_clerk() -> None:
    line = number_line(None, "QĐ-UBND")
    assert line.startswith("Số: ") and line.endswith("/QĐ-UBND")
    assert not any(ch.isdigit() for ch in line)


def test_bad_numbers_and_symbols_are_refused() -> None:
    with pytest.raises(ValueError):
        document_number(0, "QĐ-UBND")
    with pytest.raises(ValueError):
        document_symbol("QĐ--UBND")
    with pytest.raises(ValueError):
        count_number(-1)


def test_counts_are_written_as_officials_write_them() -> None:
    assert count_phrase(2, "khu dân cư") == "02 khu dân cư"
    assert count_phrase(24, "khu dân cư") == "24 khu dân cư"
    assert count_phrase(32, "Trưởng ban công tác Mặt trận") == "32 Trưởng ban công tác Mặt trận"
    assert count_phrase(1255, "hộ gia đình") == "1.255 hộ gia đình"
    assert count_number(0) == "0"


def test_upper_casing_keeps_every_diacritic() -> None:
    assert vi_upper("ủy ban nhân dân thị xã Bắc Kạn") == "ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN"
    assert vi_upper(VIETNAMESE_LOWER) == VIETNAMESE_UPPER
    # Text typed with combining marks comes out precomposed.
    decomposed = unicodedata.normalize("NFD", "phường Đức Xuân")
    assert vi_upper(decomposed) == "PHƯỜNG ĐỨC XUÂN"
    assert vi_capitalize("ủy ban nhân dân phường Đức Xuân") == "Ủy ban nhân dân phường Đức Xuân"


@given(st.text(alphabet=VIETNAMESE_LOWER + " ", max_size=30))
def test_upper_casing_maps_letter_for_letter(text: str) -> None:
    upper = vi_upper(text)
    assert len(upper) == len(text)
    assert upper.lower() == text


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_every_date_reads_ngay_thang_nam(day: datetime.date) -> None:
    match = re.fullmatch(r"ngày (\d\d) tháng (\d\d?) năm (\d{4})", date_words(day))
    assert match is not None
    assert (int(match[1]), int(match[2]), int(match[3])) == (day.day, day.month, day.year)
    assert len(match[2]) == (2 if day.month <= 2 else len(str(day.month)))


def test_lists_end_with_semicolons_and_a_full_stop_whatever_was_typed() -> None:
    assert punctuate_list(["Căn cứ A;", "Căn cứ B.", "Xét đề nghị C,"]) == ["Căn cứ A;", "Căn cứ B;", "Xét đề nghị C."]
    assert punctuate_list(["Một"]) == ["Một."]
    assert punctuate_list(["", "  "]) == []


def test_roman_numerals_number_the_annexes() -> None:
    assert [roman(n) for n in (1, 2, 4, 9, 14, 40)] == ["I", "II", "IV", "IX", "XIV", "XL"]
