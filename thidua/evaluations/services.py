"""Writes of the yearly cycle of the households: registrations, the evaluation meetings and their
votes, the rules applied, objections, the dossier's moves, the numbered decision and revocations.

Keyword-only, audited, one transaction each; no ``request``. Each authorizes its actor against the
unit of what it writes first (``thidua.accounts.permissions.authorize``) and owns its invariants, so
no caller (page, API, CLI, test) can bypass them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize, has_permission
from thidua.accounts.system import SYSTEM_ACTOR, Actor
from thidua.audit.services import audit_record
from thidua.campaigns.parameters import EXCLUSION_CATEGORIES
from thidua.campaigns.rules import Result
from thidua.db import bulk_set
from thidua.errors import DomainError, DomainErrors, Refused
from thidua.evaluations.deadlines.selectors import check_open
from thidua.evaluations.kdc.selectors import area_year_result
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
    TitleException,
)
from thidua.evaluations.rollup import rollup_touch
from thidua.evaluations.selectors import (
    DECIDED,
    commune_areas,
    household_year_result,
    households_of_area_year,
    meeting_parameters,
)
from thidua.evaluations.workflow import DOSSIER
from thidua.jobs.models import Job
from thidua.jobs.services import job_start
from thidua.people.models import Household
from thidua.register.models import EntryKind
from thidua.register.services import entry_attach, number_claim
from thidua.units.models import Level, Unit
from thidua.units.selectors import unit_subtree
from thidua.workflow import transition


def _today() -> datetime.date:
    """The day of entry, which the province's deadlines lock."""
    return timezone.localdate()


def refuse_if_closed(kind: str, unit: Unit, year: int) -> None:
    """Nothing of a year whose titles are decided changes any more."""
    dossier = Dossier.objects.filter(kind=kind, unit=unit, year=year).first()
    if dossier is not None and dossier.status in DECIDED:
        raise DomainError(
            _("The %(year)s titles of %(unit)s are decided; nothing can be changed any more."),
            year=year,
            unit=unit.full_name,
        )


def _dossier(kind: str, unit: Unit, year: int) -> Dossier:
    dossier, _created = Dossier.objects.get_or_create(kind=kind, unit=unit, year=year)
    return dossier


