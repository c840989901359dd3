"""A user signed in with a password someone else gave them (a one-time code) chooses their own first."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def open_paths() -> tuple[str, ...]:
        """What stays open meanwhile: the change itself, leaving, the language and the static files."""
        return (
            reverse("accounts:password_change"),
            reverse("accounts:logout"),
            reverse("set_language"),
            str(settings.STATIC_URL),
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(self.open_paths())
        ):
            messages.info(request, _("Choose your own password before you go on."))
            return HttpResponseRedirect(reverse("accounts:password_change"))
        return self.get_response(request)
