from __future__ import annotations

from django.tasks import task

from thidua.jobs.services import job_run


@task()
def run_job(job_id: str) -> str:
    return str(job_run(job_id).status)
