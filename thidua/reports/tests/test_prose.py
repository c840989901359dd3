"""The summary report's prose on the exemplary areas, their movements, the honoured and the proposed,
and the editing of the prose before export (page, API, CLI)."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from docx import Document

from thidua.awards.models import (
    AreaMovement,
    Award,
    AwardDecision,
    AwardForm,
    FormKind,
    Movement,
    Nomination,
    Organ,
    Proposal,
    ProposalStatus,
    Round,
    Subject,
)
from thidua.documents.model import GroupHeading
from thidua.documents.tests.readback import pdf_text
from thidua.evaluations.models import AreaYear
from thidua.people.models import Gender, Person
from thidua.reports.prose import apply_edit
from thidua.reports.selectors import period_stats
from thidua.reports.summary import prose_sections, summary_report
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

EDITED = "Đoạn văn này do cán bộ Mặt trận sửa trước khi in."


def _titled(area: Unit, points: int, years: tuple[int, ...] = (2011, 2012)) -> None:
    for year in years:
        AreaYear.objects.create(
            area=area,
            year=year,
            registered_on=datetime.date(year, 1, 10),
            titled=True,
            mttq_points=Decimal(points),
            mttq_tier="tot",
        )


def _form(round: Round, code: str, subject: str, kind: str, body: str, rank: int) -> AwardForm:
    name = (
        "Giấy khen của Chủ tịch UBND thành phố Bắc Kạn" if kind == FormKind.GIVE else "Giấy khen của Ủy ban MTTQ tỉnh"
    )
    return AwardForm.objects.create(
        round=round, code=code, name=name, subject=subject, kind=kind, awarding_body=body, rank=rank
    )


def _nominate(round: Round, form: AwardForm, cast: Cast, *, area: Unit | None = None, person: Person | None = None,
              person_area: Unit | None = None) -> Nomination:  # fmt: skip
    return Nomination.objects.create(
        round=round, form=form, area=area, person=person, person_area=person_area, nominated_by=cast.duc_xuan
    )


@pytest.fixture
def honoured(cast: Cast) -> Cast:
    """2011–2012: tổ 8A (95 points a year) and tổ 9 (90) of Đức Xuân and tổ 12 of Sông Cầu (80) are
    titled both years; tổ 3 of Sông Cầu only in 2012. tổ 8A and tổ 12 tied the campaign to movements.
    The town's decision gives its Giấy khen to tổ 9, tổ 12 and two Trưởng ban; tổ 8A and one Trưởng
    ban went up to the province, which gave its Giấy khen to tổ 8A only."""
    to_9 = make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    to_12 = make_unit(code="01837-12", name="12", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau, valid_to=None)
    to_3 = make_unit(code="01837-03", name="3", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau, valid_to=None)
    _titled(cast.to_8a, 95)
    _titled(to_9, 90)
    _titled(to_12, 80)
    _titled(to_3, 99, years=(2012,))
    health = Movement.objects.create(code="gia-dinh-suc-khoe", name="Gia đình sức khỏe")
    safety = Movement.objects.create(code="an-ninh-trat-tu", name="Khu dân cư tự quản về an ninh trật tự")
    for year in (2011, 2012):
        AreaMovement.objects.create(area=cast.to_8a, year=year, movement=health, description="Khám sức khỏe định kỳ.")
        AreaMovement.objects.create(area=to_12, year=year, movement=safety, description="Tuần tra ban đêm.")

    round = Round.objects.create(name="Biểu dương 2011–2012", issuer=cast.town, period_start=2011, period_end=2012)
    town_body = "Chủ tịch Ủy ban nhân dân thành phố Bắc Kạn"
    province_body = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Kạn"
    up_area = _form(round, "tinh-kdc", Subject.AREA, FormKind.PROPOSE, province_body, 0)
    up_head = _form(round, "tinh-bctmt", Subject.BCTMT, FormKind.PROPOSE, province_body, 0)
    give_area = _form(round, "tp-kdc", Subject.AREA, FormKind.GIVE, town_body, 1)
    give_head = _form(round, "tp-bctmt", Subject.BCTMT, FormKind.GIVE, town_body, 1)
    heads = [
        Person.objects.create(full_name=name, gender=gender)
        for name, gender in (("Nông Văn An", Gender.MALE), ("Hoàng Thị Bích", Gender.FEMALE), ("Lý Văn Cường", ""))
    ]
    decision = AwardDecision.objects.create(
        round=round, issuer=cast.town, organ=Organ.UBND, year=2013, number=3, symbol="QĐ-UBND",
        issued_on=datetime.date(2013, 1, 24), subject="Về việc khen thưởng", signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Chủ",
    )  # fmt: skip
    for nomination in (
        _nominate(round, give_area, cast, area=to_9),
        _nominate(round, give_area, cast, area=to_12),
        _nominate(round, give_head, cast, person=heads[0], person_area=to_9),
        _nominate(round, give_head, cast, person=heads[1], person_area=to_12),
    ):
        Award.objects.create(
            nomination=nomination, form=nomination.form, area=nomination.area, person=nomination.person,
            window_start=2011, window_end=2012, decision=decision,
        )  # fmt: skip
    for form, nomination in (
        (up_area, _nominate(round, up_area, cast, area=cast.to_8a)),
        (up_head, _nominate(round, up_head, cast, person=heads[2], person_area=cast.to_8a)),
    ):
        proposal = Proposal.objects.create(
            round=round, form=form, number=4 + form.pk % 2, symbol="TTr-UBND", sent_on=datetime.date(2013, 1, 28),
            to_body=province_body, status=ProposalStatus.DECIDED, higher_decision="125/QĐ-MTTQ-BTT",
            higher_decided_on=datetime.date(2013, 2, 18),
        )  # fmt: skip
        proposal.nominations.add(nomination)
        if form.subject == Subject.AREA:
            Award.objects.create(
                nomination=nomination, form=form, area=cast.to_8a, window_start=2011, window_end=2012,
                proposal=proposal,
            )  # fmt: skip
    return cast


def test_the_exemplary_areas_are_named_strongest_first_with_their_movements(honoured: Cast) -> None:
    stats = period_stats(honoured.town, 2011, 2012)
    assert [e.area.full_name for e in stats.exemplary] == ["tổ 8A", "tổ 9", "tổ 12"]
    sections = prose_sections(stats)
    assert sections["exemplary"] == [
        "Có 03 khu dân cư đạt danh hiệu “Khu dân cư văn hóa” liên tục 02 năm (2011–2012), tiêu biểu như: "
        "tổ 8A phường Đức Xuân, tổ 9 phường Đức Xuân, tổ 12 phường Sông Cầu (có danh sách kèm theo)."
    ]
    movements = sections["movements"][0]
    assert "tổ 8A phường Đức Xuân gắn với phong trào gia đình sức khỏe (khám sức khỏe định kỳ)" in movements
    assert (
        "tổ 12 phường Sông Cầu gắn với phong trào khu dân cư tự quản về an ninh trật tự (tuần tra ban đêm)" in movements
    )
    # tổ 3 was titled in 2012 only: not exemplary, whatever its points.
    assert "tổ 3" not in " ".join(sections["exemplary"] + sections["movements"])


def test_an_area_whose_movements_fall_outside_the_period_has_no_movement_clause(honoured: Cast) -> None:
    AreaMovement.objects.filter(area__code="01837-12", year=2011).update(year=2010)
    AreaMovement.objects.filter(area__code="01837-12", year=2012).update(year=2013)
    movements = prose_sections(period_stats(honoured.town, 2011, 2012))["movements"][0]
    assert "tổ 8A" in movements and "tổ 12" not in movements


def test_the_honoured_and_the_proposed_are_counted_with_their_decisions(honoured: Cast) -> None:
    honours = prose_sections(period_stats(honoured.town, 2011, 2012))["honours"]
    assert honours[0] == (
        "Tổng kết giai đoạn 2011–2012, Chủ tịch Ủy ban nhân dân thành phố Bắc Kạn đã tặng Giấy khen cho "
        "02 khu dân cư và 02 Trưởng ban công tác Mặt trận (Quyết định số 03/QĐ-UBND ngày 24/01/2013)."
    )
    # Two tờ trình on the same day; the province gave its Giấy khen to the area only.
    assert honours[1].startswith(
        "Ủy ban nhân dân thành phố Bắc Kạn đã đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Kạn tặng "
        "Giấy khen cho 01 khu dân cư và 01 Trưởng ban công tác Mặt trận (Tờ trình số "
    )
    assert honours[1].endswith(
        "ngày 28/01/2013), đã được tặng cho 01 khu dân cư theo Quyết định số 125/QĐ-MTTQ-BTT ngày 18/02/2013."
    )


def test_a_revoked_decision_and_a_refused_proposal_are_not_told(honoured: Cast) -> None:
    AwardDecision.objects.update(revoked_on=datetime.date(2013, 6, 1))
    Proposal.objects.update(status=ProposalStatus.REFUSED)
    stats = period_stats(honoured.town, 2011, 2012)
    assert stats.honours is not None and not stats.honours.given and not stats.honours.proposed
    # The province's award stands (its decision is not the town's): only it is listed in the annex.
    assert [r.name for r, _award in stats.honours.recipients] == ["Khu dân cư tổ 8A"]


def test_the_annex_lists_the_honoured_collectives_then_individuals(honoured: Cast) -> None:
    doc = summary_report(period_stats(honoured.town, 2011, 2012), on=datetime.date(2013, 3, 1))
    annex = doc.annexes[-1]
    assert annex.title.startswith("Danh sách tập thể, cá nhân được khen thưởng")
    rows = annex.table.data_rows
    assert [row[1] for row in rows] == ["Khu dân cư tổ 8A", "Khu dân cư tổ 9", "Khu dân cư tổ 12", "Ông Nông Văn An",
                                        "Bà Hoàng Thị Bích"]  # fmt: skip
    headings = [row.text for row in annex.table.rows if isinstance(row, GroupHeading)]
    assert headings[0] == "I. TẬP THỂ" and "Quyết định số 125/QĐ-MTTQ-BTT" in headings[1]
    assert "03/QĐ-UBND" in headings[2] and headings[3] == "II. CÁ NHÂN"
    assert annex.note == "(Tổng số: 03 tập thể và 02 cá nhân)"


def test_an_edit_replaces_a_section_and_an_empty_edit_keeps_the_generated_text() -> None:
    generated = ["Đoạn một.", "Đoạn hai."]
    assert apply_edit(generated, "") == generated
    assert apply_edit(generated, " \n\n  \r\n") == generated
    assert apply_edit(generated, "Dòng một\n\n  Dòng   hai \x07\n") == ["Dòng một", "Dòng hai"]
    # Text typed with combining marks comes out precomposed.
    assert apply_edit(generated, "Khu da\u0302n cu\u031b") == ["Khu dân cư"]


def test_the_edited_prose_goes_into_the_pdf_and_the_docx_from_the_page(honoured: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(honoured["backan"])
    page = client.get("/reports/", {"unit": honoured.town.pk, "start": 2011, "end": 2012})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="prose-movements"' in html and "gắn với phong trào gia đình sức khỏe" in html
    token = page.cookies["csrftoken"].value
    data = {"unit": honoured.town.pk, "start": 2011, "end": 2012, "csrfmiddlewaretoken": token,
            "prose-movements": EDITED, "prose-honours": ""}  # fmt: skip

    pdf = client.post("/reports/summary.pdf", data)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf.content, layout=False).split())
    assert EDITED in text and "gắn với phong trào" not in text
    # The empty honours section falls back to the generated sentence; the tables still come from the data.
    assert "02 khu dân cư và 02 Trưởng ban công tác Mặt trận (Quyết định số 03/QĐ-UBND" in text
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG" in text

    docx = client.post("/reports/summary.docx", data)
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert EDITED in paragraphs and not any("gắn với phong trào" in p for p in paragraphs)

    # Without the CSRF token the post is refused; an outsider gets a 404 and nothing is rendered.
    assert client.post("/reports/summary.pdf", {**data, "csrfmiddlewaretoken": ""}).status_code == 403
    outsider = Client()
    outsider.force_login(honoured["chomoi"])
    assert outsider.post("/reports/summary.pdf", data).status_code == 404


def test_the_api_and_the_cli_take_the_edited_prose(honoured: Cast, tmp_path: Path) -> None:
    client = Client()
    client.force_login(honoured["backan"])
    query = {"unit": "058", "start": 2011, "end": 2012}
    sections = client.get("/api/v1/reports/summary/prose", query).json()
    assert sections["honours"][0].startswith("Tổng kết giai đoạn 2011–2012")
    stats = client.get("/api/v1/reports/summary", query).json()
    assert stats["exemplary_areas"][0]["movements"][0]["movement"] == "Gia đình sức khỏe"
    response = client.post(
        "/api/v1/reports/summary.docx", {**query, "prose": {"closing": EDITED}}, content_type="application/json"
    )
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert response.status_code == 200 and EDITED in paragraphs
    bad = client.post("/api/v1/reports/summary.pdf", {**query, "prose": {"nope": "x"}}, content_type="application/json")
    assert bad.status_code == 400

    drafted = tmp_path / "prose.json"
    args = ["report", "summary", "--unit", "058", "--from", "2011", "--to", "2012"]
    call_command(*args, "--format", "prose", "-o", str(drafted))
    edited = json.loads(drafted.read_text()) | {"exemplary": EDITED}
    drafted.write_text(json.dumps(edited, ensure_ascii=False))
    out = tmp_path / "bao-cao.docx"
    call_command(*args, "--format", "docx", "--prose", str(drafted), "-o", str(out))
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert EDITED in paragraphs and not any(p.startswith("Có 03 khu dân cư đạt danh hiệu") for p in paragraphs)
    drafted.write_text(json.dumps({"nope": "x"}))
    with pytest.raises(CommandError, match="nope"):
        call_command(*args, "--format", "docx", "--prose", str(drafted), "-o", str(tmp_path / "x.docx"))
    assert not (tmp_path / "x.docx").exists()
