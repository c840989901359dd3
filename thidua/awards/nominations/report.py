"""The achievement report of a nomination (báo cáo thành tích), drafted from the data, in Vietnamese.

The area (its name in the period, commune, households), each year's title with its decision, the
Front's tiers, the movements it tied the campaign to and the awards it already holds; for a Trưởng
ban, the terms and the area's results during them. The commune edits the draft before submitting:
this text is where it starts, and the language of the records whatever the reader's language.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import translation

from thidua.awards.models import AreaMovement, Award, Nomination, Round
from thidua.awards.places import commune_in
from thidua.campaigns.parameters import MTTQ_TIER_LABELS
from thidua.evaluations.models import AreaYear
from thidua.lib.vietnamese import vi_capitalize
from thidua.people.models import Person, Position, PositionKind
from thidua.units.models import Unit
from thidua.units.selectors import unit_name_at

CAMPAIGN_BEFORE_2016 = "“Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư”"
CAMPAIGN_FROM_2016 = "“Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”"
KDC_TITLE = "“Khu dân cư văn hóa”"


def _campaign(round: Round) -> str:
    # Renamed on 8/7/2016: a period that ends before then names the campaign as it was called.
    return CAMPAIGN_BEFORE_2016 if round.period_end < 2016 else CAMPAIGN_FROM_2016


def _tier_label(code: str) -> str:
    with translation.override("vi"):
        return str(MTTQ_TIER_LABELS[code]) if code in MTTQ_TIER_LABELS else code


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "nay"


def _number(value: Any) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if value is not None else ""
    return text.replace(".", ",")


def _year_lines(area: Unit, years: Iterable[int]) -> list[str]:
    rows = {
        row.year: row
        for row in AreaYear.objects.filter(area=area, year__in=list(years)).select_related("decision__issuer")
    }
    lines = []
    for year in years:
        row = rows.get(year)
        if row is None:
            lines.append(f"- Năm {year}: không có số liệu bình xét.")
            continue
        parts = []
        if row.titled and row.revoked_on is None:
            title = f"đạt danh hiệu {KDC_TITLE}"
            if row.decision is not None:
                decision = row.decision
                issuer = unit_name_at(decision.issuer, decision.issued_on)
                title += (
                    f" (Quyết định số {decision.number:02d}/{decision.symbol} ngày {decision.issued_on:%d/%m/%Y} "
                    f"của Chủ tịch Ủy ban nhân dân {issuer})"
                )
            parts.append(title)
        elif row.titled and row.revoked_on is not None:
            parts.append(f"danh hiệu {KDC_TITLE} bị thu hồi ngày {row.revoked_on:%d/%m/%Y}")
        else:
            parts.append(f"chưa đạt danh hiệu {KDC_TITLE}")
        if row.households:
            share = _number(round(row.gdvh_households * 100 / row.households, 1))
            parts.append(f"{row.gdvh_households}/{row.households} hộ đạt danh hiệu “Gia đình văn hóa” ({share}%)")
        if row.mttq_tier:
            points = f", {_number(row.mttq_points)} điểm" if row.mttq_points is not None else ""
            parts.append(f"Ban Thường trực Ủy ban MTTQ xếp loại {_tier_label(row.mttq_tier)}{points}")
        lines.append(f"- Năm {year}: " + "; ".join(parts) + ".")
    return lines


def _movement_lines(area: Unit, years: Iterable[int]) -> list[str]:
    rows = (
        AreaMovement.objects.filter(area=area, year__in=list(years))
        .select_related("movement")
        .order_by("year", "movement__name")
    )
    # One line per movement and what the area did, with the years it did it ("2009–2013" when every
    # year in a row), not the same line repeated for each year.
    grouped: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        grouped.setdefault((row.movement.name, row.description.strip().rstrip(".")), []).append(row.year)
    lines = []
    for (name, description), done in sorted(grouped.items(), key=lambda item: (min(item[1]), item[0][0])):
        text = f"- {_years_text(sorted(done))}, phong trào “{name}”"
        lines.append(f"{text}: {description}." if description else f"{text}.")
    return lines


def _years_text(years: list[int]) -> str:
    """ "Năm 2011", "Các năm 2009–2013", "Các năm 2009, 2011, 2012"."""
    if len(years) == 1:
        return f"Năm {years[0]}"
    if years == list(range(years[0], years[-1] + 1)):
        return f"Các năm {years[0]}–{years[-1]}"
    return "Các năm " + ", ".join(str(y) for y in years)


def _heads(area: Unit, round: Round) -> list[Position]:
    first, last = datetime.date(round.period_start, 1, 1), datetime.date(round.period_end, 12, 31)
    return list(
        Position.objects.filter(unit=area, kind=PositionKind.TRUONG_BAN_BCTMT, term_from__lte=last)
        .exclude(term_to__lt=first)
        .select_related("person")
        .order_by("term_from")
    )


def _awards_lines(area: Unit | None, person: Person | None) -> list[str]:
    awards = Award.objects.filter(revoked_on__isnull=True).select_related("form", "decision", "proposal")
    awards = awards.filter(area=area) if area is not None else awards.filter(person=person)
    lines = []
    for award in awards.order_by("window_start"):
        source = award.decision or award.proposal
        cited = f" ({source})" if source is not None else ""
        lines.append(f"- {award.form.name}, giai đoạn {award.window_start}–{award.window_end}{cited}.")
    return lines


def nomination_report_draft(nomination: Nomination) -> str:
    """The báo cáo thành tích drafted from the data, in Vietnamese: the area (its name in the period,
    commune, households), each year's title with its decision, the Front's tiers, the movements it tied
    the campaign to; for a Trưởng ban, the terms and the area's results during them."""
    round = nomination.round
    end = datetime.date(round.period_end, 12, 31)
    area = nomination.area or nomination.person_area
    assert area is not None
    commune = commune_in(area, round)
    where = unit_name_at(area, end) + (f", {unit_name_at(commune, end)}" if commune else "")
    period = f"giai đoạn {round.period_start}–{round.period_end}"
    lines: list[str] = []
    if nomination.person is not None:
        lines += _person_part(nomination.person, area, where, round)
        years = _served_years(nomination.person, area, round)
    else:
        lines += _area_part(area, where, round)
        years = list(round.years)
    lines += ["", f"II. THÀNH TÍCH ĐẠT ĐƯỢC {period.upper()}"]
    lines.append(f"1. Kết quả thực hiện Cuộc vận động {_campaign(round)} ở {where}:")
    lines += _year_lines(area, years) or ["- Không có năm nào trong giai đoạn."]
    movements = _movement_lines(area, years)
    lines += ["", "2. Gắn Cuộc vận động với các phong trào thi đua:"]
    lines += movements or ["- Chưa ghi nhận phong trào thi đua nào."]
    earlier = _awards_lines(nomination.area, nomination.person)
    lines += ["", "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"]
    lines += earlier or ["- Chưa có hình thức khen thưởng nào được ghi nhận trong hệ thống."]
    lines += [
        "",
        "IV. ĐỀ NGHỊ",
        f"{vi_capitalize(nomination.nominated_by.full_name)} đề nghị xét tặng {nomination.form.name} "
        f"cho {_whom(nomination, where)} vì đã có thành tích trong thực hiện Cuộc vận động {_campaign(round)} "
        f"{period}.",
    ]
    if nomination.outside_candidates:
        lines += ["", f"Lý do đề nghị ngoài danh sách đủ điều kiện: {nomination.justification}"]
    return "\n".join(lines)


