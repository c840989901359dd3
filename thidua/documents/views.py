from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.documents.downloads import Rendered, decision_file, minutes_file
from thidua.documents.selectors import decisions_visible_to, generated_files_of, meetings_visible_to
from thidua.documents.services import decision_certificates_start


def generated_file_download(request: HttpRequest, pk: str) -> FileResponse:
    """The owner downloads the file; anyone else learns nothing, not even that it exists."""
    generated = generated_files_of(request.user).filter(pk=pk).first()
    if generated is None or not generated.file.name or not generated.file.storage.exists(generated.file.name):
        raise Http404
    return FileResponse(
        generated.file.open("rb"), as_attachment=True, filename=generated.name, content_type=generated.content_type
    )


def _attachment(rendered: Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def decision_download(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    """The recognition decision of a decided dossier, for a user who sees its issuer; 404 otherwise."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    return _attachment(decision_file(decision, fmt))


def minutes_download(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    """The minutes of an evaluation meeting, for a user who sees its unit; 404 otherwise."""
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    return _attachment(minutes_file(meeting, fmt))


@require_POST
def decision_certificates(request: HttpRequest, pk: str) -> HttpResponse:
    """Start printing the decision's certificates in the background, and show the job's progress."""
    decision = get_object_or_404(decisions_visible_to(request.user), pk=pk)
    job = decision_certificates_start(decision=decision, actor=request.user)
    messages.success(request, _("The job is queued; this page shows its progress."))
    return redirect("jobs:detail", pk=job.pk)
