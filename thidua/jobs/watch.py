"""Following a job from the CLI with a progress bar, while a worker runs it."""

from __future__ import annotations

import time
import uuid
from typing import TextIO

from django.core.management.base import CommandError

from thidua.jobs.models import Job, JobStatus
from thidua.lib.progress import TerminalProgress


def job_watch(job_id: uuid.UUID | str, *, stream: TextIO, poll: float = 0.5, timeout: float = 3600) -> Job:
    bar = TerminalProgress(stream)
    deadline = time.monotonic() + timeout
    while True:
        job = Job.objects.get(pk=job_id)
        bar.total, bar.done, bar.message = job.total, job.done, job.message or job.get_status_display()
        bar.changed(force=True)
        if job.status == JobStatus.SUCCEEDED:
            return job
        if job.status == JobStatus.FAILED:
            raise CommandError(f"Công việc thất bại / The job failed: {job.error.splitlines()[0] if job.error else ''}")
        if time.monotonic() > deadline:
            raise CommandError("Hết thời gian chờ / Timed out waiting; is a worker running (make worker)?")
        time.sleep(poll)
