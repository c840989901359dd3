"""Starting background jobs and reporting their progress.

Each app registers its kinds of job in its ``AppConfig.ready`` (``thidua.jobs.registry``).
"""

from __future__ import annotations

import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.services import audit_record
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.registry import job_kind, register_result_labels, result_label
from thidua.lib.progress import Progress

# How the keys of a job's JSON summary read on its page (the apps register their own beside these).
register_result_labels(
    {
        "created": _("created"),
        "updated": _("updated"),
        "total": _("in the list"),
        "events": _("lineage events added"),
        "history_events": _("history events added"),
        "areas_moved": _("residential areas moved to the successor commune"),
        "rows": _("rows in the file"),
        "unchanged": _("unchanged (already recorded)"),
        "certificates": _("certificates"),
        "pages": _("pages"),
        "households_created": _("households created"),
        "households_updated": _("households updated"),
        "households_unchanged": _("households unchanged"),
        "moved": _("households moved from 01/01"),
        "registered": _("registrations recorded"),
        "registrations_unchanged": _("registrations already recorded"),
        "not_registering": _("households not registering"),
        "households_with_runs": _("households with a run of title years"),
        "household_runs": _("runs of households"),
        "areas": _("residential areas recounted"),
        "area_runs": _("runs of residential areas"),
        "runs_written": _("runs written (new or changed)"),
    }
)

# Keys of a job's summary that its page shows otherwise than as a "label: value" pair.
RESULT_HIDDEN = {"download_url", "file"}


def job_label(kind: str) -> str:
    registered = job_kind(kind)
    return str(registered.label) if registered else kind


def job_result_lines(job: Job) -> list[tuple[str, Any]]:
    """The job's summary as (label, value) pairs in the user's language."""
    return [
        (str(result_label(key) or key), value) for key, value in (job.result or {}).items() if key not in RESULT_HIDDEN
    ]


def job_message(job: Job) -> str:
    """The job's progress message in the user's language. The services write it in both, "Kiểm tra
    tệp / Checking the file", for the console's progress bar, which has no language; a page shows
    the half of its language. A message without exactly one " / " is shown as it is."""
    parts = job.message.split(" / ")
    if len(parts) != 2:
        return job.message
    return parts[1] if (translation.get_language() or "vi").startswith("en") else parts[0]


class JobProgress(Progress):
    """Writes progress to the job row at most twice a second, outside the job's own transaction."""

    def __init__(self, job_id: uuid.UUID, interval: float = 0.5) -> None:
        super().__init__()
        self.job_id = job_id
        self.interval = interval
        self._last = 0.0

    def changed(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        Job.objects.filter(pk=self.job_id).update(total=self.total, done=self.done, message=self.message[:300])


def job_start(*, kind: str, actor: Any, params: dict[str, Any] | None = None) -> Job:
    """Queue a job; the task worker picks it up once this transaction commits."""
    from thidua.jobs.tasks import run_job

    if job_kind(kind) is None:
        raise ValueError(f"Unknown job kind {kind!r}.")
    with transaction.atomic():
        # The system's actor (a console command acting as nobody) is recorded as no user.
        job = Job.objects.create(
            kind=kind, params=params or {}, created_by=actor if getattr(actor, "pk", None) else None
        )
        audit_record(actor=actor, action="jobs.start", obj=job, after={"kind": kind, "params": job.params})

        def enqueue() -> None:
            result = run_job.enqueue(str(job.pk))
            Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))

        transaction.on_commit(enqueue)
    return job


def job_run(job_id: uuid.UUID | str) -> Job:
    """Run a queued job in this process (the task worker calls this)."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    registered = job_kind(job.kind)
    if registered is None:
        raise ValueError(f"Unknown job kind {job.kind!r}.")
    function: Callable[..., dict[str, Any]] = import_string(registered.function)
    try:
        result = function(actor=job.created_by or SYSTEM_ACTOR, progress=JobProgress(job.pk), **job.params)
    except Exception as exc:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=f"{exc}\n\n{traceback.format_exc()}", finished_at=timezone.now()
        )
        raise
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, result=result or {}, finished_at=timezone.now())
    job.refresh_from_db()
    return job
