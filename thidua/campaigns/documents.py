"""What every document of the campaign shares, whichever app builds it: the titles as decisions
write them, the legal bases in force on a day, the names of places as they were on a day, and the
order officials list people and areas in.

Every name of a place is the one valid on the document's date: a decision of 2012 is issued in
"thị xã Bắc Kạn" even when the town became a thành phố in 2015, and lists "tổ 8A" even when the
area was renamed later. The legal bases depend on the regime in force on the document's date
(``thidua.campaigns.rules.regime_for``) and are kept in tables below, not in the code paths.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from thidua.campaigns.rules import regime_for
from thidua.lib.text import vi_sort_key
from thidua.lib.vietnamese import nfc
from thidua.units.models import KIND_PREFIX, Unit, UnitKind, UnitVersion
from thidua.units.selectors import unit_version_at

GDVH_TITLE = "“Gia đình văn hóa”"
KDC_TITLE = "“Khu dân cư văn hóa”"

# The law on local government in force on a date: (first day, citation).
LOCAL_GOVERNMENT_LAWS: tuple[tuple[datetime.date, str], ...] = (
    (datetime.date(2004, 7, 1), "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003"),
    (datetime.date(2016, 1, 1), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
    (
        datetime.date(2020, 7, 1),
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
        "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
    ),
    (datetime.date(2025, 7, 1), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"),
)

# The acts a recognition rests on, by regime key (``thidua.campaigns.rules.REGIMES``).
REGIME_BASES: dict[str, tuple[str, ...]] = {
    "qd62-2006": (
        "Căn cứ Quyết định số 62/2006/QĐ-BVHTT ngày 23 tháng 6 năm 2006 của Bộ trưởng Bộ Văn hóa - Thông tin "
        "ban hành Quy chế công nhận danh hiệu “Gia đình văn hóa”, “Làng văn hóa”, “Tổ dân phố văn hóa”",
    ),
    "tt12-2011": (
        "Căn cứ Thông tư số 12/2011/TT-BVHTTDL ngày 10 tháng 10 năm 2011 của Bộ Văn hóa, Thể thao và Du lịch "
        "quy định chi tiết về tiêu chuẩn, trình tự, thủ tục, hồ sơ công nhận danh hiệu “Gia đình văn hóa”; "
        "“Thôn văn hóa”, “Làng văn hóa”, “Ấp văn hóa”, “Bản văn hóa”, “Tổ dân phố văn hóa” và tương đương",
    ),
    "nd122-2018": (
        "Căn cứ Nghị định số 122/2018/NĐ-CP ngày 17 tháng 9 năm 2018 của Chính phủ quy định về xét tặng danh "
        "hiệu “Gia đình văn hóa”; “Thôn văn hóa”, “Làng văn hóa”, “Ấp văn hóa”, “Bản văn hóa”, “Tổ dân phố "
        "văn hóa”",
    ),
    "nd86-2023": (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        "Căn cứ Nghị định số 86/2023/NĐ-CP ngày 07 tháng 12 năm 2023 của Chính phủ quy định khung tiêu chuẩn "
        "và trình tự, thủ tục, hồ sơ xét tặng danh hiệu “Gia đình văn hóa”; “Thôn, tổ dân phố văn hóa”; "
        "“Xã, phường, thị trấn tiêu biểu”",
    ),
}

# How a residential area's kind is written in full on a header ("tổ 8A" in text, "TỔ DÂN PHỐ 8A" on top).
AREA_HEADER_PREFIX: dict[str, str] = {UnitKind.TO_DAN_PHO: "tổ dân phố"}

# The Party committee of the issuer's level, informed of every recognition ("b/c").
PARTY_COMMITTEE: dict[str, str] = {
    UnitKind.HUYEN: "Huyện ủy",
    UnitKind.QUAN: "Quận ủy",
    UnitKind.THI_XA: "Thị ủy",
    UnitKind.THANH_PHO: "Thành ủy",
}


@dataclass(frozen=True)
class Place:
    """A unit by what it was on a day: "thị xã Bắc Kạn", and the bare name for the date line."""

    unit: Unit
    name: str
    kind: str
    level: int
    parent: Unit | None

    @property
    def full_name(self) -> str:
        return f"{KIND_PREFIX[self.kind]} {self.name}"

    @property
    def header_name(self) -> str:
        return f"{AREA_HEADER_PREFIX.get(self.kind, KIND_PREFIX[self.kind])} {self.name}"


def place_on(unit: Unit, day: datetime.date) -> Place:
    version: UnitVersion | None = unit_version_at(unit, day)
    if version is None:
        return Place(unit, unit.name, unit.kind, unit.level, unit.parent)
    return Place(unit, version.name, version.kind, version.level, version.parent)


def person_sort_key(name: str) -> tuple[object, ...]:
    """Vietnamese order of people: by the given name (the last word), then the name from the start."""
    words = nfc(name).split()
    return (vi_sort_key(words[-1] if words else ""), vi_sort_key(" ".join(words)))


def area_sort_key(name: str) -> tuple[tuple[int, int, object], ...]:
    """Areas in the order officials list them: "tổ 2" before "tổ 10", letters in Vietnamese order."""
    return tuple(
        (0, int(part), ()) if part.isdigit() else (1, 0, vi_sort_key(part)) for part in re.split(r"(\d+)", name) if part
    )


def legal_bases_on(day: datetime.date) -> tuple[str, ...]:
    """The law on local government and the regime's act in force on ``day``."""
    law = next((text for start, text in reversed(LOCAL_GOVERNMENT_LAWS) if start <= day), LOCAL_GOVERNMENT_LAWS[0][1])
    return (law, *REGIME_BASES[regime_for(day).key])
