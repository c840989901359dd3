"""A decision or the minutes of a meeting as a downloadable file, the same for the web, the API and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thidua.documents.builders import meeting_minutes, recognition_decision
from thidua.documents.docx import render_docx
from thidua.documents.model import AdministrativeDocument
from thidua.documents.pdf import render_pdf
from thidua.evaluations.models import Decision, Meeting
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


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def _render(doc: AdministrativeDocument, stem: str, fmt: str) -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    render, content_type = FORMATS[fmt]
    return Rendered(render(doc), f"{stem}.{fmt}", content_type)


def decision_file(decision: Decision, fmt: str) -> Rendered:
    """ "quyet-dinh-05-qd-ubnd-2012.pdf": the recognition decision with its annexed list."""
    stem = _slug(f"quyet dinh {decision.number:02d} {decision.symbol} {decision.issued_on.year}")
    return _render(recognition_decision(decision), stem, fmt)


def minutes_file(meeting: Meeting, fmt: str, *, secretary: str = "") -> Rendered:
    """ "bien-ban-binh-xet-2012-<id>.pdf": the minutes of the bình xét with the tally."""
    stem = _slug(f"bien ban binh xet {meeting.year} {meeting.pk}")
    return _render(meeting_minutes(meeting, secretary=secretary), stem, fmt)
