"""PDF rendering with WeasyPrint, from the Django templates in ``templates/documents/``.

A decision and each of its annexes render as separate WeasyPrint documents whose pages are joined
into one PDF, because each annex numbers its own pages (NĐ 30/2020, Phụ lục I, III.1.đ) and CSS
paged media hides the number on the first page of each. Certificates render in chunks so that a
batch can report progress; the chunks' pages are joined the same way.

Nothing is fetched: the CSS is inline, the border is drawn with CSS, and any URL a template might
contain is refused.
"""

from __future__ import annotations

import base64
import datetime
import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from thidua.documents import layout as L
from thidua.documents.model import (
    MOTTO,
    NATIONAL_TITLE,
    AdministrativeDocument,
    Certificate,
    GroupHeading,
    StockLayout,
)
from thidua.lib.vietnamese import document_number, nfc

CERTIFICATES_PER_CHUNK = 25
# Issued documents are archived for years: every PDF is PDF/A-2b (ISO 19005-2, level B: the pages
# look the same in any reader, fonts embedded, an sRGB output intent, XMP metadata). Part 2 rather
# than 3: nothing is attached to the file, and more archives accept part 2.
PDF_VARIANT = "pdf/a-2b"


class OfflineFetcher(URLFetcher):
    """Refuses every URL, and makes the refusal stop the rendering instead of leaving a gap."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), fail_on_errors=True)

    def fetch(self, url: str, headers: Any = None) -> Any:
        # A figure is embedded in the HTML as a data: URI (never fetched from anywhere).
        if url.startswith("data:image/png;base64,"):
            body = base64.b64decode(url.removeprefix("data:image/png;base64,"), validate=True)
            return URLFetcherResponse(url, body, {"Content-Type": "image/png"})
        raise ValueError(f"Documents are rendered offline; refusing to fetch {url!r}.")


_OFFLINE = OfflineFetcher()


@functools.cache
def _fonts() -> FontConfiguration:
    # One font configuration for the process: loading the faces is the slow part of a first render.
    return FontConfiguration()


@functools.cache
def _stylesheet(template: str, *, landscape: bool = False) -> CSS:
    context = {"layout": _layout_context(), "landscape": landscape}
    return CSS(string=render_to_string(template, context), font_config=_fonts(), url_fetcher=_OFFLINE)


def _layout_context() -> dict[str, Any]:
    return {name.lower(): value for name, value in vars(L).items() if name.isupper()} | {
        "font_family": L.css_font_family()
    }


def _render(html: str, stylesheet: str, *, landscape: bool = False) -> Document:
    return HTML(string=html, url_fetcher=_OFFLINE).render(
        stylesheets=[_stylesheet(stylesheet, landscape=landscape)], font_config=_fonts()
    )


def _join(documents: Sequence[Document], describe: Callable[[Any], None] | None = None) -> bytes:
    pages = [page for document in documents for page in document.pages]
    joined = documents[0].copy(pages)
    if describe is not None:
        describe(joined.metadata)
    return bytes(joined.write_pdf(pdf_variant=PDF_VARIANT))


def _describer(
    title: str, subject: str, author: str, issued: datetime.date, keywords: Sequence[str]
) -> Callable[[Any], None]:
    """Fill the file's Info dictionary and XMP metadata (dc:title, dc:description, dc:creator,
    pdf:Keywords, xmp:CreateDate/ModifyDate), the standard fields an archive indexes: no private
    schema, which PDF/A would require to be declared."""

    def describe(metadata: Any) -> None:
        metadata.title = title
        metadata.description = subject
        metadata.authors = [author] if author else []
        metadata.keywords = [keyword for keyword in keywords if keyword]
        # The date of issue, midnight in Vietnam (ICT, UTC+7), as W3CDTF for XMP and the Info dictionary.
        metadata.created = metadata.modified = f"{issued.isoformat()}T00:00:00+07:00"
        metadata.generator = "thidua"
        metadata.lang = "vi"

    return describe


def document_describer(doc: AdministrativeDocument) -> Callable[[Any], None]:
    """The document's number and symbol, date of issue, issuing body and subject as its metadata."""
    number = document_number(doc.number, doc.symbol) if doc.symbol else ""
    title = f"{doc.kind_in_text} số {number}" if number and doc.number else doc.kind_in_text
    body = " ".join(doc.issuing_body)
    return _describer(title, doc.subject, body, doc.date, (number, doc.kind_in_text, body))


# Administrative documents ------------------------------------------------------------------------


def decision_context(doc: AdministrativeDocument) -> dict[str, Any]:
    return {
        "doc": doc,
        "header": L.header_lines(doc),
        "subject": L.subject_lines(doc),
        "legal_bases": L.legal_basis_lines(doc),
        "recipients_label": L.RECIPIENTS_LABEL,
        "recipients": L.recipient_lines(doc),
        "signature_lines": L.signature_lines(doc.signature),
        "left_signature_lines": L.signature_lines(doc.left_signature) if doc.left_signature else [],
        "body_items": [
            {
                "kind": item.kind,
                "text": item.text,
                "src": f"data:image/png;base64,{base64.b64encode(item.figure.png).decode()}" if item.figure else "",
                "width_mm": min(item.figure.width_cm * 10, L.TEXT_WIDTH_MM) if item.figure else 0,
            }
            for item in doc.body_items()
        ],
    }


