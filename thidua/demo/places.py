"""The residential areas of thị xã Bắc Kạn in the demo, by commune (codes of the national list before 2025).

The named areas are those of the town's 2009–2013 summary (tổ 8A phường Đức Xuân, tổ 13 phường
Nguyễn Thị Minh Khai, tổ 12 phường Sông Cầu, thôn Tổng Nẻng and Nà Bản of xã Xuất Hóa, thôn Khuổi
Chang of xã Nông Thượng); the other thôn names are plausible Tày place names, not a census.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommuneAreas:
    code: str
    kind: str  # "to_dan_pho" in the wards, "thon" in the communes
    names: tuple[str, ...]


def _numbered(count: int, split: dict[int, str] | None = None) -> tuple[str, ...]:
    """Tổ 1 … tổ N, where a split tổ reads "8A", "8B"."""
    names: list[str] = []
    for number in range(1, count + 1):
        if split and number in split:
            names += [f"{number}{letter}" for letter in split[number]]
        else:
            names.append(str(number))
    return tuple(names)


AREAS = (
    CommuneAreas("01840", "to_dan_pho", _numbered(16, {8: "AB"})),  # phường Đức Xuân
    CommuneAreas("01834", "to_dan_pho", _numbered(19)),  # phường Nguyễn Thị Minh Khai
    CommuneAreas("01837", "to_dan_pho", _numbered(15)),  # phường Sông Cầu
    CommuneAreas("01843", "to_dan_pho", _numbered(17)),  # phường Phùng Chí Kiên
    CommuneAreas(
        "01846",
        "thon",
        (
            "Nà Pài",
            "Bản Cậu",
            "Khuổi Dủm",
            "Nà Dì",
            "Phiêng Luông",
            "Bản Đồn",
            "Nà Cù",
            "Cốc Muông",
            "Nà Rào",
            "Pác Phai",
            "Nặm Cắt",
            "Tân Thành",
        ),
    ),  # xã Huyền Tụng
    CommuneAreas(
        "01855",
        "thon",
        (
            "Tổng Nẻng",
            "Nà Bản",
            "Bản Áng",
            "Nà Chuông",
            "Bản Pẻn",
            "Khuổi Thuổm",
            "Phiêng Mạ",
            "Nà Ỏi",
            "Tân Sơn",
            "Nà Pẻn",
            "Đon Tuấn",
        ),
    ),  # xã Xuất Hóa
    CommuneAreas(
        "01849",
        "thon",
        (
            "Nà Oi",
            "Phặc Tràng",
            "Bản Pá",
            "Nà Bản Dương",
            "Khuổi Cuồng",
            "Nà Choong",
            "Bản Giềng",
            "Cốc Pái",
            "Nà Thác",
            "Dương Sơn",
        ),
    ),  # xã Dương Quang
    CommuneAreas(
        "01852",
        "thon",
        (
            "Khuổi Chang",
            "Nà Rạo",
            "Bản Cạu",
            "Nà Pam",
            "Phiêng My",
            "Bản Vẻn",
            "Khuổi Mật",
            "Nà Lẹng",
            "Cốc Lùng",
            "Nà Tậu",
            "Bản Tạ",
            "Thôm Luông",
        ),
    ),  # xã Nông Thượng
)
