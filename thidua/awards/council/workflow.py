"""The sessions of a council and their ballots open and close, as tables for the one kernel
(``thidua.workflow``). The officers who run the council close them (``awards.manage_council``); a
session closes once every ballot of it is closed; the moment of closing is kept with the status."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import has_permission
from thidua.awards.models import BallotBox, CouncilSession, SittingStatus
from thidua.errors import DomainError
from thidua.workflow import Move, Workflow

S = SittingStatus
RUNNER = "runner"


def _every_ballot_closed(session: CouncilSession, to: str, actor: User, reason: str) -> None:
    if session.ballots.filter(status=S.OPEN).exists():
        raise DomainError(_("Close every ballot of the session first."))


def _closed_now(obj: Any) -> dict[str, Any]:
    return {"closed_at": timezone.now()}


def _label(status: str) -> Any:
    return S(status).label


def _may_run_session(actor: Any, session: CouncilSession, part: str) -> tuple[bool, Any]:
    return has_permission("awards.manage_council", actor, session.round)


def _may_run_ballot(actor: Any, box: BallotBox, part: str) -> tuple[bool, Any]:
    return has_permission("awards.manage_council", actor, box.session.round)


SESSION_WORKFLOW = Workflow(
    name="awards.session",
    model=CouncilSession,
    moves={S.OPEN: {S.CLOSED: Move(_("Close the session"), RUNNER, guards=(_every_ballot_closed,))}, S.CLOSED: {}},
    may_act=_may_run_session,
    status_labels=_label,
    also_set={S.CLOSED: _closed_now},
)

BALLOT_WORKFLOW = Workflow(
    name="awards.ballot",
    model=BallotBox,
    moves={S.OPEN: {S.CLOSED: Move(_("Close the ballot"), RUNNER)}, S.CLOSED: {}},
    may_act=_may_run_ballot,
    status_labels=_label,
    also_set={S.CLOSED: _closed_now},
)
