"""The status of a public objection, as a table for the one kernel (``thidua.workflow``): an open
objection is upheld or dismissed, once, by the officers who run the consultation, with an answer the
public and the council read (``objection_answer``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import has_permission
from thidua.awards.models import ObjectionStatus, PublicObjection
from thidua.workflow import Move, Workflow

S = ObjectionStatus
RUNNER = "runner"

OBJECTION_MOVES: dict[str, dict[str, Move]] = {
    S.OPEN: {S.UPHELD: Move(_("Uphold"), RUNNER), S.DISMISSED: Move(_("Dismiss"), RUNNER)},
    S.UPHELD: {},
    S.DISMISSED: {},
}


def _may_act(actor: User, objection: PublicObjection, part: str) -> tuple[bool, Any]:
    return has_permission("awards.run_consultation", actor, objection.round)


def _label(status: str) -> Any:
    return S(status).label


OBJECTION_WORKFLOW = Workflow(
    name="awards.objection",
    model=PublicObjection,
    moves=OBJECTION_MOVES,
    may_act=_may_act,
    status_labels=_label,
    related=("round",),
)
