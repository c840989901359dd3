"""The numbered decision of a round, its revocation, the proposals upward and the awards they make.

Numbers: a body's documents of one type are numbered from 1 each year ("05/QĐ-UBND"), with no gap
and no duplicate, in the one register of the body (``thidua.register``): ``number_take`` registers the
next number under the register's lock, inside this transaction, so a refused or failed issue gives
its number back. Recognition decisions of the yearly cycle write into the same register, so an
award decision and a recognition decision of one body never share a number.

Symbols: a decision of the People's Committee is "QĐ-UBND", of the Front's committee "QĐ-MTTQ"; a
tờ trình is "TTr-UBND" / "TTr-MTTQ".

Immutability: an issued decision has no update service, no page and no API to edit it; the only
writes after issue are its revocation (``decision_revoke``, ``award_revoke``), held by the guards of
``thidua.awards.decisions.signals`` and the database's trigger.

Every function authorizes its actor first: the decisions and proposals of a round are the acts of
the officers who run it (``awards.manage_round``). Deciding moves the round from "council" to
"decided" through the round's table (``thidua.awards.rounds.workflow``), as its decider.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.audit.services import audit_record
from thidua.awards.citations import award_citation
from thidua.awards.council.selectors import passed_nominations
from thidua.awards.decisions.documents import award_certificates
from thidua.awards.decisions.selectors import rank_passed
from thidua.awards.decisions.workflow import PROPOSAL_WORKFLOW
from thidua.awards.models import (
    Award,
    AwardDecision,
    AwardForm,
    BallotBox,
    FormKind,
    Nomination,
    Organ,
    Proposal,
    ProposalStatus,
    Round,
    RoundStatus,
    SittingStatus,
)
from thidua.awards.places import subject_name
from thidua.awards.rounds.selectors import form_quota
from thidua.awards.rounds.services import person_of
from thidua.awards.rounds.workflow import ROUND_WORKFLOW
from thidua.documents.model import Certificate
from thidua.errors import DomainError
from thidua.jobs.models import Job
from thidua.jobs.services import job_start
from thidua.register.models import EntryKind
from thidua.register.services import entry_attach, number_take
from thidua.workflow import transition

DECISION_SYMBOLS: dict[str, str] = {Organ.UBND: "QĐ-UBND", Organ.MTTQ: "QĐ-MTTQ"}
PROPOSAL_SYMBOLS: dict[str, str] = {Organ.UBND: "TTr-UBND", Organ.MTTQ: "TTr-MTTQ"}

# Numbers ------------------------------------------------------------------------------------------


def _round_window(round: Round) -> tuple[int, int]:
    return round.period_start, round.period_end


def _overlapping(nomination: Nomination, start: int, end: int) -> Award | None:
    subject = Q(area=nomination.area) if nomination.area_id else Q(person=nomination.person)
    return (
        Award.objects.filter(subject, revoked_on__isnull=True, window_start__lte=end, window_end__gte=start)
        .select_related("decision", "proposal")
        .first()
    )


def _award_create(*, nomination: Nomination, decision: AwardDecision | None, proposal: Proposal | None) -> Award:
    start, end = _round_window(nomination.round)
    clash = _overlapping(nomination, start, end)
    if clash is not None:
        raise DomainError(
            _(
                "%(subject)s already holds an award for %(window)s: one achievement, one award "
                "(the window %(start)s–%(end)s overlaps it)."
            ),
            subject=subject_name(nomination),
            window=award_citation(clash),
            start=start,
            end=end,
        )
    return Award.objects.create(
        nomination=nomination,
        form=nomination.form,
        area=nomination.area,
        person=nomination.person,
        window_start=start,
        window_end=end,
        decision=decision,
        proposal=proposal,
    )


def _select_within_quota(
    round: Round,
    forms: Sequence[AwardForm],
    passed: Sequence[tuple[Nomination, BallotBox]],
    select: Iterable[int] | None,
    on: datetime.date,
) -> list[Nomination]:
    """The nominations the document lists: all passed ones of ``forms``, or the officer's ``select``.

    Either way each form stays within its quota; over it, the refusal gives the numbers and the
    ranking, so that the officer narrows the list with ``select``.
    """
    chosen_ids = set(select) if select is not None else None
    by_form: dict[int, list[tuple[Nomination, BallotBox]]] = {form.pk: [] for form in forms}
    for nomination, box in passed:
        if nomination.form_id in by_form and not Award.objects.filter(nomination=nomination).exists():
            by_form[nomination.form_id].append((nomination, box))
    if chosen_ids is not None:
        known = {nomination.pk for pairs in by_form.values() for nomination, _box in pairs}
        stray = sorted(chosen_ids - known)
        if stray:
            raise DomainError(
                _("Nominations %(ids)s are not passed by the council for these forms, or already awarded."),
                ids=", ".join(str(pk) for pk in stray),
            )
    chosen: list[Nomination] = []
    for form in forms:
        pairs = by_form[form.pk]
        if chosen_ids is not None:
            pairs = [pair for pair in pairs if pair[0].pk in chosen_ids]
        quota = form_quota(form).quota
        ranking = rank_passed(pairs, form=form, on=on)
        if quota is not None and len(pairs) > quota:
            listing = "; ".join(
                f"{rank}. {subject_name(nomination)} [#{nomination.pk}] ({box.votes_for})"
                for rank, nomination, box in ranking
            )
            raise DomainError(
                _(
                    "%(form)s: %(count)s nominations passed but the quota is %(quota)s. Choose at most "
                    "%(quota)s of them (ranked by votes for: %(ranking)s)."
                ),
                form=form.name,
                count=len(pairs),
                quota=quota,
                ranking=listing,
            )
        chosen.extend(nomination for _rank, nomination, _box in ranking)
    return chosen


def _round_forms(round: Round, codes: Iterable[str], kind: str) -> list[AwardForm]:
    codes = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    if not codes:
        raise DomainError(_("Choose at least one award form."))
    forms = {form.code: form for form in round.forms.filter(code__in=codes)}
    for code in codes:
        form = forms.get(code)
        if form is None:
            raise DomainError(_("The round has no award form %(code)s."), code=code)
        if form.kind != kind:
            raise DomainError(
                _("%(form)s is %(kind)s: it does not belong here."), form=form.name, kind=form.get_kind_display()
            )
    return [forms[code] for code in codes]


# The decision -----------------------------------------------------------------------------------------


def decision_issue(
    *,
    round: Round,
    form_codes: Iterable[str],
    issued_on: datetime.date,
    subject: str,
    legal_bases: Sequence[str],
    signer_prefix: str,
    signer_title: str,
    signer_name: str,
    recipients_note: str,
    actor: User,
    select: Iterable[int] | None = None,
) -> AwardDecision:
    """Issue the numbered decision giving the round's GIVE forms to the nominations the council passed.

    ``select`` (nomination ids) narrows the list when the council passed more than a form's quota.
    Each nomination gets one Award over the round's period; a subject already rewarded for an
    overlapping window is refused (one achievement, one award). The round becomes "decided".
    """
    authorize(actor, "awards.manage_round", round)
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status not in (RoundStatus.COUNCIL, RoundStatus.DECIDED):
            raise DomainError(
                _("A round that is %(status)s cannot be decided: the council votes first."),
                status=round.get_status_display(),
            )
        forms = _round_forms(round, form_codes, FormKind.GIVE)
        if not BallotBox.objects.filter(nomination__round=round, status=SittingStatus.CLOSED).exists():
            raise DomainError(_("The council has closed no ballot in this round yet."))
        for name, value in ((_("subject"), subject), (_("signer's title"), signer_title), (_("signer"), signer_name)):
            if not value.strip():
                raise DomainError(_("The decision needs its %(field)s."), field=name)
        if issued_on.year < round.period_end:
            raise DomainError(
                _("A decision on the period %(start)s–%(end)s cannot be issued before the period ends."),
                start=round.period_start,
                end=round.period_end,
            )
        bases = [basis.strip() for basis in legal_bases if basis.strip()]
        if not bases:
            raise DomainError(_("A decision cites at least one legal basis."))
        nominations = _select_within_quota(round, forms, passed_nominations(round), select, issued_on)
        if not nominations:
            raise DomainError(_("No nomination of these forms has passed the council: there is nothing to decide."))
        symbol = DECISION_SYMBOLS[round.organ]
        entry = number_take(issuer=round.issuer, symbol=symbol, issued_on=issued_on, kind=EntryKind.AWARD)
        decision = AwardDecision.objects.create(
            round=round,
            issuer=round.issuer,
            organ=round.organ,
            year=issued_on.year,
            number=entry.number,
            symbol=symbol,
            issued_on=issued_on,
            subject=subject.strip(),
            legal_bases=bases,
            signer_prefix=signer_prefix.strip(),
            signer_title=signer_title.strip(),
            signer_name=signer_name.strip(),
            recipients_note=recipients_note.strip(),
            issued_by=person_of(actor),
        )
        entry_attach(entry=entry, document=decision)
        awards = [_award_create(nomination=nomination, decision=decision, proposal=None) for nomination in nominations]
        if round.status == RoundStatus.COUNCIL:
            transition(ROUND_WORKFLOW, round, to=RoundStatus.DECIDED, actor=actor)
        audit_record(
            actor=actor,
            action="awards.decision_issue",
            obj=decision,
            after={
                "number": str(decision),
                "issued_on": issued_on.isoformat(),
                "forms": [form.code for form in forms],
                "awards": [award.nomination_id for award in awards],
            },
        )
    return decision


def decision_revoke(*, decision: AwardDecision, on: datetime.date, reason: str, actor: User) -> AwardDecision:
    """Revoke ``decision`` and its awards (Luật Thi đua, khen thưởng 2022, chương VII); the rows stay."""
    authorize(actor, "awards.manage_round", decision.round)
    with transaction.atomic():
        locked = AwardDecision.objects.select_for_update().get(pk=decision.pk)
        if not reason.strip():
            raise DomainError(_("Say why the decision is revoked: a revocation without a reason is refused."))
        if locked.revoked_on is not None:
            raise DomainError(
                _("The decision %(decision)s was already revoked on %(day)s."),
                decision=str(locked),
                day=f"{locked.revoked_on:%d/%m/%Y}",
            )
        if on < locked.issued_on:
            raise DomainError(
                _("A decision cannot be revoked before it was issued (%(day)s)."), day=f"{locked.issued_on:%d/%m/%Y}"
            )
        locked.revoked_on = on
        locked.revocation_reason = reason.strip()
        locked.revoked_by = person_of(actor)
        locked.save(update_fields=["revoked_on", "revocation_reason", "revoked_by"])
        count = 0
        for award in locked.awards.filter(revoked_on__isnull=True):
            award.revoked_on = on
            award.revocation_reason = reason.strip()
            award.save(update_fields=["revoked_on", "revocation_reason"])
            count += 1
        audit_record(
            actor=actor,
            action="awards.decision_revoke",
            obj=locked,
            before={"revoked_on": None},
            after={"revoked_on": on.isoformat(), "awards_revoked": count},
            reason=reason.strip(),
        )
    decision.refresh_from_db()
    return decision


def award_revoke(*, award: Award, on: datetime.date, reason: str, actor: User) -> Award:
    """Revoke one award; its decision and the other awards stand."""
    authorize(actor, "awards.manage_round", award.form.round)
    with transaction.atomic():
        locked = Award.objects.select_for_update().get(pk=award.pk)
        if not reason.strip():
            raise DomainError(_("Say why the award is revoked: a revocation without a reason is refused."))
        if locked.revoked_on is not None:
            raise DomainError(_("This award was already revoked on %(day)s."), day=f"{locked.revoked_on:%d/%m/%Y}")
        locked.revoked_on = on
        locked.revocation_reason = reason.strip()
        locked.save(update_fields=["revoked_on", "revocation_reason"])
        audit_record(
            actor=actor,
            action="awards.award_revoke",
            obj=locked,
            before={"revoked_on": None},
            after={"revoked_on": on.isoformat()},
            reason=reason.strip(),
        )
    award.refresh_from_db()
    return award


# Proposals upward --------------------------------------------------------------------------------------


def proposal_send(
    *,
    round: Round,
    form_code: str,
    sent_on: datetime.date,
    to_body: str,
    actor: User,
    select: Iterable[int] | None = None,
) -> Proposal:
    """Send the passed nominations of a PROPOSE form to the higher body in a numbered tờ trình."""
    authorize(actor, "awards.manage_round", round)
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        (form,) = _round_forms(round, [form_code], FormKind.PROPOSE)
        if not to_body.strip():
            raise DomainError(_("Name the body the proposal is sent to."))
        if not BallotBox.objects.filter(nomination__round=round, status=SittingStatus.CLOSED).exists():
            raise DomainError(_("The council has closed no ballot in this round yet."))
        pending = set(
            Nomination.objects.filter(
                proposals__form=form, proposals__status__in=(ProposalStatus.SENT, ProposalStatus.DECIDED)
            ).values_list("pk", flat=True)
        )
        passed = [(n, box) for n, box in passed_nominations(round) if n.pk not in pending]
        nominations = _select_within_quota(round, [form], passed, select, sent_on)
        if not nominations:
            raise DomainError(
                _("No nomination for %(form)s has passed the council (or all are already proposed)."), form=form.name
            )
        symbol = PROPOSAL_SYMBOLS[round.organ]
        entry = number_take(issuer=round.issuer, symbol=symbol, issued_on=sent_on, kind=EntryKind.PROPOSAL)
        proposal = Proposal.objects.create(
            round=round,
            form=form,
            number=entry.number,
            symbol=symbol,
            sent_on=sent_on,
            to_body=to_body.strip(),
            created_by=person_of(actor),
        )
        entry_attach(entry=entry, document=proposal)
        proposal.nominations.set(nominations)
        audit_record(
            actor=actor,
            action="awards.proposal_send",
            obj=proposal,
            after={
                "number": str(proposal),
                "sent_on": sent_on.isoformat(),
                "to_body": proposal.to_body,
                "nominations": [n.pk for n in nominations],
            },
        )
    return proposal


def proposal_outcome_record(
    *,
    proposal: Proposal,
    status: str,
    higher_decision: str,
    higher_decided_on: datetime.date | None,
    nominations: Iterable[Nomination | int],
    actor: User,
) -> Proposal:
    """Record the higher body's answer: "decided" with the nominations it awarded (Awards follow), or "refused"."""
    authorize(actor, "awards.manage_round", proposal.round)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
        if status not in (ProposalStatus.DECIDED, ProposalStatus.REFUSED):
            raise DomainError(_("The outcome is either decided or refused, not %(status)s."), status=status)
        ids = {n.pk if isinstance(n, Nomination) else int(n) for n in nominations}
        sent = {n.pk: n for n in locked.nominations.select_related("round", "form", "area", "person")}
        stray = sorted(ids - set(sent))
        if stray:
            raise DomainError(
                _("Nominations %(ids)s are not part of %(proposal)s."),
                ids=", ".join(str(pk) for pk in stray),
                proposal=str(locked),
            )
        if status == ProposalStatus.DECIDED:
            if not higher_decision.strip() or higher_decided_on is None:
                raise DomainError(_("Cite the higher body's decision: its number and its date."))
            if higher_decided_on < locked.sent_on:
                raise DomainError(
                    _("The higher body cannot decide before the proposal was sent (%(day)s)."),
                    day=f"{locked.sent_on:%d/%m/%Y}",
                )
            if not ids:
                raise DomainError(_("Tick the nominations the higher body awarded (or record a refusal)."))
        elif ids:
            raise DomainError(_("A refusal awards nobody: untick the nominations."))
        transition(PROPOSAL_WORKFLOW, locked, to=status, actor=actor)
        locked.higher_decision = higher_decision.strip()
        locked.higher_decided_on = higher_decided_on
        locked.save(update_fields=["higher_decision", "higher_decided_on"])
        awards = [_award_create(nomination=sent[pk], decision=None, proposal=locked) for pk in sorted(ids)]
        audit_record(
            actor=actor,
            action="awards.proposal_outcome",
            obj=locked,
            before={"status": ProposalStatus.SENT},
            after={
                "status": status,
                "higher_decision": locked.higher_decision,
                "higher_decided_on": higher_decided_on.isoformat() if higher_decided_on else None,
                "awards": [award.nomination_id for award in awards],
            },
        )
    proposal.refresh_from_db()
    return proposal


