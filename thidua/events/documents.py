"""The conference's papers: the invitation letter (Giấy mời) with its list, and the attendance workbook."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from thidua.documents.builders import person_sort_key, place_on
from thidua.documents.model import AdministrativeDocument, Annex, Column, GroupHeading, Row, Signature, Table
from thidua.events.models import Conference, Invitation, InviteeKind
from thidua.lib.vietnamese import vi_upper

GROUPS: tuple[tuple[str, str], ...] = (
    (InviteeKind.AWARDED_AREA, "Đại diện các khu dân cư được khen thưởng"),
    (InviteeKind.AWARDED_PERSON, "Cá nhân được khen thưởng"),
    (InviteeKind.GUEST, "Đại biểu"),
)


def _ordered(conference: Conference) -> list[Invitation]:
    return sorted(conference.invitations.all(), key=lambda i: (i.kind, person_sort_key(i.full_name)))


def invitation_letter(
    conference: Conference, *, signer_title: str = "CHỦ TỊCH", signer: str = "", issued_on: datetime.date | None = None
) -> AdministrativeDocument:
    """The Giấy mời of the organizer to everyone on the list annexed, with the programme and each code.

    It is dated ``issued_on``, by default today or, for a conference less than a week ahead (or past,
    as in the demo's 2014), a week before it: a letter is sent before the day it invites to.
    """
    starts = timezone.localtime(conference.starts_at)
    day = issued_on or min(timezone.localdate(), starts.date() - datetime.timedelta(days=7))
    organizer = place_on(conference.organizer, day)
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
    programme = [
        f"- {item['time']}: {item['item']}" + (f" ({item['by']})" if item.get("by") else "")
        for item in conference.agenda
    ]
    body = (
        "Kính gửi: Các tập thể, cá nhân và đại biểu có tên trong danh sách kèm theo.",
        f"Ủy ban nhân dân {organizer.full_name} trân trọng kính mời đến dự {conference.name}.",
        f"Thời gian: {starts:%H} giờ {starts:%M} phút, ngày {starts:%d/%m/%Y}.",
        f"Địa điểm: {conference.place}.",
        *(("Chương trình:", *programme) if programme else ()),
        "Khi đến dự, đề nghị đại biểu mang theo giấy mời; mã số trên danh sách kèm theo dùng để điểm danh "
        "tại bàn đón tiếp.",
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
        recipients=("Như trên", "Lưu: VT"),
        annexes=(
            Annex(
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
            ),
        ),
    )


def attendance_workbook(conference: Conference) -> bytes:
    """The list of the invited with their check-in time: one sheet, one row each, a header row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Điểm danh"
    headers = ["STT", "Họ và tên", "Đơn vị, chức vụ", "Mời với tư cách", "Mã", "Có mặt", "Giờ đến"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, invitation in enumerate(_ordered(conference), start=1):
        arrived = timezone.localtime(invitation.checked_in_at) if invitation.checked_in_at else None
        sheet.append(
            [
                number,
                invitation.full_name,
                invitation.representing,
                str(InviteeKind(invitation.kind).label),
                invitation.code,
                "có" if arrived else "vắng",
                arrived.strftime("%H:%M %d/%m/%Y") if arrived else "",
            ]
        )
    for index, width in enumerate((6, 28, 48, 26, 10, 8, 18), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
