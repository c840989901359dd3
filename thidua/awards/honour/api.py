"""/api/v1/awards/honour: the public honour board, read-only and the one part of the API open without login."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from thidua.api.errors import responses
from thidua.awards.honour.selectors import HonourBoard, honour_board, honour_round_exists

router = Router(tags=["awards"])


class HonoreeOut(Schema):
    subject: str
    name: str
    area_name: str
    commune_id: int | None
    commune_name: str
    citation: str
    year: int


class HonourFormOut(Schema):
    name: str
    awarding_body: str
    proposed: bool
    collectives: int
    individuals: int
    honorees: list[HonoreeOut]


class HonourRoundOut(Schema):
    round_id: int
    name: str
    issuer: str
    period_start: int
    period_end: int
    count: int
    forms: list[HonourFormOut]


class HonourBoardOut(Schema):
    rounds: list[HonourRoundOut]
    communes: list[tuple[int, str]]
    years: list[int]


class HonourFilter(Schema):
    commune: int | None = None
    year: int | None = None


# The honour board is public: ``auth=None`` opens these two read-only operations without a session.
@router.get("/honour", response=HonourBoardOut, auth=None)
def honour(request: HttpRequest, filters: Query[HonourFilter]) -> HonourBoard:
    return honour_board(commune_id=filters.commune, year=filters.year)


@router.get("/honour/{int:round_id}", response={200: HonourBoardOut, **responses(404)}, auth=None)
def honour_round(request: HttpRequest, round_id: int, filters: Query[HonourFilter]) -> HonourBoard:
    if honour_round_exists(round_id) is None:
        raise Http404
    return honour_board(round_id=round_id, commune_id=filters.commune, year=filters.year)