# Certificates -------------------------------------------------------------------------------------------


def award_certificates_start(*, decision: AwardDecision, actor: User) -> Job:
    """Queue the Giấy khen of ``decision``'s standing awards as one PDF, on the documents' certificate job.

    Only the decision's id goes into the job: the worker builds the certificates from the database
    through the source "awards.decision" (``decision_certificates``), which authorizes the job's actor.
    """
    authorize(actor, "awards.manage_round", decision.round)
    if not award_certificates(decision):
        raise DomainError(_("The decision %(decision)s has no standing award to print."), decision=str(decision))
    name = f"giay-khen-{decision.number:02d}-{decision.year}.pdf"
    params = {"source": "awards.decision", "source_params": {"decision_id": decision.pk}, "name": name}
    return job_start(kind="documents.certificates", actor=actor, params=params)


def decision_certificates(*, actor: User, decision_id: int) -> list[Certificate]:
    """The certificate source "awards.decision": the Giấy khen of a decision's standing awards, printed
    only by whom may run its round."""
    decision = AwardDecision.objects.filter(pk=decision_id).select_related("round").first()
    if decision is None:
        raise DomainError(_("There is no decision %(id)s."), id=decision_id)
    authorize(actor, "awards.manage_round", decision.round)
    return award_certificates(decision)
