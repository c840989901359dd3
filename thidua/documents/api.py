"""/api/v1/documents: a recognition decision or the minutes of a meeting as PDF or DOCX."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from thidua.api.schemas import ErrorOut, JobOut
from thidua.documents.downloads import Rendered, decision_file, minutes_file
from thidua.documents.selectors import decisions_visible_to, meetings_visible_to
from thidua.documents.services import decision_certificates_start

router = Router(tags=["documents"])
Format = Literal["pdf", "docx"]


def _attachment(rendered: Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@router.get("/decisions/{int:decision_id}", response={404: ErrorOut})
def decision_document(request: HttpRequest, decision_id: int, format: Query[Format] = "pdf") -> HttpResponse:
    """The decision of a decided dossier whose issuer the user sees; 404 for any other."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=decision_id)
    return _attachment(decision_file(decision, format))


@router.get("/meetings/{int:meeting_id}", response={404: ErrorOut})
def minutes_document(request: HttpRequest, meeting_id: int, format: Query[Format] = "pdf") -> HttpResponse:
    """The minutes of a meeting held in a unit the user sees; 404 for any other."""
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=meeting_id)
    return _attachment(minutes_file(meeting, format))


@router.post("/decisions/{int:decision_id}/certificates", response={202: JobOut, 404: ErrorOut})
def decision_certificates(request: HttpRequest, decision_id: int) -> Status:
    """Queue one certificate per title of the decision, as one PDF; follow the job at /api/v1/jobs/{id}."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=decision_id)
    return Status(202, decision_certificates_start(decision=decision, actor=request.user))