def _whom(nomination: Nomination, where: str) -> str:
    if nomination.person is not None:
        return f"ông (bà) {nomination.person.full_name}, Trưởng ban công tác Mặt trận {where}"
    return f"khu dân cư {where}"


def _area_part(area: Unit, where: str, round: Round) -> list[str]:
    last = AreaYear.objects.filter(area=area, year__lte=round.period_end).order_by("-year").first()
    households = (
        f"Năm {last.year}, khu dân cư có {last.households} hộ gia đình."
        if last is not None and last.households
        else "Số hộ gia đình chưa được ghi nhận."
    )
    heads = _heads(area, round)
    lines = [
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        f"Khu dân cư {where}. {households}",
    ]
    if heads:
        terms = "; ".join(f"{p.person.full_name} (từ {_day(p.term_from)} đến {_day(p.term_to)})" for p in heads)
        lines.append(f"Trưởng ban công tác Mặt trận trong giai đoạn: {terms}.")
    return lines


def _person_terms(person: Person, area: Unit, round: Round) -> list[Position]:
    return [p for p in _heads(area, round) if p.person_id == person.pk]


def _served_years(person: Person, area: Unit, round: Round) -> list[int]:
    years: set[int] = set()
    for term in _person_terms(person, area, round):
        start = max(term.term_from.year, round.period_start)
        stop = min(term.term_to.year if term.term_to else round.period_end, round.period_end)
        years.update(range(start, stop + 1))
    return sorted(years)


def _person_part(person: Person, area: Unit, where: str, round: Round) -> list[str]:
    born = f", sinh năm {person.birth_year}" if person.birth_year else ""
    gender = {"female": "nữ", "male": "nam"}.get(person.gender, "")
    terms = _person_terms(person, area, round)
    term_text = "; ".join(f"từ {_day(p.term_from)} đến {_day(p.term_to)}" for p in terms) or "chưa ghi nhận"
    return [
        "I. SƠ LƯỢC LÝ LỊCH",
        f"Họ và tên: {person.full_name}{born}" + (f"; giới tính: {gender}" if gender else "") + ".",
        f"Chức vụ: Trưởng ban công tác Mặt trận {where}.",
        f"Nhiệm kỳ Trưởng ban trong giai đoạn: {term_text}.",
    ]
