from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from thidua.audit.models import AuditEntry

register = template.Library()


@register.inclusion_tag("audit/includes/history.html")
def history_panel(obj: Model, limit: int = 50) -> dict[str, Any]:
    """The change history of ``obj``, newest first, for the bottom of its page."""
    entries = AuditEntry.objects.for_object(obj).select_related("actor")[:limit]
    return {"entries": entries}
