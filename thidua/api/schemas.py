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


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    unit: UnitOut | None


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


class ErrorOut(Schema):
    detail: str
