"""/api/v1/awards: the award history of an area, a household or a person, and the search without
diacritics: the same selectors as the pages; a subject outside the user's subtree is a 404."""

from __future__ import annotations

import datetime

from ninja import Router, Schema

from thidua.api.errors import responses
from thidua.awards.history.selectors import (
    History,
    SearchResults,
    area_award_history,
    get_area_for_user,
    get_household_for_user,
    get_person_for_user,
    history_search,
    household_award_history,
    person_award_history,
)
from thidua.http import AuthedRequest

router = Router(tags=["awards"])


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
    exception: str = ""


class CertificateOut(Schema):
    window_start: int
    window_end: int
    label: str
    citation: str
    subject_name: str


class AwardLineOut(Schema):
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
    awards: list[AwardLineOut]
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


@router.get("/history/areas/{int:unit_id}", response={200: HistoryOut, **responses(404)})
def history_area(request: AuthedRequest, unit_id: int) -> History:
    return area_award_history(get_area_for_user(request.user, unit_id))


@router.get("/history/households/{int:household_id}", response={200: HistoryOut, **responses(404)})
def history_household(request: AuthedRequest, household_id: int) -> History:
    return household_award_history(get_household_for_user(request.user, household_id))


@router.get("/history/people/{int:person_id}", response={200: HistoryOut, **responses(404)})
def history_person(request: AuthedRequest, person_id: int) -> History:
    return person_award_history(get_person_for_user(request.user, person_id))


@router.get("/history/search", response=SearchOut)
def history_search_api(request: AuthedRequest, q: str = "") -> SearchResults:
    return history_search(request.user, q[:100])
