"""The campaign's names by period and its five contents by edition, as data (sources: regulations.md §0–§1).

Loaded by the migration ``0002_load_campaign_periods`` through ``load_campaign_data``, which is
idempotent: running it again updates the rows in place by their keys and adds nothing twice.
The texts are the official Vietnamese wording; where the sources show it only in part the row
says so (``wording_confirmed`` False) and the note tells what is missing.
"""

from __future__ import annotations

import datetime
from typing import Any

D = datetime.date

PERIODS: list[dict[str, Any]] = [
    {
        "key": "1995-cuoc-song-moi",
        "name": "Toàn dân đoàn kết xây dựng cuộc sống mới ở khu dân cư",
        "valid_from": D(1995, 5, 3),
        "valid_to": D(1999, 12, 31),
        "start_confirmed": True,
        "legal_basis": "Thông tri 04 của Ủy ban Trung ương MTTQ Việt Nam, ngày 03/5/1995",
        "source": "https://hoianrt.vn/tin-tuc/van-hoa-xa-hoi/tong-ket-20-nam-cuoc-van-dong-toan-dan-doan-ket-xay-dung-"
        "doi-song-van-hoa-o-khu-dan-cu-1995-2015.html",
        "note": "Các nội dung ban đầu của Cuộc vận động (1995) chưa được xác nhận.",
    },
    {
        "key": "2000-doi-song-van-hoa",
        "name": "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư",
        "valid_from": D(2000, 1, 1),
        "valid_to": D(2016, 7, 7),
        "start_confirmed": False,
        "legal_basis": "Đổi tên “đến năm 2000” (ngày chưa xác nhận); TTLT 01/2006/TTLT-MTTW-BVHTT ngày 23/6/2006",
        "source": "https://vanbanphapluat.co/thong-tu-lien-tich-01-2006-ttlt-mttw-bvhtt-huong-dan-nang-cao-chat-luong-"
        "cuoc-van-dong-toan-dan-doan-ket-xay-dung-doi-song-van-hoa-o-khu-dan-cu",
        "note": "Ngày đổi tên chưa được xác nhận: lấy ngày 01/01/2000.",
    },
    {
        "key": "2016-nong-thon-moi-do-thi-van-minh",
        "name": "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        "valid_from": D(2016, 7, 8),
        "valid_to": None,
        "start_confirmed": True,
        "legal_basis": "Thông tri 10/TTr-MTTW-BTT ngày 08/7/2016 của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam",
        "source": "https://thuviennhadat.vn/vbpl/thong-tri-10-ttr-mttw-btt-2016-toan-dan-doan-ket-xay-dung-nong-thon-"
        "moi-do-thi-van-minh-388130.html",
        "note": "",
    },
]

_C2011_SOURCE = (
    "http://www.baomoi.com/cuoc-van-dong-toan-dan-doan-ket-xay-dung-doi-song-van-hoa-o-khu-dan-cu-trong-giai-doan-"
    "moi-5-noi-dung-de-nang-cao-chat-luong/c/7187018.epi"
)
_C2016_SOURCE = (
    "http://nongthonmoihatinh.vn/vi/news/savefile/Tin-trong-nuoc/Toan-dan-doan-ket-xay-dung-nong-thon-moi-do-thi-"
    "van-minh-70239/"
)