def households_register(
    *, area: Unit, year: int, households: Sequence[Household], registered_on: datetime.date, actor: Actor
) -> list[HouseholdYear]:
    """Record the registrations of ``households`` of ``area`` for ``year`` (bản đăng ký): only the
    households living in the area that year, each once a year."""
    authorize(actor, "evaluations.enter_area_year", area)
    if registered_on.year != year:
        raise DomainError(_("A registration for %(year)s is made in %(year)s."), year=year)
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
        refuse_if_closed(DossierKind.GDVH, area, year)
        living = {household.pk for household, _line in households_of_area_year(area, year)}
        errors = [
            DomainError(
                _("The household %(code)s does not live in %(unit)s in %(year)s."),
                code=household.code,
                unit=area.full_name,
                year=year,
            )
            for household in households
            if household.pk not in living
        ]
        already = set(
            HouseholdYear.objects.filter(year=year, household__in=households, registered_on__isnull=False).values_list(
                "household__code", flat=True
            )
        )
        errors += [
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
        rollup_touch(area_ids=[area.pk], year=year)
    return rows


@dataclass(frozen=True)
class Vote:
    """One household's (or area's) line of the meeting: votes for it, points, exclusion categories.

    For a household, points and exclusions are entered only by those who decide the titles
    (``evaluations.view_exclusions``); anyone else leaves them None and empty, and the line keeps
    what is recorded.
    """

    votes_for: int
    points: Decimal | None = None
    exclusions: tuple[str, ...] = field(default_factory=tuple)


def _line_name(row: HouseholdYear | AreaYear) -> str:
    return row.household.head_name if isinstance(row, HouseholdYear) else row.area.full_name


def _line_label(row: HouseholdYear | AreaYear) -> str:
    """A line named so that no two lines of a decision read alike: the household's head and its code."""
    if isinstance(row, HouseholdYear):
        return f"{row.household.head_name} ({row.household.code})"
    return row.area.full_name


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
    actor: Actor,
    posted_from: datetime.date | None = None,
    posted_until: datetime.date | None = None,
) -> Meeting:
    """Record an evaluation meeting and the votes of each household (or area), keyed by their row id.

    An area's household meeting (``unit`` the area) evaluates that area's lines of the year; a
    commune's area meeting (``unit`` the commune) the lines of its areas. A line of anything else is
    refused as unknown. Every line is checked before anything is written: present ≤ convened,
    votes ≤ present, only registered households or areas are evaluated, and only those who decide
    the titles give points and exclusion categories.
    """
    scope: Q
    model: type[HouseholdYear] | type[AreaYear]
    if kind == MeetingKind.HOUSEHOLD_REVIEW:
        authorize(actor, "evaluations.enter_area_year", unit)
        model, scope, dossier_kind = HouseholdYear, Q(area=unit), DossierKind.GDVH
    elif kind == MeetingKind.AREA_REVIEW:
        authorize(actor, "evaluations.enter_commune_year", unit)
        model, scope, dossier_kind = AreaYear, Q(area__in=commune_areas(unit, year)), DossierKind.KDC
    else:
        raise DomainError(_("Only the evaluation meetings of an area or of a commune are recorded here."))
    deciding = kind == MeetingKind.AREA_REVIEW or actor is SYSTEM_ACTOR
    if not deciding:
        decides, why = has_permission("evaluations.view_exclusions", actor, unit)
        if not decides and any(vote.points is not None or vote.exclusions for vote in votes.values()):
            raise Refused(why)
        deciding = decides
    related = "household" if model is HouseholdYear else "area"
    rows: dict[int, Any] = {
        row.pk: row for row in model.objects.filter(scope, pk__in=list(votes), year=year).select_related(related)
    }
    unknown = sorted(set(votes) - set(rows))
    if unknown:
        raise Refused(
            _("Lines %(lines)s are not lines of %(unit)s in %(year)s."),
            hidden=True,
            lines=", ".join(str(pk) for pk in unknown),
            unit=unit.full_name,
            year=year,
        )
    check_open(unit, year, kind, _today())
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
    for row_id, vote in votes.items():
        row = rows[row_id]
        name = _line_name(row)
        if row.registered_on is None:
            errors.append(
                DomainError(_("%(name)s did not register for %(year)s and cannot be evaluated."), name=name, year=year)
            )
        if vote.votes_for > present:
            errors.append(
                DomainError(
                    _("%(votes)s votes for %(name)s is more than the %(present)s present."),
                    column="votes_for",
                    votes=vote.votes_for,
                    name=name,
                    present=present,
                )
            )
        unknown_codes = [c for c in vote.exclusions if c not in EXCLUSION_CATEGORIES and c not in row.exclusions]
        if model is HouseholdYear and unknown_codes:
            errors.append(
                DomainError(
                    _("%(name)s: “%(text)s” is not an exclusion category."),
                    column="exclusions",
                    name=name,
                    text=", ".join(unknown_codes),
                )
            )
    if errors:
        raise DomainErrors(errors)
    with transaction.atomic():
        refuse_if_closed(dossier_kind, unit, year)
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
        # Anyone but those who decide keeps the points and exclusions recorded as they are.
        fields = ["votes_for"]
        if deciding:
            fields += ["points", *(["exclusions"] if model is HouseholdYear else [])]
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
        if kind == MeetingKind.HOUSEHOLD_REVIEW:
            rollup_touch(area_ids=[unit.pk], year=year)
    return meeting


def area_recount(*, area: Unit, year: int) -> AreaYear:
    """The share of cultural families of an area, computed from the household titles of the year.

    Derived data, recounted by the services that change titles (they authorized their actor).
    """
    counts = HouseholdYear.objects.filter(area=area, year=year).aggregate(
        total=Count("pk"), titled=Count("pk", filter=Q(titled=True, revoked_on__isnull=True))
    )
    row, _created = AreaYear.objects.get_or_create(area=area, year=year)
    row.households, row.gdvh_households = counts["total"], counts["titled"]
    row.save(update_fields=["households", "gdvh_households"])
    return row


