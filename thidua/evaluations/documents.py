"""The documents of the yearly cycle, built from the database: the recognition decisions, the minutes
of a bình xét, the certificates of a decision (the certificate source "evaluations.decision"), and
each as a downloadable file, the same for the web, the API and the CLI.

Every name of a place is the one valid on the document's date and the legal bases are those of the
regime in force on it (``thidua.campaigns.documents``).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.campaigns.documents import (
    GDVH_TITLE,
    KDC_TITLE,
    PARTY_COMMITTEE,
    Place,
    area_sort_key,
    legal_bases_on,
    person_sort_key,
    place_on,
)
from thidua.campaigns.rules import regime_for
from thidua.campaigns.selectors import parameters_for
from thidua.documents.formats import Rendered, render_as
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
from thidua.errors import Refused
from thidua.evaluations.models import Ballot, Decision, DecisionKind, Meeting, MeetingKind
from thidua.evaluations.selectors import decisions_visible_to
from thidua.lib.text import fold, vi_sort_key
from thidua.lib.vietnamese import count_number, count_phrase, roman, vi_capitalize, vi_upper
from thidua.register.issued import issued_file
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_ancestors

# The form of the minutes of a bình xét under each regime (the decree's annex numbers them);
# TT 12/2011 and QĐ 62/2006 prescribe no form.
MINUTES_FORM: dict[str, str] = {
    "nd122-2018": "Mẫu số 07 ban hành kèm theo Nghị định số 122/2018/NĐ-CP",
    "nd86-2023": "Mẫu số 03 ban hành kèm theo Nghị định số 86/2023/NĐ-CP",
}
AREA_MINUTES_FORM: dict[str, str] = {
    "nd122-2018": "Mẫu số 09 ban hành kèm theo Nghị định số 122/2018/NĐ-CP",
    "nd86-2023": "Mẫu số 06 ban hành kèm theo Nghị định số 86/2023/NĐ-CP",
}

BALLOT_WORDS: dict[str, str] = {Ballot.SECRET: "bỏ phiếu kín", Ballot.HANDS: "biểu quyết giơ tay"}


def signature_for(title: str, signer: str) -> Signature:
    """The signature block from the signer's title, for a decision of the chairman.

    The recognition is the chairman's own competence (the authority line reads "CHỦ TỊCH ỦY BAN
    NHÂN DÂN …"), so the chairman signs as "CHỦ TỊCH" and a deputy as "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH";
    "TM." belongs to decisions of the committee as a collective, which a title "TM. Ủy ban nhân dân"
    asks for explicitly.
    """
    plain = vi_upper(title.strip()) or "CHỦ TỊCH"
    if plain.startswith("PHÓ CHỦ TỊCH"):
        return Signature(prefix="KT.", authority="CHỦ TỊCH", title=plain, signer=signer)
    if plain.startswith("TM."):
        return Signature(prefix="TM.", authority=plain.removeprefix("TM.").strip(), title="CHỦ TỊCH", signer=signer)
    return Signature(title=plain, signer=signer)


# Decisions -----------------------------------------------------------------------------------------


def recognition_decision(decision: Decision) -> AdministrativeDocument:
    """The Quyết định công nhận of ``decision`` (GĐVH by the commune chairman, KDC by the district's or
    the configured authority), with the list of titled households or areas annexed."""
    day = decision.issued_on
    issuer = place_on(decision.issuer, day)
    households = decision.kind == DecisionKind.GDVH
    title = GDVH_TITLE if households else KDC_TITLE
    if households:
        annex, titled = _household_annex(decision, issuer)
        noun = "hộ gia đình"
        whom = "Trưởng các khu dân cư, Trưởng ban công tác Mặt trận các khu dân cư và các hộ gia đình"
        proposal = (
            f"Xét đề nghị của Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {issuer.full_name} "
            "và kết quả bình xét ở các khu dân cư"
        )
    else:
        annex, titled = _area_annex(decision, issuer)
        noun = "khu dân cư"
        if issuer.level == Level.COMMUNE:
            # Since 1/7/2025 (no district level) the commune's chairman may be the configured
            # authority; the list then comes from the commune's own emulation council (NĐ 86, Điều 8).
            whom = "Trưởng các thôn, tổ dân phố, Trưởng ban công tác Mặt trận các khu dân cư"
            proposal = f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng {issuer.full_name}"
        else:
            whom = "Chủ tịch Ủy ban nhân dân các xã, phường, thị trấn và các khu dân cư"
            proposal = "Xét đề nghị của Chủ tịch Ủy ban nhân dân các xã, phường, thị trấn"
    chairman = f"Chủ tịch Ủy ban nhân dân {issuer.full_name}"
    return AdministrativeDocument(
        issuing_body=("Ủy ban nhân dân", issuer.full_name),
        number=decision.number,
        symbol=decision.symbol,
        place=issuer.name,
        date=day,
        subject=f"Về việc công nhận danh hiệu {title} năm {decision.year}",
        authority=vi_upper(chairman),
        legal_bases=(*legal_bases_on(day), proposal),
        articles=(
            Article(
                1,
                f"Công nhận {count_phrase(titled, noun)} trên địa bàn {issuer.full_name} đạt danh hiệu {title} "
                f"năm {decision.year} (có danh sách kèm theo).",
            ),
            Article(2, "Quyết định này có hiệu lực kể từ ngày ký."),
            Article(
                3,
                f"Văn phòng Ủy ban nhân dân {issuer.full_name}, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam "
                f"{issuer.full_name}, {whom} có tên tại Điều 1 căn cứ Quyết định thi hành./.",
            ),
        ),
        signature=signature_for(decision.signer_title, decision.signer_name),
        recipients=(
            "Như Điều 3",
            f"Thường trực {PARTY_COMMITTEE.get(issuer.kind, 'Đảng ủy')} (b/c)",
            f"Ủy ban MTTQ Việt Nam {issuer.full_name}",
        ),
        archive="VT, VH",
        issuer_phrase=chairman,
        annexes=(annex,),
    )


def _household_annex(decision: Decision, issuer: Place) -> tuple[Annex, int]:
    day = decision.issued_on
    lines = list(
        decision.household_years.filter(titled=True, revoked_on__isnull=True).select_related("household", "area")
    )
    by_area: dict[int, list[tuple[str, str]]] = {}
    areas: dict[int, Place] = {}
    for line in lines:
        if line.area_id not in areas:
            areas[line.area_id] = place_on(line.area, day)
        by_area.setdefault(line.area_id, []).append((line.household.head_name, line.household.address))
    rows: list[Row] = []
    counter = itertools.count(1)
    ordered = sorted(areas.values(), key=lambda place: area_sort_key(place.name))
    for index, area in enumerate(ordered, start=1):
        rows.append(GroupHeading(f"{roman(index)}. {vi_upper(area.header_name)}"))
        where = _area_where(area.unit, day)
        for name, address in sorted(by_area[area.unit.pk], key=lambda item: person_sort_key(item[0])):
            rows.append((str(next(counter)), name, _address(address, where)))
    table = Table(
        (Column("STT", 0.6, "center"), Column("Họ và tên chủ hộ", 2.6), Column("Địa chỉ / khu dân cư", 2.8)),
        tuple(rows),
    )
    annex = Annex(
        f"Danh sách hộ gia đình đạt danh hiệu {GDVH_TITLE} năm {decision.year}",
        table,
        note=f"(Tổng số: {count_phrase(len(lines), 'hộ gia đình')})",
    )
    return annex, len(lines)


def _area_annex(decision: Decision, issuer: Place) -> tuple[Annex, int]:
    day = decision.issued_on
    lines = list(decision.area_years.filter(titled=True, revoked_on__isnull=True).select_related("area"))
    by_commune: dict[int | None, list[Place]] = {}
    communes: dict[int | None, Place | None] = {}
    for line in lines:
        area = place_on(line.area, day)
        key = area.parent.pk if area.parent else None
        if key not in communes:
            communes[key] = place_on(area.parent, day) if area.parent else None
        by_commune.setdefault(key, []).append(area)
    rows: list[Row] = []
    counter = itertools.count(1)
    ordered = sorted(communes.items(), key=lambda item: vi_sort_key(item[1].name if item[1] else ""))
    for index, (key, commune) in enumerate(ordered, start=1):
        if commune is not None:
            rows.append(GroupHeading(f"{roman(index)}. {vi_upper(commune.full_name)}"))
        for area in sorted(by_commune[key], key=lambda place: area_sort_key(place.name)):
            rows.append(
                (
                    str(next(counter)),
                    vi_capitalize(area.header_name),
                    vi_capitalize(commune.full_name) if commune else "",
                )
            )
    table = Table(
        (Column("STT", 0.6, "center"), Column("Tên khu dân cư", 2.8), Column("Xã, phường, thị trấn", 2.6)),
        tuple(rows),
    )
    annex = Annex(
        # The full title ("… đạt danh hiệu “Khu dân cư văn hóa” năm 2012") breaks inside the quoted
        # title at 14 pt; the shorter form officials also use fits on one line.
        f"Danh sách khu dân cư văn hóa năm {decision.year}",
        table,
        note=f"(Tổng số: {count_phrase(len(lines), 'khu dân cư')})",
    )
    return annex, len(lines)


# Minutes -------------------------------------------------------------------------------------------


def _share(votes: int, present: int) -> str:
    return f"{votes * 100 / present:.1f}%".replace(".", ",") if present else "—"


def _result(proposed: bool | None, votes: int, present: int, pass_share: float | None) -> str:
    # A meeting whose lines the rules have not yet evaluated shows the vote-share rule of the
    # province on the meeting's date ("từ 60% trở lên"), which is what the meeting itself announces;
    # with no such rule the result is left for the rules to decide.
    if proposed is None:
        if pass_share is None or not present:
            return ""
        proposed = votes >= pass_share * present - 1e-9
    return "Đề nghị công nhận" if proposed else "Không đề nghị"


def _pass_share(meeting: Meeting) -> float | None:
    chain = unit_ancestors(meeting.unit, as_of=meeting.held_on)
    if not chain:
        return None
    share = parameters_for(chain[0], meeting.held_on).get("pass_share")
    return float(share) if share is not None else None


def meeting_minutes(meeting: Meeting, *, secretary: str = "") -> AdministrativeDocument:
    """The biên bản bình xét of ``meeting`` (Mẫu 07 of NĐ 122/2018, Mẫu 03 of NĐ 86/2023), with the tally."""
    day = meeting.held_on
    unit = place_on(meeting.unit, day)
    households = meeting.kind == MeetingKind.HOUSEHOLD_REVIEW
    regime = regime_for(day)
    forms = MINUTES_FORM if households else AREA_MINUTES_FORM
    title = GDVH_TITLE if households else KDC_TITLE
    # A household meeting is the area's: its header, place and venue name the commune above it.
    commune = place_on(unit.parent, day) if households and unit.parent else None
    if households:
        governing: tuple[str, ...] = (commune.full_name,) if commune else ()
        issuing: tuple[str, ...] = (unit.header_name,)
        tally = _household_tally(meeting, _pass_share(meeting))
        noun = "hộ gia đình"
    else:
        governing, issuing = (), ("Ủy ban nhân dân", unit.full_name)
        tally = _area_tally(meeting, day, _pass_share(meeting))
        noun = "khu dân cư"
    present, convened = meeting.present, meeting.convened
    proposed = sum(1 for row in tally if row[-1] == "Đề nghị công nhận")
    chair = meeting.chair or meeting.front_head
    where = f"{unit.full_name}, {commune.full_name}" if commune else unit.full_name
    body = (
        # The meeting's hour and venue are not recorded: the clerk fills them in before signing.
        f"Vào hồi …… giờ …… phút, ngày {day:%d/%m/%Y}, tại {where}, tiến hành họp bình xét danh hiệu "
        f"{title} năm {meeting.year}" + (f" (theo {forms[regime.key]})." if regime.key in forms else "."),
        f"Chủ trì: {chair or '……'}"
        + (f"; Trưởng ban công tác Mặt trận: {meeting.front_head}" if meeting.front_head else "")
        + f". Thư ký: {secretary or '……'}.",
        f"Số người được triệu tập: {convened}; có {present}/{convened} người dự, đạt {_share(present, convened)}.",
        f"Hình thức bình xét: {BALLOT_WORDS.get(meeting.ballot, meeting.ballot)}. Số {noun} được bình xét: "
        f"{count_number(len(tally))}.",
        f"Kết quả: {count_phrase(proposed, noun)} được đề nghị công nhận danh hiệu {title} năm {meeting.year} "
        "(có danh sách kèm theo).",
        "Biên bản đã được thông qua tại cuộc họp; cuộc họp kết thúc vào hồi …… giờ …… phút cùng ngày./.",
    )
    columns = (
        Column("STT", 0.6, "center"),
        Column("Hộ gia đình (chủ hộ)" if households else "Khu dân cư", 2.6),
        Column("Số phiếu đồng ý", 1.2, "center"),
        Column("Tỷ lệ so với số người dự", 1.3, "center"),
        Column("Kết quả", 1.7, "center"),
    )
    return AdministrativeDocument(
        governing_body=governing,
        issuing_body=issuing,
        number=None,
        symbol="",
        place=commune.name if commune else unit.name,
        date=day,
        kind="BIÊN BẢN",
        subject=f"Họp bình xét danh hiệu {title} năm {meeting.year}",
        authority="",
        enacting_word="",
        legal_bases=(),
        body=body,
        articles=(),
        signature=Signature(title="CHỦ TRÌ", signer=chair),
        left_signature=Signature(title="THƯ KÝ", signer=secretary),
        recipients=(),
        annexes=(
            Annex(
                f"Kết quả bình xét danh hiệu {title} năm {meeting.year}",
                Table(columns, tuple(tally)),
                note=f"(Có {present}/{convened} người dự họp)",
            ),
        ),
    )


def _household_tally(meeting: Meeting, pass_share: float | None) -> list[tuple[str, ...]]:
    lines = sorted(
        meeting.household_years.select_related("household"), key=lambda line: person_sort_key(line.household.head_name)
    )
    return [
        (
            str(index),
            line.household.head_name,
            str(line.votes_for or 0),
            _share(line.votes_for or 0, meeting.present),
            _result(line.proposed, line.votes_for or 0, meeting.present, pass_share),
        )
        for index, line in enumerate(lines, start=1)
    ]


def _area_tally(meeting: Meeting, day: datetime.date, pass_share: float | None) -> list[tuple[str, ...]]:
    places = [(place_on(line.area, day), line) for line in meeting.area_years.select_related("area")]
    places.sort(key=lambda item: area_sort_key(item[0].name))
    return [
        (
            str(index),
            vi_capitalize(place.header_name),
            str(line.votes_for or 0),
            _share(line.votes_for or 0, meeting.present),
            _result(line.proposed, line.votes_for or 0, meeting.present, pass_share),
        )
        for index, (place, line) in enumerate(places, start=1)
    ]


# Certificates ----------------------------------------------------------------------------------------


def decision_certificates(*, actor: Actor, decision_id: int) -> list[Certificate]:
    """The certificate source "evaluations.decision": the actor prints only a decision they may see."""
    decision = Decision.objects.filter(pk=decision_id).first()
    if decision is None or (
        actor is not SYSTEM_ACTOR and not decisions_visible_to(actor).filter(pk=decision_id).exists()
    ):
        raise Refused(_("The decision is outside the units you work for."), hidden=True)
    return certificates_for_decision(decision)


def certificates_for_decision(decision: Decision) -> list[Certificate]:
    """One Giấy công nhận per titled household (the head's name) or area (its name on the decision's date)."""
    day = decision.issued_on
    issuer = place_on(decision.issuer, day)
    recipients: Iterable[tuple[str, str]]
    if decision.kind == DecisionKind.GDVH:
        achievement = f"Đạt danh hiệu {GDVH_TITLE} năm {decision.year}"
        lines = decision.household_years.filter(titled=True, revoked_on__isnull=True).select_related(
            "household", "area"
        )
        people = sorted(lines, key=lambda line: person_sort_key(line.household.head_name))
        wheres = {line.area_id: _area_where(line.area, day) for line in people}
        recipients = [
            (f"Gia đình ông (bà) {line.household.head_name}", _address(line.household.address, wheres[line.area_id]))
            for line in people
        ]
    else:
        achievement = f"Đạt danh hiệu {KDC_TITLE} năm {decision.year}"
        areas = [place_on(line.area, day) for line in decision.area_years.filter(titled=True, revoked_on__isnull=True)]
        areas.sort(key=lambda place: area_sort_key(place.name))
        recipients = [
            (
                f"Khu dân cư {area.header_name}",
                vi_capitalize(place_on(area.parent, day).full_name) if area.parent else "",
            )
            for area in areas
        ]
    return [
        Certificate(
            awarding_authority=("CHỦ TỊCH", vi_upper(f"Ủy ban nhân dân {issuer.full_name}")),
            recipient=recipient,
            recipient_detail=detail,
            achievement=achievement,
            decision_number=decision.number,
            decision_symbol=decision.symbol,
            decision_date=day,
            place=issuer.name,
            date=day,
            signature=signature_for(decision.signer_title, decision.signer_name),
            title="GIẤY CÔNG NHẬN",
        )
        for recipient, detail in recipients
    ]


def _area_where(area: Unit, day: datetime.date) -> str:
    """ "Tổ 8A, phường Đức Xuân": an area and its commune by their names on ``day``."""
    place = place_on(area, day)
    commune = place_on(place.parent, day).full_name if place.parent else ""
    return vi_capitalize(", ".join(part for part in (place.full_name, commune) if part))


def _address(address: str, where: str) -> str:
    """The household's own address, completed with its area unless it already names it."""
    if not address.strip():
        return where
    return address if fold(where.split(",")[0]) in fold(address) else f"{address}, {where}"