def annex_context(doc: AdministrativeDocument, index: int) -> dict[str, Any]:
    annex = doc.annexes[index]
    total = sum(column.width for column in annex.table.columns)
    return {
        "doc": doc,
        "annex": annex,
        "label": L.annex_label(doc, index),
        "title": L.annex_title(annex),
        "reference": L.annex_reference(doc),
        "rule_mm": L.annex_rule_mm(annex),
        "columns": [(column, 100 * column.width / total) for column in annex.table.columns],
        "rows": [
            {"heading": row.text}
            if isinstance(row, GroupHeading)
            else {"cells": zip(annex.table.columns, row, strict=True)}
            for row in annex.table.rows
        ],
    }


def render_pdf(doc: AdministrativeDocument) -> bytes:
    """The document and its annexes as one PDF: A4, NĐ 30/2020 margins, page numbers from page 2."""
    documents = [_render(render_to_string("documents/decision.html", decision_context(doc)), "documents/page.css")]
    for index, annex in enumerate(doc.annexes):
        html = render_to_string("documents/annex.html", annex_context(doc, index))
        documents.append(_render(html, "documents/page.css", landscape=annex.landscape))
    return _join(documents, document_describer(doc))


def render_pdf_many(docs: Sequence[AdministrativeDocument]) -> bytes:
    """Several documents in one PDF, each starting on a new page (a letter to each invited person)."""
    if not docs:
        raise ValueError("Nothing to render.")
    documents = []
    for doc in docs:
        documents.append(
            _render(render_to_string("documents/decision.html", decision_context(doc)), "documents/page.css")
        )
        for index, annex in enumerate(doc.annexes):
            html = render_to_string("documents/annex.html", annex_context(doc, index))
            documents.append(_render(html, "documents/page.css", landscape=annex.landscape))
    return _join(documents, document_describer(docs[0]))


# Certificates -------------------------------------------------------------------------------------


def certificate_context(certificate: Certificate) -> dict[str, Any]:
    return {
        "c": certificate,
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "authority": [nfc(line) for line in certificate.awarding_authority],
        "decision": L.certificate_decision_line(certificate),
        "place_date": L.certificate_place_date(certificate),
        "signature_lines": L.signature_lines(certificate.signature),
    }


def _stock_fields(certificate: Certificate, stock: StockLayout) -> list[dict[str, Any]]:
    context = certificate_context(certificate)
    texts: dict[str, list[str]] = {
        "awarding_authority": context["authority"],
        "recipient": [certificate.recipient],
        "recipient_detail": [certificate.recipient_detail],
        "achievement": [certificate.achievement],
        "decision": [context["decision"], certificate.register_number],
        "place_date": [context["place_date"]],
        "signature": context["signature_lines"],
        "signer": [certificate.signature.signer],
    }
    fields = []
    for name, position in stock.positions.items():
        lines = [line for line in texts.get(name, []) if line]
        if not lines:
            continue
        fields.append(
            {
                "name": name,
                "lines": lines,
                "x": position.x + stock.offset_x_mm,
                "y": position.y + stock.offset_y_mm,
                "width": position.width,
                "align": position.align,
            }
        )
    return fields


def _certificates_html(certificates: Sequence[Certificate], stock: StockLayout | None) -> str:
    if stock is None:
        items = [certificate_context(c) for c in certificates]
        return render_to_string("documents/certificates.html", {"certificates": items})
    items = [{"fields": _stock_fields(c, stock)} for c in certificates]
    return render_to_string("documents/certificates_text_only.html", {"certificates": items, "stock": stock})


def render_certificates_pdf(
    certificates: Sequence[Certificate],
    *,
    text_only: bool = False,
    stock: StockLayout | None = None,
    on_chunk: Callable[[int], None] | None = None,
    chunk_size: int = CERTIFICATES_PER_CHUNK,
) -> bytes:
    """One A4 landscape page per certificate, all in one PDF.

    ``text_only`` prints only the variable text at the positions of ``stock`` (default positions
    when not given), shifted by its calibration offsets, for pre-printed certificate stock.
    ``on_chunk(n)`` is called after each chunk of ``n`` certificates is laid out.
    """
    if not certificates:
        raise ValueError("There are no certificates to render.")
    layout = (stock or StockLayout()) if text_only else None
    stylesheet = "documents/certificate_text_only.css" if text_only else "documents/certificate.css"
    documents = []
    for start in range(0, len(certificates), chunk_size):
        chunk = certificates[start : start + chunk_size]
        documents.append(_render(_certificates_html(chunk, layout), stylesheet))
        if on_chunk:
            on_chunk(len(chunk))
    first = certificates[0]
    decision = document_number(first.decision_number, first.decision_symbol)
    authority = " ".join(nfc(line) for line in first.awarding_authority)
    title = f"{first.title[:1]}{first.title[1:].lower()} ({decision})"
    describe = _describer(title, first.achievement, authority, first.date, (decision, first.title))
    return _join(documents, describe)
