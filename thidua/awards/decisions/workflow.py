"""The status of a proposal to a higher body, as a table for the one kernel (``thidua.workflow``): a
sent tờ trình is decided (the higher body awarded some of its nominations) or refused, once, as the
officers who run the round record the higher body's answer (``proposal_outcome_record``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import has_permission
from thidua.awards.models import Proposal, ProposalStatus
from thidua.workflow import Move, Workflow

S = ProposalStatus
MANAGER = "manager"

PROPOSAL_MOVES: dict[str, dict[str, Move]] = {
    S.SENT: {
        S.DECIDED: Move(_("Record the higher body's decision"), MANAGER),
        S.REFUSED: Move(_("Record the higher body's refusal"), MANAGER),
    },
    S.DECIDED: {},
    S.REFUSED: {},
}


def _may_act(actor: User, proposal: Proposal, part: str) -> tuple[bool, Any]:
    return has_permission("awards.manage_round", actor, proposal.round)


def _label(status: str) -> Any:
    return S(status).label


PROPOSAL_WORKFLOW = Workflow(
    name="awards.proposal",
    model=Proposal,
    moves=PROPOSAL_MOVES,
    may_act=_may_act,
    status_labels=_label,
    related=("round",),
)