def _areas_of(commune: Unit, year: int) -> list[int]:
    return list(
        unit_subtree(commune, as_of=datetime.date(year, 12, 31)).filter(level=Level.AREA).values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class LineException:
    """Why a decision titles a line its meeting did not carry, and the document that grounds it."""

    reason: str
    document: str


def _line_verdicts(dossier: Dossier, lines: Iterable[HouseholdYear | AreaYear]) -> dict[int, Result | None]:
    """The rules' verdict on each line under the regime of its meeting's date (None: never voted on)."""
    verdicts: dict[int, Result | None] = {}
    params: dict[int, Mapping[str, Any]] = {}
    for line in lines:
        if line.meeting is None or line.votes_for is None:
            verdicts[line.pk] = None
        elif isinstance(line, HouseholdYear):
            if line.meeting.pk not in params:
                params[line.meeting.pk] = meeting_parameters(line.meeting)
            verdicts[line.pk] = household_year_result(line, params=params[line.meeting.pk])
        else:
            verdicts[line.pk] = area_year_result(line)
    return verdicts


def _excluded(line: HouseholdYear | AreaYear, result: Result) -> bool:
    """Under an exclusion: the rules of the date exclude the household, or any exclusion category is
    recorded on it (even where the regime of the date lists none, no exception titles it)."""
    recorded = isinstance(line, HouseholdYear) and bool(line.exclusions)
    return recorded or any(check.rule == "exclusions" and not check.passed for check in result.checks)


def _titling_errors(
    lines: Sequence[HouseholdYear | AreaYear],
    verdicts: Mapping[int, Result | None],
    exceptions: Mapping[int, LineException],
    ids: set[int],
) -> list[DomainError]:
    """Every titled line must be carried by its meeting under the rules of its date, or be a recorded
    exception; a line never registered and voted on, or under an exclusion, is titled by nothing."""
    errors: list[DomainError] = []
    for line in lines:
        name, verdict, exception = _line_label(line), verdicts[line.pk], exceptions.get(line.pk)
        if line.pk not in ids:
            if exception is not None:
                errors.append(
                    DomainError(_("%(name)s: an exception is recorded only for a line the decision titles."), name=name)
                )
            continue
        if verdict is None or line.registered_on is None:
            errors.append(
                DomainError(
                    _("%(name)s was not registered and voted on at the evaluation meeting: it cannot be titled."),
                    name=name,
                )
            )
        elif verdict.outcome:
            if exception is not None:
                errors.append(
                    DomainError(_("%(name)s was carried by the meeting: no exception is recorded for it."), name=name)
                )
        elif _excluded(line, verdict):
            errors.append(
                DomainError(
                    _("%(name)s is under an exclusion: it cannot be titled, not even by an exception."), name=name
                )
            )
        elif exception is None:
            failed = "; ".join(check.detail for check in verdict.checks if not check.passed)
            errors.append(
                DomainError(
                    _(
                        "%(name)s was not carried by the meeting of %(day)s (%(failed)s): it is titled only by "
                        "an exception recorded with its reason and its document."
                    ),
                    name=name,
                    day=f"{line.meeting.held_on:%d/%m/%Y}" if line.meeting else "",
                    failed=failed,
                )
            )
        elif exception is not None and not (exception.reason.strip() and exception.document.strip()):
            errors.append(
                DomainError(
                    _("%(name)s: an exception needs its reason and the document that grounds it."),
                    column="exceptions",
                    name=name,
                )
            )
    return errors


def decision_record(
    *,
    dossier: Dossier,
    number: int,
    issued_on: datetime.date,
    issuer: Unit,
    signer_title: str,
    signer_name: str,
    titled_ids: Iterable[int],
    actor: Actor,
    symbol: str = "QĐ-UBND",
    exceptions: Mapping[int, LineException] | None = None,
) -> Decision:
    """The numbered decision of the chairman: the listed households (or areas) receive the title,
    and the dossier is decided (the only way a dossier becomes "decided").

    A decision titles only what the rules and the meeting carried: each listed line must pass the
    rules of its meeting's date (the area's meeting for households, the commune's screening and vote
    for areas). A line the meeting did not carry is titled only by a recorded exception (``exceptions``,
    keyed by line id: why, on which document), never one under an exclusion or never registered and
    voted on. The audit row names each line titled and each exception.
    """
    authorize(actor, "evaluations.decide_dossier", dossier)
    exceptions = dict(exceptions or {})
    with transaction.atomic():
        if dossier.status != DossierStatus.REVIEWED:
            raise DomainError(_("Only a reviewed dossier can be decided."))
        # The number typed from the paper decision is checked against the body's one register (award
        # decisions and tờ trình included) and registered under its lock, in this transaction.
        entry = number_claim(
            issuer=issuer, symbol=symbol, number=number, issued_on=issued_on, kind=EntryKind.RECOGNITION
        )
        ids = set(titled_ids)
        lines: QuerySet[Any]
        if dossier.kind == DossierKind.GDVH:
            lines = HouseholdYear.objects.filter(area=dossier.unit, year=dossier.year).select_related(
                "household", "meeting"
            )
        else:
            lines = AreaYear.objects.filter(
                area__in=_areas_of(dossier.unit, dossier.year), year=dossier.year
            ).select_related("area", "meeting")
        meeting_after = lines.filter(meeting__held_on__gt=issued_on).exists()
        if meeting_after:
            raise DomainError(_("The decision cannot come before the evaluation meeting."))
        known = set(lines.values_list("pk", flat=True))
        if (ids | set(exceptions)) - known:
            raise DomainError(_("Some listed lines are not part of this dossier."))
        concerned = [line for line in lines.filter(pk__in=ids | set(exceptions))]
        verdicts = _line_verdicts(dossier, concerned)
        errors = _titling_errors(concerned, verdicts, exceptions, ids)
        if errors:
            raise DomainErrors(errors)
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
            created_by=actor if actor.pk else None,
        )
        entry_attach(entry=entry, document=decision)
        lines.filter(pk__in=ids).update(titled=True, decision=decision)
        lines.exclude(pk__in=ids).update(titled=False, decision=decision)
        recorded = []
        for line in concerned:
            exception = exceptions.get(line.pk)
            verdict = verdicts[line.pk]
            if exception is None or verdict is None:
                continue
            overridden = [check.as_dict() for check in verdict.checks if not check.passed]
            TitleException.objects.create(
                decision=decision,
                household_year=line if isinstance(line, HouseholdYear) else None,
                area_year=line if isinstance(line, AreaYear) else None,
                reason=exception.reason.strip(),
                document=exception.document.strip(),
                overridden=overridden,
                recorded_by=actor if actor.pk else None,
            )
            recorded.append(
                {
                    "line": line.pk,
                    "name": _line_label(line),
                    "reason": exception.reason.strip(),
                    "document": exception.document.strip(),
                    "overridden": [item["detail"] for item in overridden],
                }
            )
        dossier.decision = decision
        dossier.save(update_fields=["decision"])
        transition(DOSSIER, dossier, to=DossierStatus.DECIDED, actor=actor, reason=str(decision))
        audit_record(
            actor=actor,
            action="evaluations.decision_record",
            obj=decision,
            after={
                "number": number,
                "issued_on": issued_on.isoformat(),
                "titled": [
                    {"line": line.pk, "name": _line_label(line)}
                    for line in sorted(concerned, key=lambda li: li.pk)
                    if line.pk in ids
                ],
                "exceptions": recorded,
            },
        )
        if dossier.kind == DossierKind.GDVH:
            area_recount(area=dossier.unit, year=dossier.year)
            rollup_touch(area_ids=[dossier.unit_id], year=dossier.year)
        else:
            rollup_touch(area_ids=lines.values_list("area_id", flat=True), year=dossier.year)
    return decision


