"""The moves of a nomination, as a table for the one kernel (``thidua.workflow``).

Creation makes a draft. The commune (the *submitter*) submits it, or withdraws it while it holds it;
the issuing body (the *reviewer*) returns it with a reason or accepts it within the form's quota. All
of that happens while the round takes nominations, and the commune's first submission by the day
nominations are due (one the district returned may come back while the round still takes them).

An accepted nomination leaves the list only through the public consultation: an objection against
it that the issuing body upholds withdraws it (``thidua.awards.consultation.services``). That move is
the *consultation*'s, and its guard checks that such an objection exists; nothing else withdraws an
accepted nomination. Every move writes a ``NominationStep`` (with its reason) and an audit row.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import has_permission
from thidua.awards.models import (
    AwardForm,
    Nomination,
    NominationStatus,
    NominationStep,
    ObjectionStatus,
    PublicObjection,
    Round,
    RoundStatus,
)
from thidua.awards.rounds.selectors import form_quota, round_pool
from thidua.errors import DomainError
from thidua.workflow import Move, Workflow, available_moves

S = NominationStatus
SUBMITTER, REVIEWER, CONSULTATION = "submitter", "reviewer", "consultation"


def _today() -> datetime.date:
    return timezone.localdate()


def refuse_unless_open(round: Round, *, deadline: bool) -> None:
    """Refuse unless the round takes nominations (and, with ``deadline``, they are not past due)."""
    if round.status != RoundStatus.NOMINATING:
        raise DomainError(
            _("The round “%(round)s” is %(status)s: nominations are taken only while they are open."),
            round=round.name,
            status=RoundStatus(round.status).label,
        )
    if deadline and round.nominations_due is not None and _today() > round.nominations_due:
        raise DomainError(
            _("Nominations for “%(round)s” were due on %(due)s."),
            round=round.name,
            due=f"{round.nominations_due:%d/%m/%Y}",
        )


def _open(nomination: Nomination, to: str, actor: User, reason: str) -> None:
    refuse_unless_open(nomination.round, deadline=False)


def _open_and_due(nomination: Nomination, to: str, actor: User, reason: str) -> None:
    # The deadline binds the commune's own first submission.
    refuse_unless_open(nomination.round, deadline=True)


def _has_report(nomination: Nomination, to: str, actor: User, reason: str) -> None:
    if not nomination.report.strip():
        raise DomainError(_("Attach the achievement report before submitting."))


def _within_quota(nomination: Nomination, to: str, actor: User, reason: str) -> None:
    form = nomination.form
    # Lock the form: two acceptances at once must not both take the last place of the quota.
    AwardForm.objects.select_for_update().filter(pk=form.pk).first()
    state = form_quota(form)
    if state.quota is not None and state.accepted + 1 > state.quota:
        raise DomainError(
            _(
                "The quota of “%(form)s” is %(quota)s (%(rule)s, of %(pool)s eligible candidates) and "
                "%(accepted)s nominations are already accepted: no more can be accepted."
            ),
            form=form.name,
            quota=state.quota,
            rule=state.text,
            pool=state.pool if state.pool is not None else round_pool(form),
            accepted=state.accepted,
        )


def _upheld_objection(nomination: Nomination, to: str, actor: User, reason: str) -> None:
    upheld = Q(nomination=nomination, status=ObjectionStatus.UPHELD)
    if not PublicObjection.objects.filter(upheld).exists():
        raise DomainError(
            _("An accepted nomination leaves the list only when an objection against it is upheld in the consultation.")
        )


NOMINATION_MOVES: dict[str, dict[str, Move]] = {
    S.DRAFT: {
        S.SUBMITTED: Move(_("Submit"), SUBMITTER, guards=(_open_and_due, _has_report)),
        S.WITHDRAWN: Move(_("Withdraw"), SUBMITTER, guards=(_open,)),
    },
    S.SUBMITTED: {
        S.RETURNED: Move(
            _("Return with a reason"),
            REVIEWER,
            guards=(_open,),
            needs_reason=_("Say why the nomination is returned: the commune must know what to fix."),
        ),
        S.ACCEPTED: Move(_("Accept"), REVIEWER, guards=(_open, _within_quota)),
    },
    S.RETURNED: {
        S.SUBMITTED: Move(_("Submit again"), SUBMITTER, guards=(_open, _has_report)),
        S.WITHDRAWN: Move(_("Withdraw"), SUBMITTER, guards=(_open,)),
    },
    S.ACCEPTED: {S.WITHDRAWN: Move(_("Withdraw after an upheld objection"), CONSULTATION, guards=(_upheld_objection,))},
    S.WITHDRAWN: {},
}

# Who plays each part: the predicates, asked about the nomination being moved.
PART_ACTIONS = {
    SUBMITTER: "awards.nominate",
    REVIEWER: "awards.review_nominations",
    CONSULTATION: "awards.run_consultation",
}


def part_object(nomination: Nomination, part: str) -> Any:
    """What a part's predicate is asked about: the nominating unit, the nomination, or its round."""
    if part == SUBMITTER:
        return nomination.nominated_by
    if part == REVIEWER:
        return nomination
    return nomination.round


def _may_act(actor: User, nomination: Nomination, part: str) -> tuple[bool, Any]:
    return has_permission(PART_ACTIONS[part], actor, part_object(nomination, part))


def _record_step(nomination: Nomination, source: str, target: str, actor: User, reason: str) -> None:
    NominationStep.objects.create(
        nomination=nomination,
        source=source,
        target=target,
        actor=actor if actor.pk is not None else None,
        reason=reason,
    )


def _label(status: str) -> Any:
    return S(status).label


NOMINATION_WORKFLOW = Workflow(
    name="awards.nomination",
    model=Nomination,
    moves=NOMINATION_MOVES,
    may_act=_may_act,
    status_labels=_label,
    record_step=_record_step,
    related=("round", "form", "nominated_by"),
)


def nomination_buttons(nomination: Nomination, user: User) -> list[tuple[str, str]]:
    """The moves the user may make from the nomination's page; the consultation's is made by
    answering an objection, not by a button."""
    moves = NOMINATION_MOVES[S(nomination.status)]
    if all(move.part == CONSULTATION for move in moves.values()):
        return []
    return [
        (target, label)
        for target, label in available_moves(NOMINATION_WORKFLOW, nomination, user)
        if moves[S(target)].part != CONSULTATION
    ]
