"""Vietnamese names for generated people: Tày and Nùng family names common in Bắc Kạn, and Kinh ones."""

from __future__ import annotations

import random

FAMILY_NAMES = (
    ["Hoàng"] * 9
    + ["Nông"] * 7
    + ["Lý"] * 4
    + ["Ma"] * 4
    + ["Triệu"] * 4
    + ["Lường"] * 2
    + ["Hà"] * 3
    + ["Lục"] * 2
    + ["Đinh"] * 2
    + ["Bế"] * 2
    + ["Chu"] * 2
    + ["Dương"] * 2
    + ["Lăng", "Hứa", "Mã", "Vi", "La"]
    + ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Lê"] * 2
    + ["Phạm"] * 2
    + ["Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"]
)
MALE_MIDDLE = ["Văn"] * 6 + ["Đức", "Minh", "Quang", "Thanh", "Hữu", "Xuân"]
FEMALE_MIDDLE = ["Thị"] * 8 + ["Thu", "Thanh", "Minh", "Hồng"]
MALE_GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Chiến",
    "Dũng",
    "Định",
    "Giang",
    "Hải",
    "Hùng",
    "Huy",
    "Khánh",
    "Kiên",
    "Lâm",
    "Long",
    "Lợi",
    "Mạnh",
    "Nam",
    "Nghĩa",
    "Phúc",
    "Quyết",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Thuận",
    "Toàn",
    "Trung",
    "Tuấn",
    "Tùng",
    "Vinh",
    "Páo",
    "Sình",
    "Chỉnh",
    "Slam",
    "Thụ",
)
FEMALE_GIVEN = (
    "Anh",
    "Bích",
    "Chi",
    "Dung",
    "Duyên",
    "Hà",
    "Hạnh",
    "Hiền",
    "Hoa",
    "Hồng",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Loan",
    "Mai",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Thơm",
    "Thu",
    "Thúy",
    "Trang",
    "Vân",
    "Xuân",
    "Yến",
    "Pạc",
    "Slảy",
)


def person_name(rng: random.Random, *, female: bool) -> str:
    middle = rng.choice(FEMALE_MIDDLE if female else MALE_MIDDLE)
    given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    return f"{rng.choice(FAMILY_NAMES)} {middle} {given}"
