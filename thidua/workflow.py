"""The one workflow kernel: every status of every model moves through ``transition``.

A workflow is a declarative table ``state → {target: Move}``. A ``Move`` has a label (what the
button says), the *part* the actor must play (a name the workflow's ``may_act`` understands:
"submitter", "reviewer", "system" …), optional guards (functions that raise ``DomainError`` when the
object may not move now) and whether a reason is required. ``transition`` locks the row, checks the
table, the actor's part and the guards, writes the new status, lets the workflow record its own step
(``DossierTransition``, ``NominationStep`` …) and writes the audit row — all in one transaction.

Nothing else in the code assigns a status: ``thidua/tests/test_architecture.py`` reads every
module and fails on ``.status =`` or ``update(status=…)`` anywhere but here; ``thidua/tests/test_workflow.py``
tests this kernel.

``SYSTEM`` (``thidua.accounts.system``) is the part of the moves no person makes (a job finishing, a
decision closing its round): only ``transition(..., actor=SYSTEM_ACTOR)`` makes them, and the audit
row has no user. A service that makes such a move has authorized its own actor first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.accounts.system import SYSTEM, SYSTEM_ACTOR
from thidua.errors import DomainError, Refused

if TYPE_CHECKING:
    from thidua.accounts.models import User

# A guard receives the locked object, the target status, the actor and the reason; it raises
# ``DomainError`` to refuse the move.
Guard = Callable[[Any, str, Any, str], None]
# ``may_act(actor, obj, part) -> (allowed, reason)``; a refusal may be a ``Decision`` marked hidden.
MayAct = Callable[[Any, Any, str], tuple[bool, Any]]
# ``record_step(obj, source, target, actor, reason)`` writes the workflow's own history row.
RecordStep = Callable[[Any, str, str, Any, str], None]


@dataclass(frozen=True)
class Move:
    label: Promise | str
    part: str
    guards: tuple[Guard, ...] = ()
    # When set, the move needs a reason and this is the message that asks for one.
    needs_reason: Promise | str | None = None


@dataclass(frozen=True)
class Workflow[M: models.Model]:
    """The moves of one status field of one model."""

    name: str  # the audit action is "<name>_transition", e.g. "evaluations.dossier_transition"
    model: type[M]
    moves: Mapping[str, Mapping[str, Move]]
    may_act: MayAct
    status_labels: Callable[[str], Any]
    status_field: str = "status"
    record_step: RecordStep | None = None
    # Fields to fetch with the locked row (``select_related``), for the guards and ``may_act``.
    related: tuple[str, ...] = ()
    # Moves whose audit would only repeat another record (a job's progress) set this to False.
    audited: bool = True
    # Extra fields written with the status, e.g. a timestamp: ``{target: callable(obj) -> {field: value}}``.
    also_set: Mapping[str, Callable[[Any], dict[str, Any]]] = field(default_factory=dict)

    @property
    def audit_action(self) -> str:
        return f"{self.name}_transition"

    def targets(self, status: str) -> Mapping[str, Move]:
        return self.moves.get(status, {})


def _allowed(workflow: Workflow[Any], obj: Any, move: Move, actor: Any) -> tuple[bool, Any]:
    if move.part == SYSTEM:
        if actor is SYSTEM_ACTOR:
            return True, ""
        return False, _("This step is taken by thidua itself, not by a person.")
    if actor is SYSTEM_ACTOR:
        return True, ""
    return workflow.may_act(actor, obj, move.part)


def available_moves[M: models.Model](workflow: Workflow[M], obj: M, actor: Any) -> list[tuple[str, str]]:
    """The moves ``actor`` may make now, as (target, label), for buttons; guards are checked on the move."""
    status = getattr(obj, workflow.status_field)
    return [
        (target, str(move.label))
        for target, move in workflow.targets(status).items()
        if move.part != SYSTEM and _allowed(workflow, obj, move, actor)[0]
    ]


def can_move[M: models.Model](workflow: Workflow[M], obj: M, to: str) -> bool:
    """Whether the table has the move at all, whoever makes it."""
    return to in workflow.targets(getattr(obj, workflow.status_field))


def transition[M: models.Model](
    workflow: Workflow[M],
    given: M,
    *,
    to: str,
    actor: User | Any,
    reason: str = "",
    audit_extra: Mapping[str, Any] | None = None,
) -> M:
    """Move ``given`` to ``to`` if the table allows it for ``actor``; ``given`` is updated in place."""
    from thidua.audit.services import audit_record

    reason = (reason or "").strip()
    with transaction.atomic():
        # Lock the row: two officers pressing a button at once must not both move it.
        query = workflow.model._default_manager.select_for_update()
        if workflow.related:
            query = query.select_related(*workflow.related)
        obj = query.get(pk=given.pk)
        source = getattr(obj, workflow.status_field)
        move = workflow.targets(source).get(to)
        if move is None:
            raise DomainError(
                _("It is %(status)s and cannot become %(target)s."),
                status=workflow.status_labels(source),
                target=workflow.status_labels(to),
            )
        decision = _allowed(workflow, obj, move, actor)
        allowed, why = decision
        if not allowed:
            # A ``Decision`` made by ``outside()`` marks an object beyond the actor's reach: answered as not found.
            raise Refused(why, hidden=getattr(decision, "hidden", False))
        if move.needs_reason and not reason:
            raise DomainError(move.needs_reason, column="reason")
        for guard in move.guards:
            guard(obj, to, actor, reason)
        updates = {workflow.status_field: to}
        if to in workflow.also_set:
            updates.update(workflow.also_set[to](obj))
        for name, value in updates.items():
            setattr(obj, name, value)
        workflow.model._default_manager.filter(pk=obj.pk).update(**updates)
        if workflow.record_step is not None:
            workflow.record_step(obj, source, to, actor, reason)
        if workflow.audited:
            audit_record(
                actor=actor,
                action=workflow.audit_action,
                obj=obj,
                before={workflow.status_field: source},
                after={workflow.status_field: to, **(audit_extra or {})},
                reason=reason,
            )
    for name, value in updates.items():
        setattr(given, name, value)
    return given
