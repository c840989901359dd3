"""The public honour board: no login, nothing sensitive; shown on the screen of the honouring conference."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.awards.honour import exports
from thidua.awards.honour.selectors import honour_board, honour_round_exists


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _board(request: HttpRequest, round_id: int | None) -> HttpResponse:
    commune_id, year = _int(request.GET.get("commune")), _int(request.GET.get("year"))
    board = honour_board(round_id=round_id, commune_id=commune_id, year=year)
    title = (
        board.rounds[0].name if round_id is not None and board.rounds else _("Honoured residential areas and people")
    )
    if request.GET.get("format") == "xlsx":
        return exports.honour_board_xlsx(board, title)
    context = {
        "board": board,
        "round_id": round_id,
        "commune_id": commune_id,
        "year": year,
        "title": title,
        "filtered": commune_id is not None or year is not None,
    }
    return render(request, "awards/honour_board.html", context)


@login_not_required
def honour(request: HttpRequest) -> HttpResponse:
    return _board(request, None)


@login_not_required
def honour_round(request: HttpRequest, round_id: int) -> HttpResponse:
    if honour_round_exists(round_id) is None:
        raise Http404
    return _board(request, round_id)
