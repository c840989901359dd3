"""The summary report of a period (báo cáo tổng kết) written from the statistics of ``selectors``.

The report is an administrative document of the unit's Fatherland Front committee in the layout of
Nghị định 30/2020/NĐ-CP: prose as officials write it ("… tăng từ 78,5% (2009) lên 84,2% (2013)",
"02 khu dân cư"), two charts in the text, and the tables by year, by commune and of the areas that
held the title every year as annexes; the exemplary areas with their movements, the honoured and
the proposed (``prose``, ``honours``) with the list of the honoured as the last annex. The prose is
written by section (``SECTION_KEYS``) so that an official can edit it before export; the tables and
charts always come from the data. The same document renders to DOCX and PDF, for the page, the API
and the CLI.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal

from thidua.campaigns.data import PERIODS
from thidua.campaigns.documents import GDVH_TITLE, KDC_TITLE, PARTY_COMMITTEE
from thidua.documents.formats import FORMATS, Rendered
from thidua.documents.model import AdministrativeDocument, Annex, Column, Figure, Signature, Table
from thidua.lib.text import fold
from thidua.lib.vietnamese import count_number, count_phrase, vi_capitalize
from thidua.reports.charts import bar_chart, column_chart, percent
from thidua.reports.honours import Exemplary
from thidua.reports.prose import apply_edit, exemplary_paragraph, honours_annex, honours_paragraphs, movements_paragraph
from thidua.reports.selectors import AwardCount, Counts, PeriodStats
from thidua.units.models import Level

TIER_WORDS = {"tot": "Tốt", "kha": "Khá", "trung_binh": "Trung bình", "yeu": "Yếu"}
SUBJECT_WORDS = {"area": "khu dân cư", "bctmt": "Trưởng ban công tác Mặt trận"}


def campaign_name(day: datetime.date) -> str:
    """The campaign's name on ``day`` (renamed on 8/7/2016), from the campaign's periods."""
    for period in PERIODS:
        if period["valid_from"] <= day and (period["valid_to"] is None or day <= period["valid_to"]):
            return str(period["name"])
    return str(PERIODS[-1]["name"])


def report_date(end: int, today: datetime.date | None = None) -> datetime.date:
    """The report's default date: mid-January after the period, or today while the period runs."""
    today = today or datetime.date.today()
    return min(datetime.date(end + 1, 1, 15), today)


def share_text(share: float | None) -> str:
    return percent(share * 100) if share is not None else "—"


def plain_number(value: int) -> str:
    """A number in a table cell: "1.255", no leading zero."""
    return f"{value:,}".replace(",", ".")


def _trend(first: float, last: float) -> str:
    if round(last, 3) > round(first, 3):
        return "tăng"
    if round(last, 3) < round(first, 3):
        return "giảm"
    return "giữ"


def _households_paragraph(stats: PeriodStats, years_word: str) -> str:
    first, last = stats.first, stats.last
    if last.households == 0:
        return f"Chưa có số liệu hộ gia đình bình xét danh hiệu {GDVH_TITLE} trong giai đoạn {stats.start}–{stats.end}."
    text = (
        f"{years_word} thực hiện Cuộc vận động, số hộ gia đình đăng ký xây dựng gia đình văn hóa năm {stats.end} là "
        f"{count_number(last.registered_households)}/{count_number(last.households)} hộ; "
    )
    if stats.start == stats.end or first.gdvh_share is None or last.gdvh_share is None:
        return text + (
            f"có {count_phrase(last.gdvh, 'hộ')} đạt danh hiệu {GDVH_TITLE}, chiếm {share_text(last.gdvh_share)} "
            "tổng số hộ."
        )
    trend = _trend(first.gdvh_share, last.gdvh_share)
    if trend == "giữ":
        movement = f"giữ ở mức {share_text(last.gdvh_share)} từ năm {stats.start} đến năm {stats.end}"
    else:
        movement = (
            f"{trend} từ {share_text(first.gdvh_share)} ({stats.start}) lên {share_text(last.gdvh_share)} ({stats.end})"
        )
        if trend == "giảm":
            movement = movement.replace(" lên ", " xuống ")
    return text + (
        f"số hộ gia đình đạt danh hiệu {GDVH_TITLE} {movement}; năm {stats.end} có "
        f"{count_phrase(last.gdvh, 'hộ')} đạt danh hiệu (năm {stats.start}: {count_phrase(first.gdvh, 'hộ')})."
    )


