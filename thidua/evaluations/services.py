"""Writes of the yearly cycle. Keyword-only, audited, one transaction each; no ``request``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.audit.services import audit_record
from thidua.db import bulk_set
from thidua.errors import DomainError, DomainErrors, Refused
from thidua.evaluations.models import (
    AreaYear,
    Ballot,
    DeadlineKind,
    Decision,
    DecisionKind,
    Dossier,
    DossierKind,
    DossierStatus,
    HouseholdYear,
    Meeting,
    MeetingKind,
    Objection,
)
from thidua.evaluations.workflow import transition
from thidua.jobs.models import Job
from thidua.jobs.services import job_start
from thidua.people.models import Household
from thidua.units.models import Level, Unit

CLOSED = (DossierStatus.DECIDED, DossierStatus.LOCKED)


def _today() -> datetime.date:
    """The day of entry, which the province's deadlines lock."""
    from django.utils import timezone

    return timezone.localdate()


def _dossier(kind: str, unit: Unit, year: int) -> Dossier:
    dossier, _created = Dossier.objects.get_or_create(kind=kind, unit=unit, year=year)
    return dossier


def _refuse_if_closed(kind: str, unit: Unit, year: int) -> None:
    dossier = Dossier.objects.filter(kind=kind, unit=unit, year=year).first()
    if dossier is not None and dossier.status in CLOSED:
        raise DomainError(
            _("The %(year)s titles of %(unit)s are decided; nothing can be changed any more."),
            year=year,
            unit=unit.full_name,
        )


def households_register(
    *, area: Unit, year: int, households: Sequence[Household], registered_on: datetime.date, actor: Any
) -> list[HouseholdYear]:
    """Record the registrations of ``households`` of ``area`` for ``year`` (bản đăng ký)."""
    if area.level != Level.AREA:
        raise DomainError(_("%(unit)s is not a residential area."), unit=area.full_name)
    if registered_on.year != year:
        raise DomainError(_("A registration for %(year)s is made in %(year)s."), year=year)
    from thidua.evaluations.deadlines import check_open

    # Registrations lock with the province's household-review deadline, unless an exception covers the area.
    check_open(
        area,
        year,
        DeadlineKind.HOUSEHOLD_REVIEW,
        _today(),
        message=_(
            "Registrations for %(year)s closed with the deadline of the %(kind)s on %(due)s for %(unit)s; "
            "a later registration needs an exception granted with a reason."
        ),
    )
    with transaction.atomic():
        _refuse_if_closed(DossierKind.GDVH, area, year)
        already = set(
            HouseholdYear.objects.filter(year=year, household__in=households, registered_on__isnull=False).values_list(
                "household__code", flat=True
            )
        )
        errors = [
            DomainError(_("The household %(code)s is already registered for %(year)s."), code=code, year=year)
            for code in sorted(already)
        ]
        seen: set[int] = set()
        for household in households:
            if household.pk in seen:
                errors.append(DomainError(_("The household %(code)s is listed twice."), code=household.code, year=year))
            seen.add(household.pk)
        if errors:
            raise DomainErrors(errors)
        # Set-based: the year's existing (unregistered) rows are updated in one statement, the others
        # created in one batch, whatever the number of households.
        existing = {row.household_id: row for row in HouseholdYear.objects.filter(year=year, household__in=households)}
        bulk_set(
            HouseholdYear,
            {row.pk: {"area": area.pk, "registered_on": registered_on} for row in existing.values()},
            ["area", "registered_on"],
        )
        HouseholdYear.objects.bulk_create(
            HouseholdYear(household=h, year=year, area=area, registered_on=registered_on)
            for h in households
            if h.pk not in existing
        )
        rows = list(HouseholdYear.objects.filter(year=year, household__in=households))
        _dossier(DossierKind.GDVH, area, year)
        audit_record(
            actor=actor,
            action="evaluations.households_register",
            obj=area,
            after={"year": year, "households": len(rows), "registered_on": registered_on.isoformat()},
        )
    return rows


