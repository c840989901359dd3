"""/api/v1/awards: the award history of an area, a household or a person, the search without
diacritics, and the public honour board (read-only, the one part of the API open without login).

The same selectors as the pages (``awards.history``); a subject outside the user's subtree is a 404.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from thidua.accounts.permissions import has_permission
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

router = Router(tags=["awards"])


class ErrorOut(Schema):
    detail: str


class TitleOut(Schema):
    year: int
    area_id: int
    area_name: str
    predecessor: bool
    result: str
    result_label: str
    citation: str
    revoked_on: datetime.date | None
    revocation_reason: str


class CertificateOut(Schema):
    window_start: int
    window_end: int
    label: str
    citation: str
    subject_name: str


class AwardOut(Schema):
    award_id: int
    round_id: int
    round_name: str
    form_name: str
    awarding_body: str
    subject: str
    window_start: int
    window_end: int
    year: int
    status: str
    status_label: str
    citation: str
    proposal_citation: str
    subject_name: str
    revoked_on: datetime.date | None
    revocation_reason: str


class PositionOut(Schema):
    kind_label: str
    unit_id: int
    unit_name: str
    commune_name: str
    term_from: datetime.date
    term_to: datetime.date | None


class HistoryOut(Schema):
    kind: str
    subject_id: int
    name: str
    where: str
    title_label: str
    titles: list[TitleOut]
    certificates: list[CertificateOut]
    awards: list[AwardOut]
    positions: list[PositionOut]


class FoundOut(Schema):
    kind: str
    pk: int
    name: str
    where: str


class SearchOut(Schema):
    query: str
    areas: list[FoundOut]
    households: list[FoundOut]
    people: list[FoundOut]


def _history(request: HttpRequest, subject: Any, read: Any) -> Any:
    allowed, reason = has_permission("awards.view_history", request.user, subject)
    if not allowed:
        return Status(403, {"detail": reason})
    history: History = read(subject)
    return history


@router.get("/history/areas/{int:unit_id}", response={200: HistoryOut, 403: ErrorOut, 404: ErrorOut})
def history_area(request: HttpRequest, unit_id: int) -> Any:
    area = get_object_or_404(areas_visible_to(request.user), pk=unit_id)  # type: ignore[arg-type]
    return _history(request, area, area_award_history)


@router.get("/history/households/{int:household_id}", response={200: HistoryOut, 403: ErrorOut, 404: ErrorOut})
def history_household(request: HttpRequest, household_id: int) -> Any:
    household = get_object_or_404(households_visible_to(request.user), pk=household_id)  # type: ignore[arg-type]
    return _history(request, household, household_award_history)


@router.get("/history/people/{int:person_id}", response={200: HistoryOut, 403: ErrorOut, 404: ErrorOut})
def history_person(request: HttpRequest, person_id: int) -> Any:
    person = get_object_or_404(
        people_visible_to(request.user).select_related("household"),  # type: ignore[arg-type]
        pk=person_id,
    )
    return _history(request, person, person_award_history)


@router.get("/history/search", response=SearchOut)
def history_search_api(request: HttpRequest, q: str = "") -> Any:
    return history_search(request.user, q[:100])  # type: ignore[arg-type]
