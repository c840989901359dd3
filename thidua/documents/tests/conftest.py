from __future__ import annotations

import dataclasses
import datetime

import pytest

from thidua.documents.model import AdministrativeDocument, Article, Signature
from thidua.documents.samples import commendation_decision, gdvh_decision

VIETNAMESE = (
    "aàảãáạăằẳẵắặâầẩẫấậ đ eèẻẽéẹêềểễếệ iìỉĩíị oòỏõóọôồổỗốộơờởỡớợ uùủũúụưừửữứự yỳỷỹýỵ "
    "AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬ Đ EÈẺẼÉẸÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢ UÙỦŨÚỤƯỪỬỮỨỰ YỲỶỸÝỴ"
)


@pytest.fixture
def decision() -> AdministrativeDocument:
    """The town's commendation decision: "Số: 05/QĐ-UBND", "Bắc Kạn, ngày 05 tháng 01 năm 2013"."""
    return commendation_decision()


@pytest.fixture
def long_decision() -> AdministrativeDocument:
    """A decision of the People's Committee (TM.) long enough for a second page, every letter in it."""
    doc = commendation_decision()
    articles = (
        Article(1, f"Tặng Giấy khen cho các tập thể và cá nhân có tên trong danh sách kèm theo. {VIETNAMESE}"),
        *(
            Article(n, "Nội dung điều khoản dài để văn bản sang trang thứ hai. " * 6, title=f"Điều khoản {n}")
            for n in range(2, 9)
        ),
    )
    return dataclasses.replace(
        doc,
        governing_body=("Ủy ban nhân dân", "tỉnh Bắc Kạn"),
        issuing_body=("Sở Nội vụ",),
        subject=f"Về việc thử chữ {VIETNAMESE}",
        legal_bases=(*doc.legal_bases[:-1], f"Căn cứ văn bản thử chữ {VIETNAMESE}", doc.legal_bases[-1]),
        articles=articles,
        signature=Signature(prefix="TM.", authority="Ủy ban nhân dân", title="Chủ tịch", signer="Nguyễn Văn Du"),
        date=datetime.date(2013, 11, 15),
        number=125,
    )


@pytest.fixture
def gdvh() -> AdministrativeDocument:
    return gdvh_decision()
