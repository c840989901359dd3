"""Starting background jobs and reporting their progress.

Each app registers its kinds of job in its ``AppConfig.ready`` (``thidua.jobs.registry``). A job's
status moves through ``thidua.jobs.workflow.JOB_WORKFLOW``, by thidua itself.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import SYSTEM_ACTOR, Actor, person_of
from thidua.audit.services import audit_record
from thidua.errors import DomainError
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.registry import job_kind, register_result_labels, result_label
from thidua.jobs.workflow import JOB_WORKFLOW
from thidua.lib.progress import Progress
from thidua.workflow import transition

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
    """The job's progress message in the reader's language: the row keeps the untranslated message
    and its parameters (``JobProgress``), and each reader's page translates them."""
    if not job.message:
        return ""
    text = gettext(job.message)
    try:
        return text % job.message_params if job.message_params else text
    except (KeyError, TypeError, ValueError):
        # A translation that lost a placeholder must not hide the progress.
        return text


def untranslated(message: Any) -> str:
    """The msgid of a lazy translation (its English text), or the text itself."""
    with translation.override(None):
        return str(message)


def _json_param(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return untranslated(value)


class JobProgress(Progress):
    """Writes progress to the job row at most twice a second, outside the job's own transaction.

    The row keeps the message untranslated and its parameters apart, so that the job's page shows
    it in the language of whoever reads it (``job_message``)."""

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
        Job.objects.filter(pk=self.job_id).update(
            total=self.total,
            done=self.done,
            message=untranslated(self.message)[:300],
            message_params={key: _json_param(value) for key, value in self.params.items()},
            heartbeat_at=timezone.now(),
        )
        # The owner may have asked to stop: the job ends here, and its transaction rolls back.
        if Job.objects.filter(pk=self.job_id, cancel_requested_at__isnull=False).exists():
            raise JobCancelled


WORKER_GONE = _(
    "The worker stopped while running this job (its process or its machine ended). Nothing of it was kept; "
    "start it again."
)


def job_failure(job: Job) -> str:
    """Why a job failed, when thidua knows it in words its owner understands (else empty)."""
    if job.status == JobStatus.FAILED and job.error == untranslated(WORKER_GONE):
        return str(WORKER_GONE)
    return ""


class WorkerGone(Exception):
    """The worker of a running job is gone (recorded on the task queue's row of the job)."""


class JobCancelled(Exception):
    """Raised at a progress step of a job whose owner asked to stop it."""


def _lease() -> timedelta:
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


def _heartbeat_every() -> float:
    return float(settings.JOB_HEARTBEAT_SECONDS)


@contextlib.contextmanager
def _heartbeat(job_id: uuid.UUID) -> Iterator[None]:
    """Say every few seconds that this worker still runs the job, even through a long silent step.

    The thread has its own database connection (Django's are per thread) and closes it at the end.
    A heartbeat that cannot be written (SQLite busy with the job's own transaction) is skipped: on
    one machine the worker's process is checked directly (``_worker_gone``).
    """
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(_heartbeat_every()):
                with contextlib.suppress(DatabaseError):
                    Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(heartbeat_at=timezone.now())
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user has that number: alive
    return True


def _worker_gone(job: Job, now: Any) -> bool:
    """The worker of a running job is gone: its process ended on this machine, or it has been silent
    for longer than the lease (another machine, or this one without a process number)."""
    if job.worker_host == socket.gethostname() and job.worker_pid:
        return not _pid_alive(job.worker_pid)
    last = job.heartbeat_at or job.started_at
    return last is not None and now - last > _lease()


def jobs_reap(jobs: QuerySet[Job] | None = None) -> int:
    """Mark failed, with the reason, every running job whose worker is gone; returns how many.

    Called where it costs one query: when a worker takes a job, on the jobs' pages, by
    ``thidua jobs reap`` and ``thidua doctor``. A reaped job is started again with ``job_retry``.
    ``jobs`` narrows it to some jobs (the one a page polls every second), else every running job.
    """
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    reaped = 0
    for job in (jobs if jobs is not None else Job.objects.all()).filter(status=JobStatus.RUNNING):
        if not _worker_gone(job, now):
            continue
        with transaction.atomic():
            # The message (shown to the owner in their language) says what happened; the error too.
            Job.objects.filter(pk=job.pk).update(error=untranslated(WORKER_GONE), message=untranslated(WORKER_GONE))
            transition(JOB_WORKFLOW, job, to=JobStatus.FAILED, actor=SYSTEM_ACTOR)
            if job.task_result_id:
                # The queue's own record of the task (django-tasks-db), failed through its own method.
                for task in DBTaskResult.objects.filter(pk=job.task_result_id, status="RUNNING"):
                    task.set_failed(WorkerGone(untranslated(WORKER_GONE)))
        reaped += 1
    return reaped


def job_start(*, kind: str, actor: Actor, params: dict[str, Any] | None = None) -> Job:
    """Queue a job; the task worker picks it up once this transaction commits.

    The actor must hold the kind's permission (``register_job_kind(..., action=…)``); the job's
    function authorizes the same actor again, on what it touches, when it runs.
    """
    from thidua.jobs.tasks import run_job

    registered = job_kind(kind)
    if registered is None:
        raise ValueError(f"Unknown job kind {kind!r}.")
    authorize(actor, registered.action)
    with transaction.atomic():
        # The system's actor (a console command acting as nobody) is recorded as no user.
        job = Job.objects.create(kind=kind, params=params or {}, created_by=person_of(actor))
        audit_record(actor=actor, action="jobs.start", obj=job, after={"kind": kind, "params": job.params})

        def enqueue() -> None:
            result = run_job.enqueue(str(job.pk))
            Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))

        transaction.on_commit(enqueue)
    return job


