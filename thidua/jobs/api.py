"""/api/v1/jobs: start the official import, and follow any job one started."""

from __future__ import annotations

import uuid

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from thidua.api.errors import responses
from thidua.api.schemas import JobOut
from thidua.http import AuthedRequest
from thidua.jobs.models import Job
from thidua.jobs.selectors import jobs_visible_to
from thidua.jobs.services import job_cancel, job_message, job_retry, job_start, jobs_reap

router = Router(tags=["jobs"])


@router.post("/import-official", response={202: JobOut, **responses(403)})
def job_import_official(request: AuthedRequest) -> Status:
    """Load the whole country's official units in the background (administrators only)."""
    return Status(202, job_out(job_start(kind="units.import_official", actor=request.user)))


@router.get("/{job_id}", response={200: JobOut, **responses(404)})
def job_detail(request: AuthedRequest, job_id: uuid.UUID) -> dict[str, object]:
    """A job the user started (any job, for an administrator), with its progress in the user's language."""
    jobs_reap(Job.objects.filter(pk=job_id))
    return job_out(get_object_or_404(jobs_visible_to(request.user), pk=job_id))


@router.post("/{job_id}/cancel", response={200: JobOut, **responses(400, 403, 404)})
def job_cancel_endpoint(request: AuthedRequest, job_id: uuid.UUID) -> dict[str, object]:
    """Stop a job: a queued one at once, a running one at its next step (its work is rolled back)."""
    return job_out(job_cancel(job=get_object_or_404(jobs_visible_to(request.user), pk=job_id), actor=request.user))


@router.post("/{job_id}/retry", response={202: JobOut, **responses(400, 403, 404)})
def job_retry_endpoint(request: AuthedRequest, job_id: uuid.UUID) -> Status:
    """Start again, with the same parameters, a job that failed (its worker died) or was cancelled."""
    job = get_object_or_404(jobs_visible_to(request.user), pk=job_id)
    return Status(202, job_out(job_retry(job=job, actor=request.user)))


def job_out(job: Job) -> dict[str, object]:
    """A job as ``JobOut``, its progress message in the request's language."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "total": job.total,
        "done": job.done,
        "percent": job.percent,
        "message": job_message(job),
        "result": job.result,
    }
