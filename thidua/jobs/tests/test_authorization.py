"""job_start asks the kind's permission before queuing (see thidua/tests/test_service_probes.py)."""

from __future__ import annotations

import pytest

from thidua.jobs.models import Job
from thidua.jobs.services import job_cancel, job_retry, job_start
from thidua.testing import Cast, assert_refused

pytestmark = pytest.mark.django_db

PROBED = [job_start, job_cancel, job_retry]


@pytest.mark.parametrize("username", ["chomoi", "tinh"])
def test_only_an_administrator_queues_the_official_import(cast: Cast, username: str) -> None:
    assert_refused(lambda: job_start(kind="units.import_official", actor=cast[username]))
    assert not Job.objects.exists()


def test_a_kind_without_its_own_permission_is_queued_by_any_officer_and_refused_to_nobody(cast: Cast) -> None:
    refusal = assert_refused(lambda: job_start(kind="documents.certificates", actor=cast["to8a"]))
    assert "print certificates" in refusal.reason("en")
    assert_refused(lambda: job_start(kind="units.import_areas", actor=None))  # type: ignore[arg-type]


def test_only_its_owner_or_an_administrator_stops_or_restarts_a_job(cast: Cast) -> None:
    job = job_start(kind="units.import_official", actor=cast["admin"])
    for other in ("chomoi", "tinh", "to8a"):
        refusal = assert_refused(lambda other=other: job_cancel(job=job, actor=cast[other]))
        assert "Only the person who started this job" in refusal.reason("en")
    job.refresh_from_db()
    assert job.status == "queued" and job.cancel_requested_at is None
    job_cancel(job=job, actor=cast["admin"])
    for other in ("chomoi", "tinh"):
        assert_refused(lambda other=other: job_retry(job=job, actor=cast[other]))
