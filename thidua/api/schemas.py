"""Schemas that several apps' endpoints answer with: a unit, an audit entry, a job.

An app's own schemas live in its ``api`` module; the error shape is ``thidua.api.errors.ErrorOut``.
"""

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


# Deprecated: the answers of the endpoints that still catch domain errors themselves, kept only until
# the awards and evaluations endpoints raise instead (issue 12); then delete the three names below.
# The classes are named apart so that the OpenAPI schema never has two "ErrorOut".
class DeprecatedErrorOut(Schema):
    detail: str


class DeprecatedErrorsOut(Schema):
    detail: str
    errors: list[str] = []


ErrorOut = DeprecatedErrorOut
ErrorsOut = DeprecatedErrorsOut


def refused(exc: DomainError | DomainErrors) -> Status:
    """Deprecated: raise the error instead; ``thidua.api.errors`` answers it."""
    errors = exc.errors if isinstance(exc, DomainErrors) else [exc]
    detail = str(errors[0]) if len(errors) == 1 else str(exc)
    return Status(400, {"detail": detail, "errors": [str(error) for error in errors]})