CONTENTS: list[dict[str, Any]] = [
    # c. 2011, "giai đoạn mới" guidance of the Ban Thường trực UBTƯ MTTQ; its exact start is not confirmed.
    *[
        {
            "period": "2000-doi-song-van-hoa",
            "edition": "c2011",
            "valid_from": D(2011, 1, 1),
            "valid_to": D(2016, 7, 7),
            "source": _C2011_SOURCE,
            **item,
        }
        for item in [
            {
                "number": 1,
                "text": "Đoàn kết xây dựng đời sống kinh tế ổn định và từng bước phát triển, chung sức xây dựng "
                "nông thôn mới, đô thị văn minh.",
                "wording_confirmed": True,
                "note": "Ngày bắt đầu áp dụng (khoảng năm 2011) chưa được xác nhận.",
            },
            {
                "number": 2,
                "text": "Đoàn kết xây dựng đời sống văn hóa tinh thần lành mạnh, phong phú, giữ gìn và phát huy "
                "bản sắc văn hóa dân tộc; chăm lo sự nghiệp giáo dục; chăm sóc sức khỏe, thực hiện dân số "
                "kế hoạch hóa gia đình.",
                "wording_confirmed": True,
                "note": "",
            },
            {
                "number": 3,
                "text": "Đoàn kết xây dựng môi trường cảnh quan sạch đẹp.",
                "wording_confirmed": True,
                "note": "",
            },
            {
                "number": 4,
                "text": "Đoàn kết phát huy dân chủ, chấp hành tốt đường lối, chủ trương của Đảng, chính sách, "
                "pháp luật của Nhà nước.",
                "wording_confirmed": False,
                "note": "Nguồn chỉ có “Đoàn kết phát huy dân chủ, chấp hành tốt đường lối…”; phần sau chưa xác nhận.",
            },
            {
                "number": 5,
                "text": "Đoàn kết tương trợ, giúp đỡ lẫn nhau trong cộng đồng.",
                "wording_confirmed": False,
                "note": "Nguồn không có nội dung 5; lấy theo tiêu chuẩn 5 của khu dân cư văn hóa "
                "(TT 12/2011, NĐ 122/2018). Cần xác nhận.",
            },
        ]
    ],
    # From 8/7/2016, Thông tri 10/TTr-MTTW-BTT.
    *[
        {
            "period": "2016-nong-thon-moi-do-thi-van-minh",
            "edition": "2016",
            "valid_from": D(2016, 7, 8),
            "valid_to": None,
            "source": _C2016_SOURCE,
            **item,
        }
        for item in [
            {
                "number": 1,
                "text": "Đoàn kết tham gia phát triển kinh tế, tích cực giúp nhau giảm nghèo bền vững, nâng cao "
                "đời sống, khuyến khích làm giàu chính đáng.",
                "wording_confirmed": True,
                "note": "",
            },
            {
                "number": 2,
                "text": "Đoàn kết xây dựng đời sống văn hóa, chăm lo sự nghiệp giáo dục, phát triển nguồn nhân lực, "
                "chăm sóc sức khỏe nhân dân, xây dựng gia đình văn hóa, phát huy truyền thống đền ơn đáp "
                "nghĩa, tương thân tương ái.",
                "wording_confirmed": True,
                "note": "“phát triển nguồn nhân lực” chỉ có trong một trong hai nguồn.",
            },
            {
                "number": 3,
                "text": "Đoàn kết tham gia bảo vệ môi trường, ứng phó với biến đổi khí hậu, xây dựng cảnh quan "
                "môi trường sáng – xanh – sạch – đẹp.",
                "wording_confirmed": True,
                "note": "",
            },
            {
                "number": 4,
                "text": "Đoàn kết chấp hành pháp luật, bảo đảm trật tự an toàn xã hội.",
                "wording_confirmed": True,
                "note": "",
            },
            {
                "number": 5,
                "text": "Đoàn kết phát huy dân chủ, tích cực tham gia giám sát và phản biện xã hội, góp phần xây dựng "
                "hệ thống chính trị ở cơ sở trong sạch, vững mạnh.",
                "wording_confirmed": False,
                "note": "Nguồn bị cắt sau “góp phần xây dựng hệ th…”; phần cuối chưa xác nhận.",
            },
        ]
    ],
]


def load_campaign_data(period_model: Any, content_model: Any) -> tuple[int, int]:
    """Create or update the periods and contents by key; returns (periods, contents) written."""
    periods = {}
    for row in PERIODS:
        fields = {k: v for k, v in row.items() if k != "key"}
        periods[row["key"]], _created = period_model.objects.update_or_create(key=row["key"], defaults=fields)
    for row in CONTENTS:
        fields = {k: v for k, v in row.items() if k not in ("edition", "number", "period")}
        content_model.objects.update_or_create(
            edition=row["edition"], number=row["number"], defaults={**fields, "period": periods[row["period"]]}
        )
    return len(PERIODS), len(CONTENTS)