def _areas_paragraph(stats: PeriodStats) -> str:
    first, last = stats.first, stats.last
    if last.areas == 0:
        return f"Chưa có số liệu khu dân cư trong giai đoạn {stats.start}–{stats.end}."
    text = (
        f"Năm {stats.end}, {count_phrase(last.registered_areas, 'khu dân cư')} đăng ký xây dựng khu dân cư văn hóa; "
        f"{count_phrase(last.kdc, 'khu dân cư')} đạt danh hiệu {KDC_TITLE}, chiếm {share_text(last.kdc_share)} "
        f"tổng số {count_phrase(last.areas, 'khu dân cư')}"
    )
    if stats.start != stats.end:
        before = f"{count_number(first.kdc)}/{count_number(first.areas)}, {share_text(first.kdc_share)}"
        text += f" (năm {stats.start}: {before})"
    return text + "."


def _communes_paragraph(stats: PeriodStats) -> str:
    ranked = [(c, c.years[stats.end].kdc_share) for c in stats.communes if c.years[stats.end].kdc_share is not None]
    if len(ranked) < 2:
        return ""
    ranked.sort(key=lambda pair: -(pair[1] or 0))
    best = [f"{c.name} ({share_text(share)})" for c, share in ranked[:3]]
    worst = [f"{c.name} ({share_text(share)})" for c, share in reversed(ranked[-2:]) if (c, share) not in ranked[:3]]
    text = f"Các xã, phường, thị trấn có tỷ lệ khu dân cư văn hóa cao năm {stats.end}: {', '.join(best)}"
    if worst:
        text += f"; thấp nhất: {', '.join(worst)}"
    return text + "."


def _tiers_paragraph(stats: PeriodStats) -> str:
    tiers = stats.last.tiers
    if not sum(tiers.values()):
        return ""
    parts = [
        f"{count_phrase(tiers[key], 'khu dân cư')} xếp loại {word}" for key, word in TIER_WORDS.items() if tiers[key]
    ]
    return f"Kết quả đánh giá, xếp loại Cuộc vận động của Mặt trận năm {stats.end}: {'; '.join(parts)}."


def _awards_paragraphs(stats: PeriodStats, issuer: str) -> list[str]:
    by_form: dict[tuple[str, str, bool], dict[str, int]] = {}
    for award in stats.awards:
        by_form.setdefault((award.form, award.kind, award.proposed), {}).setdefault(award.subject, 0)
        by_form[(award.form, award.kind, award.proposed)][award.subject] += award.count
    lines = []
    for (form, kind, proposed), subjects in by_form.items():
        whom = " và ".join(count_phrase(n, SUBJECT_WORDS.get(s, s)) for s, n in sorted(subjects.items()) if n)
        if proposed:
            lines.append(f"Đã đề nghị cấp trên tặng {form} cho {whom}.")
        elif kind == "propose":
            lines.append(f"Có {whom} được cấp trên tặng {form}.")
        else:
            lines.append(f"Có {whom} được tặng {form}.")
    if lines:
        lines[0] = (
            f"Tổng kết giai đoạn {stats.start}–{stats.end}, {issuer} đã tổ chức bình xét khen thưởng. " + lines[0]
        )
    return lines


