"""Sample documents of the demo story (thị xã Bắc Kạn, the campaign year 2012), as plain data.

They show the renderers' output before decisions exist in the database: the CLI's
``thidua documents sample``, the benchmark and the tests render them. The people are fictitious;
their names are the Tày, Nùng and Kinh names of the province.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools

from thidua.documents.model import (
    AdministrativeDocument,
    Annex,
    Article,
    Certificate,
    Column,
    GroupHeading,
    Row,
    Signature,
    Table,
)
from thidua.lib.vietnamese import count_phrase, roman

CAMPAIGN = "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư"

SURNAMES = ("Hoàng", "Nông", "Lý", "Ma", "Triệu", "Lường", "Hà", "Lục", "Đinh", "Nguyễn", "Bế", "Dương")
MIDDLE = ("Văn", "Thị", "Đức", "Thị Thu", "Văn", "Thị Hồng", "Quang", "Thị")
GIVEN = (
    "Thụ",
    "Lan",
    "Minh",
    "Hoa",
    "Cường",
    "Sơn",
    "Nguyệt",
    "Khởi",
    "Huyền",
    "Tiến",
    "Dũng",
    "Thắm",
    "Quý",
    "Hằng",
    "Lợi",
    "Phượng",
    "Chiến",
    "Ngọc",
    "Kiên",
    "Ước",
)
# The family names' usual people in the province, for the sample list only.
ETHNICITY = {
    "Hoàng": "Tày",
    "Nông": "Tày",
    "Lý": "Nùng",
    "Ma": "Tày",
    "Triệu": "Dao",
    "Lường": "Tày",
    "Hà": "Tày",
    "Lục": "Nùng",
    "Đinh": "Tày",
    "Nguyễn": "Kinh",
    "Bế": "Tày",
    "Dương": "Kinh",
}
AREAS_DUC_XUAN = ("Tổ 1A", "Tổ 2", "Tổ 4", "Tổ 7", "Tổ 8A", "Tổ 10")


def household_heads(count: int) -> list[str]:
    """Fictitious, varied, deterministic names: "Hoàng Văn Thụ", "Nông Thị Lan", …"""
    names = []
    for index in range(count):
        surname = SURNAMES[index % len(SURNAMES)]
        middle = MIDDLE[(index * 3) % len(MIDDLE)]
        given = GIVEN[(index * 7) % len(GIVEN)]
        names.append(f"{surname} {middle} {given}")
    return names


def gdvh_decision(households: int = 40) -> AdministrativeDocument:
    """Quyết định công nhận danh hiệu "Gia đình văn hóa" năm 2012 of phường Đức Xuân.

    Under Thông tư 12/2011/TT-BVHTTDL the chairman of the commune-level People's Committee
    recognises the families; the place on the header is the ward's own name (NĐ 30/2020).
    """
    heads = household_heads(households)
    per_area = -(-households // len(AREAS_DUC_XUAN))
    rows: list[Row] = []
    counter = itertools.count(1)
    for area_index, area in enumerate(AREAS_DUC_XUAN):
        chunk = heads[area_index * per_area : (area_index + 1) * per_area]
        if not chunk:
            break
        rows.append(GroupHeading(f"{roman(area_index + 1)}. {area.upper()}, PHƯỜNG ĐỨC XUÂN"))
        for name, number in zip(chunk, counter, strict=False):
            rows.append((str(number), name, ETHNICITY[name.split()[0]], ""))
    table = Table(
        (
            Column("STT", 0.6, "center"),
            Column("Họ và tên chủ hộ", 3.2),
            Column("Dân tộc", 1.2, "center"),
            Column("Ghi chú", 1.6),
        ),
        tuple(rows),
    )
    return AdministrativeDocument(
        issuing_body=("Ủy ban nhân dân", "phường Đức Xuân"),
        number=12,
        symbol="QĐ-UBND",
        place="Đức Xuân",
        date=datetime.date(2012, 12, 28),
        subject="Về việc công nhận danh hiệu “Gia đình văn hóa” năm 2012",
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC XUÂN",
        legal_bases=(
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003",
            "Căn cứ Thông tư số 12/2011/TT-BVHTTDL ngày 10 tháng 10 năm 2011 của Bộ Văn hóa, Thể thao và Du "
            "lịch quy định chi tiết về tiêu chuẩn, trình tự, thủ tục xét và công nhận danh hiệu “Gia đình văn "
            "hóa”; “Thôn văn hóa”, “Làng văn hóa”, “Ấp văn hóa”, “Bản văn hóa”, “Tổ dân phố văn hóa” và tương "
            "đương",
            "Xét đề nghị của Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường và kết quả bình xét ở các "
            "khu dân cư",
        ),
        articles=(
            Article(
                1,
                f"Công nhận {count_phrase(households, 'hộ gia đình')} trên địa bàn phường Đức Xuân đạt danh hiệu "
                "“Gia đình văn hóa” năm 2012 (có danh sách kèm theo).",
            ),
            Article(2, "Quyết định này có hiệu lực kể từ ngày ký."),
            Article(
                3,
                "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường, Ban Thường trực Ủy ban Mặt trận Tổ quốc "
                "Việt Nam phường, Trưởng các tổ dân phố, Trưởng ban công tác Mặt trận các khu dân cư và các hộ "
                "gia đình có tên tại Điều 1 căn cứ Quyết định thi hành./.",
            ),
        ),
        signature=Signature(prefix="KT.", authority="CHỦ TỊCH", title="PHÓ CHỦ TỊCH", signer="Lục Văn Khởi"),
        recipients=(
            "Như Điều 3",
            "Phòng Văn hóa và Thông tin thị xã (b/c)",
            "Thường trực Đảng ủy phường (b/c)",
            "Ủy ban MTTQ Việt Nam phường",
        ),
        archive="VT, VH",
        issuer_phrase="Chủ tịch Ủy ban nhân dân phường Đức Xuân",
        annexes=(
            Annex(
                "Danh sách hộ gia đình đạt danh hiệu “Gia đình văn hóa” năm 2012",
                table,
                note=f"(Tổng số: {count_phrase(households, 'hộ gia đình')})",
            ),
        ),
    )


COLLECTIVES = (
    ("Khu dân cư tổ 8A", "phường Đức Xuân"),
    ("Khu dân cư tổ 2", "phường Đức Xuân"),
    ("Khu dân cư tổ 11", "phường Sông Cầu"),
    ("Khu dân cư tổ 5", "phường Phùng Chí Kiên"),
    ("Khu dân cư thôn Nà Cưởm", "phường Nguyễn Thị Minh Khai"),
    ("Khu dân cư thôn Khuổi Pái", "xã Dương Quang"),
)
INDIVIDUALS = (
    ("Ông Hoàng Văn Thụ", "Trưởng ban công tác Mặt trận tổ 8A, phường Đức Xuân"),
    ("Bà Nông Thị Lan", "Trưởng ban công tác Mặt trận tổ 2, phường Đức Xuân"),
    ("Ông Triệu Văn Minh", "Trưởng ban công tác Mặt trận tổ 11, phường Sông Cầu"),
    ("Bà Lý Thị Hoa", "Trưởng ban công tác Mặt trận tổ 5, phường Phùng Chí Kiên"),
    ("Ông Ma Văn Cường", "Trưởng ban công tác Mặt trận thôn Nà Cưởm, phường Nguyễn Thị Minh Khai"),
    ("Ông Lường Văn Sơn", "Trưởng ban công tác Mặt trận thôn Khuổi Pái, xã Dương Quang"),
    ("Bà Hà Thị Nguyệt", "Ủy viên Ban công tác Mặt trận tổ 8A, phường Đức Xuân"),
    ("Ông Đinh Quang Tiến", "Ủy viên Ban công tác Mặt trận thôn Nà Cưởm, phường Nguyễn Thị Minh Khai"),
)
ACHIEVEMENT = f"Đã có thành tích xuất sắc trong thực hiện Cuộc vận động “{CAMPAIGN}” năm 2012"
TOWN_CHAIRMAN = Signature(title="CHỦ TỊCH", signer="Nguyễn Văn Du")


def commendation_decision() -> AdministrativeDocument:
    """Quyết định tặng Giấy khen of the chairman of thị xã Bắc Kạn, with collectives and individuals."""
    collectives = Table(
        (Column("STT", 0.6, "center"), Column("Tên tập thể", 3.0), Column("Đơn vị", 2.6)),
        tuple((str(i), name, unit) for i, (name, unit) in enumerate(COLLECTIVES, start=1)),
    )
    individuals = Table(
        (Column("STT", 0.6, "center"), Column("Họ và tên", 2.2), Column("Chức vụ, đơn vị", 3.8)),
        tuple((str(i), name, detail) for i, (name, detail) in enumerate(INDIVIDUALS, start=1)),
    )
    return AdministrativeDocument(
        issuing_body=("Ủy ban nhân dân", "thị xã Bắc Kạn"),
        number=5,
        symbol="QĐ-UBND",
        place="Bắc Kạn",
        date=datetime.date(2013, 1, 5),
        subject=(
            "Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc "
            f"trong thực hiện Cuộc vận động “{CAMPAIGN}” năm 2012"
        ),
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN",
        legal_bases=(
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003",
            "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
            "Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005",
            "Căn cứ Nghị định số 42/2010/NĐ-CP ngày 15 tháng 4 năm 2010 của Chính phủ quy định chi tiết thi hành "
            "một số điều của Luật Thi đua, Khen thưởng và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
            "Khen thưởng",
            "Xét đề nghị của Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam thị xã và Trưởng phòng Nội vụ thị xã",
        ),
        articles=(
            Article(
                1,
                f"Tặng Giấy khen cho {count_phrase(len(COLLECTIVES), 'tập thể')} và "
                f"{count_phrase(len(INDIVIDUALS), 'cá nhân')} (có danh sách kèm theo) đã có thành tích xuất sắc "
                f"trong thực hiện Cuộc vận động “{CAMPAIGN}” năm 2012.",
            ),
            Article(
                2,
                "Kinh phí khen thưởng thực hiện theo quy định hiện hành, trích từ Quỹ thi đua, khen thưởng của thị xã.",
            ),
            Article(
                3,
                "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã, Trưởng phòng Nội vụ, Ban Thường trực "
                "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã, Chủ tịch Ủy ban nhân dân các phường, xã, các tập thể và "
                "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            ),
        ),
        signature=TOWN_CHAIRMAN,
        recipients=("Như Điều 3", "Thường trực Thị ủy (b/c)", "Thường trực HĐND thị xã (b/c)", "Lãnh đạo UBND thị xã"),
        archive="VT, NV",
        issuer_phrase="Chủ tịch Ủy ban nhân dân thị xã Bắc Kạn",
        annexes=(
            Annex("Danh sách tập thể được tặng Giấy khen", collectives),
            Annex("Danh sách cá nhân được tặng Giấy khen", individuals),
        ),
    )


def commendation_certificates(doc: AdministrativeDocument | None = None) -> list[Certificate]:
    """One Giấy khen per collective and individual of the commendation decision."""
    doc = doc or commendation_decision()
    recipients = [(f"{name}, {unit}", "") for name, unit in COLLECTIVES] + list(INDIVIDUALS)
    return [
        Certificate(
            awarding_authority=("CHỦ TỊCH", "ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN"),
            recipient=recipient,
            recipient_detail=detail,
            achievement=ACHIEVEMENT,
            decision_number=doc.number,
            decision_symbol=doc.symbol,
            decision_date=doc.date,
            place=doc.place,
            date=doc.date,
            signature=doc.signature,
            register_number=f"Số sổ: {index:03d}/GK",
        )
        for index, (recipient, detail) in enumerate(recipients, start=1)
    ]


def many_certificates(count: int) -> list[Certificate]:
    """``count`` certificates for benchmarks and batch tests: the sample's, repeated with new names."""
    base = commendation_certificates()
    names = household_heads(count)
    return [dataclasses.replace(base[i % len(base)], recipient=f"Ông/Bà {names[i]}") for i in range(count)]
