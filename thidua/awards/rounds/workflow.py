"""The status of a round, as a table for the one kernel (``thidua.workflow``).

A round is a draft while its forms are set, then takes nominations, publishes them for the public
consultation, goes before the council, is decided and closed; an officer who runs it may send it one
step back while it is not decided. The other parts make their own steps through this table: the
consultation publishes (nominating → consulting), the council's first session sits (consulting →
council), the decision decides (council → decided), each by the officer who does it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import has_permission
from thidua.awards.models import Round, RoundStatus
from thidua.errors import DomainError
from thidua.workflow import Move, Workflow

S = RoundStatus
# The officers who run the round ("awards.manage_round") make every move of its status.
MANAGER = "manager"


def _has_forms(round: Round, to: str, actor: User, reason: str) -> None:
    if not round.forms.exists():
        raise DomainError(_("Add at least one award form before opening the nominations."))


def _move(target: S, *guards: Any) -> Move:
    # The button says where the round goes ("Move to: public consultation").
    return Move(label=target.label, part=MANAGER, guards=guards)


ROUND_MOVES: dict[str, dict[str, Move]] = {
    S.DRAFT: {S.NOMINATING: _move(S.NOMINATING, _has_forms)},
    S.NOMINATING: {S.CONSULTING: _move(S.CONSULTING), S.DRAFT: _move(S.DRAFT)},
    S.CONSULTING: {S.COUNCIL: _move(S.COUNCIL), S.NOMINATING: _move(S.NOMINATING)},
    S.COUNCIL: {S.DECIDED: _move(S.DECIDED), S.CONSULTING: _move(S.CONSULTING)},
    S.DECIDED: {S.CLOSED: _move(S.CLOSED)},
    S.CLOSED: {},
}


def _may_act(actor: User, round: Round, part: str) -> tuple[bool, Any]:
    return has_permission("awards.manage_round", actor, round)


def _label(status: str) -> Any:
    return S(status).label


ROUND_WORKFLOW = Workflow(
    name="awards.round",
    model=Round,
    moves=ROUND_MOVES,
    may_act=_may_act,
    status_labels=_label,
    related=("issuer",),
)
