from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.permissions import has_permission
from thidua.http import AuthedRequest
from thidua.jobs.models import Job
from thidua.jobs.selectors import jobs_visible_to
from thidua.jobs.services import (
    job_cancel,
    job_failure,
    job_label,
    job_message,
    job_result_lines,
    job_retry,
    job_start,
    jobs_reap,
)


def job_list(request: AuthedRequest) -> HttpResponse:
    jobs_reap()
    jobs = [(job, job_label(job.kind)) for job in jobs_visible_to(request.user)[:50]]
    can_import = has_permission("units.import_official", request.user)[0]
    return render(
        request,
        "jobs/job_list.html",
        {"jobs": jobs, "can_import": can_import, "breadcrumbs": [(_("Background jobs"), None)]},
    )


def job_detail(request: AuthedRequest, pk: str) -> HttpResponse:
    # Polled every second while the job runs: only this job's lease is looked at.
    jobs_reap(Job.objects.filter(pk=pk))
    job = get_object_or_404(jobs_visible_to(request.user), pk=pk)
    template = "jobs/includes/progress.html" if request.htmx else "jobs/job_detail.html"
    return render(
        request,
        template,
        {
            "job": job,
            "label": job_label(job.kind),
            "message": job_message(job),
            "result_lines": job_result_lines(job),
            "may_stop": has_permission("jobs.cancel_job", request.user, job)[0],
            "failure": job_failure(job),
            "breadcrumbs": [(_("Background jobs"), "/jobs/"), (job_label(job.kind), None)],
        },
    )


@require_POST
def job_start_import(request: AuthedRequest) -> HttpResponse:
    job = job_start(kind="units.import_official", actor=request.user)
    messages.success(request, _("The job is queued; this page shows its progress."))
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def job_cancel_view(request: AuthedRequest, pk: str) -> HttpResponse:
    job = get_object_or_404(jobs_visible_to(request.user), pk=pk)
    job_cancel(job=job, actor=request.user)
    messages.success(request, _("The job will stop at its next step; nothing of it is kept."))
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def job_retry_view(request: AuthedRequest, pk: str) -> HttpResponse:
    job = get_object_or_404(jobs_visible_to(request.user), pk=pk)
    retry = job_retry(job=job, actor=request.user)
    messages.success(request, _("The job is queued again; this page shows its progress."))
    return redirect("jobs:detail", pk=retry.pk)
