from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.jobs.models import Job


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    """A user sees the jobs they started; an administrator sees all of them."""
    if user.is_superuser or user.is_administrator:
        return Job.objects.all()
    return Job.objects.filter(created_by=user)
