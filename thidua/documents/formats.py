"""A document as a downloadable file: the formats the engine renders, and the rendered file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thidua.documents.docx import render_docx
from thidua.documents.model import AdministrativeDocument
from thidua.documents.pdf import render_pdf

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


def render_as(doc: AdministrativeDocument, stem: str, fmt: str) -> Rendered:
    """``doc`` as ``<stem>.<fmt>``."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    render, content_type = FORMATS[fmt]
    return Rendered(render(doc), f"{stem}.{fmt}", content_type)
