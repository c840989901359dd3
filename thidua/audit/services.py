"""Writing audit entries. Services call ``audit_record`` inside their own transaction."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from thidua.audit.chain import CHAIN_LOCK, entry_hash
from thidua.audit.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited values of ``obj``: concrete fields by attribute name, as JSON-ready values."""
    names = fields or [f.name for f in obj._meta.concrete_fields]
    result = {}
    for name in names:
        field = obj._meta.get_field(name)
        result[name] = _plain(getattr(obj, getattr(field, "attname", name)))
    return result


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry. Must run inside the transaction of the change it records."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside the transaction of the change it records.")
    entry = AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=json.loads(json.dumps(diff(before or {}, after or {}), cls=DjangoJSONEncoder)),
        reason=reason,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # One writer of the chain at a time, until this transaction ends (chain.py).
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
            # The transaction's time, which the trigger gives the row anyway.
            cursor.execute("SELECT now()")
            entry.at = cursor.fetchone()[0]
    else:
        entry.at = timezone.now()
    entry.previous_hash = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first() or ""
    entry.hash = entry_hash(
        previous_hash=entry.previous_hash,
        at=entry.at,
        actor_id=entry.actor_id,
        action=entry.action,
        content_type_id=entry.content_type_id,
        object_id=entry.object_id,
        object_repr=entry.object_repr,
        changes=entry.changes,
        reason=entry.reason,
    )
    entry.save(force_insert=True)
    return entry
