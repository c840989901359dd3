"""The minutes of a session of the council (biên bản họp Hội đồng Thi đua – Khen thưởng), from the data.

Date and place, the members present and absent, the recusals, and for each nominee the ballot's
method, its tally and whether it passed; signed by the chair (chủ trì) and the secretary. Names of
places are those valid on the session's day (``builders.place_on``).
"""

from __future__ import annotations

from thidua.awards.council.selectors import members_on
from thidua.awards.models import (
    BallotBox,
    BallotMethod,
    CouncilMember,
    CouncilRole,
    CouncilSession,
    Organ,
    SittingStatus,
)
from thidua.awards.places import nominee_name
from thidua.awards.sheets import file_slug
from thidua.campaigns.documents import place_on
from thidua.documents.formats import FORMATS, Rendered
from thidua.documents.model import AdministrativeDocument, Annex, Column, Signature, Table
from thidua.lib.text import fold
from thidua.lib.vietnamese import count_number, count_phrase


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


COUNCIL_TITLE = "Hội đồng Thi đua – Khen thưởng"
METHOD_WORDS = {BallotMethod.SECRET: "Bỏ phiếu kín", BallotMethod.HANDS: "Biểu quyết giơ tay"}
ROLE_WORDS = {
    CouncilRole.CHAIR: "Chủ tịch Hội đồng",
    CouncilRole.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    CouncilRole.MEMBER: "Ủy viên",
    CouncilRole.SECRETARY: "Ủy viên, Thư ký Hội đồng",
}


def _in_sentence(name: str) -> str:
    """ "Tổ 8A, phường Đức Xuân" in the middle of a sentence: "tổ 8A, phường Đức Xuân" (a person's name
    keeps its capitals)."""
    for kind in ("Tổ ", "Thôn ", "Bản ", "Khu ", "Ấp ", "Xóm ", "Làng ", "Khối ", "Tiểu khu "):
        if name.startswith(kind):
            return kind.lower() + name[len(kind) :]
    return name


def _member_line(member: CouncilMember) -> str:
    position = f", {member.position}" if member.position else ""
    return f"{member.full_name} ({ROLE_WORDS.get(CouncilRole(member.role), member.role)}{position})"


def _presiding(present: list[CouncilMember]) -> CouncilMember | None:
    for role in (CouncilRole.CHAIR, CouncilRole.VICE_CHAIR):
        for member in present:
            if member.role == role:
                return member
    return None


def _result(box: BallotBox) -> str:
    if box.status != SittingStatus.CLOSED:
        return "Chưa kết thúc"
    return "Đạt" if box.passed else "Không đạt"