def area_register(*, area: Unit, year: int, registered_on: datetime.date, actor: Any) -> AreaYear:
    if area.level != Level.AREA:
        raise DomainError(_("%(unit)s is not a residential area."), unit=area.full_name)
    with transaction.atomic():
        if AreaYear.objects.filter(area=area, year=year, registered_on__isnull=False).exists():
            raise DomainError(
                _("The residential area %(unit)s is already registered for %(year)s."), unit=area.full_name, year=year
            )
        row, _created = AreaYear.objects.update_or_create(
            area=area, year=year, defaults={"registered_on": registered_on}
        )
        audit_record(actor=actor, action="evaluations.area_register", obj=area, after={"year": year})
    return row


@dataclass(frozen=True)
class Vote:
    """One household's (or area's) line of the meeting: votes for it, points, exclusion categories."""

    votes_for: int
    points: Decimal | None = None
    exclusions: tuple[str, ...] = field(default_factory=tuple)


def meeting_record(
    *,
    kind: str,
    unit: Unit,
    year: int,
    held_on: datetime.date,
    convened: int,
    present: int,
    ballot: str = Ballot.HANDS,
    chair: str = "",
    front_head: str = "",
    votes: Mapping[int, Vote],
    actor: Any,
    posted_from: datetime.date | None = None,
    posted_until: datetime.date | None = None,
) -> Meeting:
    """Record an evaluation meeting and the votes of each household (or area), keyed by their row id.

    Every line is checked before anything is written: present ≤ convened, votes ≤ present, and only
    registered households or areas are evaluated.
    """
    dossier_kind = DossierKind.GDVH if kind == MeetingKind.HOUSEHOLD_REVIEW else DossierKind.KDC
    if kind in (MeetingKind.HOUSEHOLD_REVIEW, MeetingKind.AREA_REVIEW):
        from django.utils import timezone

        from thidua.evaluations.deadlines import check_open

        # Entry locks after the province's deadline for the year (nothing to check when none is set).
        check_open(unit, year, kind, timezone.localdate())
    errors: list[DomainError] = []
    if present > convened:
        errors.append(
            DomainError(
                _("%(present)s present is more than the %(convened)s convened."),
                column="present",
                present=present,
                convened=convened,
            )
        )
    if held_on.year not in (year, year + 1):
        errors.append(
            DomainError(_("The meeting date does not belong to the year %(year)s."), column="held_on", year=year)
        )
    model: Any = HouseholdYear if kind == MeetingKind.HOUSEHOLD_REVIEW else AreaYear
    rows: dict[int, Any] = {row.pk: row for row in model.objects.filter(pk__in=list(votes), year=year)}
    for row_id, vote in votes.items():
        row = rows.get(row_id)
        if row is None:
            errors.append(DomainError(_("Line %(line)s is not part of %(year)s."), line=row_id, year=year))
            continue
        if row.registered_on is None:
            errors.append(
                DomainError(
                    _("%(name)s did not register for %(year)s and cannot be evaluated."), name=str(row), year=year
                )
            )
        if vote.votes_for > present:
            errors.append(
                DomainError(
                    _("%(votes)s votes for %(name)s is more than the %(present)s present."),
                    column="votes_for",
                    votes=vote.votes_for,
                    name=str(row),
                    present=present,
                )
            )
    if errors:
        raise DomainErrors(errors)
    with transaction.atomic():
        _refuse_if_closed(dossier_kind, unit, year)
        meeting, _created = Meeting.objects.update_or_create(
            kind=kind,
            unit=unit,
            year=year,
            defaults={
                "held_on": held_on,
                "convened": convened,
                "present": present,
                "ballot": ballot,
                "chair": chair,
                "front_head": front_head,
                "posted_from": posted_from,
                "posted_until": posted_until,
            },
        )
        # The meeting opens its dossier: a commune's area meeting is what starts the KDC dossier.
        _dossier(dossier_kind, unit, year)
        fields = ["votes_for", "points", *(["exclusions"] if model is HouseholdYear else [])]
        model.objects.filter(pk__in=list(votes)).update(meeting=meeting)
        bulk_set(
            model,
            {
                row_id: {"votes_for": vote.votes_for, "points": vote.points, "exclusions": list(vote.exclusions)}
                for row_id, vote in votes.items()
            },
            fields,
        )
        audit_record(
            actor=actor,
            action="evaluations.meeting_record",
            obj=meeting,
            after={
                "kind": kind,
                "held_on": held_on.isoformat(),
                "convened": convened,
                "present": present,
                "lines": len(votes),
            },
        )
    return meeting


