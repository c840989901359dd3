"""The workflow kernel (``thidua/workflow.py``), on the job's status: a table of its own for the kernel's
every branch, then the jobs' real table (``thidua.jobs.workflow``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import Decision, outside
from thidua.accounts.system import SYSTEM, SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError, Refused
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.workflow import JOB_WORKFLOW
from thidua.testing import Cast
from thidua.workflow import Move, Workflow, available_moves, can_move, transition

pytestmark = pytest.mark.django_db


def _may_act(actor: Any, job: Job, part: str) -> tuple[bool, Any]:
    if job.created_by_id != actor.pk and not actor.is_administrator:
        return outside(_("This job is someone else's."))
    if part == "administrator" and not actor.is_administrator:
        return Decision(False, _("Only an administrator does this."))
    return True, ""


def _has_work(job: Job, to: str, actor: Any, reason: str) -> None:
    if job.total == 0:
        raise DomainError(_("Nothing was done."))


STEPS: list[tuple[str, str, str]] = []

TABLE: Workflow[Job] = Workflow(
    name="tests.job",
    model=Job,
    moves={
        JobStatus.QUEUED: {
            JobStatus.RUNNING: Move("Run", "starter"),
            JobStatus.FAILED: Move("Cancel", "administrator", needs_reason=_("Say why.")),
        },
        JobStatus.RUNNING: {
            JobStatus.SUCCEEDED: Move("Finish", "starter", guards=(_has_work,)),
            JobStatus.FAILED: Move("Fail", SYSTEM),
        },
    },
    may_act=_may_act,
    status_labels=lambda status: JobStatus(status).label,
    record_step=lambda job, source, target, actor, reason: STEPS.append((source, target, reason)),
)


@pytest.fixture
def job(cast: Cast) -> Job:
    STEPS.clear()
    return Job.objects.create(kind="units.import_official", created_by=cast["backan"])


def test_an_allowed_move_writes_the_status_the_step_and_the_audit_row(job: Job, cast: Cast) -> None:
    assert available_moves(TABLE, job, cast["backan"]) == [(JobStatus.RUNNING, "Run")]
    moved = transition(TABLE, job, to=JobStatus.RUNNING, actor=cast["backan"], reason=" started ")
    assert moved is job and job.status == JobStatus.RUNNING
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING
    assert STEPS == [(JobStatus.QUEUED, JobStatus.RUNNING, "started")]
    entry = AuditEntry.objects.get(action="tests.job_transition")
    assert (entry.actor, entry.changes, entry.reason) == (cast["backan"], {"status": ["queued", "running"]}, "started")


def test_a_move_the_table_lacks_is_refused_naming_both_states(job: Job, cast: Cast) -> None:
    assert not can_move(TABLE, job, JobStatus.SUCCEEDED)
    with pytest.raises(DomainError) as info:
        transition(TABLE, job, to=JobStatus.SUCCEEDED, actor=cast["admin"])
    assert info.value.reason("en") == "It is Queued and cannot become Succeeded."
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert not AuditEntry.objects.filter(action="tests.job_transition").exists()


def test_a_part_refused_outside_the_actors_reach_is_hidden_and_a_role_refusal_is_not(job: Job, cast: Cast) -> None:
    with pytest.raises(Refused) as info:
        transition(TABLE, job, to=JobStatus.RUNNING, actor=cast["chomoi"])
    assert info.value.hidden
    with pytest.raises(Refused) as info:
        transition(TABLE, job, to=JobStatus.FAILED, actor=cast["backan"], reason="x")
    assert not info.value.hidden and info.value.reason("en") == "Only an administrator does this."
    assert available_moves(TABLE, job, cast["chomoi"]) == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED and STEPS == []


def test_a_move_that_needs_a_reason_asks_for_it(job: Job, cast: Cast) -> None:
    with pytest.raises(DomainError) as info:
        transition(TABLE, job, to=JobStatus.FAILED, actor=cast["admin"], reason="   ")
    assert (info.value.column, info.value.reason("en")) == ("reason", "Say why.")
    transition(TABLE, job, to=JobStatus.FAILED, actor=cast["admin"], reason="duplicate")
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


def test_a_guard_refuses_a_move_the_object_is_not_ready_for(job: Job, cast: Cast) -> None:
    transition(TABLE, job, to=JobStatus.RUNNING, actor=cast["backan"])
    with pytest.raises(DomainError) as info:
        transition(TABLE, job, to=JobStatus.SUCCEEDED, actor=cast["backan"])
    assert info.value.reason("en") == "Nothing was done."
    Job.objects.filter(pk=job.pk).update(total=3, done=3)
    transition(TABLE, job, to=JobStatus.SUCCEEDED, actor=cast["backan"])
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED


def test_a_system_move_is_thiduas_alone(job: Job, cast: Cast) -> None:
    transition(TABLE, job, to=JobStatus.RUNNING, actor=cast["backan"])
    assert available_moves(TABLE, job, cast["admin"]) == [(JobStatus.SUCCEEDED, "Finish")]
    with pytest.raises(Refused) as info:
        transition(TABLE, job, to=JobStatus.FAILED, actor=cast["admin"])
    assert info.value.reason("en") == "This step is taken by thidua itself, not by a person."
    transition(TABLE, job, to=JobStatus.FAILED, actor=SYSTEM_ACTOR)
    entry = AuditEntry.objects.filter(action="tests.job_transition").latest("id")
    assert entry.actor is None and entry.changes == {"status": ["running", "failed"]}


def test_the_jobs_table_moves_only_by_thidua_stamps_the_times_and_writes_no_audit_row(job: Job, cast: Cast) -> None:
    admin: User = cast["admin"]
    assert admin.role == Role.ADMINISTRATOR
    with pytest.raises(Refused):
        transition(JOB_WORKFLOW, job, to=JobStatus.RUNNING, actor=admin)
    transition(JOB_WORKFLOW, job, to=JobStatus.RUNNING, actor=SYSTEM_ACTOR)
    transition(JOB_WORKFLOW, job, to=JobStatus.SUCCEEDED, actor=SYSTEM_ACTOR)
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.SUCCEEDED and job.started_at and job.finished_at
    assert job.started_at <= job.finished_at
    assert not AuditEntry.objects.filter(action="jobs.job_transition").exists()
    with pytest.raises(DomainError):
        transition(JOB_WORKFLOW, job, to=JobStatus.RUNNING, actor=SYSTEM_ACTOR)
