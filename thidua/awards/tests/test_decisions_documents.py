"""The Quyết định khen thưởng, the tờ trình and the Giấy khen of a round, read back from DOCX and PDF."""

from __future__ import annotations

import datetime
import io

import docx
import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.decisions.documents import (
    award_certificates,
    award_decision_document,
    award_decision_file,
    proposal_document,
    proposal_file,
)
from thidua.awards.decisions.services import decision_issue, decision_revoke, proposal_send
from thidua.awards.models import AwardDecision
from thidua.awards.tests.fixtures_decisions import LEGAL_BASES, SUBJECT, RoundData, build_round
from thidua.documents.pdf import render_certificates_pdf
from thidua.documents.tests.readback import pdf_pages, pdf_text
from thidua.testing import Cast


@pytest.fixture
def data(cast: Cast) -> RoundData:
    return build_round(cast)


def issue(data: RoundData, cast: Cast, **overrides: object) -> AwardDecision:
    values: dict[str, object] = {
        "round": data.round,
        "form_codes": ["gk-kdc", "gk-bctmt"],
        "issued_on": datetime.date(2014, 1, 5),
        "subject": SUBJECT,
        "legal_bases": LEGAL_BASES,
        "signer_prefix": "KT. Chủ tịch",
        "signer_title": "Phó Chủ tịch",
        "signer_name": "Nguyễn Văn Du",
        "recipients_note": "Như Điều 3;\nThường trực Thị ủy (b/c);",
        "actor": cast["backan"],
    }
    values.update(overrides)
    return decision_issue(**values)  # type: ignore[arg-type]


def test_the_decision_lists_collectives_and_individuals_with_their_areas_of_the_period(
    data: RoundData, cast: Cast
) -> None:
    doc = award_decision_document(issue(data, cast))
    assert doc.number == 1 and doc.symbol == "QĐ-UBND"
    assert doc.issuing_body == ("Ủy ban nhân dân", "thành phố Bắc Kạn")
    assert doc.articles[0].text.startswith("Tặng Giấy khen cho 03 tập thể và 02 cá nhân đã có thành tích xuất sắc")
    assert "giai đoạn 2009–2013" in doc.articles[0].text
    collectives, individuals = doc.annexes
    assert collectives.table.data_rows[0] == ("1", "Khu dân cư tổ 2", "Phường Đức Xuân")
    assert ("2", "Khu dân cư tổ 8A", "Phường Đức Xuân") in collectives.table.data_rows
    assert individuals.table.data_rows == [
        ("1", "Bà Nông Thị Lan", "Trưởng ban công tác Mặt trận tổ 2, phường Đức Xuân"),
        ("2", "Ông Hoàng Văn Thụ", "Trưởng ban công tác Mặt trận tổ 8A, phường Đức Xuân"),
    ]
    assert doc.signature.prefix == "KT." and doc.signature.title == "PHÓ CHỦ TỊCH"


def test_the_pdf_carries_the_number_the_date_and_the_recipients(data: RoundData, cast: Cast) -> None:
    rendered = award_decision_file(issue(data, cast), "pdf")
    assert rendered.filename == "quyet-dinh-01-qd-ubnd-2014.pdf"
    text = pdf_text(rendered.content, layout=False)
    assert "Số: 01/QĐ-UBND" in text
    assert "Bắc Kạn, ngày 05 tháng 01 năm 2014" in text
    assert "QUYẾT ĐỊNH" in text
    for name in ("Khu dân cư tổ 8A", "Khu dân cư tổ 12", "Ông Hoàng Văn Thụ", "Bà Nông Thị Lan"):
        assert name in text
    assert "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;" in text
    assert "Lưu: VT, NV." in text


def test_the_docx_carries_the_same_number_and_recipients(data: RoundData, cast: Cast) -> None:
    rendered = award_decision_file(issue(data, cast), "docx")
    document = docx.Document(io.BytesIO(rendered.content))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Số: 01/QĐ-UBND" in text
    assert "Bà Nông Thị Lan" in text


def test_a_revoked_award_is_left_out_of_the_certificates(data: RoundData, cast: Cast) -> None:
    decision = issue(data, cast)
    certificates = award_certificates(decision)
    assert len(certificates) == 5
    assert certificates[0].awarding_authority == ("CHỦ TỊCH", "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN")
    assert {c.recipient for c in certificates} >= {"Khu dân cư tổ 8A", "Ông Hoàng Văn Thụ"}
    pdf = render_certificates_pdf(certificates)
    assert pdf_pages(pdf) == 5
    assert "01/QĐ-UBND" in pdf_text(pdf, layout=False)
    decision_revoke(decision=decision, on=datetime.date(2014, 2, 1), reason="Sai sót", actor=SYSTEM_ACTOR)
    assert award_certificates(decision) == []


def test_the_proposal_is_a_numbered_to_trinh_to_the_higher_body(data: RoundData, cast: Cast) -> None:
    issue(data, cast)
    proposal = proposal_send(
        round=data.round,
        form_code="gk-mttq-tinh",
        sent_on=datetime.date(2014, 1, 15),
        to_body="Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        actor=cast["backan"],
    )
    doc = proposal_document(proposal)
    assert doc.kind == "TỜ TRÌNH"
    assert doc.authority == "Kính gửi: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn"
    text = pdf_text(proposal_file(proposal, "pdf").content, layout=False)
    # NĐ 30 writes the type of a tờ trình "TTr", not in capitals.
    assert "Số: 01/TTr-UBND" in text
    assert "Khu dân cư tổ 13" in text
    assert "Căn cứ Quyết định số 01/QĐ-UBND ngày 05 tháng 01 năm 2014" in doc.body[0]
