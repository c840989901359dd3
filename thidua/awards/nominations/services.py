"""Nominations (đề nghị) of a commendation round: a commune puts an area or a Trưởng ban forward for
one award form, attaches the achievement report (báo cáo thành tích), submits; the district returns it
with a reason or accepts it within the form's quota (``thidua.awards.nominations.workflow``).

Eligibility is the candidates' (``thidua.awards.rounds.candidates.candidate_check``): a subject that
is not an eligible candidate of the form is refused unless the commune nominates it *outside the
candidates* with a written justification, which stays flagged everywhere the nomination shows.
Every function authorizes its actor first.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.audit.services import audit_record
from thidua.awards.models import AwardForm, Nomination, NominationStatus, Round, Subject
from thidua.awards.nominations.permissions import EDITABLE, in_subtree
from thidua.awards.nominations.report import nomination_report_draft
from thidua.awards.nominations.selectors import person_area_in, subject_within
from thidua.awards.nominations.workflow import (
    NOMINATION_MOVES,
    NOMINATION_WORKFLOW,
    PART_ACTIONS,
    part_object,
    refuse_unless_open,
)
from thidua.awards.rounds.candidates import CandidateRow, candidate_check
from thidua.awards.rounds.services import person_of
from thidua.errors import DomainError
from thidua.people.models import Person
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_name_at
from thidua.workflow import transition

S = NominationStatus
# A nomination outside the candidates needs a real explanation, not "see file".
MIN_JUSTIFICATION = 30


def _subject_name(area: Unit | None, person: Person | None, round: Round) -> str:
    if area is not None:
        return unit_name_at(area, datetime.date(round.period_end, 12, 31))
    assert person is not None
    return person.full_name


def _refuse_duplicate(round: Round, area: Unit | None, person: Person | None) -> None:
    """One achievement, one award: a subject is nominated once in a round. A nomination its commune
    withdrew before the district had it (a draft, or returned) frees the subject; one withdrawn after
    it was submitted — an upheld objection withdraws it — keeps it taken, or nominating again would
    undo the objection."""
    same = (
        Nomination.objects.filter(round=round, area=area)
        if area is not None
        else Nomination.objects.filter(round=round, person=person)
    )
    first = same.exclude(status=NominationStatus.WITHDRAWN).select_related("form", "nominated_by").first()
    if first is not None:
        raise DomainError(
            _(
                "%(subject)s is already nominated in this round (%(form)s, %(status)s, by %(unit)s): "
                "one achievement, one award."
            ),
            subject=_subject_name(area, person, round),
            form=first.form.name,
            status=NominationStatus(first.status).label,
            unit=first.nominated_by.full_name,
        )
    kept = same.filter(
        status=NominationStatus.WITHDRAWN,
        steps__target=NominationStatus.WITHDRAWN,
        steps__source__in=[NominationStatus.SUBMITTED, NominationStatus.ACCEPTED],
    ).first()
    if kept is not None:
        raise DomainError(
            _(
                "%(subject)s was withdrawn from this round after it was submitted (an objection upheld, "
                "say): it cannot be nominated again in the round."
            ),
            subject=_subject_name(area, person, round),
        )


def _failed_checks(row: CandidateRow) -> str:
    return "; ".join(c.detail for c in row.result.checks if not c.passed)


def nomination_create(
    *,
    round: Round,
    form: AwardForm,
    area: Unit | None = None,
    person: Person | None = None,
    nominated_by: Unit,
    outside_candidates: bool = False,
    justification: str = "",
    actor: User,
) -> Nomination:
    """Put ``area`` or ``person`` forward for ``form``, as a draft with its evidence and a drafted report."""
    authorize(actor, "awards.view_round", round)
    authorize(actor, "awards.nominate", nominated_by)
    justification = justification.strip()
    if form.round_id != round.pk:
        raise DomainError(_("The award form “%(form)s” belongs to another round."), form=form.name)
    if (area is None) == (person is None):
        raise DomainError(_("A nomination puts forward one residential area or one person."))
    if form.subject == Subject.AREA and area is None:
        raise DomainError(_("“%(form)s” is given to residential areas, not to a person."), form=form.name)
    if form.subject == Subject.BCTMT and person is None:
        raise DomainError(_("“%(form)s” is given to a Trưởng ban, not to an area."), form=form.name)
    if area is not None and area.level != Level.AREA:
        raise DomainError(_("%(unit)s is not a residential area."), unit=area.full_name)
    refuse_unless_open(round, deadline=True)
    if nominated_by.level > Level.COMMUNE:
        raise DomainError(_("%(unit)s cannot nominate: a commune or a higher unit does."), unit=nominated_by.full_name)
    if not in_subtree(nominated_by.pk, round.issuer_id):
        raise DomainError(
            _("%(unit)s is not under %(issuer)s, which runs this round."),
            unit=nominated_by.full_name,
            issuer=round.issuer.full_name,
        )

    row = candidate_check(round, form, area=area, person=person)
    subject_area = area or row.person_area or (person_area_in(person, round) if person else None)
    name = _subject_name(area, person, round)
    if subject_area is None:
        raise DomainError(_("%(subject)s was not a Trưởng ban of any area during the period."), subject=name)
    if not subject_within(subject_area, nominated_by, round):
        raise DomainError(
            _("%(subject)s is not in %(unit)s during the period: a commune nominates within its own area only."),
            subject=name,
            unit=nominated_by.full_name,
        )
    _refuse_duplicate(round, area, person)
    if row.already_awarded:
        raise DomainError(
            _("%(subject)s was already rewarded for these years (%(awards)s): a window is never rewarded twice."),
            subject=name,
            awards="; ".join(row.already_awarded),
        )
    outside = not row.eligible
    if outside and not outside_candidates:
        raise DomainError(
            _(
                "%(subject)s is not an eligible candidate for “%(form)s”: %(why)s. "
                "Nominate it outside the candidates with a written justification, or choose another."
            ),
            subject=name,
            form=form.name,
            # The rules word their checks in the language active when they run: re-run them in the
            # language the refusal is read in, whoever reads it.
            why=lazy(lambda: _failed_checks(candidate_check(round, form, area=area, person=person)).rstrip("."), str)(),
        )
    if outside and len(justification) < MIN_JUSTIFICATION:
        raise DomainError(
            _("A nomination outside the candidates needs a justification of at least %(count)s characters."),
            count=MIN_JUSTIFICATION,
        )

    with transaction.atomic():
        try:
            # A savepoint: the unique constraint catches two officers nominating at the same moment.
            with transaction.atomic():
                nomination = Nomination.objects.create(
                    round=round,
                    form=form,
                    area=area,
                    person=person,
                    person_area=subject_area if person is not None else None,
                    nominated_by=nominated_by,
                    outside_candidates=outside,
                    justification=justification if outside else "",
                    evidence=row.evidence,
                    created_by=person_of(actor),
                )
        except IntegrityError:
            _refuse_duplicate(round, area, person)
            raise
        nomination.report = nomination_report_draft(nomination)
        nomination.save(update_fields=["report"])
        audit_record(
            actor=actor,
            action="awards.nomination_create",
            obj=nomination,
            after={
                "round": round.pk,
                "form": form.code,
                "area": area.pk if area else None,
                "person": person.pk if person else None,
                "nominated_by": nominated_by.pk,
                "outside_candidates": outside,
            },
            reason=justification if outside else "",
        )
    return nomination


def nomination_report_update(*, nomination: Nomination, report: str, actor: User) -> Nomination:
    """Replace the achievement report while the commune holds the nomination (draft or returned)."""
    authorize(actor, "awards.nominate", nomination.nominated_by)
    with transaction.atomic():
        current = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if current.status not in EDITABLE:
            raise DomainError(
                _("A nomination that is %(status)s cannot be edited any more."),
                status=NominationStatus(current.status).label,
            )
        if not report.strip():
            raise DomainError(_("The achievement report cannot be empty."))
        before = current.report
        current.report = report
        current.save(update_fields=["report"])
        audit_record(
            actor=actor,
            action="awards.nomination_report_update",
            obj=current,
            before={"report": before},
            after={"report": report},
        )
    nomination.report = current.report
    return nomination


def nomination_move(*, nomination: Nomination, to: str, actor: User, reason: str = "") -> Nomination:
    """Move ``nomination`` to ``to`` through its table; ``nomination`` is updated in place.

    The actor is authorized for the part that makes the move (the submitter's, the reviewer's or the
    consultation's); a move the table does not have is refused by the kernel, with the status named.
    """
    move = NOMINATION_MOVES.get(S(nomination.status), {}).get(to) if to in S.values else None
    if move is None:
        authorize(actor, "awards.view_round", nomination.round)
    else:
        authorize(actor, PART_ACTIONS[move.part], part_object(nomination, move.part))
    if to not in S.values:
        raise DomainError(_("A nomination has no status %(status)s."), status=to)
    return transition(NOMINATION_WORKFLOW, nomination, to=to, actor=actor, reason=reason)


def nomination_submit(*, nomination: Nomination, actor: User) -> Nomination:
    return nomination_move(nomination=nomination, to=S.SUBMITTED, actor=actor)


def nomination_return(*, nomination: Nomination, reason: str, actor: User) -> Nomination:
    return nomination_move(nomination=nomination, to=S.RETURNED, actor=actor, reason=reason)


def nomination_accept(*, nomination: Nomination, actor: User) -> Nomination:
    return nomination_move(nomination=nomination, to=S.ACCEPTED, actor=actor)


def nomination_withdraw(*, nomination: Nomination, actor: User, reason: str = "") -> Nomination:
    return nomination_move(nomination=nomination, to=S.WITHDRAWN, actor=actor, reason=reason)