# Files ---------------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    """ "quyet dinh 05 QĐ-UBND 2012" → "quyet-dinh-05-qd-ubnd-2012": a file name without diacritics."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def decision_file(decision: Decision, fmt: str) -> Rendered:
    """ "quyet-dinh-05-qd-ubnd-2012.pdf": the recognition decision with its annexed list.

    The PDF is the text as issued, stored once after the issue (``thidua.register.issued``); a
    decision whose text is not stored (recorded before the register kept files, or the job still
    running) is rendered from the data, with the names of places valid on its date.
    """
    stem = _slug(f"quyet dinh {decision.number:02d} {decision.symbol} {decision.issued_on.year}")
    if fmt == "pdf":
        stored = issued_file(decision)
        if stored is not None:
            return Rendered(stored, f"{stem}.pdf", "application/pdf")
    return render_as(recognition_decision(decision), stem, fmt)


def decision_issued(decision: Decision) -> Rendered:
    """The PDF as issued, rendered from the data once, by the job of ``thidua.register.issued``."""
    stem = _slug(f"quyet dinh {decision.number:02d} {decision.symbol} {decision.issued_on.year}")
    return render_as(recognition_decision(decision), stem, "pdf")


def minutes_file(meeting: Meeting, fmt: str, *, secretary: str = "") -> Rendered:
    """ "bien-ban-binh-xet-2012-<id>.pdf": the minutes of the bình xét with the tally."""
    stem = _slug(f"bien ban binh xet {meeting.year} {meeting.pk}")
    return render_as(meeting_minutes(meeting, secretary=secretary), stem, fmt)
