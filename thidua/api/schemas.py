"""Schemas that several apps' endpoints answer with: a unit, an audit entry, a job.

An app's own schemas live in its ``api`` module; the error shape is ``thidua.api.errors.ErrorOut``.
"""

from __future__ import annotations

import datetime
import uuid

from ninja import Schema


class UnitOut(Schema):
    id: int
    code: str
    name: str
    full_name: str
    kind: str
    level: int
    parent_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class AuditEntryOut(Schema):
    at: datetime.datetime
    actor: str | None
    action: str
    changes: dict[str, list[object]]
    reason: str


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    status: str
    total: int
    done: int
    percent: int
    message: str
    result: dict[str, object]
