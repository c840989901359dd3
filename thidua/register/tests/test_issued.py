"""The issued text is rendered once after the issue, stored with its checksum and served as stored."""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from typing import Any

import pytest
from django.core.files.base import ContentFile

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.errors import DomainError
from thidua.evaluations.documents import decision_file, decision_issued
from thidua.evaluations.tests.documents_fixtures import build_year
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import job_run
from thidua.register.issued import JOB_KIND, issued_file, issued_render
from thidua.register.models import RegisterEntry
from thidua.register.selectors import entry_of
from thidua.testing import Cast
from thidua.units.services import unit_change

D = datetime.date


def text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_the_issue_queues_the_rendering_and_the_job_stores_the_text_with_its_checksum(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        year = build_year(cast)
    entry = entry_of(year.gdvh)
    assert entry is not None and entry.sha256 == ""
    jobs = Job.objects.filter(kind=JOB_KIND).order_by("created_at")
    assert [job.params["entry_id"] for job in jobs] == [entry.pk, entry_of(year.kdc).pk]  # type: ignore[union-attr]
    job = job_run(jobs[0].pk)
    assert job.status == JobStatus.SUCCEEDED
    entry.refresh_from_db()
    with entry.file.open("rb") as handle:
        stored = handle.read()
    assert stored.startswith(b"%PDF") and hashlib.sha256(stored).hexdigest() == entry.sha256
    assert decision_file(year.gdvh, "pdf").content == stored
    # Run again (a retry), the job keeps what was stored.
    assert issued_render(actor=SYSTEM_ACTOR, entry_id=entry.pk) == {"unchanged": 1}


def test_a_back_dated_rename_leaves_the_issued_file_byte_identical(cast: Cast) -> None:
    year = build_year(cast)
    entry = entry_of(year.gdvh)
    assert entry is not None
    issued_render(actor=SYSTEM_ACTOR, entry_id=entry.pk)
    before = decision_file(year.gdvh, "pdf").content
    assert "Đức Xuân" in text(before)
    # The ward renamed from 2012, back-dated over the decision of 05/12/2012.
    unit_change(unit=cast.duc_xuan, date=D(2012, 1, 1), name="Đức Xuân Mới", actor=SYSTEM_ACTOR)
    assert "Đức Xuân Mới" in text(decision_issued(year.gdvh).content)  # what a rebuild would now say
    after = decision_file(year.gdvh, "pdf").content
    assert after == before
    assert "Đức Xuân Mới" not in text(after)


def test_an_altered_stored_file_is_refused_not_served(cast: Cast) -> None:
    year = build_year(cast)
    entry = entry_of(year.gdvh)
    assert entry is not None
    issued_render(actor=SYSTEM_ACTOR, entry_id=entry.pk)
    entry = RegisterEntry.objects.get(pk=entry.pk)
    storage = entry.file.storage
    storage.delete(entry.file.name)
    storage.save(entry.file.name, ContentFile(b"%PDF-1.7 a forged decision"))
    with pytest.raises(DomainError, match="does not match its checksum"):
        issued_file(year.gdvh)
