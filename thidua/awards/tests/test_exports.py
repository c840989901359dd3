"""Excel exports of the rounds' lists (``?format=xlsx`` on the page's own URL): the same filters and
permissions as the page, Vietnamese headers, and nothing sensitive in the workbook."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from thidua.awards.decisions.services import decision_issue
from thidua.awards.models import BallotBox, BallotMethod, Nomination, NominationStatus, PublicObjection
from thidua.awards.tests import fixtures_consultation, fixtures_decisions, fixtures_history, fixtures_rounds
from thidua.awards.tests.fixtures_consultation import SECRET_JUSTIFICATION, SECRET_REPORT
from thidua.documents.exports import XLSX_TYPE
from thidua.testing import Cast, client_for, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db


def _sheet(response: Any) -> Worksheet:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_TYPE and response["Content-Disposition"].endswith('.xlsx"')
    worksheet = load_workbook(io.BytesIO(response.content)).active
    assert isinstance(worksheet, Worksheet)
    return worksheet


def _header(sheet: Worksheet) -> list[Any]:
    return [cell.value for cell in sheet[3]]


def _rows(sheet: Worksheet) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]


def _text(sheet: Worksheet) -> str:
    return " ".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)


# --- candidates --------------------------------------------------------------------------------------


@pytest.fixture
def candidates(cast: Cast) -> fixtures_rounds.RoundData:
    return fixtures_rounds.build_round(cast, actor=cast["backan"])


def test_the_candidates_export_lists_the_eligible_and_the_others_with_their_failing_reasons(
    candidates: fixtures_rounds.RoundData, cast: Cast
) -> None:
    url = reverse("awards:candidates", args=[candidates.round.pk])
    client = client_for(cast["backan"], language="vi")
    assert b"format=xlsx" in client.get(url).content
    sheet = _sheet(client.get(url, {"format": "xlsx", "form": "gk-kdc"}))
    header = _header(sheet)
    assert header[:3] == ["Hình thức khen thưởng", "Đơn vị cấp xã", "Đối tượng"]
    assert header[6] == "Lý do chưa đủ điều kiện"
    rows = _rows(sheet)
    assert {row[0] for row in rows} == {candidates.area_form.name}
    good = next(row for row in rows if row[2] == candidates.good.full_name)
    gap = next(row for row in rows if row[2] == candidates.gap.full_name)
    assert good[4] == "có" and good[6] is None
    assert gap[4] == "không" and "4/5" in gap[6]
    # No evidence, no points: only the verdict and the reasons.
    assert "05/QĐ-UBND 20/12/2010" not in _text(sheet)


def test_the_candidates_export_keeps_the_unit_and_the_why_not_search_of_the_page(
    candidates: fixtures_rounds.RoundData, cast: Cast
) -> None:
    url = reverse("awards:candidates", args=[candidates.round.pk])
    commune = _rows(_sheet(client_for(cast["ducxuan"], language="vi").get(url, {"format": "xlsx"})))
    assert commune and all(row[1] == cast.duc_xuan.full_name for row in commune)
    assert candidates.song.full_name not in {row[2] for row in commune}
    searched = _rows(_sheet(client_for(cast["backan"], language="vi").get(url, {"format": "xlsx", "q": "to 2"})))
    # The page's search: "to 2" finds tổ 2 (and tổ 12), never tổ 1.
    assert candidates.gap.full_name in {row[2] for row in searched}
    assert candidates.good.full_name not in {row[2] for row in searched}


def test_an_outsider_gets_404_for_the_candidates_export(candidates: fixtures_rounds.RoundData, cast: Cast) -> None:
    url = reverse("awards:candidates", args=[candidates.round.pk])
    assert client_for(cast["chomoi"], language="vi").get(url, {"format": "xlsx"}).status_code == 404


# --- nominations and objections ----------------------------------------------------------------------


@pytest.fixture
def consultation(cast: Cast) -> fixtures_consultation.RoundSetup:
    setup = fixtures_consultation.build_round(cast)
    PublicObjection.objects.create(
        round=setup.round,
        nomination=setup.area_nomination,
        text="Khu dân cư này năm 2011 có hộ vi phạm, đề nghị xem xét lại.",
        name="Lý Văn Sình",
        contact="0912 345 678",
    )
    return setup


def test_the_district_exports_its_queue_by_commune_with_status_and_steps(
    consultation: fixtures_consultation.RoundSetup, cast: Cast
) -> None:
    url = reverse("awards:nominations", args=[consultation.round.pk])
    client = client_for(cast["backan"], language="vi")
    assert b"format=xlsx" in client.get(url).content
    sheet = _sheet(client.get(url, {"format": "xlsx"}))
    header = _header(sheet)
    assert header[:2] == ["Đơn vị đề nghị", "Đối tượng đề nghị"] and header[5] == "Trạng thái"
    rows = _rows(sheet)
    pending = next(row for row in rows if row[0] == cast.song_cau.full_name)
    assert pending[1] == consultation.pending.area.full_name and pending[5] == "đã gửi"
    assert sum(1 for row in rows if row[0] == cast.duc_xuan.full_name) == 2
    text = _text(sheet)
    assert SECRET_REPORT not in text and SECRET_JUSTIFICATION not in text and "xu-phat" not in text


def test_the_queue_export_writes_each_step_with_its_day_and_reason(
    consultation: fixtures_consultation.RoundSetup, cast: Cast
) -> None:
    from thidua.awards.nominations.services import nomination_return

    nomination_return(nomination=consultation.pending, reason="Bổ sung số liệu năm 2012", actor=cast["backan"])
    url = reverse("awards:nominations", args=[consultation.round.pk])
    rows = _rows(_sheet(client_for(cast["backan"], language="vi").get(url, {"format": "xlsx"})))
    returned = next(row for row in rows if row[0] == cast.song_cau.full_name)
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert returned[6] == f"{today}: bị trả lại (Bổ sung số liệu năm 2012)"


def test_a_commune_exports_only_its_own_nominations(consultation: fixtures_consultation.RoundSetup, cast: Cast) -> None:
    url = reverse("awards:nominations", args=[consultation.round.pk])
    rows = _rows(_sheet(client_for(cast["ducxuan"], language="vi").get(url, {"format": "xlsx"})))
    assert {row[0] for row in rows} == {cast.duc_xuan.full_name}
    assert {row[1] for row in rows} == {cast.to_8a.full_name, consultation.person_nomination.person.full_name}
    assert client_for(cast["chomoi"], language="vi").get(url, {"format": "xlsx"}).status_code == 404


def test_the_officer_exports_the_objections_with_the_objectors_name_and_contact(
    consultation: fixtures_consultation.RoundSetup, cast: Cast
) -> None:
    url = reverse("awards:consultation", args=[consultation.round.pk])
    client = client_for(cast["backan"], language="vi")
    assert b"format=xlsx" in client.get(url).content
    sheet = _sheet(client.get(url, {"format": "xlsx"}))
    header = _header(sheet)
    assert header[0] == "STT" and header[3] == "Ý kiến phản ánh" and len(header) == 9
    (row,) = _rows(sheet)
    assert row[0] == 1 and row[1] == datetime.datetime.combine(timezone.localdate(), datetime.time())
    assert row[3].startswith("Khu dân cư này năm 2011") and row[4:6] == ["Lý Văn Sình", "0912 345 678"]
    assert sheet.cell(row=4, column=2).number_format == "DD/MM/YYYY"


def test_a_council_member_exports_the_objections_without_names_or_contacts(
    consultation: fixtures_consultation.RoundSetup, cast: Cast
) -> None:
    url = reverse("awards:consultation", args=[consultation.round.pk])
    sheet = _sheet(client_for(cast["hoidong"], language="vi").get(url, {"format": "xlsx"}))
    assert len(_header(sheet)) == 7
    text = _text(sheet)
    assert "Khu dân cư này năm 2011" in text and "Lý Văn Sình" not in text and "0912" not in text
    assert client_for(cast["chomoi"], language="vi").get(url, {"format": "xlsx"}).status_code == 404


# --- the council and the decision --------------------------------------------------------------------


@pytest.fixture
def voted(cast: Cast) -> fixtures_decisions.RoundData:
    return fixtures_decisions.build_round(cast)


def test_the_session_export_gives_the_tallies_and_hides_an_open_secret_ballot(
    voted: fixtures_decisions.RoundData, cast: Cast
) -> None:
    to_9 = make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan)
    open_one = Nomination.objects.create(
        round=voted.round,
        form=voted.area_form,
        area=to_9,
        nominated_by=cast.duc_xuan,
        status=NominationStatus.ACCEPTED,
    )
    BallotBox.objects.create(session=voted.session, nomination=open_one, method=BallotMethod.SECRET, votes_for=3)
    url = reverse("awards:council_session", args=[voted.session.pk])
    client = client_for(cast["backan"], language="vi")
    assert b"format=xlsx" in client.get(url).content
    sheet = _sheet(client.get(url, {"format": "xlsx"}))
    header = _header(sheet)
    assert header[:4] == [
        "Đối tượng đề nghị",
        "Hình thức khen thưởng",
        "Không tham gia biểu quyết",
        "Hình thức biểu quyết",
    ]
    assert header[5:9] == ["Tán thành", "Không tán thành", "Không biểu quyết", "Kết quả"]
    rows = _rows(sheet)
    closed = next(row for row in rows if row[0].startswith("Tổ 8A"))
    assert closed[5:9] == [9, 0, 0, "đạt"] and closed[9] == "9/9"
    still_open = next(row for row in rows if row[0].startswith("Tổ 9"))
    assert still_open[5:8] == [None, None, None] and still_open[8] == "kiểm phiếu khi kết thúc biểu quyết"
    assert client_for(cast["chomoi"], language="vi").get(url, {"format": "xlsx"}).status_code == 404


def test_the_decision_export_is_its_annexed_list_of_awards(voted: fixtures_decisions.RoundData, cast: Cast) -> None:
    decision = decision_issue(
        round=voted.round,
        form_codes=["gk-kdc", "gk-bctmt"],
        issued_on=datetime.date(2014, 1, 5),
        subject=fixtures_decisions.SUBJECT,
        legal_bases=fixtures_decisions.LEGAL_BASES,
        signer_prefix="",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Du",
        recipients_note="Như Điều 3",
        actor=cast["backan"],
    )
    url = reverse("awards:decision", args=[decision.pk])
    client = client_for(cast["backan"], language="vi")
    assert b"format=xlsx" in client.get(url).content
    sheet = _sheet(client.get(url, {"format": "xlsx"}))
    assert _header(sheet) == [
        "STT",
        "Tập thể, cá nhân",
        "Được khen thưởng",
        "Khu dân cư",
        "Xã, phường, thị trấn",
        "Hình thức khen thưởng",
        "Các năm",
        "Ngày thu hồi",
    ]
    rows = _rows(sheet)
    assert len(rows) == decision.awards.count()
    area_row = next(row for row in rows if row[3] == "tổ 8A" and row[2] == "tổ 8A")
    assert area_row[4] == "phường Đức Xuân" and area_row[6] == "2009–2013" and area_row[7] is None
    assert str(decision) in sheet["A1"].value
    assert client_for(cast["chomoi"], language="vi").get(url, {"format": "xlsx"}).status_code == 404


# --- the honour board and the history search ---------------------------------------------------------


@pytest.fixture
def honours(cast: Cast) -> fixtures_history.Honours:
    return fixtures_history.build_honours(cast)


def test_the_public_honour_board_exports_without_login_and_without_revoked_awards(
    honours: fixtures_history.Honours,
) -> None:
    client = Client()
    assert b"format=xlsx" in client.get("/public/honour/").content
    sheet = _sheet(client.get("/public/honour/", {"format": "xlsx"}))
    assert _header(sheet) == [
        "Đợt khen thưởng",
        "Hình thức khen thưởng",
        "Cấp khen thưởng",
        "Tập thể, cá nhân",
        "Được khen thưởng",
        "Khu dân cư",
        "Xã, phường, thị trấn",
        "Quyết định",
        "Năm quyết định",
    ]
    rows = _rows(sheet)
    assert len(rows) == 4  # 8A, 12, the head of 8A, and the head of 12 by the province's decision
    head = next(row for row in rows if row[4] == "Hoàng Thị Nông")
    assert head[5] == "tổ 8A" and head[6] == "phường Đức Xuân" and head[8] == 2014
    text = _text(sheet)
    assert "tổ 3" not in text and "Khai báo thành tích" not in text


def test_the_honour_board_export_keeps_the_commune_filter(honours: fixtures_history.Honours, cast: Cast) -> None:
    response = Client().get(f"/public/honour/{honours.round.pk}/", {"commune": cast.song_cau.pk, "format": "xlsx"})
    rows = _rows(_sheet(response))
    assert rows and {row[6] for row in rows} == {"phường Sông Cầu"}


def test_the_history_search_exports_what_the_user_may_find(honours: fixtures_history.Honours, cast: Cast) -> None:
    client = client_for(cast["ducxuan"], language="vi")
    assert b"format=xlsx" in client.get(reverse("awards:history_search"), {"q": "hoang thi nong"}).content
    sheet = _sheet(client.get(reverse("awards:history_search"), {"q": "hoang thi nong", "format": "xlsx"}))
    assert _header(sheet)[:2] == ["Loại", "Tên"]
    (row,) = _rows(sheet)
    assert row[1] == "Hoàng Thị Nông" and "8A" in row[2]
    outsider = _sheet(
        client_for(cast["chomoi"], language="vi").get(reverse("awards:history_search"), {"q": "nong", "format": "xlsx"})
    )
    assert _rows(outsider) == []
