"""Documents of a commendation round: the Quyết định khen thưởng, the tờ trình upward, the Giấy khen.

Built from ``thidua.awards`` rows into the engine's plain values (``thidua.documents.model``), then
rendered by the same DOCX and PDF renderers as the recognition decisions. Names of places are the ones
valid on the document's date for the issuer, and at the end of the period for the recipients (the
achievement was made in "tổ 8A, phường Đức Xuân", whatever it is called later).

Article 2 of a decision (the reward money, or the day it takes effect) is configurable: a form may say
it in ``criteria["decision_article_2"]``; otherwise ``ARTICLE_2_DEFAULT`` is used.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from thidua.awards.models import Award, AwardDecision, Nomination, Organ, Proposal
from thidua.awards.sheets import file_slug
from thidua.campaigns.documents import LOCAL_GOVERNMENT_LAWS, Place, area_sort_key, person_sort_key, place_on
from thidua.campaigns.selectors import campaign_period_on
from thidua.documents.formats import FORMATS, Rendered
from thidua.documents.model import (
    SIGNATURE_PREFIXES,
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
from thidua.lib.text import vi_sort_key
from thidua.lib.vietnamese import count_phrase, date_words, document_number, roman, vi_capitalize, vi_upper
from thidua.people.models import Gender
from thidua.register.issued import issued_file
from thidua.units.models import Unit

ARTICLE_2_DEFAULT = (
    "Kèm theo Giấy khen là tiền thưởng theo quy định hiện hành, trích từ Quỹ thi đua, khen thưởng của {issuer}."
)
CAMPAIGN_FALLBACK = "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư"
FRONT_HEAD = "Trưởng ban công tác Mặt trận"
HONORIFIC: dict[str, str] = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}


# The law on emulation and commendation in force on a date: (first day, citation).
COMMENDATION_LAWS: tuple[tuple[datetime.date, str], ...] = (
    (
        datetime.date(2004, 7, 1),
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
        "Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005",
    ),
    (
        datetime.date(2014, 6, 1),
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
        "Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013",
    ),
    (datetime.date(2024, 1, 1), "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"),
)
# The government's decree detailing that law, by its first day in force.
COMMENDATION_DECREES: tuple[tuple[datetime.date, str], ...] = (
    (
        datetime.date(2010, 6, 1),
        "Căn cứ Nghị định số 42/2010/NĐ-CP ngày 15 tháng 4 năm 2010 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, Khen thưởng và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
        "Khen thưởng",
    ),
    (
        datetime.date(2014, 8, 15),
        "Căn cứ Nghị định số 65/2014/NĐ-CP ngày 01 tháng 7 năm 2014 của Chính phủ quy định chi tiết thi hành "
        "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng năm 2013",
    ),
    (
        datetime.date(2017, 7, 31),
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng",
    ),
    (
        datetime.date(2024, 1, 1),
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng",
    ),
)


def _in_force(table: tuple[tuple[datetime.date, str], ...], day: datetime.date) -> str:
    return next((text for start, text in reversed(table) if start <= day), table[0][1])


def award_legal_bases_on(day: datetime.date, issuer: Unit, organ: str) -> list[str]:
    """The usual legal bases of a Quyết định khen thưởng issued on ``day``: a starting point the officer edits."""
    place = place_on(issuer, day)
    bases = [_in_force(LOCAL_GOVERNMENT_LAWS, day)] if organ == Organ.UBND else []
    bases += [_in_force(COMMENDATION_LAWS, day), _in_force(COMMENDATION_DECREES, day)]
    bases.append(f"Xét đề nghị của Hội đồng Thi đua – Khen thưởng {place.full_name}")
    return bases


def award_subject(period_start: int, period_end: int) -> str:
    """The subject line of the decision, naming the campaign and the period."""
    achievement = achievement_line(period_start, period_end).removeprefix("Đã có thành tích xuất sắc")
    return f"Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc{achievement}"


@dataclass(frozen=True)
class Recipient:
    """One line of the annex and one certificate: "Khu dân cư tổ 8A" / "Phường Đức Xuân"."""

    collective: bool
    name: str
    detail: str
    sort_key: tuple[object, ...]


def _issuer_names(unit: Unit, organ: str, day: datetime.date) -> tuple[Place, tuple[str, ...], str, str]:
    """The issuer's place, header lines, its name in running text, and the chairman's authority."""
    place = place_on(unit, day)
    if organ == Organ.MTTQ:
        body = f"Ủy ban Mặt trận Tổ quốc Việt Nam {place.full_name}"
        return place, ("Ủy ban MTTQ Việt Nam", place.full_name, "Ban Thường trực"), body, f"Ban Thường trực {body}"
    body = f"Ủy ban nhân dân {place.full_name}"
    return place, ("Ủy ban nhân dân", place.full_name), body, f"Chủ tịch {body}"


def _period_day(nomination: Nomination) -> datetime.date:
    return datetime.date(nomination.round.period_end, 12, 31)


def campaign_name(day: datetime.date) -> str:
    period = campaign_period_on(day)
    return period.name if period is not None else CAMPAIGN_FALLBACK


def achievement_line(round_start: int, round_end: int) -> str:
    """ "Đã có thành tích xuất sắc trong thực hiện Cuộc vận động “…” giai đoạn 2009–2013"."""
    name = campaign_name(datetime.date(round_end, 12, 31))
    span = f"giai đoạn {round_start}–{round_end}" if round_end > round_start else f"năm {round_end}"
    return f"Đã có thành tích xuất sắc trong thực hiện Cuộc vận động “{name}” {span}"


def recipient_of(nomination: Nomination) -> Recipient:
    """The area by its name at the end of the period with its commune; a person with their area."""
    day = _period_day(nomination)
    if nomination.area is not None:
        area = place_on(nomination.area, day)
        commune = place_on(area.parent, day).full_name if area.parent else ""
        return Recipient(
            True,
            f"Khu dân cư {area.full_name}",
            vi_capitalize(commune),
            (vi_sort_key(commune), *area_sort_key(area.name)),
        )
    person = nomination.person
    assert person is not None
    honorific = HONORIFIC.get(person.gender, "")
    name = f"{honorific} {person.full_name}".strip()
    detail = FRONT_HEAD
    if nomination.person_area is not None:
        area = place_on(nomination.person_area, day)
        commune = place_on(area.parent, day).full_name if area.parent else ""
        detail = ", ".join(part for part in (f"{FRONT_HEAD} {area.full_name}", commune) if part)
    return Recipient(False, name, detail, person_sort_key(person.full_name))


def _recipients(awards: list[Award]) -> tuple[list[Recipient], list[Recipient]]:
    collectives: list[Recipient] = []
    individuals: list[Recipient] = []
    for award in awards:
        recipient = recipient_of(award.nomination)
        (collectives if recipient.collective else individuals).append(recipient)
    collectives.sort(key=lambda r: r.sort_key)
    individuals.sort(key=lambda r: r.sort_key)
    return collectives, individuals


def signature_of(prefix_line: str, title: str, signer: str) -> Signature:
    """ "TM. ỦY BAN NHÂN DÂN" + "CHỦ TỊCH", or "KT. CHỦ TỊCH" + "PHÓ CHỦ TỊCH", or a bare title."""
    words = prefix_line.strip().split(maxsplit=1)
    if words and words[0].upper() in SIGNATURE_PREFIXES and words[0]:
        return Signature(
            prefix=words[0].upper(), authority=words[1] if len(words) > 1 else "", title=vi_upper(title), signer=signer
        )
    return Signature(title=vi_upper(title), signer=signer)


def _awards_of(decision: AwardDecision) -> list[Award]:
    return list(
        decision.awards.filter(revoked_on__isnull=True).select_related(
            "nomination__round", "nomination__area", "nomination__person", "nomination__person_area", "form"
        )
    )


def _annex(title: str, rows: list[Recipient], collective: bool) -> Annex:
    columns = (
        (Column("STT", 0.6, "center"), Column("Tên tập thể", 3.0), Column("Xã, phường, thị trấn", 2.6))
        if collective
        else (Column("STT", 0.6, "center"), Column("Họ và tên", 2.2), Column("Chức vụ, đơn vị", 3.8))
    )
    table_rows: list[Row] = [(str(i), r.name, r.detail) for i, r in enumerate(rows, start=1)]
    noun = "tập thể" if collective else "cá nhân"
    return Annex(title, Table(columns, tuple(table_rows)), note=f"(Tổng số: {count_phrase(len(rows), noun)})")


def award_decision_document(decision: AwardDecision) -> AdministrativeDocument:
    """The Quyết định khen thưởng of ``decision``, with the lists of collectives and individuals annexed."""
    day = decision.issued_on
    round = decision.round
    issuer, header, _body, chairman = _issuer_names(decision.issuer, decision.organ, day)
    awards = _awards_of(decision)
    collectives, individuals = _recipients(awards)
    parts = [count_phrase(len(collectives), "tập thể")] if collectives else []
    if individuals:
        parts.append(count_phrase(len(individuals), "cá nhân"))
    achievement = achievement_line(round.period_start, round.period_end)
    article_2 = next(
        (str(a.form.criteria.get("decision_article_2")) for a in awards if a.form.criteria.get("decision_article_2")),
        ARTICLE_2_DEFAULT.format(issuer=issuer.full_name),
    )
    annexes = []
    if collectives:
        annexes.append(_annex("Danh sách tập thể được tặng Giấy khen", collectives, True))
    if individuals:
        annexes.append(_annex("Danh sách cá nhân được tặng Giấy khen", individuals, False))
    office = "Văn phòng" if decision.organ == Organ.MTTQ else "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
    recipients = tuple(line.strip(" -;.") for line in decision.recipients_note.splitlines() if line.strip(" -;."))
    return AdministrativeDocument(
        issuing_body=header,
        number=decision.number,
        symbol=decision.symbol,
        place=issuer.name,
        date=day,
        subject=decision.subject,
        authority=vi_upper(chairman),
        legal_bases=tuple(decision.legal_bases),
        articles=(
            Article(
                1,
                f"Tặng Giấy khen cho {' và '.join(parts)} {achievement[0].lower()}{achievement[1:]} "
                "(có danh sách kèm theo).",
            ),
            Article(2, article_2),
            Article(
                3,
                f"{office} {issuer.full_name}, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {issuer.full_name}, "
                "Chủ tịch Ủy ban nhân dân các xã, phường, thị trấn, các tập thể và cá nhân có tên tại Điều 1 "
                "chịu trách nhiệm thi hành Quyết định này./.",
            ),
        ),
        signature=signature_of(decision.signer_prefix, decision.signer_title, decision.signer_name),
        recipients=recipients or ("Như Điều 3",),
        archive="VT, NV" if decision.organ == Organ.UBND else "VT",
        issuer_phrase=chairman,
        annexes=tuple(annexes),
    )


def proposal_document(proposal: Proposal) -> AdministrativeDocument:
    """The tờ trình sending ``proposal``'s nominations to the higher body, with their list annexed.

    A proposal records no signer of its own: it is signed as the round's decision was (the same
    chairman, or deputy), and left blank for the clerk when no decision was issued yet.
    """
    round = proposal.round
    day = proposal.sent_on
    issuer, header, body, _chairman = _issuer_names(round.issuer, round.organ, day)
    nominations = list(proposal.nominations.select_related("round", "area", "person", "person_area").order_by("pk"))
    rows = [recipient_of(n) for n in nominations]
    collectives = sorted((r for r in rows if r.collective), key=lambda r: r.sort_key)
    individuals = sorted((r for r in rows if not r.collective), key=lambda r: r.sort_key)
    achievement = achievement_line(round.period_start, round.period_end)
    parts = [count_phrase(len(collectives), "tập thể")] if collectives else []
    if individuals:
        parts.append(count_phrase(len(individuals), "cá nhân"))
    table_rows: list[Row] = []
    counter = 0
    for index, (label, group) in enumerate((("Tập thể", collectives), ("Cá nhân", individuals)), start=1):
        if not group:
            continue
        table_rows.append(GroupHeading(f"{roman(index)}. {vi_upper(label)}"))
        for recipient in group:
            counter += 1
            table_rows.append((str(counter), recipient.name, recipient.detail))
    annex = Annex(
        f"Danh sách đề nghị tặng {proposal.form.name}",
        Table(
            (Column("STT", 0.6, "center"), Column("Tập thể, cá nhân", 2.8), Column("Chức vụ, đơn vị", 3.2)),
            tuple(table_rows),
        ),
        note=f"(Tổng số: {count_phrase(len(rows), 'tập thể, cá nhân')})",
    )
    decisions = list(round.decisions.filter(revoked_on__isnull=True).order_by("issued_on", "number"))
    cited = (
        f" Căn cứ Quyết định số {document_number(decisions[0].number, decisions[0].symbol)} "
        f"{date_words(decisions[0].issued_on)} về việc khen thưởng của {body}, "
        if decisions
        else " "
    )
    text = (
        f"Thực hiện Cuộc vận động “{campaign_name(datetime.date(round.period_end, 12, 31))}”, {body} đã tổ chức "
        f"bình xét, biểu dương các tập thể, cá nhân tiêu biểu {achievement.split('” ', 1)[-1]}.{cited}"
        f"trên cơ sở kết quả họp Hội đồng Thi đua – Khen thưởng, {body} kính đề nghị {proposal.to_body} xét, "
        f"tặng {proposal.form.name} cho {' và '.join(parts)} đã có thành tích xuất sắc (có danh sách kèm theo)."
    )
    return AdministrativeDocument(
        issuing_body=header,
        number=proposal.number,
        symbol=proposal.symbol,
        place=issuer.name,
        date=day,
        kind="TỜ TRÌNH",
        subject=f"Về việc đề nghị tặng {proposal.form.name}",
        authority=f"Kính gửi: {proposal.to_body}",
        enacting_word="",
        legal_bases=(),
        body=(text, f"{body} kính trình {proposal.to_body} xem xét, quyết định./."),
        articles=(),
        signature=(
            signature_of(decisions[-1].signer_prefix, decisions[-1].signer_title, decisions[-1].signer_name)
            if decisions
            else Signature(title="CHỦ TỊCH", signer="")
        ),
        recipients=("Như trên",),
        archive="VT",
        issuer_phrase=body,
        annexes=(annex,),
    )


def award_certificates(decision: AwardDecision) -> list[Certificate]:
    """One Giấy khen per award of ``decision`` that stands (revoked ones are not printed)."""
    day = decision.issued_on
    issuer, _header, body, _chairman = _issuer_names(decision.issuer, decision.organ, day)
    authority = ("BAN THƯỜNG TRỰC", vi_upper(body)) if decision.organ == Organ.MTTQ else ("CHỦ TỊCH", vi_upper(body))
    collectives, individuals = _recipients(_awards_of(decision))
    achievement = achievement_line(decision.round.period_start, decision.round.period_end)
    return [
        Certificate(
            awarding_authority=authority,
            recipient=recipient.name,
            recipient_detail=recipient.detail,
            achievement=achievement,
            decision_number=decision.number,
            decision_symbol=decision.symbol,
            decision_date=day,
            place=issuer.name,
            date=day,
            signature=signature_of(decision.signer_prefix, decision.signer_title, decision.signer_name),
        )
        for recipient in (*collectives, *individuals)
    ]


def _rendered(doc: AdministrativeDocument, stem: str, fmt: str) -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    render, content_type = FORMATS[fmt]
    return Rendered(render(doc), f"{file_slug(stem)}.{fmt}", content_type)


def _as_issued(document: AwardDecision | Proposal, stem: str, fmt: str) -> Rendered | None:
    """The stored text as issued (``thidua.register.issued``), for the PDF; None when not stored."""
    stored = issued_file(document) if fmt == "pdf" else None
    return None if stored is None else Rendered(stored, f"{file_slug(stem)}.pdf", "application/pdf")


def award_decision_file(decision: AwardDecision, fmt: str) -> Rendered:
    """ "quyet-dinh-05-qd-ubnd-2014.pdf": the PDF as issued once stored, else rendered from the data."""
    stem = f"quyet dinh {decision.number:02d} {decision.symbol} {decision.year}"
    return _as_issued(decision, stem, fmt) or _rendered(award_decision_document(decision), stem, fmt)


def award_decision_issued(decision: AwardDecision) -> Rendered:
    stem = f"quyet dinh {decision.number:02d} {decision.symbol} {decision.year}"
    return _rendered(award_decision_document(decision), stem, "pdf")


def proposal_file(proposal: Proposal, fmt: str) -> Rendered:
    """ "to-trinh-03-ttr-ubnd-2014.pdf": the PDF as issued once stored, else rendered from the data."""
    stem = f"to trinh {proposal.number:02d} {proposal.symbol} {proposal.sent_on.year}"
    return _as_issued(proposal, stem, fmt) or _rendered(proposal_document(proposal), stem, fmt)


def proposal_issued(proposal: Proposal) -> Rendered:
    stem = f"to trinh {proposal.number:02d} {proposal.symbol} {proposal.sent_on.year}"
    return _rendered(proposal_document(proposal), stem, "pdf")
