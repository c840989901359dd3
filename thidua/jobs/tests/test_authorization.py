"""job_start asks the kind's permission before queuing (see thidua/tests/test_service_probes.py)."""

from __future__ import annotations

import pytest

from thidua.jobs.models import Job
from thidua.jobs.services import job_start
from thidua.testing import Cast, assert_refused

pytestmark = pytest.mark.django_db

PROBED = [job_start]


@pytest.mark.parametrize("username", ["chomoi", "tinh"])
def test_only_an_administrator_queues_the_official_import(cast: Cast, username: str) -> None:
    assert_refused(lambda: job_start(kind="units.import_official", actor=cast[username]))
    assert not Job.objects.exists()


def test_a_kind_without_its_own_permission_is_queued_by_any_officer_and_refused_to_nobody(cast: Cast) -> None:
    refusal = assert_refused(lambda: job_start(kind="documents.certificates", actor=cast["to8a"]))
    assert "print certificates" in refusal.reason("en")
    assert_refused(lambda: job_start(kind="units.import_areas", actor=None))  # type: ignore[arg-type]
