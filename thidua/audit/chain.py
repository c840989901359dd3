"""The audit trail as a tamper-evident chain.

Each entry carries ``previous_hash`` (the ``hash`` of the entry before it) and its own ``hash``: an
HMAC-SHA256, under ``settings.AUDIT_KEY``, of its content (time, actor, action, object, changes,
reason) and of ``previous_hash``. Whoever can write to the database but does not hold the key — a
database administrator, a stolen database password — cannot make an entry that verifies: a row
inserted by SQL, a row whose text was changed, a row removed from the middle (the next one no longer
follows) are each named by ``verify``. What a chain cannot show is rows cut from its end: ``verify``
prints the count and the last hash, which an operator can note down (on paper, in the backup log)
and compare later.

Entries are chained in the order of their ids, one writer at a time: on PostgreSQL ``audit_record``
takes a transaction-level advisory lock before it reads the last hash (held until commit, so two
transactions never chain onto the same entry); SQLite's transactions are serialized already.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

# pg_advisory_xact_lock's key for the chain ("audit" as a number).
CHAIN_LOCK = 0x61756474


def _key() -> bytes:
    return str(settings.AUDIT_KEY).encode()


def _instant(at: datetime.datetime) -> str:
    return at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(
    *,
    previous_hash: str,
    at: datetime.datetime,
    actor_id: int | None,
    action: str,
    content_type_id: int | None,
    object_id: str,
    object_repr: str,
    changes: Any,
    reason: str,
) -> str:
    """The seal of one entry: HMAC-SHA256 over its canonical JSON and the previous entry's seal."""
    content = [previous_hash, _instant(at), actor_id, action, content_type_id, object_id, object_repr, changes, reason]
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(_key(), canonical.encode(), hashlib.sha256).hexdigest()


def row_hash(row: dict[str, Any], previous_hash: str) -> str:
    return entry_hash(
        previous_hash=previous_hash,
        at=row["at"],
        actor_id=row["actor_id"],
        action=row["action"],
        content_type_id=row["content_type_id"],
        object_id=row["object_id"],
        object_repr=row["object_repr"],
        changes=row["changes"],
        reason=row["reason"],
    )


@dataclass(frozen=True)
class Break:
    """One entry that does not verify: ``kind`` is "altered" (its seal does not match its content:
    changed, or inserted without the key) or "out_of_chain" (it does not follow the entry before it:
    an entry was removed or inserted before it)."""

    entry_id: int
    kind: str
    action: str
    at: datetime.datetime


@dataclass(frozen=True)
class Verification:
    entries: int
    last_hash: str
    breaks: list[Break]


FIELDS = ("id", "at", "actor_id", "action", "content_type_id", "object_id", "object_repr", "changes", "reason")


def _walk(rows: Iterator[dict[str, Any]]) -> Verification:
    previous = ""
    breaks: list[Break] = []
    count = 0
    for row in rows:
        count += 1
        if row["previous_hash"] != previous:
            breaks.append(Break(row["id"], "out_of_chain", row["action"], row["at"]))
        if not hmac.compare_digest(row_hash(row, row["previous_hash"]), row["hash"] or ""):
            breaks.append(Break(row["id"], "altered", row["action"], row["at"]))
        previous = row["hash"] or ""
    return Verification(count, previous, breaks)


def verify() -> Verification:
    """Walk the whole trail in id order and name every entry that does not verify."""
    from thidua.audit.models import AuditEntry

    rows = AuditEntry.objects.order_by("id").values(*FIELDS, "previous_hash", "hash").iterator(chunk_size=5000)
    return _walk(rows)
