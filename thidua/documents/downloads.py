"""A document as a downloadable file in a chosen format, the same for the web, the API and the CLI.

The engine knows the formats; each app builds its documents (``thidua.evaluations.documents``
``decision_file`` …) and names its files with ``slug``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thidua.documents.docx import render_docx
from thidua.documents.model import AdministrativeDocument
from thidua.documents.pdf import render_pdf
from thidua.lib.text import fold

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS: dict[str, tuple[Callable[[AdministrativeDocument], bytes], str]] = {
    "pdf": (render_pdf, "application/pdf"),
    "docx": (render_docx, DOCX_TYPE),
}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str


def slug(text: str) -> str:
    """ "quyet dinh 05 QĐ-UBND 2012" → "quyet-dinh-05-qd-ubnd-2012": a file name without diacritics."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def render_file(doc: AdministrativeDocument, stem: str, fmt: str) -> Rendered:
    """``doc`` rendered as ``fmt`` ("pdf" or "docx"), named ``<stem>.<fmt>``."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    render, content_type = FORMATS[fmt]
    return Rendered(render(doc), f"{stem}.{fmt}", content_type)
