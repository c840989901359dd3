"""The API's bearer tokens: ``Authorization: Bearer thd_…`` acts as the token's owner."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from thidua.tokens.services import token_authenticate


class TokenAuth(HttpBearer):
    """A valid token makes the request its owner's, as a logged-in session would (no CSRF: no cookie)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user
