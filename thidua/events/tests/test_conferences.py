from __future__ import annotations

import datetime
import io
import subprocess

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.awards.models import Award, AwardDecision, AwardForm, Nomination, Organ, Round, Subject
from thidua.errors import DomainError, DomainErrors
from thidua.events import services
from thidua.events.documents import attendance_workbook, invitation_letter
from thidua.events.models import Invitation, InviteeKind
from thidua.people.models import Person, PositionKind
from thidua.people.services import position_assign
from thidua.testing import Cast, client_for

pytestmark = pytest.mark.django_db
D = datetime.date
STARTS = timezone.make_aware(datetime.datetime(2014, 1, 24, 8, 0))


@pytest.fixture
def awarded(cast: Cast) -> Round:
    """A round of the town with one area (tổ 8A) and one Trưởng ban awarded, and one award revoked."""
    round_ = Round.objects.create(
        name="Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        issuer=cast.town,
        organ=Organ.UBND,
        period_start=2009,
        period_end=2013,
    )
    areas = AwardForm.objects.create(
        round=round_, code="gk-kdc", name="Giấy khen", subject=Subject.AREA, awarding_body="UBND"
    )
    heads = AwardForm.objects.create(
        round=round_, code="gk-bctmt", name="Giấy khen", subject=Subject.BCTMT, awarding_body="UBND"
    )
    decision = AwardDecision.objects.create(
        round=round_,
        issuer=cast.town,
        organ=Organ.UBND,
        year=2014,
        number=5,
        symbol="QĐ-UBND",
        issued_on=D(2014, 1, 15),
        subject="Về việc khen thưởng",
        signer_title="CHỦ TỊCH",
        signer_name="Nông Văn Chí",
    )
    revoked = AwardDecision.objects.create(
        round=round_,
        issuer=cast.town,
        organ=Organ.UBND,
        year=2014,
        number=6,
        symbol="QĐ-UBND",
        issued_on=D(2014, 1, 16),
        subject="Về việc khen thưởng",
        signer_title="CHỦ TỊCH",
        signer_name="Nông Văn Chí",
        revoked_on=D(2014, 1, 20),
        revocation_reason="Ban hành nhầm",
    )
    head = Person.objects.create(full_name="Hoàng Thị Nông")
    position_assign(
        person=head, kind=PositionKind.TRUONG_BAN_BCTMT, unit=cast.to_8a, term_from=D(2009, 1, 1), actor=SYSTEM_ACTOR
    )
    other = Person.objects.create(full_name="Lục Văn Bường")
    for subject, form, dec in ((cast.to_8a, areas, decision), (head, heads, decision), (other, heads, revoked)):
        is_area = subject == cast.to_8a
        nomination = Nomination.objects.create(
            round=round_,
            form=form,
            nominated_by=cast.duc_xuan,
            area=subject if is_area else None,
            person=None if is_area else subject,
            person_area=None if is_area else cast.to_8a,
        )
        Award.objects.create(
            nomination=nomination,
            form=form,
            area=nomination.area,
            person=nomination.person,
            window_start=2009,
            window_end=2013,
            decision=dec,
        )
    return round_


@pytest.fixture
def conference(cast: Cast, awarded: Round) -> object:
    return services.conference_create(
        organizer=cast.town,
        name="Hội nghị biểu dương khu dân cư tiêu biểu giai đoạn 2009–2013",
        starts_at=STARTS,
        place="Hội trường UBND thị xã",
        agenda=[
            {"time": "08:00", "item": "Đón tiếp đại biểu"},
            {"time": "08:30", "item": "Trao Giấy khen", "by": "Lãnh đạo UBND"},
        ],
        round=awarded,
        actor=cast["backan"],
    )


def test_the_awarded_are_invited_an_area_through_its_truong_ban_and_a_revoked_award_is_not(
    cast: Cast, conference
) -> None:
    assert services.invitations_from_awards(conference=conference, actor=cast["backan"]) == {"invited": 2, "total": 2}
    rows = {i.kind: i for i in conference.invitations.all()}
    assert rows[InviteeKind.AWARDED_AREA].full_name == "Hoàng Thị Nông"
    assert rows[InviteeKind.AWARDED_AREA].representing == "Đại diện tổ 8A, phường Đức Xuân"
    assert rows[InviteeKind.AWARDED_PERSON].representing == "tổ 8A, phường Đức Xuân"
    assert len({i.code for i in rows.values()}) == 2
    # Run again, nothing is added twice.
    assert services.invitations_from_awards(conference=conference, actor=cast["backan"]) == {"invited": 0, "total": 2}


