"""The summary report's paragraphs on people and areas, in the words of an official summary:

"… tiêu biểu như: tổ 8A phường Đức Xuân, tổ 13 phường Nguyễn Thị Minh Khai …"; "tổ 13 phường
Nguyễn Thị Minh Khai gắn với phong trào gia đình sức khỏe, an ninh trật tự, an toàn giao thông (…)";
"Chủ tịch Ủy ban nhân dân thị xã Bắc Kạn đã tặng Giấy khen cho 24 khu dân cư và 32 Trưởng ban công
tác Mặt trận (Quyết định số 01/QĐ-UBND ngày 24/01/2014)"; and what was proposed upward. Counts are
written as officials write them ("02 khu dân cư"). Also the editing of the prose before export: the
text an official typed replaces a section's generated paragraphs, an empty one keeps them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from thidua.awards.models import ProposalStatus
from thidua.campaigns.documents import KDC_TITLE
from thidua.documents.model import Annex, Column, GroupHeading, Row, Table
from thidua.lib.vietnamese import count_number, count_phrase, nfc, vi_capitalize
from thidua.reports.honours import Exemplary, Given, Honours, Proposed

SUBJECT_WORDS = {"area": "khu dân cư", "bctmt": "Trưởng ban công tác Mặt trận"}
# How many exemplary areas the prose names before "…", and how many it tells the movements of.
NAMED_AREAS = 6
NAMED_MOVEMENT_AREAS = 8
# An edited section is at most this long (a whole report is a few thousand characters).
MAX_SECTION_CHARS = 20_000

__all__ = [
    "MAX_SECTION_CHARS",
    "NAMED_AREAS",
    "apply_edit",
    "exemplary_paragraph",
    "honours_annex",
    "honours_paragraphs",
    "movements_paragraph",
]


def _lower_first(text: str) -> str:
    """ "Gia đình sức khỏe" → "gia đình sức khỏe" in running text; "MTTQ …" keeps its capitals."""
    text = nfc(text).strip()
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _clause(text: str) -> str:
    return _lower_first(text).rstrip(" .;")


def _where(item: Exemplary) -> str:
    return f"{item.area.full_name}{f' {item.commune.full_name}' if item.commune else ''}"


def _whom(counts: Mapping[str, int]) -> str:
    return " và ".join(count_phrase(n, SUBJECT_WORDS.get(s, s)) for s, n in sorted(counts.items()) if n)


def exemplary_paragraph(exemplary: Sequence[Exemplary], start: int, end: int) -> str:
    """How many areas held the title every year, naming the strongest by the Front's points."""
    span = end - start + 1
    if not exemplary:
        return f"Chưa có khu dân cư nào đạt danh hiệu {KDC_TITLE} liên tục {count_number(span)} năm."
    named = [_where(item) for item in exemplary[:NAMED_AREAS]]
    more = ", …" if len(exemplary) > NAMED_AREAS else ""
    return (
        f"Có {count_phrase(len(exemplary), 'khu dân cư')} đạt danh hiệu {KDC_TITLE} liên tục {count_number(span)} năm "
        f"({start}–{end}), tiêu biểu như: {', '.join(named)}{more} (có danh sách kèm theo)."
    )


def movements_paragraph(exemplary: Sequence[Exemplary]) -> str:
    """Which movements the exemplary areas tied the campaign to and what they did; areas that took up
    the same movements share one clause ("thôn Tổng Nẻng, thôn Nà Bản xã Xuất Hóa … gắn với phong trào
    xây dựng nông thôn mới")."""
    tied = [item for item in exemplary if item.movements][:NAMED_MOVEMENT_AREAS]
    if not tied:
        return ""
    groups: dict[tuple[str, ...], list[Exemplary]] = {}
    for item in tied:
        groups.setdefault(tuple(name for name, _words in item.movements), []).append(item)
    clauses = []
    for movements, items in groups.items():
        where = _join_places(items)
        what = [_clause(w) for item in items for _name, words in item.movements for w in words]
        what = list(dict.fromkeys(w for w in what if w))
        clause = f"{where} gắn với phong trào {', '.join(_lower_first(m) for m in movements)}"
        if what:
            clause += f" ({'; '.join(what)})"
        clauses.append(clause)
    return (
        f"Nhiều khu dân cư đã gắn Cuộc vận động với các phong trào thi đua của địa phương, tiêu biểu như: "
        f"{'; '.join(clauses)}."
    )


