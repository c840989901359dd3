"""Every API call made with a token is audited like a page action: who (the token's owner, through
which token), what (method and path), and how it ended (the status)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponseBase

from thidua.audit.services import audit_record


class TokenAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        token = getattr(request, "api_token", None)
        if token is not None:
            with transaction.atomic():
                audit_record(
                    actor=token.user,
                    action="api.call",
                    obj=token,
                    after={
                        "method": request.method,
                        "path": request.get_full_path()[:300],
                        "status": response.status_code,
                    },
                )
        return response