def test_the_desk_checks_in_a_code_once_and_refuses_a_code_of_another_conference(
    cast: Cast, conference, awarded: Round
) -> None:
    guest = services.guest_invite(
        conference=conference, full_name="Đinh Văn Quang", representing="UB MTTQ tỉnh", actor=SYSTEM_ACTOR
    )
    other = services.conference_create(
        organizer=cast.town, name="Hội nghị khác", starts_at=STARTS, place="Nhà văn hóa", actor=SYSTEM_ACTOR
    )
    stranger = services.guest_invite(conference=other, full_name="Người khác", actor=SYSTEM_ACTOR)
    at = STARTS + datetime.timedelta(minutes=12)
    assert (
        services.checkin(conference=conference, code=guest.code.lower(), actor=cast["backan"], at=at).checked_in_at
        == at
    )
    with pytest.raises(DomainError) as twice:
        services.checkin(conference=conference, code=guest.code, actor=cast["backan"])
    assert twice.value.text("en") == "Đinh Văn Quang already checked in at 08:12 24/01/2014."
    with pytest.raises(DomainError) as foreign:
        services.checkin(conference=conference, code=stranger.code, actor=cast["backan"])
    assert f"No invitation of this conference has the code {stranger.code}" in foreign.value.text("en")
    assert Invitation.objects.get(pk=stranger.pk).checked_in_at is None
    assert AuditEntry.objects.filter(action="events.checkin").count() == 1


def test_a_programme_line_without_a_time_is_refused_with_its_row(cast: Cast) -> None:
    with pytest.raises(DomainErrors) as info:
        services.conference_create(
            organizer=cast.town,
            name="Hội nghị",
            starts_at=STARTS,
            place="Hội trường",
            agenda=[{"time": "08:00", "item": "Khai mạc"}, {"time": "tám giờ", "item": ""}],
            actor=SYSTEM_ACTOR,
        )
    assert [(e.row, e.column) for e in info.value.errors] == [(2, "time"), (2, "item")]
    assert not Invitation.objects.exists()


