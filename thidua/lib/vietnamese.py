"""How Vietnamese administrative documents write dates, numbers, counts and capitals.

Django-free. The rules are those of Nghị định 30/2020/NĐ-CP, Phụ lục I: a day under 10 and the
months 1 and 2 take a leading zero ("ngày 05 tháng 01 năm 2013", but "ngày 15 tháng 11"); a document
number under 10 takes a leading zero ("Số: 05/QĐ-UBND"); symbol groups are joined by "-" without
spaces. Officials write counts the same way ("02 khu dân cư").
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable

# A number still to be registered: the clerk writes it in by hand after signature.
UNNUMBERED = "\u00a0" * 6


def nfc(text: str) -> str:
    """Precomposed Unicode (TCVN 6909:2001 expects it), whatever the input was typed with."""
    return unicodedata.normalize("NFC", text)


def vi_upper(text: str) -> str:
    """Upper-case keeping every diacritic: "ủy ban nhân dân thị xã Bắc Kạn" → "ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN".

    Normalising first matters: text typed with combining marks (NFD) would otherwise keep the marks
    as separate characters, which some fonts draw detached from their capital letter.
    """
    return nfc(nfc(text).upper())


def vi_capitalize(text: str) -> str:
    """Upper-case the first letter only, leaving proper names inside untouched."""
    text = nfc(text)
    return text[:1].upper() + text[1:]


def two_digits(value: int) -> str:
    """A number with the leading zero officials write under 10: 5 → "05", 12 → "12"."""
    if value < 0:
        raise ValueError("A count or a document number cannot be negative.")
    return f"{value:02d}" if value < 10 else str(value)


def date_words(day: datetime.date) -> str:
    """The date as documents write it, "ngày 05 tháng 01 năm 2013": zero-padded day under 10 and months 1 and 2 only."""
    month = two_digits(day.month) if day.month <= 2 else str(day.month)
    return f"ngày {two_digits(day.day)} tháng {month} năm {day.year}"


def place_date_line(place: str, day: datetime.date) -> str:
    """The place-and-date line, "Bắc Kạn, ngày 05 tháng 01 năm 2013"."""
    return f"{nfc(place).strip()}, {date_words(day)}"


def short_date(day: datetime.date) -> str:
    """The short date "05/01/2013", as decisions are cited in running text and on certificates."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# Abbreviations of document types that NĐ 30/2020 (Phụ lục III) does not write in capitals.
MIXED_CASE_TYPES = {"TTR": "TTr"}


def document_symbol(symbol: str | Iterable[str]) -> str:
    """The symbol groups joined by "-" in capitals without spaces: ("qđ", "UBND") → "QĐ-UBND"; the type
    "Tờ trình" keeps its own spelling: "TTr-UBND"."""
    groups = symbol.split("-") if isinstance(symbol, str) else list(symbol)
    cleaned = [vi_upper(group).replace(" ", "") for group in groups]
    if cleaned:
        cleaned[0] = MIXED_CASE_TYPES.get(cleaned[0], cleaned[0])
    if not all(cleaned):
        raise ValueError(f"A document symbol has an empty group: {symbol!r}.")
    return "-".join(cleaned)


def document_number(number: int | None, symbol: str | Iterable[str]) -> str:
    """The number and symbol, "05/QĐ-UBND"; unregistered, a blank for the clerk: "      /QĐ-UBND"."""
    if number is not None and number < 1:
        raise ValueError("Document numbers start at 1 each year.")
    head = UNNUMBERED if number is None else two_digits(number)
    return f"{head}/{document_symbol(symbol)}"


def number_line(number: int | None, symbol: str | Iterable[str]) -> str:
    """The number line of the header, "Số: 05/QĐ-UBND"."""
    return f"Số: {document_number(number, symbol)}"


def count_number(value: int) -> str:
    """A count as officials write it: "02", "24", "1.255" (dots group thousands in Vietnamese)."""
    if value < 0:
        raise ValueError("A count cannot be negative.")
    if value == 0:
        return "0"
    return two_digits(value) if value < 1000 else f"{value:,}".replace(",", ".")


def count_phrase(value: int, noun: str) -> str:
    """A count and its noun: "02 khu dân cư", "24 khu dân cư", "32 Trưởng ban công tác Mặt trận"."""
    return f"{count_number(value)} {nfc(noun).strip()}"


def roman(value: int) -> str:
    """Roman numerals for annexes ("Phụ lục II") and the sections of an annexed list."""
    if not 0 < value < 4000:
        raise ValueError("Roman numerals run from 1 to 3999.")
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    result = []
    for amount, letters in numerals:
        count, value = divmod(value, amount)
        result.append(letters * count)
    return "".join(result)


def punctuate_list(items: Iterable[str], *, separator: str = ";", last: str = ".") -> list[str]:
    """End each item with ``separator`` and the last with ``last``, replacing what the author typed.

    Legal bases end ";" and the last "."; so do the entries of "Nơi nhận:".
    """
    cleaned = [nfc(item).strip().rstrip(";.,:").rstrip() for item in items]
    cleaned = [item for item in cleaned if item]
    return [item + (last if index == len(cleaned) - 1 else separator) for index, item in enumerate(cleaned)]