def _fail(job: Job, exc: BaseException) -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(error=f"{exc}\n\n{traceback.format_exc()}")
        transition(JOB_WORKFLOW, job, to=JobStatus.FAILED, actor=SYSTEM_ACTOR)


def job_run(job_id: uuid.UUID | str) -> Job:
    """Run a queued job in this process (the task worker calls this), as the user who started it."""
    jobs_reap()
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.status == JobStatus.CANCELLED:
        return job  # cancelled before a worker took it
    registered = job_kind(job.kind)
    if registered is None:
        error = ValueError(f"Unknown job kind {job.kind!r}.")
        _fail(job, error)
        raise error
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            worker_host=socket.gethostname()[:200], worker_pid=os.getpid(), heartbeat_at=timezone.now()
        )
        transition(JOB_WORKFLOW, job, to=JobStatus.RUNNING, actor=SYSTEM_ACTOR)
    function: Callable[..., dict[str, Any]] = import_string(registered.function)
    actor: Actor = job.created_by or SYSTEM_ACTOR
    try:
        with _heartbeat(job.pk):
            result = function(actor=actor, progress=JobProgress(job.pk), **job.params)
    except JobCancelled:
        transition(JOB_WORKFLOW, job, to=JobStatus.CANCELLED, actor=SYSTEM_ACTOR)
        job.refresh_from_db()
        return job
    except Exception as exc:
        _fail(job, exc)
        raise
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(result=result or {})
        transition(JOB_WORKFLOW, job, to=JobStatus.SUCCEEDED, actor=SYSTEM_ACTOR)
    job.refresh_from_db()
    return job


def job_cancel(*, job: Job, actor: Actor) -> Job:
    """Stop a job: a queued one at once; a running one at its next progress step, its work rolled back."""
    authorize(actor, "jobs.cancel_job", job)
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.is_finished:
            raise DomainError(_("This job has already ended; there is nothing to cancel."))
        Job.objects.filter(pk=job.pk).update(cancel_requested_at=timezone.now(), cancel_requested_by=person_of(actor))
        audit_record(actor=actor, action="jobs.cancel", obj=job, after={"kind": job.kind})
        if locked.status == JobStatus.QUEUED:
            transition(JOB_WORKFLOW, locked, to=JobStatus.CANCELLED, actor=SYSTEM_ACTOR)
    job.refresh_from_db()
    return job


def job_retry(*, job: Job, actor: Actor) -> Job:
    """Start again, with the same parameters, a job that failed or was cancelled."""
    authorize(actor, "jobs.cancel_job", job)
    if job.status not in (JobStatus.FAILED, JobStatus.CANCELLED):
        raise DomainError(_("Only a job that failed or was cancelled is started again."))
    retry = job_start(kind=job.kind, actor=actor, params=job.params)
    Job.objects.filter(pk=retry.pk).update(retry_of=job)
    retry.refresh_from_db()
    return retry
