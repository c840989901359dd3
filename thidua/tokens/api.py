"""/api/v1/tokens: a person's tokens (made, listed, revoked); the secret is in the answer of its making only."""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from thidua.api.errors import responses
from thidua.http import AuthedRequest
from thidua.tokens.models import ApiToken
from thidua.tokens.selectors import tokens_visible_to
from thidua.tokens.services import DEFAULT_DAYS, MAX_DAYS, token_create, token_revoke

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    user: str
    prefix: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    revocation_reason: str
    active: bool


class TokenMadeOut(TokenOut):
    secret: str = Field(description="The token itself: shown in this answer only, never again.")


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    days: int = Field(DEFAULT_DAYS, ge=1, le=MAX_DAYS)


class RevokeIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


def _out(token: ApiToken) -> dict[str, object]:
    return {
        "id": token.pk,
        "name": token.name,
        "user": token.user.username,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "revocation_reason": token.revocation_reason,
        "active": token.is_active,
    }


@router.get("", response={200: list[TokenOut]})
def token_list(request: AuthedRequest) -> list[dict[str, object]]:
    """The caller's tokens (every token, for an administrator), newest first."""
    return [_out(token) for token in tokens_visible_to(request.user)]


@router.post("", response={201: TokenMadeOut, **responses(400, 403)})
def token_make(request: AuthedRequest, payload: TokenIn) -> Status:
    """A new token acting as the caller; its secret is in this answer only."""
    token, secret = token_create(user=request.user, name=payload.name, days=payload.days, actor=request.user)
    return Status(201, {**_out(token), "secret": secret})


@router.post("/{token_id}/revoke", response={200: TokenOut, **responses(400, 403, 404)})
def token_revoke_endpoint(request: AuthedRequest, token_id: int, payload: RevokeIn) -> dict[str, object]:
    """Stop a token at once, with the reason (kept, never deleted)."""
    token = get_object_or_404(tokens_visible_to(request.user), pk=token_id)
    return _out(token_revoke(token=token, reason=payload.reason, actor=request.user))
