"""The award history pages: the search without diacritics, and the history of an area, a household
and a person. A subject outside the user's subtree is a 404, as everywhere."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.awards.history import exports
from thidua.awards.history.selectors import (
    History,
    area_award_history,
    get_area_for_user,
    get_household_for_user,
    get_person_for_user,
    history_search,
    household_award_history,
    person_award_history,
)
from thidua.http import AuthedRequest


def _page(request: AuthedRequest, history: History) -> HttpResponse:
    crumbs = [(_("Award history"), reverse("awards:history_search")), (history.name, None)]
    return render(request, "awards/history_subject.html", {"history": history, "breadcrumbs": crumbs})


def history_search_page(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    results = history_search(request.user, query) if query else None
    if results is not None and request.GET.get("format") == "xlsx":
        unit = request.user.unit
        return exports.history_search_xlsx(results, unit.full_name if unit else _("Award history"))
    return render(
        request,
        "awards/history_search.html",
        {"query": query, "results": results, "breadcrumbs": [(_("Award history"), None)]},
    )


def history_area(request: AuthedRequest, unit_id: int) -> HttpResponse:
    return _page(request, area_award_history(get_area_for_user(request.user, unit_id)))


def history_household(request: AuthedRequest, household_id: int) -> HttpResponse:
    return _page(request, household_award_history(get_household_for_user(request.user, household_id)))


def history_person(request: AuthedRequest, person_id: int) -> HttpResponse:
    return _page(request, person_award_history(get_person_for_user(request.user, person_id)))