def dossier_transition(*, dossier: Dossier, to: str, actor: Actor, reason: str = "") -> Dossier:
    """Move ``dossier`` along the workflow's table (``workflow.DOSSIER``): submit, return with a
    reason, review, lock. "Decided" is never a move of its own: ``decision_record`` makes it."""
    authorize(actor, "evaluations.view_dossier", dossier)
    if to not in DossierStatus.values:
        raise DomainError(_("There is no status %(status)s."), column="to", status=to)
    if to == DossierStatus.DECIDED:
        raise DomainError(_("A dossier is decided by recording its numbered decision."), column="to")
    with transaction.atomic():
        moved = transition(DOSSIER, dossier, to=to, actor=actor, reason=reason)
        if dossier.kind == DossierKind.GDVH:
            rollup_touch(area_ids=[dossier.unit_id], year=dossier.year)
    return moved


def title_revoke(*, line: HouseholdYear | AreaYear, revoked_on: datetime.date, reason: str, actor: Actor) -> None:
    """Titles are never deleted or edited: a revocation is recorded with its reason."""
    authorize(actor, "evaluations.revoke_title", line.area)
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
        rollup_touch(area_ids=[line.area_id], year=line.year)


def _households_evaluate(meeting: Meeting, actor: Actor) -> dict[str, int]:
    with transaction.atomic():
        refuse_if_closed(DossierKind.GDVH, meeting.unit, meeting.year)
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