def _join_places(items: Sequence[Exemplary]) -> str:
    """ "thôn Tổng Nẻng, thôn Nà Bản xã Xuất Hóa, thôn Khuổi Chang xã Nông Thượng": the commune once
    after the last area of a run in the same commune."""
    parts: list[str] = []
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        same_next = (
            following is not None
            and following.commune is not None
            and item.commune is not None
            and following.commune.unit.pk == item.commune.unit.pk
        )
        parts.append(item.area.full_name if same_next else _where(item))
    return ", ".join(parts)


def _given_sentence(given: Given) -> str:
    return f"{given.giver} đã tặng {given.form} cho {_whom(given.counts)} ({given.citation})"


def _sent_citation(proposed: Proposed) -> str:
    by_day: dict[str, list[str]] = {}
    for sent in proposed.sent:
        number, _sep, day = sent.partition(" ngày ")
        by_day.setdefault(day, []).append(number)
    return "; ".join(f"Tờ trình số {', '.join(numbers)} ngày {day}" for day, numbers in by_day.items())


def _proposed_sentence(proposed: Proposed) -> str:
    text = (
        f"{proposed.proposer} đã đề nghị {proposed.to_body} tặng {proposed.form} cho {_whom(proposed.counts)} "
        f"({_sent_citation(proposed)})"
    )
    if proposed.status == ProposalStatus.DECIDED and proposed.higher_decision:
        day = f" ngày {proposed.higher_decided_on:%d/%m/%Y}" if proposed.higher_decided_on else ""
        got = "" if proposed.awarded == proposed.counts else f" cho {_whom(proposed.awarded) or '0'}"
        return f"{text}, đã được tặng{got} theo Quyết định số {proposed.higher_decision}{day}"
    return f"{text}, đang chờ cấp trên xét duyệt"


def honours_paragraphs(honours: Honours | None, start: int, end: int) -> list[str]:
    """The awards of the period's decisions and the proposals sent upward, one paragraph each."""
    if honours is None or not (honours.given or honours.proposed):
        return []
    paragraphs = []
    if honours.given:
        paragraphs.append(
            f"Tổng kết giai đoạn {start}–{end}, " + "; ".join(_given_sentence(g) for g in honours.given) + "."
        )
    if honours.proposed:
        text = "; ".join(_proposed_sentence(p) for p in honours.proposed) + "."
        paragraphs.append(vi_capitalize(text) if honours.given else f"Tổng kết giai đoạn {start}–{end}, {text}")
    return paragraphs


def honours_annex(honours: Honours | None, start: int, end: int) -> Annex | None:
    """The list of the honoured areas (collectives) and Trưởng ban (individuals) with their award."""
    if honours is None or not honours.recipients:
        return None
    columns = (Column("STT", 0.6, "center"), Column("Tên tập thể, cá nhân", 2.6), Column("Đơn vị", 3.4))
    rows: list[Row] = []
    collectives = [pair for pair in honours.recipients if pair[0].collective]
    individuals = [pair for pair in honours.recipients if not pair[0].collective]
    for heading, group in (("I. TẬP THỂ", collectives), ("II. CÁ NHÂN", individuals)):
        if not group:
            continue
        rows.append(GroupHeading(heading))
        # One heading per award (form and decision) rather than the same words on every row.
        awards = list(dict.fromkeys(award for _recipient, award in group))
        index = 0
        for award in awards:
            rows.append(GroupHeading(award))
            for recipient, _award in (pair for pair in group if pair[1] == award):
                index += 1
                rows.append((str(index), recipient.name, recipient.detail))
    note = f"(Tổng số: {count_phrase(len(collectives), 'tập thể')} và {count_phrase(len(individuals), 'cá nhân')})"
    return Annex(
        f"Danh sách tập thể, cá nhân được khen thưởng giai đoạn {start}–{end}", Table(columns, tuple(rows)), note=note
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def apply_edit(generated: Sequence[str], edited: str | None) -> list[str]:
    """The paragraphs of a section: the official's text, one paragraph a line (blank lines ignored),
    or the generated ones when the edit is empty. Control characters (which DOCX cannot hold) go."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", edited or ""))[:MAX_SECTION_CHARS]
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    return paragraphs or list(generated)
