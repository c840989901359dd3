"""An administrative document and a Giấy khen certificate as plain data, whatever renders them.

No ORM here: the decision services (and the samples, and tests) build these values, and the DOCX
and PDF renderers read them. What the layout rules of Nghị định 30/2020/NĐ-CP derive from the data
(the "Số:" line, the place-and-date line, the punctuation of the legal bases and of "Nơi nhận:")
lives in ``thidua.documents.layout``, shared by both renderers, so the two formats cannot disagree.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# The abbreviations of signing authority (NĐ 30/2020, Phụ lục I, II.7.b).
SIGNATURE_PREFIXES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")


@dataclass(frozen=True)
class Column:
    """A column of an annexed table; ``width`` is relative to the other columns."""

    title: str
    width: float = 1.0
    align: str = "left"  # "left", "center" or "right"


@dataclass(frozen=True)
class GroupHeading:
    """A row spanning the table that opens a group, e.g. "I. PHƯỜNG ĐỨC XUÂN" or "Tổ 8A"."""

    text: str


Row = tuple[str, ...] | GroupHeading


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if not isinstance(row, GroupHeading) and len(row) != len(self.columns):
                raise ValueError(f"A row has {len(row)} cells for {len(self.columns)} columns: {row!r}.")

    @property
    def data_rows(self) -> list[tuple[str, ...]]:
        return [row for row in self.rows if not isinstance(row, GroupHeading)]


@dataclass(frozen=True)
class Annex:
    """An annexed list: its title in capitals, an optional note under it, and the table."""

    title: str  # "DANH SÁCH HỘ GIA ĐÌNH ĐẠT DANH HIỆU "GIA ĐÌNH VĂN HÓA" NĂM 2012"
    table: Table
    note: str = ""  # an italic line under the reference, e.g. "(Tổng số: 40 hộ)"
    landscape: bool = False


@dataclass(frozen=True)
class Article:
    """An article, "Điều 1. …": the number, an optional bold title, the text, and further paragraphs (khoản)."""

    number: int
    text: str
    title: str = ""
    paragraphs: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"Điều {self.number}."


@dataclass(frozen=True)
class Figure:
    """A chart or picture in the running text: its caption, the PNG, its printed width.

    ``after`` is the index of the body paragraph the figure follows; -1 (or any index past the
    body) puts it after the last paragraph.
    """

    title: str
    png: bytes
    width_cm: float = 15.0
    after: int = -1


@dataclass(frozen=True)
class BodyItem:
    """One block of the running text, in order: a paragraph, a section heading or a figure."""

    kind: str  # "text", "heading" or "figure"
    text: str = ""
    figure: Figure | None = None


@dataclass(frozen=True)
class Signature:
    """The signature block: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / (space to sign) / "Nguyễn Văn A".

    ``prefix`` is one of TM., KT., Q., TL., TUQ. or empty; ``authority`` follows it on the first line
    (the collective after TM., the head's title after KT./Q./TL./TUQ.); ``title`` is the signer's own
    title on the next line.
    """

    title: str
    signer: str
    prefix: str = ""
    authority: str = ""

    def __post_init__(self) -> None:
        if self.prefix not in SIGNATURE_PREFIXES:
            raise ValueError(f"Unknown signing authority {self.prefix!r}; use one of {SIGNATURE_PREFIXES}.")
        if self.prefix and not self.authority:
            raise ValueError(f"{self.prefix} needs the collective or the title it signs for.")


@dataclass(frozen=True)
class AdministrativeDocument:
    """A Quyết định (or another typed document) in the layout of Nghị định 30/2020/NĐ-CP.

    ``governing_body`` may be empty (a district or commune People's Committee has none on its
    header); ``issuing_body`` is printed bold with a short line under it. ``number`` is the registry
    number of the year, None while the document is still a draft. ``issuer_phrase`` names the
    issuer in running text, for the reference line of the annexes ("… của Chủ tịch Ủy ban nhân dân
    thị xã Bắc Kạn").
    """

    issuing_body: tuple[str, ...]
    number: int | None
    symbol: str
    place: str
    date: datetime.date
    subject: str
    authority: str
    legal_bases: tuple[str, ...]
    articles: tuple[Article, ...]
    signature: Signature
    recipients: tuple[str, ...]
    archive: str = "VT"
    governing_body: tuple[str, ...] = ()
    kind: str = "QUYẾT ĐỊNH"
    enacting_word: str = "QUYẾT ĐỊNH:"
    issuer_phrase: str = ""
    annexes: tuple[Annex, ...] = ()
    # Plain paragraphs before the articles: the running text of minutes, which have no articles.
    body: tuple[str, ...] = ()
    # A second signature on the left, in place of "Nơi nhận:" (the secretary of minutes).
    left_signature: Signature | None = None
    # Charts and pictures placed between the body paragraphs (a summary report's charts).
    figures: tuple[Figure, ...] = ()
    # Indices of body paragraphs that are section headings ("I. KẾT QUẢ …"): bold, not indented.
    body_headings: tuple[int, ...] = ()

    def body_items(self) -> list[BodyItem]:
        """The body paragraphs, headings and figures in reading order, for both renderers."""
        items: list[BodyItem] = []
        last = len(self.body) - 1
        for index, text in enumerate(self.body):
            items.append(BodyItem("heading" if index in self.body_headings else "text", text))
            items += [BodyItem("figure", f.title, f) for f in self.figures if f.after == index]
        items += [BodyItem("figure", f.title, f) for f in self.figures if f.after < 0 or f.after > last]
        return items

    @property
    def kind_in_text(self) -> str:
        """The type in running text, "Quyết định", as the annexes cite the document."""
        return self.kind[:1] + self.kind[1:].lower()


@dataclass(frozen=True)
class Certificate:
    """A Giấy khen: who awards it, to whom, for what, on which decision, signed by whom."""

    awarding_authority: tuple[str, ...]  # ("CHỦ TỊCH", "ỦY BAN NHÂN DÂN THỊ XÃ BẮC KẠN")
    recipient: str  # "Ông Hoàng Văn Thụ" or "Khu dân cư tổ 8A, phường Đức Xuân"
    achievement: str  # "Đã có thành tích xuất sắc trong …"
    decision_number: int | None
    decision_symbol: str
    decision_date: datetime.date
    place: str
    date: datetime.date
    signature: Signature
    recipient_detail: str = ""  # "Trưởng ban công tác Mặt trận tổ 8A, phường Đức Xuân"
    title: str = "GIẤY KHEN"
    register_number: str = ""  # "Số sổ: 125/GK", when the issuer keeps a register


@dataclass(frozen=True)
class Position:
    """Where a field of a pre-printed certificate goes: top-left corner and width, in mm."""

    x: float
    y: float
    width: float
    align: str = "center"


def _default_positions() -> dict[str, Position]:
    # A common landscape stock (297 × 210 mm): the emblem, national title, "GIẤY KHEN" and the
    # border are printed; the blank lines for the recipient start about a third of the way down.
    return {
        "awarding_authority": Position(48, 52, 201),
        "recipient": Position(48, 86, 201),
        "recipient_detail": Position(48, 100, 201),
        "achievement": Position(48, 112, 201),
        "decision": Position(30, 158, 110, "center"),
        "place_date": Position(150, 150, 120),
        "signature": Position(150, 158, 120),
        "signer": Position(150, 188, 120),
    }


@dataclass(frozen=True)
class StockLayout:
    """Text-only printing on pre-printed stock: the field positions and the user's calibration.

    ``offset_x_mm`` / ``offset_y_mm`` shift everything, to correct how a given printer feeds the
    stock (positive: right / down); a field missing from ``positions`` is not printed (it is
    already on the stock).
    """

    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    positions: Mapping[str, Position] = field(default_factory=_default_positions)
    font_size_pt: float = 14.0


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def certificate_to_json(certificate: Certificate) -> dict[str, Any]:
    """A certificate as JSON-ready values, for a background job's parameters."""
    data = {f.name: _plain(getattr(certificate, f.name)) for f in dataclasses.fields(certificate)}
    data["signature"] = dataclasses.asdict(certificate.signature)
    return data


def certificate_from_json(data: Mapping[str, Any]) -> Certificate:
    values = dict(data)
    values["awarding_authority"] = tuple(values["awarding_authority"])
    values["signature"] = Signature(**values["signature"])
    for name in ("decision_date", "date"):
        values[name] = datetime.date.fromisoformat(values[name])
    return Certificate(**values)


def stock_layout_from_json(data: Mapping[str, Any] | None) -> StockLayout:
    data = dict(data or {})
    if "positions" in data:
        data["positions"] = {name: Position(**spec) for name, spec in data["positions"].items()}
    return StockLayout(**data)


def table_from_rows(columns: Sequence[Column], rows: Sequence[Row]) -> Table:
    return Table(tuple(columns), tuple(rows))
