from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.lib.text import fold, vi_compare, vi_sort_key

VIETNAMESE_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
names = st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " 0123456789", min_size=1, max_size=12)
# Numbers with a leading zero ("08" and "8") are equal for ICU and tie-broken by code point: keep the
# property test to names whose digit runs do not start with 0, where the two orders are defined alike.
natural_names = names.filter(
    lambda w: not any(w[i] == "0" and (i == 0 or not w[i - 1].isdigit()) for i in range(len(w)))
)


def test_fold_removes_diacritics_and_case() -> None:
    assert fold("Phường Đức Xuân") == "phuong duc xuan"
    assert fold("Nguyễn Thị Minh Khai") == "nguyen thi minh khai"
    assert fold("ĐĂK LĂK") == "dak lak"


def test_the_vietnamese_alphabet_orders_d_before_dd_and_a_before_breve_and_circumflex() -> None:
    names_in_order = ["An", "Ăn", "Ân", "Dương Quang", "Đôn Phong", "Đức Xuân", "On", "Ôn", "Ơn", "Uy", "Ưu"]
    assert sorted(reversed(names_in_order), key=vi_sort_key) == names_in_order


def test_numbers_sort_by_their_value() -> None:
    assert sorted(["tổ 13", "tổ 8B", "tổ 2", "tổ 8A", "tổ 1"], key=vi_sort_key) == [
        "tổ 1",
        "tổ 2",
        "tổ 8A",
        "tổ 8B",
        "tổ 13",
    ]


def test_tones_break_ties_after_letters() -> None:
    assert sorted(["Bạ", "Bá", "Bã", "Bả", "Bà", "Ba"], key=vi_sort_key) == ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
    # The letters decide before any tone: "Ha" < "Hà" < "Haa".
    assert sorted(["Haa", "Hà", "Ha"], key=vi_sort_key) == ["Ha", "Hà", "Haa"]


@given(names)
def test_fold_is_idempotent_and_ascii(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(text).isascii()


@given(st.text())
def test_fold_drops_exactly_the_combining_marks_of_any_text(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    assert fold(text) == "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@given(names, names)
def test_compare_is_antisymmetric(left: str, right: str) -> None:
    assert vi_compare(left, right) == -vi_compare(right, left)


@pytest.mark.postgres
@pytest.mark.django_db
@settings(max_examples=30, deadline=None)
@given(st.lists(natural_names, min_size=2, max_size=25, unique=True))
def test_the_sort_key_agrees_with_postgresql_icu_collation(words: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute('SELECT w FROM unnest(%s::text[]) AS w ORDER BY w COLLATE "vi-natural", w', [words])
        icu_order = [row[0] for row in cursor.fetchall()]
    assert sorted(words, key=lambda w: (vi_sort_key(w), w)) == icu_order
