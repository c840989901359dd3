from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from thidua.audit.labels import action_label
from thidua.audit.models import AuditEntry

register = template.Library()


@register.inclusion_tag("audit/includes/history.html")
def history_panel(obj: Model, limit: int = 50) -> dict[str, Any]:
    """The change history of ``obj``, newest first, for the bottom of its page."""
    entries = list(AuditEntry.objects.for_object(obj).select_related("actor")[:limit])
    return {"entries": [(entry, action_label(entry.action), _changes(obj, entry)) for entry in entries]}


def _changes(obj: Model, entry: AuditEntry) -> list[tuple[str, object, object]]:
    """``(label, before, after)`` of each change, the field named as the page names it (its verbose name);
    a key that is not a field of the object (an import's counts, a summary) is shown by its values only,
    so that no internal name reaches the reader."""
    rows = []
    for key, values in (entry.changes or {}).items():
        pair = values if isinstance(values, list | tuple) and len(values) == 2 else (None, values)
        try:
            label = str(obj._meta.get_field(key).verbose_name)  # type: ignore[union-attr]
        except FieldDoesNotExist:
            label = ""
        rows.append((label, pair[0], pair[1]))
    return rows
