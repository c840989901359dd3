from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.permissions import has_permission


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs: the navigation for this user and the demo flag."""
    user = getattr(request, "user", None)
    nav: list[tuple[str, str]] = []
    if user is not None and user.is_authenticated:
        nav = [(_("Home"), reverse("home")), (_("Administrative units"), reverse("units:list"))]
        nav.append((_("Rules and parameters"), reverse("campaigns:parameters")))
        if has_permission("people.import_households", user)[0]:
            nav.append((_("Import households"), reverse("people:import")))
        nav.append((_("Background jobs"), reverse("jobs:list")))
        if has_permission("accounts.manage_users", user)[0]:
            nav.append((_("Administration"), reverse("admin:index")))
    return {"nav_items": nav, "demo_mode": settings.DEMO_MODE}