def area_recount(*, area: Unit, year: int) -> AreaYear:
    """The share of cultural families of an area, computed from the household titles of the year."""
    counts = HouseholdYear.objects.filter(area=area, year=year).aggregate(
        total=Count("pk"), titled=Count("pk", filter=Q(titled=True, revoked_on__isnull=True))
    )
    row, _created = AreaYear.objects.get_or_create(area=area, year=year)
    row.households, row.gdvh_households = counts["total"], counts["titled"]
    row.save(update_fields=["households", "gdvh_households"])
    return row


def decision_record(
    *,
    dossier: Dossier,
    number: int,
    issued_on: datetime.date,
    issuer: Unit,
    signer_title: str,
    signer_name: str,
    titled_ids: Iterable[int],
    actor: Any,
    symbol: str = "QĐ-UBND",
) -> Decision:
    """The numbered decision of the chairman: the listed households (or areas) receive the title."""
    with transaction.atomic():
        if dossier.status != DossierStatus.REVIEWED:
            raise DomainError(_("Only a reviewed dossier can be decided."))
        year_start = datetime.date(issued_on.year, 1, 1)
        if Decision.objects.filter(
            issuer=issuer,
            number=number,
            symbol=symbol,
            issued_on__gte=year_start,
            issued_on__lte=issued_on.replace(month=12, day=31),
        ).exists():
            raise DomainError(
                _("The number %(number)s/%(symbol)s is already used by %(issuer)s in %(year)s."),
                number=f"{number:02d}",
                symbol=symbol,
                issuer=issuer.full_name,
                year=issued_on.year,
            )
        kind = DecisionKind.GDVH if dossier.kind == DossierKind.GDVH else DecisionKind.KDC
        decision = Decision.objects.create(
            kind=kind,
            issuer=issuer,
            year=dossier.year,
            number=number,
            symbol=symbol,
            issued_on=issued_on,
            signer_title=signer_title,
            signer_name=signer_name,
            created_by=actor,
        )
        ids = set(titled_ids)
        lines: QuerySet[Any]
        if dossier.kind == DossierKind.GDVH:
            lines = HouseholdYear.objects.filter(area=dossier.unit, year=dossier.year)
        else:
            lines = AreaYear.objects.filter(area__in=_areas_of(dossier.unit, dossier.year), year=dossier.year)
        meeting_after = lines.filter(meeting__held_on__gt=issued_on).exists()
        if meeting_after:
            raise DomainError(_("The decision cannot come before the evaluation meeting."))
        unknown = ids - set(lines.values_list("pk", flat=True))
        if unknown:
            raise DomainError(_("Some listed lines are not part of this dossier."))
        lines.filter(pk__in=ids).update(titled=True, decision=decision)
        lines.exclude(pk__in=ids).update(titled=False, decision=decision)
        dossier.decision = decision
        dossier.save(update_fields=["decision"])
        transition(dossier, to=DossierStatus.DECIDED, actor=actor, reason=str(decision))
        audit_record(
            actor=actor,
            action="evaluations.decision_record",
            obj=decision,
            after={"number": number, "issued_on": issued_on.isoformat(), "titled": len(ids)},
        )
        if dossier.kind == DossierKind.GDVH:
            area_recount(area=dossier.unit, year=dossier.year)
    return decision