def figures(stats: PeriodStats) -> tuple[bytes, bytes | None]:
    """The two charts: the share of cultural families by year, and the cultural areas by commune."""
    years = sorted(stats.years)
    shares = [(stats.years[y].gdvh_share or 0) * 100 for y in years]
    by_year = column_chart(
        f"Tỷ lệ hộ gia đình đạt danh hiệu {GDVH_TITLE}", [str(y) for y in years], shares, maximum=100
    )
    communes = [c for c in stats.communes if c.years[stats.end].areas]
    if not communes:
        return by_year, None
    last = [c.years[stats.end] for c in communes]
    by_commune = bar_chart(
        f"Khu dân cư văn hóa theo xã, phường năm {stats.end}",
        [vi_capitalize(c.name) for c in communes],
        [counts.kdc for counts in last],
        maximum=max(counts.areas for counts in last),
        value_labels=[f"{counts.kdc}/{counts.areas} ({share_text(counts.kdc_share)})" for counts in last],
    )
    return by_year, by_commune


def _year_table(stats: PeriodStats, with_tiers: bool) -> Table:
    columns = [
        Column("Năm", 0.8, "center"),
        Column("Tổng số hộ", 1.1, "right"),
        Column("Hộ đăng ký", 1.1, "right"),
        Column("Hộ đạt GĐVH", 1.1, "right"),
        Column("Tỷ lệ GĐVH", 1.0, "right"),
        Column("Tổng số KDC", 1.0, "right"),
        Column("KDC đăng ký", 1.0, "right"),
        Column("KDC văn hóa", 1.0, "right"),
        Column("Tỷ lệ KDC văn hóa", 1.1, "right"),
    ]
    if with_tiers:
        columns += [Column(f"Xếp loại {word}", 0.9, "right") for word in TIER_WORDS.values()]
    rows = []
    for year in sorted(stats.years):
        c = stats.years[year]
        row = [str(year), *_count_cells(c)]
        if with_tiers:
            row += [plain_number(c.tiers[key]) for key in TIER_WORDS]
        rows.append(tuple(row))
    return Table(tuple(columns), tuple(rows))


def _count_cells(c: Counts) -> list[str]:
    return [
        plain_number(c.households),
        plain_number(c.registered_households),
        plain_number(c.gdvh),
        share_text(c.gdvh_share),
        plain_number(c.areas),
        plain_number(c.registered_areas),
        plain_number(c.kdc),
        share_text(c.kdc_share),
    ]


def _commune_table(stats: PeriodStats) -> Table:
    columns = (
        Column("STT", 0.5, "center"),
        Column("Xã, phường, thị trấn", 2.2),
        Column("Tổng số hộ", 1.0, "right"),
        Column("Hộ đăng ký", 1.0, "right"),
        Column("Hộ đạt GĐVH", 1.0, "right"),
        Column(f"Tỷ lệ GĐVH {stats.end}", 1.0, "right"),
        Column(f"Tỷ lệ GĐVH {stats.start}", 1.0, "right"),
        Column("Tổng số KDC", 0.9, "right"),
        Column("KDC đăng ký", 0.9, "right"),
        Column("KDC văn hóa", 0.9, "right"),
        Column(f"Tỷ lệ KDC văn hóa {stats.end}", 1.1, "right"),
    )
    rows: list[tuple[str, ...]] = []
    for index, commune in enumerate(stats.communes, start=1):
        last, first = commune.years[stats.end], commune.years[stats.start]
        cells = _count_cells(last)
        rows.append((str(index), vi_capitalize(commune.name), *cells[:4], share_text(first.gdvh_share), *cells[4:]))
    total = stats.last
    cells = _count_cells(total)
    rows.append(("", "Cộng", *cells[:4], share_text(stats.first.gdvh_share), *cells[4:]))
    return Table(columns, tuple(rows))


def _every_year_table(stats: PeriodStats) -> Table:
    columns = (Column("STT", 0.6, "center"), Column("Khu dân cư", 2.6), Column("Xã, phường, thị trấn", 2.6))
    rows = tuple(
        (str(index), vi_capitalize(area.full_name), vi_capitalize(commune.full_name) if commune else "")
        for index, (area, commune) in enumerate(stats.every_year_areas, start=1)
    )
    return Table(columns, rows)


