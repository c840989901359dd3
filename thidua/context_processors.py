from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.links import may_open
from thidua.accounts.models import Role
from thidua.accounts.permissions import has_permission, has_role

# The menu is kept short, so each role sees what it does in reality; the other pages stay open to
# those the permissions allow (by their links and addresses). The town (district) or the province holds
# the honouring conference; communes and areas only attend.
CONFERENCE_ROLES = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
# The province keeps and sets the rules' parameters.
PARAMETER_ROLES = (Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
# The commune types in or imports its households; the district and the province rarely do.
IMPORT_ROLES = (Role.COMMUNE_OFFICER, Role.ADMINISTRATOR)


def _evaluation_page(user: Any) -> str | None:
    """The yearly page of the user's own area, commune or district (a province's officer opens its
    districts' pages from the units), this year; only if the user may open it (the view's predicate)."""
    from thidua.units.models import Level

    unit, year = getattr(user, "unit", None), datetime.date.today().year
    if unit is None:
        return None
    pages = {
        Level.AREA: ("evaluations:area_year", "evaluations.view_year"),
        Level.COMMUNE: ("evaluations:commune_year", "evaluations.view_year"),
        Level.DISTRICT: ("evaluations:district_year", "evaluations.view_district_year"),
    }
    if unit.level not in pages:
        return None
    name, action = pages[unit.level]
    return reverse(name, args=[unit.pk, year]) if may_open(user, action, unit) else None


def _may_see_reports(user: Any) -> bool:
    """The summary report opens on the user's own unit (an administrator's: the provinces)."""
    unit = getattr(user, "unit", None)
    return unit is None or may_open(user, "reports.view_summary", unit)


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs: the navigation for this user and the demo flag."""
    user = getattr(request, "user", None)
    nav: list[tuple[str, str]] = []
    if user is not None and user.is_authenticated:
        nav = [(_("Home"), reverse("home")), (_("Administrative units"), reverse("units:list"))]
        if has_role(user, *PARAMETER_ROLES):
            nav.append((_("Rules and parameters"), reverse("campaigns:parameters")))
        if (evaluation := _evaluation_page(user)) is not None:
            nav.append((_("Yearly evaluations"), evaluation))
        nav.append((_("Commendation rounds"), reverse("awards:rounds")))
        nav.append((_("Award history"), reverse("awards:history_search")))
        if has_role(user, *CONFERENCE_ROLES):
            nav.append((_("Honouring conferences"), reverse("events:list")))
        if _may_see_reports(user):
            nav.append((_("Reports"), reverse("reports:summary")))
        if has_role(user, *IMPORT_ROLES) and has_permission("people.import_households", user)[0]:
            nav.append((_("Import households"), reverse("evaluations:households_import")))
        # The jobs list is the administrators' (the official imports); anyone else who starts a job is
        # taken to its progress page.
        if has_permission("accounts.manage_users", user)[0]:
            nav.append((_("Background jobs"), reverse("jobs:list")))
        # The accounts of the units below: the administrators', the province's, the district's and the
        # commune's officers' (thidua's own pages, not Django's admin).
        if has_permission("accounts.view_accounts", user)[0]:
            nav.append((_("Administration"), reverse("useradmin:list")))
    return {"nav_items": nav, "demo_mode": settings.DEMO_MODE}
