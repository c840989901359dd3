"""The approval of a dossier up the tree, as a table for the workflow kernel (``thidua.workflow``).

"submitter" is an officer of the unit that sends the dossier (the area for its households, the
commune for its areas); "reviewer" an officer of the level above, who returns, reviews and decides
(``permissions.may_act``). A return needs a reason; objections still open block the household list
from going up. Only ``services.decision_record`` makes the move to "decided": the numbered decision
is what decides. Every move is recorded with its actor and reason (``DossierTransition``) and audited.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.system import Actor
from thidua.campaigns.rules import regime_for
from thidua.errors import DomainError
from thidua.evaluations.models import (
    AreaYear,
    Dossier,
    DossierKind,
    DossierStatus,
    DossierTransition,
    HouseholdYear,
    Meeting,
    MeetingKind,
    Objection,
)
from thidua.evaluations.permissions import REVIEWER, SUBMITTER, may_act
from thidua.evaluations.selectors import commune_areas, meeting_parameters, posted_days
from thidua.workflow import Move, Workflow

S = DossierStatus


def refuse_open_objections(dossier: Dossier, target: str, actor: Actor, reason: str) -> None:
    """NĐ 86/2023: objections raised while the list is posted are resolved before the dossier goes up."""
    if dossier.kind != DossierKind.GDVH:
        return
    open_count = Objection.objects.filter(
        household_year__area=dossier.unit_id, household_year__year=dossier.year, resolved_on__isnull=True
    ).count()
    if open_count:
        raise DomainError(
            _("%(count)s objections are not resolved yet: resolve them before sending the dossier up."),
            count=open_count,
        )


def refuse_without_meeting(dossier: Dossier, target: str, actor: Actor, reason: str) -> None:
    """A dossier goes up with its meeting, its attendance and its votes: the area's meeting for its
    households, the commune's screening meeting for its areas, a vote recorded for every registered line."""
    lines: QuerySet[Any]
    if dossier.kind == DossierKind.GDVH:
        kind, lines = MeetingKind.HOUSEHOLD_REVIEW, HouseholdYear.objects.filter(area=dossier.unit_id)
    else:
        kind = MeetingKind.AREA_REVIEW
        lines = AreaYear.objects.filter(area__in=commune_areas(dossier.unit, dossier.year))
    meeting = Meeting.objects.filter(kind=kind, unit=dossier.unit_id, year=dossier.year).first()
    if meeting is None:
        raise DomainError(
            _(
                "The dossier of %(year)s has no evaluation meeting: "
                "record the meeting, its attendance and its votes first."
            ),
            year=dossier.year,
        )
    if not meeting.convened or not meeting.present:
        raise DomainError(_("The meeting's attendance is not recorded: say how many were convened and came."))
    registered = lines.filter(year=dossier.year, registered_on__isnull=False)
    voted = registered.filter(meeting=meeting, votes_for__isnull=False)
    if not voted.exists():
        raise DomainError(_("No votes of the meeting are recorded: record each registered line's votes first."))
    missing = registered.count() - voted.count()
    if missing:
        raise DomainError(
            _("%(count)s registered lines have no votes of the meeting recorded: record them first."), count=missing
        )
    refuse_short_posting(dossier, meeting)


def refuse_short_posting(dossier: Dossier, meeting: Meeting) -> None:
    """NĐ 86/2023 Điều 8: the list is posted for residents' opinions (the households' at the area, the
    areas' by the commune) for the period the regime of the meeting's date gives, before the dossier goes up."""
    params = meeting_parameters(meeting)
    required = params.get("posting_days" if dossier.kind == DossierKind.GDVH else "area_posting_days")
    if required is None:
        return
    act = regime_for(meeting.held_on).act
    days = posted_days(meeting)
    if days is None:
        raise DomainError(
            _(
                "The list is not posted: under %(act)s it stays posted %(required)s days for residents' opinions "
                "before the dossier goes up; record the posting's dates on the meeting."
            ),
            act=act,
            required=required,
        )
    if days < required:
        raise DomainError(
            _("The list was posted %(days)s days (%(start)s–%(end)s); %(act)s requires %(required)s."),
            days=days,
            start=f"{meeting.posted_from:%d/%m/%Y}",
            end=f"{meeting.posted_until:%d/%m/%Y}",
            act=act,
            required=required,
        )


def _record_step(dossier: Dossier, source: str, target: str, actor: Actor, reason: str) -> None:
    DossierTransition.objects.create(
        dossier=dossier, source=source, target=target, actor=actor if actor.pk else None, reason=reason
    )


RETURN_REASON = _("Say why the dossier is returned: the unit must know what to fix.")

DOSSIER: Workflow[Dossier] = Workflow(
    name="evaluations.dossier",
    model=Dossier,
    moves={
        S.DRAFT: {S.SUBMITTED: Move(_("Submit"), SUBMITTER, guards=(refuse_without_meeting, refuse_open_objections))},
        S.SUBMITTED: {
            S.RETURNED: Move(_("Return with a reason"), REVIEWER, needs_reason=RETURN_REASON),
            S.REVIEWED: Move(_("Mark as reviewed"), REVIEWER),
        },
        S.RETURNED: {
            S.SUBMITTED: Move(_("Submit again"), SUBMITTER, guards=(refuse_without_meeting, refuse_open_objections))
        },
        S.REVIEWED: {
            S.DECIDED: Move(_("Record the decision"), REVIEWER),
            S.RETURNED: Move(_("Return with a reason"), REVIEWER, needs_reason=RETURN_REASON),
        },
        S.DECIDED: {S.LOCKED: Move(_("Lock"), REVIEWER)},
        S.LOCKED: {},
    },
    may_act=may_act,
    status_labels=lambda status: DossierStatus(status).label,
    record_step=_record_step,
)
