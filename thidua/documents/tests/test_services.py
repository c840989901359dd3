"""The batch of certificates as a background job: progress, one stored PDF, a download for its owner."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from thidua.audit.models import AuditEntry
from thidua.documents.model import certificate_to_json
from thidua.documents.models import GeneratedFile
from thidua.documents.samples import many_certificates
from thidua.documents.services import certificates_render_batch
from thidua.documents.tests.readback import pdf_pages, pdf_text
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import job_start
from thidua.lib.progress import Progress
from thidua.testing import Cast


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


class RecordingProgress(Progress):
    def __init__(self) -> None:
        super().__init__()
        self.states: list[tuple[int, int]] = []

    def changed(self, *, force: bool) -> None:
        self.states.append((self.done, self.total))


def params(count: int, **extra: Any) -> dict[str, Any]:
    return {"certificates": [certificate_to_json(c) for c in many_certificates(count)], **extra}


@pytest.mark.django_db
def test_the_batch_stores_one_pdf_and_reports_progress_per_chunk(cast: Cast, settings: Any) -> None:
    progress = RecordingProgress()
    summary = certificates_render_batch(actor=cast["backan"], progress=progress, **params(30))
    assert progress.states == [(0, 30), (25, 30), (30, 30), (30, 30)]
    generated = GeneratedFile.objects.get(pk=summary["file"])
    assert summary == {
        "certificates": 30,
        "pages": 30,
        "file": str(generated.pk),
        "download_url": f"/documents/files/{generated.pk}/",
    }
    content = generated.file.read()
    assert (generated.size, generated.pages, generated.created_by) == (len(content), 30, cast["backan"])
    assert pdf_pages(content) == 30
    assert AuditEntry.objects.filter(action="documents.generate", object_id=str(generated.pk)).exists()


@pytest.mark.django_db
def test_the_text_only_batch_applies_the_calibration(cast: Cast) -> None:
    summary = certificates_render_batch(
        actor=cast["backan"], **params(2, text_only=True, stock={"offset_x_mm": 3, "offset_y_mm": 4})
    )
    content = GeneratedFile.objects.get(pk=summary["file"]).file.read()
    assert pdf_pages(content) == 2 and "GIẤY KHEN" not in pdf_text(content)


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_in_the_worker_and_its_page_links_the_file_for_its_owner_only(cast: Cast, client: Client) -> None:
    job = job_start(kind="documents.certificates", actor=cast["backan"], params=params(40, name="giay-khen.pdf"))
    call_command(
        "db_worker", batch=True, no_startup_delay=True, interval=0.1, stdout=io.StringIO(), stderr=io.StringIO()
    )
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert (job.total, job.done, job.percent) == (40, 40, 100)
    url = job.result["download_url"]

    client.force_login(cast["backan"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="{url}"' in page and 'data-testid="job-download"' in page
    assert "download_url" not in page  # the link, not the raw key
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="giay-khen.pdf"' in response["Content-Disposition"]
    assert pdf_pages(b"".join(response.streaming_content)) == 40

    for other in ("chomoi", "tinh", "admin"):
        client.force_login(cast[other])
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_a_finished_job_without_a_file_shows_no_link(cast: Cast, client: Client) -> None:
    job = Job.objects.create(
        kind="documents.certificates", created_by=cast["backan"], status=JobStatus.SUCCEEDED, result={"pages": 3}
    )
    client.force_login(cast["backan"])
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "job-download" not in page and "3" in page


@pytest.mark.django_db
def test_a_missing_file_answers_404(cast: Cast, client: Client) -> None:
    summary = certificates_render_batch(actor=cast["backan"], **params(1))
    generated = GeneratedFile.objects.get(pk=summary["file"])
    generated.file.storage.delete(generated.file.name)
    client.force_login(cast["backan"])
    assert client.get(summary["download_url"]).status_code == 404
