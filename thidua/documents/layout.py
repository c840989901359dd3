"""What the layout rules derive from a document's data, shared by the DOCX and the PDF renderer.

Sizes are in points and lengths in millimetres, as Nghị định 30/2020/NĐ-CP, Phụ lục I states them.
Both renderers take every size, margin, text line and punctuation from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.documents.metrics import text_width_mm
from thidua.documents.model import MOTTO, NATIONAL_TITLE, AdministrativeDocument, Annex, Certificate, Signature
from thidua.lib.vietnamese import (
    date_words,
    document_number,
    nfc,
    number_line,
    place_date_line,
    punctuate_list,
    roman,
    short_date,
    vi_upper,
)

FONT_FAMILY = "Times New Roman"
# Metric-compatible with Times New Roman, with full Vietnamese (Debian fonts-liberation2).
FONT_FALLBACKS = ("Liberation Serif", "serif")

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
HEADER_DISTANCE_MM = 10.0  # the page number sits in the top margin
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

# The two header columns: the issuing body (left) and the national title (right). The national
# title at 12 pt bold is 88 mm wide, so the right column is 97 mm.
HEADER_LEFT_MM = 68.0
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM
# The signature block sits on the right, under the national title; "Nơi nhận:" on the left.
SIGNATURE_LEFT_MM = 80.0
SIGNATURE_RIGHT_MM = TEXT_WIDTH_MM - SIGNATURE_LEFT_MM

SIZE_NATIONAL_TITLE = 12.0
SIZE_MOTTO = 13.0
SIZE_BODY_NAME = 12.0  # governing and issuing body
SIZE_NUMBER = 13.0
SIZE_PLACE_DATE = 13.0
SIZE_KIND = 14.0
SIZE_SUBJECT = 14.0
SIZE_TEXT = 14.0
SIZE_SIGNATURE = 14.0
SIZE_RECIPIENTS_LABEL = 12.0
SIZE_RECIPIENTS = 11.0
SIZE_PAGE_NUMBER = 13.0
SIZE_TABLE = 12.0
SIZE_ANNEX_LABEL = 14.0
FIRST_LINE_INDENT_MM = 10.0
PARAGRAPH_SPACING_PT = 6.0
LINE_SPACING = 1.15  # of the body text, in lines ("multiple" in Word)
# Word's single line is the font's own line height: Times New Roman and Liberation Serif have an
# ascent + descent + gap of 1.15 em. CSS line heights multiply the font size, so the PDF uses this.
NATURAL_LINE_EM = 1.15
BODY_LINE_HEIGHT_EM = round(LINE_SPACING * NATURAL_LINE_EM, 3)
# Short rules under the issuing body and the subject: 1/3 to 1/2 of the line above (NĐ 30/2020).
SHORT_RULE_SHARE = 0.4
SIGNATURE_SPACE_MM = 28.0  # room for the signature and the seal

RECIPIENTS_LABEL = "Nơi nhận:"


@dataclass(frozen=True)
class HeaderLines:
    governing_body: tuple[str, ...]
    issuing_body: tuple[str, ...]
    national_title: str
    motto: str
    number: str
    place_date: str


def header_lines(doc: AdministrativeDocument) -> HeaderLines:
    return HeaderLines(
        governing_body=tuple(vi_upper(line) for line in doc.governing_body),
        issuing_body=tuple(vi_upper(line) for line in doc.issuing_body),
        national_title=NATIONAL_TITLE,
        motto=MOTTO,
        # Minutes of a residential area carry no registry number: an empty symbol leaves the line out.
        number=number_line(doc.number, doc.symbol) if doc.symbol else "",
        place_date=place_date_line(doc.place, doc.date),
    )


def legal_basis_lines(doc: AdministrativeDocument) -> list[str]:
    """Each basis on its own line ending ";", the last ending "."."""
    return punctuate_list(doc.legal_bases)


def recipient_lines(doc: AdministrativeDocument) -> list[str]:
    """The lines under "Nơi nhận:", each "- …;" and the last "- Lưu: VT, VP."."""
    entries = [*doc.recipients, f"Lưu: {doc.archive}"]
    return [f"- {line}" for line in punctuate_list(entries)]


def signature_lines(signature: Signature) -> list[str]:
    """The bold capitals above the space to sign: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]."""
    if signature.prefix:
        return [f"{signature.prefix} {vi_upper(signature.authority)}", vi_upper(signature.title)]
    return [vi_upper(signature.title)]


def subject_lines(doc: AdministrativeDocument) -> list[str]:
    return [nfc(line).strip() for line in doc.subject.splitlines() if line.strip()]


def annex_label(doc: AdministrativeDocument, index: int) -> str:
    """The annex's label, "Phụ lục I", "Phụ lục II" when there are several; one annex needs no number (NĐ 30, III.1)."""
    return f"Phụ lục {roman(index + 1)}" if len(doc.annexes) > 1 else ""


def annex_reference(doc: AdministrativeDocument) -> str:
    """The annex's reference line, "(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 01 năm 2013 của Chủ tịch …)"."""
    issuer = f" của {doc.issuer_phrase.strip()}" if doc.issuer_phrase.strip() else ""
    if not doc.symbol:
        return f"(Kèm theo {doc.kind_in_text} {date_words(doc.date)}{issuer})"
    number = document_number(doc.number, doc.symbol)
    return f"(Kèm theo {doc.kind_in_text} số {number} {date_words(doc.date)}{issuer})"


def annex_title(annex: Annex) -> str:
    return vi_upper(annex.title)


def annex_rule_mm(annex: Annex) -> float:
    """The short rule under an annex's heading: a share of its title's width, at most of the text's."""
    title = text_width_mm(annex_title(annex), SIZE_TEXT, bold=True)
    return SHORT_RULE_SHARE * min(title, TEXT_WIDTH_MM)


def certificate_decision_line(certificate: Certificate) -> str:
    """The decision a certificate rests on, "Quyết định số 05/QĐ-UBND ngày 05/01/2013"."""
    number = document_number(certificate.decision_number, certificate.decision_symbol)
    return f"Quyết định số {number} ngày {short_date(certificate.decision_date)}"


def certificate_place_date(certificate: Certificate) -> str:
    return place_date_line(certificate.place, certificate.date)


def css_font_family() -> str:
    return ", ".join(f'"{name}"' if name != "serif" else name for name in (FONT_FAMILY, *FONT_FALLBACKS))
