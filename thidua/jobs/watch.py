"""Following a job from the CLI with a progress bar, while a worker runs it."""

from __future__ import annotations

import time
import uuid
from typing import TextIO

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import job_message
from thidua.lib.progress import TerminalProgress


def job_watch(job_id: uuid.UUID | str, *, stream: TextIO, poll: float = 0.5, timeout: float = 3600) -> Job:
    """Redraw the job's bar, its message in the console's language, until it finishes."""
    bar = TerminalProgress(stream)
    deadline = time.monotonic() + timeout
    while True:
        job = Job.objects.get(pk=job_id)
        bar.total, bar.done = job.total, job.done
        bar.message, bar.params = job_message(job) or job.get_status_display(), {}
        bar.changed(force=True)
        if job.status == JobStatus.SUCCEEDED:
            return job
        if job.status == JobStatus.FAILED:
            first_line = job.error.splitlines()[0] if job.error else ""
            raise CommandError(_("The job failed: %(error)s") % {"error": first_line})
        if time.monotonic() > deadline:
            raise CommandError(_("Timed out waiting for the job; is a worker running (make worker)?"))
        time.sleep(poll)