def _areas_of(commune: Unit, year: int) -> list[int]:
    from thidua.units.selectors import unit_subtree

    return list(
        unit_subtree(commune, as_of=datetime.date(year, 12, 31)).filter(level=Level.AREA).values_list("pk", flat=True)
    )


def title_revoke(*, line: HouseholdYear | AreaYear, revoked_on: datetime.date, reason: str, actor: Any) -> None:
    """Titles are never deleted or edited: a revocation is recorded with its reason."""
    if not reason.strip():
        raise DomainError(_("A title is revoked only with a reason."))
    with transaction.atomic():
        if not line.titled:
            raise DomainError(_("There is no title to revoke."))
        if line.revoked_on is not None:
            raise DomainError(_("The title was already revoked."))
        line.revoked_on, line.revocation_reason = revoked_on, reason
        line.save(update_fields=["revoked_on", "revocation_reason"])
        audit_record(
            actor=actor,
            action="evaluations.title_revoke",
            obj=line,
            after={"revoked_on": revoked_on.isoformat()},
            reason=reason,
        )
        if isinstance(line, HouseholdYear):
            area_recount(area=line.area, year=line.year)


def _province_of(unit: Unit, day: datetime.date) -> Unit:
    from thidua.units.selectors import unit_ancestors

    chain = unit_ancestors(unit, as_of=day)
    return chain[0]


def meeting_parameters(meeting: Meeting) -> dict[str, Any]:
    """The province's parameters in force on the meeting's date."""
    from thidua.campaigns.selectors import parameters_for

    return parameters_for(_province_of(meeting.unit, meeting.held_on), meeting.held_on)


def household_year_result(line: HouseholdYear, *, params: Mapping[str, Any] | None = None) -> Any:
    """The rules' verdict on one household's year, with every check and its reason ("why not?")."""
    from thidua.campaigns import rules

    meeting = line.meeting
    if meeting is None:
        raise DomainError(_("%(name)s has no evaluation meeting yet."), name=str(line.household))
    if params is None:
        params = meeting_parameters(meeting)
    facts = rules.HouseholdFacts(
        registered=line.registered,
        meeting=rules.Meeting(convened=meeting.convened, present=meeting.present, votes_for=line.votes_for or 0),
        exclusions=tuple(line.exclusions),
        points=float(line.points) if line.points is not None else None,
    )
    return rules.household_title(facts, day=meeting.held_on, regime=rules.regime_for(meeting.held_on), params=params)


def households_evaluate(*, meeting: Meeting, actor: Any) -> dict[str, int]:
    """Apply the rules of the meeting's date to every household it evaluated: who is proposed."""
    with transaction.atomic():
        _refuse_if_closed(DossierKind.GDVH, meeting.unit, meeting.year)
        lines = list(meeting.household_years.select_related("household", "meeting"))
        # Every line of a meeting shares its date and province: the parameters are read once.
        params = meeting_parameters(meeting)
        for line in lines:
            line.proposed = bool(household_year_result(line, params=params).outcome)
        proposed = [line.pk for line in lines if line.proposed]
        meeting.household_years.filter(pk__in=proposed).update(proposed=True)
        meeting.household_years.exclude(pk__in=proposed).update(proposed=False)
        summary = {"evaluated": len(lines), "proposed": sum(1 for line in lines if line.proposed)}
        audit_record(actor=actor, action="evaluations.households_evaluate", obj=meeting, after=summary)
    return summary


