"""The conference's papers: the invitation letter (Giấy mời) with its list, and the attendance workbook."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from fractions import Fraction

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from thidua.campaigns.documents import person_sort_key, place_on
from thidua.campaigns.rules import percent
from thidua.documents.exports import put_row
from thidua.documents.model import AdministrativeDocument, Annex, Column, GroupHeading, Row, Signature, Table
from thidua.events.models import Conference, Invitation, InviteeKind
from thidua.events.selectors import STAGE_BATCH, presentation_order
from thidua.lib.vietnamese import count_number, count_phrase, vi_upper

GROUPS: tuple[tuple[str, str], ...] = (
    (InviteeKind.AWARDED_AREA, "Đại diện các khu dân cư được khen thưởng"),
    (InviteeKind.AWARDED_PERSON, "Cá nhân được khen thưởng"),
    (InviteeKind.GUEST, "Đại biểu"),
)


def _ordered(conference: Conference) -> list[Invitation]:
    return sorted(conference.invitations.all(), key=lambda i: (i.kind, person_sort_key(i.full_name)))


def _letter_day(conference: Conference, issued_on: datetime.date | None) -> datetime.date:
    """A letter is dated ``issued_on``, by default today or, for a conference less than a week ahead (or
    past, as in the demo's 2014), a week before it: a letter is sent before the day it invites to."""
    starts = timezone.localtime(conference.starts_at).date()
    return issued_on or min(timezone.localdate(), starts - datetime.timedelta(days=7))


def _programme(conference: Conference) -> list[str]:
    return [
        f"- {item['time']}: {item['item']}" + (f" ({item['by']})" if item.get("by") else "")
        for item in conference.agenda
    ]


def _letter(
    conference: Conference,
    *,
    to: str,
    day: datetime.date,
    signer_title: str,
    signer: str,
    closing: str,
    annexes: tuple[Annex, ...] = (),
) -> AdministrativeDocument:
    starts = timezone.localtime(conference.starts_at)
    organizer = place_on(conference.organizer, day)
    programme = _programme(conference)
    body = (
        f"Kính gửi: {to}.",
        f"Ủy ban nhân dân {organizer.full_name} trân trọng kính mời đến dự {conference.name}.",
        f"Thời gian: {starts:%H} giờ {starts:%M} phút, ngày {starts:%d/%m/%Y}.",
        f"Địa điểm: {conference.place}.",
        *(("Chương trình:", *programme) if programme else ()),
        closing,
        "Rất mong đại biểu đến dự đầy đủ, đúng giờ./.",
    )
    return AdministrativeDocument(
        issuing_body=("Ủy ban nhân dân", organizer.full_name),
        number=None,
        symbol="GM-UBND",
        place=organizer.name,
        date=day,
        kind="GIẤY MỜI",
        subject=conference.name,
        authority="",
        enacting_word="",
        legal_bases=(),
        body=body,
        articles=(),
        signature=Signature(prefix="TM.", authority="ỦY BAN NHÂN DÂN", title=vi_upper(signer_title), signer=signer),
        recipients=("Như trên",),
        annexes=annexes,
    )


def invitation_letter(
    conference: Conference, *, signer_title: str = "CHỦ TỊCH", signer: str = "", issued_on: datetime.date | None = None
) -> AdministrativeDocument:
    """The Giấy mời of the organizer to everyone on the list annexed, with the programme and each code."""
    rows: list[Row] = []
    number = 0
    by_kind = {kind: [i for i in _ordered(conference) if i.kind == kind] for kind, _title in GROUPS}
    for kind, title in GROUPS:
        if not by_kind[kind]:
            continue
        rows.append(GroupHeading(title))
        for invitation in by_kind[kind]:
            number += 1
            rows.append((str(number), invitation.full_name, invitation.representing, invitation.code))
    annex = Annex(
        "Danh sách đại biểu được mời",
        Table(
            (
                Column("STT", 0.5, "center"),
                Column("Họ và tên", 2),
                Column("Đơn vị, chức vụ", 3),
                Column("Mã điểm danh", 1, "center"),
            ),
            tuple(rows),
        ),
        note=f"(Tổng số: {number} đại biểu)",
    )
    return _letter(
        conference,
        to="Các tập thể, cá nhân và đại biểu có tên trong danh sách kèm theo",
        day=_letter_day(conference, issued_on),
        signer_title=signer_title,
        signer=signer,
        closing="Khi đến dự, đề nghị đại biểu mang theo giấy mời; mã số trên danh sách kèm theo dùng để điểm danh "
        "tại bàn đón tiếp.",
        annexes=(annex,),
    )


def personal_letters(
    conference: Conference, *, signer_title: str = "CHỦ TỊCH", signer: str = "", issued_on: datetime.date | None = None
) -> list[AdministrativeDocument]:
    """One Giấy mời per invited person ("Kính gửi: Ông/Bà …"), each with its own check-in code."""
    day = _letter_day(conference, issued_on)
    return [
        _letter(
            conference,
            to=f"Ông/Bà {invitation.full_name}" + (f" — {invitation.representing}" if invitation.representing else ""),
            day=day,
            signer_title=signer_title,
            signer=signer,
            closing=f"Khi đến dự, đề nghị Ông/Bà mang theo giấy mời này; mã điểm danh: {invitation.code}.",
        )
        for invitation in _ordered(conference)
    ]


def presentation_document(conference: Conference) -> AdministrativeDocument:
    """The order of the presentation (thứ tự trao thưởng) for the master of ceremonies."""
    starts = timezone.localtime(conference.starts_at)
    day = starts.date()
    organizer = place_on(conference.organizer, day)
    rows: list[Row] = []
    for batch in presentation_order(conference):
        who = "tập thể" if batch.collective else "cá nhân"
        rows.append(GroupHeading(f"Lượt {batch.number:02d}: {batch.form} ({who}) — trao: {batch.presenter or '…'}"))
        for number, invitation in enumerate(batch.invitations, start=1):
            rows.append((str(number), invitation.full_name, invitation.representing))
    return AdministrativeDocument(
        issuing_body=("Ủy ban nhân dân", organizer.full_name),
        number=None,
        symbol="",
        place=organizer.name,
        date=day,
        kind="THỨ TỰ TRAO THƯỞNG",
        subject=conference.name,
        authority="",
        enacting_word="",
        legal_bases=(),
        body=(
            f"Tổng số {count_phrase(len(rows) - sum(isinstance(r, GroupHeading) for r in rows), 'lượt nhận')} "
            f"Giấy khen, chia thành {count_phrase(sum(isinstance(r, GroupHeading) for r in rows), 'lượt')} lên sân "
            f"khấu, mỗi lượt không quá {STAGE_BATCH} người; hình thức cao hơn trao trước, tập thể trước cá nhân.",
        ),
        articles=(),
        signature=Signature(prefix="TM.", authority="BAN TỔ CHỨC", title="TRƯỞNG BAN", signer=""),
        recipients=(),
        annexes=(
            Annex(
                "Thứ tự trao Giấy khen",
                Table(
                    (Column("STT", 0.5, "center"), Column("Họ và tên", 2), Column("Đơn vị, chức vụ", 3)), tuple(rows)
                ),
            ),
        ),
    )


def _ratio(part: Sequence[object], whole: Sequence[object]) -> str:
    return f"{count_number(len(part))}/{count_number(len(whole))}"


def conference_report(conference: Conference, *, issued_on: datetime.date | None = None) -> AdministrativeDocument:
    """The short report after the event: who presided, who came, what was handed over."""
    starts = timezone.localtime(conference.starts_at)
    day = issued_on or starts.date()
    organizer = place_on(conference.organizer, day)
    invitations = list(conference.invitations.all())
    came = [i for i in invitations if i.checked_in_at]
    by_kind = {
        kind: ([i for i in invitations if i.kind == kind], [i for i in came if i.kind == kind]) for kind, _ in GROUPS
    }
    share = Fraction(len(came), len(invitations)) if invitations else Fraction(0)
    presiders = ", ".join(
        p["name"] + (f" ({p['position']})" if p.get("position") else "") for p in conference.presiders
    )
    batches = presentation_order(conference)
    handed = sum(len(b.invitations) for b in batches)
    body = (
        f"Thực hiện kế hoạch, ngày {starts:%d/%m/%Y}, tại {conference.place}, Ủy ban nhân dân {organizer.full_name} "
        f"đã tổ chức {conference.name}.",
        *((f"Chủ trì Hội nghị: {presiders}.",) if presiders else ()),
        f"Hội nghị có {_ratio(came, invitations)} đại biểu được mời có mặt (đạt {percent(share)}), trong đó: "
        f"đại diện khu dân cư được khen thưởng {_ratio(*by_kind[InviteeKind.AWARDED_AREA][::-1])}; "
        f"cá nhân được khen thưởng {_ratio(*by_kind[InviteeKind.AWARDED_PERSON][::-1])}; "
        f"khách mời {_ratio(*by_kind[InviteeKind.GUEST][::-1])}.",
        f"Hội nghị đã trao {count_phrase(handed, 'Giấy khen')} trong {count_phrase(len(batches), 'lượt')}; "
        "Giấy khen của tập thể, cá nhân vắng mặt được gửi về Ủy ban nhân dân các xã, phường để trao lại.",
        "Trên đây là báo cáo kết quả Hội nghị./.",
    )
    rows: list[Row] = []
    for number, invitation in enumerate(_ordered(conference), start=1):
        arrived = timezone.localtime(invitation.checked_in_at).strftime("%H:%M") if invitation.checked_in_at else "vắng"
        rows.append((str(number), invitation.full_name, invitation.representing, arrived))
    return AdministrativeDocument(
        issuing_body=("Ủy ban nhân dân", organizer.full_name),
        number=None,
        symbol="BC-UBND",
        place=organizer.name,
        date=day,
        kind="BÁO CÁO",
        subject=f"Kết quả {conference.name[:1].lower()}{conference.name[1:]}",
        authority="",
        enacting_word="",
        legal_bases=(),
        body=body,
        articles=(),
        signature=Signature(prefix="TM.", authority="ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", signer=""),
        recipients=("Thường trực Thị ủy (b/c)", "Ủy ban MTTQ Việt Nam tỉnh (b/c)"),
        annexes=(
            Annex(
                "Danh sách đại biểu dự Hội nghị",
                Table(
                    (
                        Column("STT", 0.5, "center"),
                        Column("Họ và tên", 2),
                        Column("Đơn vị, chức vụ", 3),
                        Column("Giờ đến", 1, "center"),
                    ),
                    tuple(rows),
                ),
            ),
        ),
    )


def attendance_workbook(conference: Conference) -> bytes:
    """The list of the invited with their check-in time: one sheet, one row each, a header row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Điểm danh"
    headers = ["STT", "Họ và tên", "Đơn vị, chức vụ", "Mời với tư cách", "Mã", "Có mặt", "Giờ đến", "Ký tên"]
    put_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, invitation in enumerate(_ordered(conference), start=1):
        arrived = timezone.localtime(invitation.checked_in_at) if invitation.checked_in_at else None
        put_row(
            sheet,
            [
                number,
                invitation.full_name,
                invitation.representing,
                str(InviteeKind(invitation.kind).label),
                invitation.code,
                "có" if arrived else "vắng",
                arrived.strftime("%H:%M %d/%m/%Y") if arrived else "",
                "",
            ],
        )
    for index, width in enumerate((6, 28, 48, 26, 10, 8, 18, 16), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
    # Printed at the door for signatures: A4 landscape, one page wide, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
