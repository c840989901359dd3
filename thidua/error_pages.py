"""The pages a user sees when something goes wrong: 400, 403, 404, 405, 500 and a refused CSRF token.

Each says in the reader's language what happened and offers the way back: the home page, the user's
own unit, or the login page for a visitor who is not logged in. None shows a technical detail
(DEBUG is off wherever users are, the demo included); a refusal's reason is the service's own text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template import loader
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


def _way_back(request: HttpRequest) -> list[tuple[str, str]]:
    """Links out of the error: home, the user's unit, or the login page (with the way back here)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        login = reverse("accounts:login")
        if request.method == "GET" and not request.path_info.startswith(login):
            from urllib.parse import urlencode

            login = f"{login}?{urlencode({'next': request.get_full_path()})}"
        return [(_("Log in"), login)]
    links = [(_("Back to the home page"), reverse("home"))]
    unit = getattr(user, "unit", None)
    if unit is not None:
        links.append((_("Your unit: %(unit)s") % {"unit": unit.full_name}, reverse("units:detail", args=[unit.pk])))
    return links


def _page(request: HttpRequest, status: int, title: str, explanation: str, reason: str = "") -> HttpResponse:
    context: dict[str, Any] = {
        "status": status,
        "title": title,
        "explanation": explanation,
        "reason": reason,
    }
    try:
        context["way_back"] = _way_back(request)
        body = loader.render_to_string("thidua/error.html", context, request=request)
    # The error page must answer even when the database or a context processor fails.
    except Exception:
        log.exception("the error page could not be rendered with the page shell")
        context["way_back"] = [(_("Back to the home page"), "/")]
        body = loader.render_to_string("thidua/error_plain.html", context)
    return HttpResponse(body, status=status)


def _reason(exception: Exception | None) -> str:
    """The reason a refusal gave for the reader (a service's ``Refused``, a view's ``PermissionDenied`` or
    a selector's ``Http404`` with translated text); Django's own messages are technical ("No Unit matches
    the given query.", the URL patterns tried) and are not shown."""
    if exception is None or not exception.args or not isinstance(exception.args[0], str | Promise):
        return ""
    text = str(exception.args[0])
    if text.endswith("matches the given query.") or text.startswith("Raised by:"):
        return ""
    return text


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        _("The request could not be understood"),
        _("The address or the form sent is not valid. Go back and try again."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        403,
        _("Not allowed"),
        _("Your role does not allow this page or this action."),
        _reason(exception),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        _("Not found"),
        _("This page does not exist, or it concerns a unit outside the unit you work for."),
        _reason(exception),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        500,
        _("Something went wrong"),
        _(
            "The page could not be shown because of an error on the server. Nothing you sent has been "
            "half-saved: try again in a moment, and tell your administrator if it happens again."
        ),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(
        request,
        403,
        _("The form has expired"),
        _(
            "The form was sent from a page that is too old, or your session ended in the meantime. "
            "Open the page again (log in if asked) and send the form once more."
        ),
    )


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        405,
        _("This address does not take this request"),
        _("This page cannot be used this way (for example, a form sent to a page that only shows data)."),
    )


class ErrorPagesMiddleware:
    """A 405 that a view answered with Django's blank page becomes the error page, with the way back.

    Django has no handler for 405 (``require_POST`` and class-based views answer an empty body); the
    API answers its own shape and is left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code == 405 and not request.path_info.startswith("/api/"):
            page = method_not_allowed(request)
            if allow := response.headers.get("Allow"):
                page.headers["Allow"] = allow
            return page
        return response