def test_the_invitation_letter_and_the_attendance_workbook_list_everyone(cast: Cast, conference, tmp_path) -> None:
    from thidua.documents.pdf import render_pdf

    services.invitations_from_awards(conference=conference, actor=SYSTEM_ACTOR)
    first = conference.invitations.order_by("id").first()
    services.checkin(conference=conference, code=first.code, actor=SYSTEM_ACTOR, at=STARTS)
    letter = invitation_letter(conference)
    assert letter.kind == "GIẤY MỜI"
    pdf = tmp_path / "giay-moi.pdf"
    pdf.write_bytes(render_pdf(letter))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "GIẤY MỜI" in text and "Hoàng Thị Nông" in text and first.code in text
    assert "08 giờ 00 phút, ngày 24/01/2014" in text and "ngày 17 tháng 01 năm 2014" in text
    sheet = load_workbook(io.BytesIO(attendance_workbook(conference))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("STT", "Họ và tên")
    assert sheet.auto_filter.ref == f"A1:H{len(rows)}"  # the header row filters
    codes = set(conference.invitations.values_list("code", flat=True))
    assert {r[4]: (r[5], r[6]) for r in rows[1:]} == {
        code: ("có", "08:00 24/01/2014") if code == first.code else ("vắng", None) for code in codes
    }


def test_the_pages_belong_to_the_organizer_and_the_desk_checks_in(cast: Cast, conference, client: Client) -> None:
    services.invitations_from_awards(conference=conference, actor=SYSTEM_ACTOR)
    client.force_login(cast["backan"])
    page = client.get(f"/events/{conference.pk}/")
    assert page.status_code == 200 and "Hoàng Thị Nông" in page.content.decode()
    found = client.get(f"/events/{conference.pk}/checkin/", {"q": "hoang thi nong"})
    assert "Hoàng Thị Nông" in found.content.decode()
    code = conference.invitations.filter(full_name="Hoàng Thị Nông").first().code
    assert client.post(f"/events/{conference.pk}/checkin/", {"code": code}).status_code == 302
    again = client.post(f"/events/{conference.pk}/checkin/", {"code": code})
    assert again.status_code == 400
    counter = client.get(f"/events/{conference.pk}/attendance/").content.decode()
    assert "1/2 đại biểu đã có mặt (50%)" in counter
    assert client.get(f"/events/{conference.pk}/invitations.pdf")["Content-Type"] == "application/pdf"
    client.force_login(cast["chomoi"])
    assert client.get(f"/events/{conference.pk}/").status_code == 404
    client.force_login(cast["ducxuan"])
    assert client.get(f"/events/{conference.pk}/").status_code == 404


def test_the_api_and_the_cli_reach_the_same_services(cast: Cast, conference, client: Client, tmp_path) -> None:
    import json

    from django.core.management import call_command

    client = client_for(cast["backan"], language="en")
    invited = client.post(f"/api/v1/events/conferences/{conference.pk}/invite-awarded")
    assert invited.json() == {"invited": 2, "total": 2}
    code = conference.invitations.order_by("id").first().code
    ok = client.post(
        f"/api/v1/events/conferences/{conference.pk}/checkin",
        json.dumps({"code": code}),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["checked_in_at"]
    twice = client.post(
        f"/api/v1/events/conferences/{conference.pk}/checkin",
        json.dumps({"code": code}),
        content_type="application/json",
    )
    assert twice.status_code == 400 and twice.json()["code"] == "invalid"
    assert "already checked in" in twice.json()["message"]
    assert client.get(f"/api/v1/events/conferences/{conference.pk}/attendance").json() == {
        "invited": 2,
        "present": 1,
        "percent": 50,
    }
    client.force_login(cast["chomoi"])
    assert client.get(f"/api/v1/events/conferences/{conference.pk}/attendance").status_code == 404

    out = io.StringIO()
    call_command("conference", "status", str(conference.pk), stdout=out)
    assert out.getvalue().startswith("1/2 đã đến")
    sheet = tmp_path / "diem-danh.xlsx"
    call_command("conference", "attendance", str(conference.pk), "-o", str(sheet), stdout=io.StringIO())
    assert load_workbook(sheet).active.max_row == 3


def make_area(cast: Cast, name: str):
    from thidua.testing import make_unit
    from thidua.units.models import UnitKind

    return make_unit(code=f"01840-{name}", name=name, kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_order_of_the_presentation_puts_the_collectives_first_in_turns_of_ten(cast: Cast, awarded: Round) -> None:
    from thidua.events.selectors import STAGE_BATCH, presentation_order

    form = awarded.forms.get(code="gk-kdc")
    decision = AwardDecision.objects.filter(round=awarded, revoked_on__isnull=True).get()
    for number in range(12):
        area = make_area(cast, f"{number + 20}")
        nomination = Nomination.objects.create(round=awarded, form=form, nominated_by=cast.duc_xuan, area=area)
        Award.objects.create(
            nomination=nomination, form=form, area=area, window_start=2009, window_end=2013, decision=decision
        )
    conference = services.conference_create(
        organizer=cast.town,
        name="Hội nghị",
        starts_at=STARTS,
        place="Hội trường",
        round=awarded,
        presiders=[{"name": "Nông Văn Chí", "position": "Chủ tịch UBND thị xã"}, {"name": "Hà Thị Mai"}],
        actor=SYSTEM_ACTOR,
    )
    services.invitations_from_awards(conference=conference, actor=SYSTEM_ACTOR)
    batches = presentation_order(conference)
    assert [(b.collective, len(b.invitations)) for b in batches] == [(True, STAGE_BATCH), (True, 3), (False, 1)]
    assert batches[0].presenter == "Nông Văn Chí, Chủ tịch UBND thị xã"
    assert batches[1].presenter == batches[2].presenter == "Hà Thị Mai"
    # Areas in the order officials list them: tổ 8A before tổ 20, tổ 20 before tổ 31.
    names = [i.representing for i in batches[0].invitations]
    assert names[0] == "Đại diện tổ 8A, phường Đức Xuân" and names[1].startswith("Đại diện tổ 20,")


def test_the_letters_the_order_and_the_report_come_out_as_documents(
    cast: Cast, conference, client: Client, tmp_path
) -> None:
    from thidua.documents.pdf import render_pdf, render_pdf_many
    from thidua.events.documents import conference_report, personal_letters

    services.invitations_from_awards(conference=conference, actor=SYSTEM_ACTOR)
    guest = services.guest_invite(conference=conference, full_name="Đinh Văn Quang", actor=SYSTEM_ACTOR)
    services.checkin(conference=conference, code=guest.code, actor=SYSTEM_ACTOR, at=STARTS)
    letters = personal_letters(conference)
    assert len(letters) == 3 and letters[0].body[0].startswith("Kính gửi: Ông/Bà ")
    text = _text(render_pdf_many(letters), tmp_path)
    assert text.count("GIẤY MỜI") == 3 and guest.code in text
    report = conference_report(conference)
    assert "Hội nghị có 01/03 đại biểu được mời có mặt (đạt 33,33%)" in report.body[1]
    assert report.body[1].endswith("cá nhân được khen thưởng 0/01; khách mời 01/01.")
    assert "BÁO CÁO" in _text(render_pdf(report), tmp_path)
    client.force_login(cast["backan"])
    for url in ("letters.pdf", "order.pdf", "order.docx", "report.pdf", "invitations.docx", "attendance.xlsx"):
        assert client.get(f"/events/{conference.pk}/{url}").status_code == 200, url
    assert client.get(f"/events/{conference.pk}/minutes.pdf").status_code == 404
