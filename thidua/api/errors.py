"""The API's one error boundary: every refusal has one shape, registered once on the API.

``{"code": "invalid", "message": "…", "errors": [{"message": "…", "field": "votes_for", "row": 3}]}``

- ``code``: what kind of refusal, stable for programs: ``invalid`` (400: the rules or the input
  refused it), ``unauthenticated`` (401), ``forbidden`` (403: the role may not), ``not_found`` (404:
  no such object, or one outside the caller's subtree), ``conflict`` (409), ``too_large`` (413),
  ``unprocessable`` (422: the request does not match the schema), ``rate_limited`` (429),
  ``server_error`` (500: never expected; logged).
- ``message``: in the request's language (Vietnamese unless the caller chose English).
- ``errors``: every refused line, with the field (column) and the row of a file when known.

Endpoints raise (``DomainError``, ``DomainErrors``, ``Refused``, ``Http404``, ninja's ``HttpError``)
and never catch a domain error themselves. ``responses(…)`` declares the error statuses of an
operation for the OpenAPI schema.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from thidua.errors import DomainError, DomainErrors, Refused

logger = logging.getLogger("thidua.api")

CODES = {
    400: "invalid",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "unprocessable",
    429: "rate_limited",
    500: "server_error",
}


class ErrorItem(Schema):
    message: str
    field: str | None = None
    row: int | None = None


class ErrorOut(Schema):
    """Every refusal of the API: a stable code, the message in the request's language, each line."""

    code: str
    message: str
    errors: list[ErrorItem] = []


def responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error statuses an operation may answer, for its ``response=`` declaration."""
    return dict.fromkeys(statuses, ErrorOut)


def error_body(status: int, message: Any, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"code": CODES.get(status, "error"), "message": str(message), "errors": errors or []}


def plain_error_answer(request: HttpRequest, response: HttpResponseBase) -> HttpResponse:
    """The one shape for an error answered outside ninja's handlers: an address under /api/ that no
    endpoint has (Django's 404), a method the endpoint does not take (ninja's 405)."""
    status = response.status_code
    if status == 404:
        message = _("Not found, or outside the unit you work for.")
    elif status == 405:
        message = _("This address does not take %(method)s; it takes %(allowed)s.") % {
            "method": request.method,
            "allowed": response.headers.get("Allow", ""),
        }
    elif status >= 500:
        message = _("Something went wrong on the server; it has been recorded.")
    else:
        message = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else str(status)
    answer = JsonResponse(error_body(status, message), status=status)
    if "Allow" in response.headers:
        answer.headers["Allow"] = response.headers["Allow"]
    return answer


def _item(error: DomainError) -> dict[str, Any]:
    return {"message": error.reason(), "field": error.column, "row": error.row}


def _answer(api: NinjaAPI, request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


def register_error_handlers(api: NinjaAPI) -> None:
    """Install the handlers; call once on the assembled API."""

    def domain_errors(request: HttpRequest, exc: DomainErrors) -> HttpResponse:
        items = [_item(error) for error in exc.errors]
        message = (
            exc.errors[0].text()
            if len(exc.errors) == 1
            else _("%(count)s lines were refused.") % {"count": len(exc.errors)}
        )
        return _answer(api, request, 400, error_body(400, message, items))

    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        if isinstance(exc, Refused):
            status = 404 if exc.hidden else 403
            return _answer(api, request, status, error_body(status, exc.text()))
        return _answer(api, request, 400, error_body(400, exc.text(), [_item(exc)]))

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _answer(api, request, 404, error_body(404, _("Not found, or outside the unit you work for.")))

    def permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _answer(api, request, 403, error_body(403, str(exc) or _("You may not do this.")))

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = exc.message
        if isinstance(exc, AuthenticationError):
            message = _("Log in, or send a valid API token.")
        elif isinstance(exc, Throttled):
            message = _("Too many requests: wait a moment and try again.")
        return _answer(api, request, exc.status_code, error_body(exc.status_code, message))

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        items = []
        for error in exc.errors:
            location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "form")]
            items.append({"message": str(error.get("msg", "")), "field": ".".join(location) or None, "row": None})
        return _answer(
            api, request, 422, error_body(422, _("The request does not match the API's description."), items)
        )

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return _answer(
            api, request, 500, error_body(500, _("Something went wrong on the server; it has been recorded."))
        )

    _install(api, DomainErrors, domain_errors)
    _install(api, DomainError, domain_error)
    _install(api, Http404, not_found)
    _install(api, PermissionDenied, permission_denied)
    _install(api, HttpError, http_error)
    _install(api, ValidationError, validation_error)
    _install(api, Exception, server_error)


def _install[E: Exception](api: NinjaAPI, kind: type[E], handler: Callable[[HttpRequest, E], HttpResponse]) -> None:
    # ninja types a handler's second argument as ``E | type[E]``; it always passes the raised instance.
    api.add_exception_handler(kind, cast("Any", handler))
