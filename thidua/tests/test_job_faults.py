"""Faults of the workers: a worker killed in the middle of a job, a job cancelled from its page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from thidua.documents.model import certificate_to_json
from thidua.documents.models import GeneratedFile
from thidua.documents.samples import many_certificates
from thidua.errors import DomainError
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import job_cancel, job_failure, job_retry, job_start, jobs_reap
from thidua.testing import Cast, postgres_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _params(count: int) -> dict[str, Any]:
    return {"certificates": [certificate_to_json(c) for c in many_certificates(count)], "name": "giay-khen.pdf"}


def _worker() -> subprocess.Popen[bytes]:
    """A task worker in a process of its own, as on a worker machine."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": postgres_url(), "DEBUG": "true", "JOB_HEARTBEAT_SECONDS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Its own process group: the worker may run the jobs in a child process (autoreload in DEBUG),
        # and the whole machine's worse case is that every process of it dies at once.
        start_new_session=True,
    )


def _until(condition: Callable[[], bool], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition was not reached in time")
        time.sleep(0.1)


def _alive(pid: int | None) -> bool:
    try:
        os.kill(pid or 0, 0)
    except ProcessLookupError:
        return False
    return True


def _running_with_progress(job: Job) -> bool:
    job.refresh_from_db()
    return job.status == JobStatus.RUNNING and job.done > 0


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("two processes on one test database: PostgreSQL (SQLite's test database is in memory)")


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_killed_is_marked_failed_then_started_again_and_completes(
    cast: Cast, postgres_only: None
) -> None:
    job = job_start(kind="documents.certificates", actor=cast["backan"], params=_params(250))
    worker = _worker()
    try:
        _until(lambda: _running_with_progress(job))
        first_beat = job.heartbeat_at
        assert job.worker_pid is not None and os.getpgid(job.worker_pid) == worker.pid and job.worker_host
        _until(lambda: Job.objects.get(pk=job.pk).heartbeat_at != first_beat, seconds=30)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    _until(lambda: not _alive(job.worker_pid), seconds=10)
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # what the dead worker left: "running" for ever, until reaped

    assert jobs_reap() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert "The worker stopped while running this job" in job_failure(job)
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    assert not GeneratedFile.objects.exists()  # nothing of the killed run was kept

    client = Client()
    client.force_login(cast["backan"])
    page = client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="job-retry"' in page

    response = client.post(f"/jobs/{job.pk}/retry/")
    retry = Job.objects.get(retry_of=job)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{retry.pk}/"
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.1)
    retry.refresh_from_db()
    assert retry.status == JobStatus.SUCCEEDED, retry.error
    assert GeneratedFile.objects.get(pk=retry.result["file"]).pages == 250
    assert jobs_reap() == 0


@pytest.mark.django_db(transaction=True)
def test_a_running_job_cancelled_from_its_page_stops_and_keeps_nothing(cast: Cast, postgres_only: None) -> None:
    job = job_start(kind="documents.certificates", actor=cast["backan"], params=_params(400))
    worker = _worker()
    try:
        _until(lambda: _running_with_progress(job))
        client = Client()
        client.force_login(cast["backan"])
        assert 'data-testid="job-cancel"' in client.get(f"/jobs/{job.pk}/").content.decode()
        assert client.post(f"/jobs/{job.pk}/cancel/").status_code == 302
        _until(lambda: Job.objects.get(pk=job.pk).status == JobStatus.CANCELLED, seconds=60)
        assert worker.poll() is None  # the worker lives on and takes the next job
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait()
    job.refresh_from_db()
    assert job.done < 400 and job.cancel_requested_by == cast["backan"]
    assert not GeneratedFile.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_queued_job_cancelled_never_runs(cast: Cast) -> None:
    job = job_start(kind="documents.certificates", actor=cast["backan"], params=_params(3))
    job_cancel(job=job, actor=cast["backan"])
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.1)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and not GeneratedFile.objects.exists()
    with pytest.raises(DomainError, match="already ended"):
        job_cancel(job=job, actor=cast["backan"])


@pytest.mark.django_db
def test_only_a_failed_or_cancelled_job_is_started_again(cast: Cast) -> None:
    job = job_start(kind="documents.certificates", actor=cast["backan"], params=_params(1))
    with pytest.raises(DomainError, match="Only a job that failed or was cancelled"):
        job_retry(job=job, actor=cast["backan"])


@pytest.mark.django_db
def test_a_silent_job_of_another_machine_is_reaped_after_its_lease_only(cast: Cast, settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    settings.JOB_LEASE_SECONDS = 60
    job = job_start(kind="documents.certificates", actor=cast["backan"], params=_params(1))
    recent = timezone.now() - timedelta(seconds=30)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, worker_host="worker-2.example", worker_pid=4242, heartbeat_at=recent
    )
    assert jobs_reap() == 0
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=61))
    assert jobs_reap() == 1
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
