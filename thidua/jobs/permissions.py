"""Who may queue a background job."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, predicate


@predicate("jobs.start_job")
def can_start_job(user: User, obj: object) -> Decision:
    """Any officer may queue a job of a kind that names no permission of its own: its function
    authorizes the officer again, on the records it touches, when it runs."""
    if user.role in Role.values or user.is_superuser:
        return ALLOWED
    return Decision(False, _("Only an officer of a unit starts a background job."))


@predicate("jobs.cancel_job")
def can_cancel_job(user: User, obj: object) -> Decision:
    """The person who started a job, or an administrator, stops it or starts it again."""
    if user.is_superuser or user.is_administrator:
        return ALLOWED
    if getattr(obj, "created_by_id", None) == user.pk:
        return ALLOWED
    return Decision(False, _("Only the person who started this job, or an administrator, may stop or restart it."))
