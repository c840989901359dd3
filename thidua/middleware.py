from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Pages redirect anonymous visitors to the login page; the API answers 401 itself."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class LocaleMiddleware:
    """Vietnamese unless the user chose English with the switch (the language cookie).

    Django's own middleware would follow the browser's Accept-Language, so an official with an
    English-language browser would land on English pages; thidua speaks Vietnamese first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread serves other requests (and tests) next: leave no language active behind.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class RefusedMiddleware:
    """The pages' error boundary for refusals: a service's ``Refused`` becomes the 404 page (an object
    outside the user's subtree) or the 403 page (a role that may not), with the reason; views do not
    catch refusals one by one. Other ``DomainError``\\ s are the views' to show beside the form."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponseBase | None:
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        from thidua.errors import Refused

        if isinstance(exception, Refused) and not request.path_info.startswith("/api/"):
            if exception.hidden:
                raise Http404(exception.text())
            raise PermissionDenied(exception.text())
        return None


class ApiErrorsMiddleware:
    """Under /api/, an error that no endpoint answered (an address no endpoint has, a method an endpoint
    does not take) gets the API's one error shape too, instead of Django's HTML page or ninja's text."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            request.path_info.startswith("/api/")
            and response.status_code >= 400
            and not response.headers.get("Content-Type", "").startswith("application/json")
        ):
            from thidua.api.errors import plain_error_answer

            return plain_error_answer(request, response)
        return response


class NoStoreMiddleware:
    """Every page and download leaves no copy in a browser's or a proxy's cache: almost all of them
    show personal data (names, addresses, households' results; the public lists name people too), and
    a shared office computer or an intermediate cache must not keep them. A response that says its own
    caching keeps it; static files are served before this middleware (WhiteNoise) and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response
