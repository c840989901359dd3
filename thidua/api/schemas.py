from __future__ import annotations

import datetime
import uuid

from ninja import Schema, Status

from thidua.errors import DomainError, DomainErrors


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


class ErrorsOut(Schema):
    """A refused operation: the message in Vietnamese and English, and every refused line."""

    detail: str
    errors: list[str] = []


def refused(exc: DomainError | DomainErrors) -> Status:
    """The 400 answer of a refused operation, the same for every endpoint: ``detail`` is the message
    (or, for several, all of them), ``errors`` lists each one with its row and column."""
    errors = exc.errors if isinstance(exc, DomainErrors) else [exc]
    detail = str(errors[0]) if len(errors) == 1 else str(exc)
    return Status(400, {"detail": detail, "errors": [str(error) for error in errors]})
