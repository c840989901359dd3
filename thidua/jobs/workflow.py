"""The moves of a background job: thidua itself makes every one of them (the worker picks the job up,
the function returns or raises), so each move's part is ``SYSTEM``.

A job's moves are not audited (``audited=False``): the start is audited by ``job_start`` with its
actor and parameters, and the outcome, its times and its error stay on the job row itself, which is
never deleted; an audit row per move would only repeat them.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from thidua.accounts.system import SYSTEM
from thidua.jobs.models import Job, JobStatus
from thidua.workflow import Move, Workflow


def _nobody(actor: object, job: object, part: str) -> tuple[bool, Any]:
    # Every move is SYSTEM's: the kernel never asks a person's part.
    return False, ""


def _started(job: Job) -> dict[str, Any]:
    return {"started_at": timezone.now()}


def _finished(job: Job) -> dict[str, Any]:
    return {"finished_at": timezone.now()}


def _label(status: str) -> Any:
    # Lazy, so that a refusal naming the statuses reads in whichever language it is shown.
    return JobStatus(status).label


JOB_WORKFLOW: Workflow[Job] = Workflow(
    name="jobs.job",
    model=Job,
    moves={
        JobStatus.QUEUED: {
            JobStatus.RUNNING: Move(JobStatus.RUNNING.label, SYSTEM),
            # A job whose kind is no longer registered fails before it runs.
            JobStatus.FAILED: Move(JobStatus.FAILED.label, SYSTEM),
            # Cancelled by its owner before a worker took it (``job_cancel`` authorizes the person).
            JobStatus.CANCELLED: Move(JobStatus.CANCELLED.label, SYSTEM),
        },
        JobStatus.RUNNING: {
            JobStatus.SUCCEEDED: Move(JobStatus.SUCCEEDED.label, SYSTEM),
            # Raised by the function, or its worker died (``jobs_reap``).
            JobStatus.FAILED: Move(JobStatus.FAILED.label, SYSTEM),
            # The worker saw the owner's request at its next progress step and rolled the work back.
            JobStatus.CANCELLED: Move(JobStatus.CANCELLED.label, SYSTEM),
        },
    },
    may_act=_nobody,
    status_labels=_label,
    audited=False,
    also_set={
        JobStatus.RUNNING: _started,
        JobStatus.SUCCEEDED: _finished,
        JobStatus.FAILED: _finished,
        JobStatus.CANCELLED: _finished,
    },
)
