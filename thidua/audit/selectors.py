"""Reads of the audit log."""

from __future__ import annotations

from django.db.models import Model

from thidua.audit.models import AuditEntry, AuditQuerySet


def audit_entries_of(obj: Model) -> AuditQuerySet:
    """The change history of ``obj``, newest first, with the actors; the caller has checked that the
    reader may see ``obj``."""
    return AuditEntry.objects.for_object(obj).select_related("actor")