# The editable sections of the report's prose, in reading order (keys of ``prose_sections``).
SECTION_KEYS = ("opening", "households", "areas", "communes", "tiers", "exemplary", "movements", "honours", "closing")


def prose_sections(stats: PeriodStats) -> dict[str, list[str]]:
    """The generated paragraphs of the report by section (a section with nothing to say is absent):
    what the page shows to edit, and what an empty edit falls back to."""
    place = stats.place
    span = stats.end - stats.start + 1
    years_word = f"Qua {count_number(span)} năm" if span > 1 else f"Năm {stats.end},"
    campaign = campaign_name(datetime.date(stats.end, 12, 31))
    issuer = f"Ban Thường trực Ủy ban MTTQ Việt Nam {place.full_name}"
    communes_word = (
        f" thuộc {count_phrase(len(stats.communes), 'xã, phường, thị trấn')}" if place.level < Level.COMMUNE else ""
    )
    exemplary = stats.exemplary or [Exemplary(area, commune, Decimal(0)) for area, commune in stats.every_year_areas]
    awards = honours_paragraphs(stats.honours, stats.start, stats.end) or _awards_paragraphs(
        stats, f"Ủy ban nhân dân {place.full_name}"
    )
    found = {
        "opening": [
            f"Thực hiện Cuộc vận động “{campaign}”, giai đoạn {stats.start}–{stats.end}, {issuer} báo cáo kết quả "
            f"thực hiện trên địa bàn {place.full_name} gồm {count_phrase(stats.last.areas, 'khu dân cư')}"
            f"{communes_word} (năm {stats.end}) như sau:"
        ],
        "households": [_households_paragraph(stats, years_word)],
        "areas": [_areas_paragraph(stats)],
        "communes": [_communes_paragraph(stats)],
        "tiers": [_tiers_paragraph(stats)],
        "exemplary": [exemplary_paragraph(exemplary, stats.start, stats.end)],
        "movements": [movements_paragraph(exemplary)],
        "honours": awards,
        "closing": [
            f"Trên đây là báo cáo tổng kết {count_number(span)} năm thực hiện Cuộc vận động “{campaign}” giai đoạn "
            f"{stats.start}–{stats.end} của {issuer}./."
        ],
    }
    return {key: [p for p in found[key] if p] for key in SECTION_KEYS if any(found[key])}