def objection_raise(
    *, line: HouseholdYear, raised_on: datetime.date, raised_by: str, text: str, actor: Any
) -> Objection:
    """A resident's objection to a household of the posted list, within the posting period (NĐ 86/2023)."""
    if not text.strip():
        raise DomainError(_("Write the objection."), column="text")
    meeting = line.meeting
    if meeting is None or meeting.posted_from is None or meeting.posted_until is None:
        raise DomainError(_("The list of %(year)s is not posted: objections are recorded while it is."), year=line.year)
    if not meeting.posted_from <= raised_on <= meeting.posted_until:
        raise DomainError(
            _("Objections are recorded from %(start)s to %(end)s, while the list is posted."),
            column="raised_on",
            start=f"{meeting.posted_from:%d/%m/%Y}",
            end=f"{meeting.posted_until:%d/%m/%Y}",
        )
    with transaction.atomic():
        _refuse_if_closed(DossierKind.GDVH, line.area, line.year)
        objection = Objection.objects.create(household_year=line, raised_on=raised_on, raised_by=raised_by, text=text)
        audit_record(actor=actor, action="evaluations.objection_raise", obj=objection, after={"line": line.pk})
    return objection


def objection_resolve(*, objection: Objection, resolved_on: datetime.date, resolution: str, actor: Any) -> Objection:
    if not resolution.strip():
        raise DomainError(_("Say how the objection was resolved."), column="resolution")
    if resolved_on < objection.raised_on:
        raise DomainError(_("An objection is resolved after it is raised."), column="resolved_on")
    with transaction.atomic():
        objection.resolution, objection.resolved_on = resolution, resolved_on
        objection.save(update_fields=["resolution", "resolved_on"])
        audit_record(actor=actor, action="evaluations.objection_resolve", obj=objection, reason=resolution)
    return objection


def households_recompute(*, unit: Unit, year: int, actor: Any, dry_run: bool = False) -> dict[str, int]:
    """Re-apply the rules to every household evaluation meeting of ``unit``'s subtree for ``year``.

    A decided year is never recomputed: its titles stand as decided, so one closed dossier in the
    subtree refuses the whole run before anything is written.
    """
    from thidua.units.selectors import unit_subtree

    units = unit_subtree(unit, as_of=datetime.date(year, 12, 31)).values("pk")
    meetings = list(
        Meeting.objects.filter(kind=MeetingKind.HOUSEHOLD_REVIEW, year=year, unit__in=units).select_related("unit")
    )
    closed = Dossier.objects.filter(
        kind=DossierKind.GDVH, year=year, unit__in=[m.unit_id for m in meetings], status__in=CLOSED
    ).select_related("unit")
    errors = [
        DomainError(
            _("The %(year)s titles of %(unit)s are decided; nothing can be changed any more."),
            year=year,
            unit=dossier.unit.full_name,
        )
        for dossier in closed
    ]
    if errors:
        raise DomainErrors(errors)
    totals = {"meetings": len(meetings), "evaluated": 0, "proposed": 0}
    with transaction.atomic():
        for meeting in meetings:
            summary = households_evaluate(meeting=meeting, actor=actor)
            totals["evaluated"] += summary["evaluated"]
            totals["proposed"] += summary["proposed"]
        if dry_run:
            transaction.set_rollback(True)
    return totals


def decision_certificates_start(*, decision: Decision, actor: Any) -> Job:
    """Queue the printing of one certificate per title of ``decision``; the job's page shows the progress.

    Only the decision's id goes into the job: the worker builds the certificates from the database
    (the certificate source "evaluations.decision"), so a list of a thousand households never sits
    in the job's parameters.
    """
    from thidua.evaluations.selectors import decisions_visible_to

    if not decisions_visible_to(actor).filter(pk=decision.pk).exists():
        raise Refused(
            _("The decision %(decision)s is outside the units you work for."), hidden=True, decision=str(decision)
        )
    name = f"giay-cong-nhan-{decision.number:02d}-{decision.issued_on.year}.pdf"
    params = {"source": "evaluations.decision", "source_params": {"decision_id": decision.pk}, "name": name}
    return job_start(kind="documents.certificates", actor=actor, params=params)
