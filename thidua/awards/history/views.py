"""The award history pages: the search without diacritics, and the history of an area, a household
and a person. A subject outside the user's subtree is a 404, as everywhere."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.permissions import has_permission
from thidua.awards.history import exports
from thidua.awards.history import permissions as permissions_history  # noqa: F401  (registers the predicate)
from thidua.awards.history.selectors import (
    History,
    area_award_history,
    areas_visible_to,
    history_search,
    household_award_history,
    households_visible_to,
    people_visible_to,
    person_award_history,
)


def _authorize(request: HttpRequest, subject: object) -> None:
    allowed, reason = has_permission("awards.view_history", request.user, subject)
    if not allowed:
        raise PermissionDenied(reason)


def _page(request: HttpRequest, history: History) -> HttpResponse:
    crumbs = [(_("Award history"), reverse("awards:history_search")), (history.name, None)]
    return render(request, "awards/history_subject.html", {"history": history, "breadcrumbs": crumbs})


def history_search_page(request: HttpRequest) -> HttpResponse:
    _authorize(request, None)
    query = request.GET.get("q", "").strip()[:100]
    results = history_search(request.user, query) if query else None  # type: ignore[arg-type]
    if results is not None and request.GET.get("format") == "xlsx":
        unit = request.user.unit  # type: ignore[union-attr]
        return exports.history_search_xlsx(results, unit.full_name if unit else _("Award history"))
    return render(
        request,
        "awards/history_search.html",
        {"query": query, "results": results, "breadcrumbs": [(_("Award history"), None)]},
    )


def history_area(request: HttpRequest, unit_id: int) -> HttpResponse:
    area = get_object_or_404(areas_visible_to(request.user), pk=unit_id)  # type: ignore[arg-type]
    _authorize(request, area)
    return _page(request, area_award_history(area))


def history_household(request: HttpRequest, household_id: int) -> HttpResponse:
    household = get_object_or_404(households_visible_to(request.user), pk=household_id)  # type: ignore[arg-type]
    _authorize(request, household)
    return _page(request, household_award_history(household))


def history_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(
        people_visible_to(request.user).select_related("household"),  # type: ignore[arg-type]
        pk=person_id,
    )
    _authorize(request, person)
    return _page(request, person_award_history(person))