def summary_report(
    stats: PeriodStats,
    *,
    on: datetime.date | None = None,
    signer: str = "",
    prose: Mapping[str, str] | None = None,
) -> AdministrativeDocument:
    """The báo cáo tổng kết of ``stats``' unit and period, dated ``on`` (by default ``report_date``).

    ``prose`` maps a section of ``SECTION_KEYS`` to the text an official edited (one paragraph a
    line); a missing or empty one keeps the generated paragraphs. Tables and charts always come
    from the data."""
    day = on or report_date(stats.end)
    place = stats.place
    span = stats.end - stats.start + 1
    campaign = campaign_name(datetime.date(stats.end, 12, 31))
    issuer = f"Ban Thường trực Ủy ban MTTQ Việt Nam {place.full_name}"
    by_year_png, by_commune_png = figures(stats)

    sections = prose_sections(stats)
    edits = prose or {}
    body: list[str] = []
    headings: list[int] = []
    charts: list[Figure] = []

    def heading(text: str) -> None:
        headings.append(len(body))
        body.append(text)

    def section(key: str) -> None:
        if key in sections:
            body.extend(apply_edit(sections[key], edits.get(key)))

    section("opening")
    heading("I. KẾT QUẢ THỰC HIỆN CUỘC VẬN ĐỘNG")
    heading("1. Xây dựng gia đình văn hóa")
    section("households")
    charts.append(Figure("Biểu đồ 1. Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa” theo năm", by_year_png,
                         15.0, after=len(body) - 1))  # fmt: skip
    heading("2. Xây dựng khu dân cư văn hóa")
    section("areas")
    section("communes")
    if by_commune_png is not None and place.level < Level.COMMUNE:
        charts.append(Figure(f"Biểu đồ 2. Khu dân cư văn hóa theo xã, phường, thị trấn năm {stats.end}",
                             by_commune_png, 15.0, after=len(body) - 1))  # fmt: skip
    section("tiers")
    if "exemplary" in sections or "movements" in sections:
        heading("3. Khu dân cư tiêu biểu")
        section("exemplary")
        section("movements")
    if "honours" in sections:
        heading("II. CÔNG TÁC KHEN THƯỞNG")
        section("honours")
    section("closing")

    annexes = [
        Annex(
            f"Kết quả thực hiện theo năm, giai đoạn {stats.start}–{stats.end}",
            _year_table(stats, with_tiers=any(sum(c.tiers.values()) for c in stats.years.values())),
            landscape=True,
        ),
    ]
    if stats.communes and place.level < Level.COMMUNE:
        annexes.append(
            Annex(f"Kết quả theo xã, phường, thị trấn năm {stats.end}", _commune_table(stats), landscape=True)
        )
    if stats.every_year_areas:
        annexes.append(
            Annex(
                f"Khu dân cư đạt danh hiệu {KDC_TITLE} liên tục {stats.start}–{stats.end}",
                _every_year_table(stats),
                note=f"(Tổng số: {count_phrase(len(stats.every_year_areas), 'khu dân cư')})",
            )
        )
    honoured = honours_annex(stats.honours, stats.start, stats.end)
    if honoured is not None:
        annexes.append(honoured)
    return AdministrativeDocument(
        issuing_body=("Ủy ban MTTQ Việt Nam", place.full_name),
        governing_body=(),
        number=None,
        symbol="BC-MTTQ",
        place=place.name,
        date=day,
        kind="BÁO CÁO",
        subject=f"Tổng kết {count_number(span)} năm thực hiện Cuộc vận động\n“{campaign}”\n"
        f"giai đoạn {stats.start}–{stats.end}",
        authority="",
        enacting_word="",
        legal_bases=(),
        body=tuple(body),
        body_headings=tuple(headings),
        figures=tuple(charts),
        articles=(),
        signature=Signature(prefix="TM.", authority="Ban Thường trực", title="Chủ tịch", signer=signer),
        recipients=_recipients(stats),
        archive="VT",
        issuer_phrase=issuer,
        annexes=tuple(annexes),
    )


def _recipients(stats: PeriodStats) -> tuple[str, ...]:
    place = stats.place
    lines = []
    if place.parent is not None:
        from thidua.campaigns.documents import place_on

        parent = place_on(place.parent, datetime.date(stats.end, 12, 31))
        lines.append(f"Ban Thường trực Ủy ban MTTQ Việt Nam {parent.full_name} (b/c)")
    lines.append(f"Thường trực {PARTY_COMMITTEE.get(place.kind, 'Đảng ủy')} (b/c)")
    lines.append(f"Ủy ban nhân dân {place.full_name}")
    if place.level < Level.COMMUNE:
        lines.append("Ủy ban MTTQ các xã, phường, thị trấn")
    return tuple(lines)


def summary_file(
    stats: PeriodStats, fmt: str, *, on: datetime.date | None = None, prose: Mapping[str, str] | None = None
) -> Rendered:
    """ "bao-cao-tong-ket-thi-xa-bac-kan-2009-2013.pdf": the report as DOCX or PDF."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    render, content_type = FORMATS[fmt]
    words = "".join(ch if ch.isalnum() else " " for ch in fold(f"bao cao tong ket {stats.place.full_name}"))
    stem = f"{'-'.join(words.split())}-{stats.start}-{stats.end}"
    return Rendered(render(summary_report(stats, on=on, prose=prose)), f"{stem}.{fmt}", content_type)


def award_lines(awards: Sequence[AwardCount]) -> list[tuple[str, str, int, bool]]:
    """(form, whom, count, proposed) rows of the page's awards table."""
    return [(a.form, SUBJECT_WORDS.get(a.subject, a.subject), a.count, a.proposed) for a in awards]
