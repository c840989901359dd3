"""Vietnamese text: folding for diacritic-insensitive search, and a collation sort key.

Django-free. The sort key reproduces the order of an ICU collation of Vietnamese (``vi-VN-u-kn-true``) for
names (letters first by the Vietnamese alphabet, where ă, â, đ, ê, ô, ơ, ư are letters of their
own; numbers by their value; then tone marks; then case), so SQLite can register it as a collation of
the same name as the ICU collation ``vi-natural`` that PostgreSQL gets from a migration.
"""

from __future__ import annotations

import unicodedata

# Vietnamese alphabet order; letters not listed (f, j, w, z, digits, punctuation) keep their
# code point order after them, as ICU places them by the root collation.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: make a new letter
# Tone marks as secondary weights, in the order of ICU's Vietnamese tailoring.
_TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


class _WithoutMarks(dict[int, int | None]):
    """A ``str.translate`` table that drops every combining mark (``unicodedata.combining``) and keeps
    every other character, filled as characters are met: a few dozen for Vietnamese text."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic, so "Đức Xuân" and "duc xuan" compare equal.

    ``str.translate`` drops the marks in C: a province's import folds a million names and addresses
    into the households' search text, and a character-by-character generator took a sixth of it."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return decomposed.translate(_WITHOUT_MARKS)


def _split_letters(text: str) -> list[tuple[str, str, bool]]:
    """Return (letter, tone mark, is_upper) for each base letter of ``text``."""
    letters: list[tuple[str, str, bool]] = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        letter_marks = "".join(m for m in marks if m in _BASE_MODIFIERS)
        tone = next((m for m in marks if m in _TONES), "")
        letter = unicodedata.normalize("NFC", base + letter_marks)
        letters.append((letter.lower(), tone, letter != letter.lower()))
    return letters


def _primary(letter: str) -> tuple[int, int]:
    index = _ALPHABET.find(letter) if len(letter) == 1 else -1
    if index >= 0:
        return (2, index * 2)
    if letter.isalpha():
        # Other letters (f, j, w, z …) sort with the Latin letters around their code point.
        before = [i for i, a in enumerate(_ALPHABET) if fold(a) <= fold(letter)]
        return (2, before[-1] * 2 + 1 if before else -1)
    # Spaces and punctuation first, then numbers, then letters, as in ICU.
    return (0, ord(letter))


def vi_sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[bool, ...]]:
    """Letters by the Vietnamese alphabet, then tones, then case; a run of digits counts as one
    number ("tổ 8A" before "tổ 13"), as ICU does with the numeric option (``-u-kn-true``)."""
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[bool] = []
    digits = ""
    for letter, tone, upper in [*_split_letters(text), ("", "", False)]:
        if letter.isdigit() and len(letter) == 1:
            digits += letter
            continue
        if digits:
            primary.append((1, int(digits)))
            tones.append(0)
            cases.append(False)
            digits = ""
        if letter:
            primary.append(_primary(letter))
            tones.append(_TONES[tone])
            cases.append(upper)
    return tuple(primary), tuple(tones), tuple(cases)


def vi_compare(left: str, right: str) -> int:
    a, b = vi_sort_key(left), vi_sort_key(right)
    return (a > b) - (a < b)