def households_evaluate(*, area: Unit, year: int, actor: Actor) -> dict[str, int]:
    """Apply the rules of the date of ``area``'s evaluation meeting of ``year`` to every household it
    evaluated: who is proposed."""
    authorize(actor, "evaluations.enter_area_year", area)
    meeting = Meeting.objects.filter(kind=MeetingKind.HOUSEHOLD_REVIEW, unit=area, year=year).first()
    if meeting is None:
        raise DomainError(_("Record the evaluation meeting first."))
    return _households_evaluate(meeting, actor)


def households_recompute(*, unit: Unit, year: int, actor: Actor, dry_run: bool = False) -> dict[str, int]:
    """Re-apply the rules to every household evaluation meeting of ``unit``'s subtree for ``year``.

    A decided year is never recomputed: its titles stand as decided, so one closed dossier in the
    subtree refuses the whole run before anything is written.
    """
    authorize(actor, "evaluations.recompute_proposals", unit)
    units = unit_subtree(unit, as_of=datetime.date(year, 12, 31)).values("pk")
    meetings = list(
        Meeting.objects.filter(kind=MeetingKind.HOUSEHOLD_REVIEW, year=year, unit__in=units).select_related("unit")
    )
    closed = Dossier.objects.filter(
        kind=DossierKind.GDVH, year=year, unit__in=[m.unit_id for m in meetings], status__in=DECIDED
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
            summary = _households_evaluate(meeting, actor)
            totals["evaluated"] += summary["evaluated"]
            totals["proposed"] += summary["proposed"]
        if dry_run:
            transaction.set_rollback(True)
    return totals


def objection_raise(
    *, line: HouseholdYear, raised_on: datetime.date, raised_by: str, text: str, actor: Actor
) -> Objection:
    """A resident's objection to a household of the posted list, within the posting period (NĐ 86/2023)."""
    authorize(actor, "evaluations.enter_area_year", line.area)
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
        refuse_if_closed(DossierKind.GDVH, line.area, line.year)
        objection = Objection.objects.create(household_year=line, raised_on=raised_on, raised_by=raised_by, text=text)
        audit_record(actor=actor, action="evaluations.objection_raise", obj=objection, after={"line": line.pk})
    return objection


def objection_resolve(*, objection: Objection, resolved_on: datetime.date, resolution: str, actor: Actor) -> Objection:
    line = objection.household_year
    if line is None:
        raise DomainError(_("This objection is not about a household's line."))
    authorize(actor, "evaluations.enter_area_year", line.area)
    if not resolution.strip():
        raise DomainError(_("Say how the objection was resolved."), column="resolution")
    if resolved_on < objection.raised_on:
        raise DomainError(_("An objection is resolved after it is raised."), column="resolved_on")
    with transaction.atomic():
        objection.resolution, objection.resolved_on = resolution, resolved_on
        objection.save(update_fields=["resolution", "resolved_on"])
        audit_record(actor=actor, action="evaluations.objection_resolve", obj=objection, reason=resolution)
    return objection


def exclusions_viewed(
    *, actor: Actor, area: Unit, year: int, lines: Iterable[HouseholdYear | None], channel: str
) -> None:
    """Record that ``actor`` saw the exclusion categories of ``area``'s households for ``year``: every
    view of them is audited, even when none is recorded."""
    authorize(actor, "evaluations.view_exclusions", area)
    shown = [line for line in lines if line is not None]
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="evaluations.exclusions_view",
            obj=area,
            after={
                "year": year,
                "channel": channel,
                "lines": len(shown),
                "with_exclusions": [line.pk for line in shown if line.exclusions],
            },
        )


def decision_certificates_start(*, decision: Decision, actor: Actor) -> Job:
    """Queue the printing of one certificate per title of ``decision``; the job's page shows the progress.

    Only the decision's id goes into the job: the worker builds the certificates from the database
    (the certificate source "evaluations.decision"), so a list of a thousand households never sits
    in the job's parameters.
    """
    authorize(actor, "evaluations.print_certificates", decision)
    name = f"giay-cong-nhan-{decision.number:02d}-{decision.issued_on.year}.pdf"
    params = {"source": "evaluations.decision", "source_params": {"decision_id": decision.pk}, "name": name}
    return job_start(kind="documents.certificates", actor=actor, params=params)
