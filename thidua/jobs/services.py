"""Starting background jobs and reporting their progress.

Each app registers its kinds of job in its ``AppConfig.ready`` (``thidua.jobs.registry``). A job's
status moves through ``thidua.jobs.workflow.JOB_WORKFLOW``, by thidua itself.
"""

from __future__ import annotations

import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import SYSTEM_ACTOR, Actor, person_of
from thidua.audit.services import audit_record
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
        )


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
    job = Job.objects.select_related("created_by").get(pk=job_id)
    registered = job_kind(job.kind)
    if registered is None:
        error = ValueError(f"Unknown job kind {job.kind!r}.")
        _fail(job, error)
        raise error
    transition(JOB_WORKFLOW, job, to=JobStatus.RUNNING, actor=SYSTEM_ACTOR)
    function: Callable[..., dict[str, Any]] = import_string(registered.function)
    actor: Actor = job.created_by or SYSTEM_ACTOR
    try:
        result = function(actor=actor, progress=JobProgress(job.pk), **job.params)
    except Exception as exc:
        _fail(job, exc)
        raise
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(result=result or {})
        transition(JOB_WORKFLOW, job, to=JobStatus.SUCCEEDED, actor=SYSTEM_ACTOR)
    job.refresh_from_db()
    return job