def council_minutes(session: CouncilSession) -> AdministrativeDocument:
    """The biên bản of ``session`` with the tally of every ballot."""
    round = session.round
    council = round.council
    assert council is not None
    day = session.held_on
    issuer = place_on(round.issuer, day)
    organ = "Ủy ban nhân dân" if round.organ == Organ.UBND else "Ủy ban Mặt trận Tổ quốc Việt Nam"
    members = list(members_on(council, day))
    present_ids = set(session.present.values_list("pk", flat=True))
    present = [m for m in members if m.pk in present_ids]
    absent = [m for m in members if m.pk not in present_ids]
    chair = _presiding(present)
    secretary = next((m for m in present if m.role == CouncilRole.SECRETARY), None)
    boxes = list(
        session.ballots.select_related(
            "nomination__form", "nomination__area", "nomination__person", "nomination__person_area"
        ).order_by("nomination__form__rank", "nomination__form_id", "nomination_id")
    )
    recusals = list(
        session.recusals.select_related("member", "nomination__area", "nomination__person", "nomination__person_area")
    )
    passed = sum(1 for box in boxes if box.passed)
    what = f"{round.name[:1].lower()}{round.name[1:]}"
    body = [
        f"Vào hồi …… giờ …… phút, ngày {day:%d/%m/%Y}, tại {session.place or '……'}, {council.name} họp xét {what}.",
        f"Thành viên Hội đồng: {count_phrase(len(members), 'người')}; có mặt "
        f"{count_number(len(present))}/{count_number(len(members))} thành viên: "
        + "; ".join(_member_line(m) for m in present)
        + ".",
    ]
    if absent:
        body.append(
            f"Vắng mặt {count_phrase(len(absent), 'thành viên')}: " + "; ".join(_member_line(m) for m in absent) + "."
        )
    body.append(f"Chủ trì: {chair.full_name if chair else '……'}. Thư ký: {secretary.full_name if secretary else '……'}.")
    if recusals:
        body.append(
            "Thành viên không tham gia biểu quyết (tránh xung đột lợi ích): "
            + "; ".join(
                f"{r.member.full_name} đối với {_in_sentence(nominee_name(r.nomination))}, lý do: {r.reason}"
                for r in recusals
            )
            + "."
        )
    else:
        body.append("Không có thành viên nào phải rút khỏi biểu quyết.")
    body += [
        f"Hội đồng đã biểu quyết đối với {count_phrase(len(boxes), 'trường hợp')}; "
        f"{count_phrase(passed, 'trường hợp')} đạt ngưỡng thông qua (có bảng kết quả kèm theo).",
        "Biên bản đã được thông qua tại cuộc họp; cuộc họp kết thúc vào hồi …… giờ …… phút cùng ngày./.",
    ]
    columns = (
        Column("STT", 0.5, "center"),
        Column("Đối tượng đề nghị", 2.6),
        Column("Hình thức khen thưởng", 2.0),
        Column("Hình thức biểu quyết", 1.2, "center"),
        Column("Tán thành", 0.9, "center"),
        Column("Không tán thành", 0.9, "center"),
        Column("Không biểu quyết", 0.9, "center"),
        Column("Tỷ lệ", 1.8, "center"),
        Column("Kết quả", 1.0, "center"),
    )
    rows = tuple(
        (
            str(index),
            nominee_name(box.nomination),
            box.nomination.form.name,
            METHOD_WORDS.get(BallotMethod(box.method), box.method),
            str(box.votes_for),
            str(box.votes_against),
            str(box.votes_abstain),
            box.tally_detail,
            _result(box),
        )
        for index, box in enumerate(boxes, start=1)
    )
    return AdministrativeDocument(
        # The organ and the place on two lines: "ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN" does not fit the column.
        governing_body=(organ, issuer.full_name),
        # Two lines, as councils head their papers: the title does not fit the header's column.
        issuing_body=("Hội đồng Thi đua –", "Khen thưởng"),
        number=None,
        symbol="",
        place=issuer.name,
        date=day,
        kind="BIÊN BẢN",
        subject=f"Họp {COUNCIL_TITLE}\nxét {what}",
        authority="",
        enacting_word="",
        legal_bases=(),
        body=tuple(body),
        articles=(),
        signature=Signature(title="CHỦ TRÌ", signer=chair.full_name if chair else ""),
        left_signature=Signature(title="THƯ KÝ", signer=secretary.full_name if secretary else ""),
        recipients=(),
        annexes=(
            Annex(
                f"Kết quả biểu quyết của {COUNCIL_TITLE}",
                Table(columns, rows),
                note=f"(Có {count_number(len(present))}/{count_number(len(members))} thành viên dự họp)",
                landscape=True,
            ),
        ),
    )


def council_minutes_file(session: CouncilSession, fmt: str) -> Rendered:
    """ "bien-ban-hop-hoi-dong-<dd-mm-yyyy>-<id>.pdf": the minutes of the session with the tally."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    render, content_type = FORMATS[fmt]
    stem = file_slug(f"bien ban hop hoi dong {session.held_on:%d %m %Y} {session.pk}")
    return Rendered(render(council_minutes(session)), f"{stem}.{fmt}", content_type)
