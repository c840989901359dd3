from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import JobProgress, job_message, job_start
from thidua.lib.progress import TerminalProgress
from thidua.testing import Cast, client_for
from thidua.units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def _run_worker() -> None:
    call_command(
        "db_worker", batch=True, no_startup_delay=True, interval=0.1, stdout=io.StringIO(), stderr=io.StringIO()
    )


def test_a_job_runs_in_the_worker_and_reports_its_progress(cast: Cast) -> None:
    job = job_start(kind="units.import_official", actor=cast["admin"])
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.task_result_id
    _run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.total == job.done == 14165
    assert job.percent == 100
    # The cast already holds six of the official units; the import completes the rest.
    assert job.result["created"] == 14165 - 6
    assert Unit.objects.filter(source_key__isnull=False).count() == 14165
    assert Unit.objects.filter(code="01843").count() == 2


def test_the_job_page_is_only_for_its_starter_and_shows_a_progress_bar(cast: Cast, client: Client) -> None:
    job = Job.objects.create(kind="units.import_official", created_by=cast["admin"], total=200, done=50)
    client.force_login(cast["backan"])
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    client.force_login(cast["admin"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert '<progress id="job-bar" max="100" value="25">' in page
    assert 'hx-trigger="every 1s"' in page
    fragment = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<div") and "<html" not in fragment


def test_the_job_page_shows_the_progress_message_in_the_users_language(cast: Cast) -> None:
    job = Job.objects.create(kind="units.import_official", created_by=cast["admin"], total=4, done=1)
    progress = JobProgress(job.pk, interval=0)
    with translation.override("vi"):
        progress.start(4, _("Rendering certificates: %(count)s"), count=12)
    job.refresh_from_db()
    # The row keeps the message untranslated, whatever the worker's language, and its parameters apart ...
    assert (job.message, job.message_params) == ("Rendering certificates: %(count)s", {"count": 12})
    # ... and each reader sees it in their own language.
    vi = client_for(cast["admin"], language="vi").get(f"/jobs/{job.pk}/").content.decode()
    assert "0 / 4 Dựng giấy khen: 12</p>" in vi and "Rendering" not in vi
    en = client_for(cast["admin"], language="en").get(f"/jobs/{job.pk}/").content.decode()
    assert "0 / 4 Rendering certificates: 12</p>" in en and "Dựng" not in en
    api = client_for(cast["admin"], language="vi").get(f"/api/v1/jobs/{job.pk}").json()
    assert api["message"] == "Dựng giấy khen: 12"
    # A message that is no msgid is shown as it is: a decision's number keeps its slash.
    job.message, job.message_params = "In quyết định 01/QĐ-UBND", {}
    assert job_message(job) == "In quyết định 01/QĐ-UBND"


def test_only_an_administrator_may_start_the_import_from_the_page(cast: Cast) -> None:
    response = client_for(cast["backan"]).post("/jobs/start/import-official/")
    assert response.status_code == 403
    assert "Only an administrator loads the official list" in response.content.decode()
    assert not Job.objects.exists()
    response = client_for(cast["admin"]).post("/jobs/start/import-official/")
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"


def test_job_progress_is_written_to_the_row(cast: Cast) -> None:
    job = Job.objects.create(kind="units.import_official", created_by=cast["admin"])
    progress = JobProgress(job.pk, interval=0)
    progress.start(10, "đang nạp")
    progress.advance(4)
    job.refresh_from_db()
    assert (job.total, job.done, job.message) == (10, 4, "đang nạp")


def test_the_terminal_bar_draws_the_share_done() -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream, width=10)
    bar.start(4, "nạp")
    bar.advance(2)
    bar.finish()
    output = stream.getvalue()
    assert "[          ]   0% 0/4 nạp" in output
    assert "[##########] 100% 4/4 nạp" in output
