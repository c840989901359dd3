"""Nominations (đề nghị) of a commendation round: a commune puts an area or a Trưởng ban forward for
one award form, attaches the achievement report (báo cáo thành tích), submits; the district returns it
with a reason or accepts it within the form's quota.

The moves are a table, ``TRANSITIONS``: state → {target: (label, part)}. The *submitter* is an
officer of the nominating unit's subtree (the commune, or a higher unit nominating for itself); the
*reviewer* an officer of the round's issuing body or above. ``nomination_transition`` applies the
table; every move is a ``NominationStep`` and an audit entry in the same transaction.

Eligibility is HA's (``thidua.awards.rounds.selectors.candidate_check``): a subject that is not an eligible
candidate of the form is refused unless the commune nominates it *outside the candidates* with a
written justification, which stays flagged everywhere the nomination shows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.audit.services import audit_record
from thidua.awards.models import (
    AreaMovement,
    Award,
    AwardForm,
    Nomination,
    NominationStatus,
    NominationStep,
    Round,
    RoundStatus,
    Subject,
)
from thidua.errors import DomainError
from thidua.lib.vietnamese import vi_capitalize
from thidua.people.models import Person, Position, PositionKind
from thidua.units.models import Level, Unit
from thidua.units.selectors import subtree_q, unit_ancestors, unit_name_at, units_visible_to

if TYPE_CHECKING:
    from thidua.awards.rounds.selectors import CandidateRow

S = NominationStatus
SUBMITTER, REVIEWER = "submitter", "reviewer"

# The table of moves. Creation makes a draft; nothing leaves "accepted" or "withdrawn" here (the
# council, the decision and the consultation take an accepted nomination further).
TRANSITIONS: dict[str, dict[str, tuple[Any, str]]] = {
    S.DRAFT: {S.SUBMITTED: (_("Submit"), SUBMITTER), S.WITHDRAWN: (_("Withdraw"), SUBMITTER)},
    S.SUBMITTED: {S.RETURNED: (_("Return with a reason"), REVIEWER), S.ACCEPTED: (_("Accept"), REVIEWER)},
    S.RETURNED: {S.SUBMITTED: (_("Submit again"), SUBMITTER), S.WITHDRAWN: (_("Withdraw"), SUBMITTER)},
    S.ACCEPTED: {},
    S.WITHDRAWN: {},
}

# Who plays each part. The unit conditions are in ``nominate_refusal`` and ``review_refusal``.
ROLES: dict[str, set[str]] = {
    SUBMITTER: {Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER},
    REVIEWER: {Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER},
}

# The report and the justification can be edited while the commune holds the nomination.
EDITABLE = (S.DRAFT, S.RETURNED)
# A nomination outside the candidates needs a real explanation, not "see file".
MIN_JUSTIFICATION = 30


def _today() -> datetime.date:
    return timezone.localdate()


# Places -------------------------------------------------------------------------------------------


def _is_admin(user: Any) -> bool:
    return bool(user.is_superuser or user.is_administrator)


def _in_subtree(unit_id: int, root_id: int, *, as_of: datetime.date | None = None) -> bool:
    return Unit.objects.filter(subtree_q(root_id, as_of=as_of), pk=unit_id).exists()


def _year_ends(round: Round) -> list[datetime.date]:
    return [datetime.date(year, 12, 31) for year in round.years]


def subject_within(area: Unit, unit: Unit, round: Round) -> bool:
    """Whether ``area`` hung under ``unit`` at the end of some year of the round's period.

    A nominating unit created after the period (a ward merged on 1/7/2025) answers for what its
    predecessors held, through lineage.
    """
    ends = _year_ends(round)
    if any(_in_subtree(area.pk, unit.pk, as_of=day) for day in ends):
        return True
    if unit.valid_from is not None and unit.valid_from > ends[-1]:
        return _in_subtree(area.pk, unit.pk)
    return False


def person_area_in(person: Person, round: Round) -> Unit | None:
    """The area where ``person`` last served as Trưởng ban công tác Mặt trận during the period."""
    first, last = datetime.date(round.period_start, 1, 1), datetime.date(round.period_end, 12, 31)
    position = (
        Position.objects.filter(person=person, kind=PositionKind.TRUONG_BAN_BCTMT, term_from__lte=last)
        .exclude(term_to__lt=first)
        .select_related("unit")
        .order_by("-term_from")
        .first()
    )
    return position.unit if position else None


def commune_in(area: Unit, round: Round) -> Unit | None:
    """The commune ``area`` belonged to at the end of the period."""
    chain = unit_ancestors(area, as_of=datetime.date(round.period_end, 12, 31))
    return next((unit for unit in reversed(chain) if unit.level == Level.COMMUNE), None)


def round_visible(user: Any, round: Round) -> bool:
    """Officers of the issuing body and above, and of the units below it, see the round."""
    if _is_admin(user):
        return True
    if user.unit_id is None:
        return False
    return units_visible_to(user).filter(pk=round.issuer_id).exists() or _in_subtree(user.unit_id, round.issuer_id)


def nominating_units(user: Any, round: Round) -> list[Unit]:
    """The units ``user`` may nominate for in ``round``: their own (a commune or above, under the
    issuing body); for an administrator, every commune under the issuing body in the period."""
    if _is_admin(user):
        day = datetime.date(round.period_end, 12, 31)
        return list(Unit.objects.filter(subtree_q(round.issuer_id, as_of=day), level=Level.COMMUNE).order_by("name"))
    unit = user.unit
    if unit is None or not has_role(user, *ROLES[SUBMITTER]) or unit.level > Level.COMMUNE:
        return []
    # The issuing body reviews; it does not nominate to itself from the page.
    if unit.pk == round.issuer_id or not _in_subtree(unit.pk, round.issuer_id):
        return []
    return [unit]


# Who may act --------------------------------------------------------------------------------------


def nominate_refusal(user: Any, unit: Unit) -> DomainError | None:
    """Why ``user`` may not act for ``unit`` as the nominating side (the right role, and belonging to
    its subtree), or None."""
    if _is_admin(user):
        return None
    if user.role not in ROLES[SUBMITTER]:
        return DomainError(_("Only an officer of the nominating commune nominates and submits."))
    if user.unit_id is None or not _in_subtree(user.unit_id, unit.pk):
        return DomainError(_("You do not work for %(unit)s, which makes this nomination."), unit=unit.full_name)
    return None


def review_refusal(user: Any, round: Round, nominated_by: Unit | None = None) -> DomainError | None:
    """Why ``user`` may not review: only an officer of the round's issuing body (or above), not the nominator."""
    if _is_admin(user):
        return None
    if user.role not in ROLES[REVIEWER]:
        return DomainError(_("Only an officer of the body that runs the round returns or accepts a nomination."))
    if not units_visible_to(user).filter(pk=round.issuer_id).exists():
        return DomainError(_("This round is run by a unit outside the unit you work for."))
    if nominated_by is not None and user.unit_id == nominated_by.pk:
        return DomainError(_("A nomination is reviewed by the level above the unit that makes it."))
    return None


def act_refusal(user: Any, nomination: Nomination, part: str) -> DomainError | None:
    if part == SUBMITTER:
        return nominate_refusal(user, nomination.nominated_by)
    return review_refusal(user, nomination.round, nomination.nominated_by)


def may_nominate(user: Any, unit: Unit) -> bool:
    return nominate_refusal(user, unit) is None


def may_review(user: Any, round: Round) -> bool:
    return review_refusal(user, round) is None


def available_transitions(nomination: Nomination, user: Any) -> list[tuple[str, str]]:
    return [
        (target, str(label))
        for target, (label, part) in TRANSITIONS[nomination.status].items()
        if act_refusal(user, nomination, part) is None
    ]


def may_edit(user: Any, nomination: Nomination) -> bool:
    return nomination.status in EDITABLE and may_nominate(user, nomination.nominated_by)


@predicate("awards.nominate")
def can_nominate(user: Any, unit: Unit) -> Decision:
    refusal = nominate_refusal(user, unit)
    return ALLOWED if refusal is None else (False, refusal.reason())


@predicate("awards.review_nominations")
def can_review_nominations(user: Any, round: Round) -> Decision:
    refusal = review_refusal(user, round)
    return ALLOWED if refusal is None else (False, refusal.reason())


# Refusals -----------------------------------------------------------------------------------------


def _refuse_unless_open(round: Round, *, deadline: bool) -> None:
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


@dataclass(frozen=True)
class QuotaState:
    """Where a form stands: accepted nominations against its quota (None: the form has none)."""

    form: AwardForm
    pool: int
    quota: int | None
    accepted: int
    text: str = ""

    @property
    def left(self) -> int | None:
        return None if self.quota is None else max(self.quota - self.accepted, 0)


def form_quota(form: AwardForm) -> QuotaState:
    """The form's quota on its eligible pool (HA's ``rules.quota_size``), and how many are accepted."""
    from thidua.awards.rounds import selectors

    accepted = Nomination.objects.filter(form=form, status=S.ACCEPTED).count()
    if form.quota_count is None and not form.quota_share.strip():
        return QuotaState(form, 0, None, accepted)
    pool = selectors.eligible_pool(selectors.round_candidates(form.round, form=form), form)
    return QuotaState(form, pool, selectors.form_quota(form, pool), accepted, selectors.form_quota_text(form, pool))


# Services -----------------------------------------------------------------------------------------


def nomination_create(
    *,
    round: Round,
    form: AwardForm,
    area: Unit | None = None,
    person: Person | None = None,
    nominated_by: Unit,
    outside_candidates: bool = False,
    justification: str = "",
    actor: Any,
) -> Nomination:
    """Put ``area`` or ``person`` forward for ``form``, as a draft with its evidence and a drafted report."""
    from thidua.awards.rounds.selectors import candidate_check

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
    _refuse_unless_open(round, deadline=True)
    if nominated_by.level > Level.COMMUNE:
        raise DomainError(_("%(unit)s cannot nominate: a commune or a higher unit does."), unit=nominated_by.full_name)
    if not _in_subtree(nominated_by.pk, round.issuer_id):
        raise DomainError(
            _("%(unit)s is not under %(issuer)s, which runs this round."),
            unit=nominated_by.full_name,
            issuer=round.issuer.full_name,
        )
    refusal = nominate_refusal(actor, nominated_by)
    if refusal is not None:
        raise refusal

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
            # language the refusal is read in (both, for the bilingual message).
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
                    created_by=actor if getattr(actor, "pk", None) else None,
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


def nomination_report_update(*, nomination: Nomination, report: str, actor: Any) -> Nomination:
    """Replace the achievement report while the commune holds the nomination (draft or returned)."""
    with transaction.atomic():
        current = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if current.status not in EDITABLE:
            raise DomainError(
                _("A nomination that is %(status)s cannot be edited any more."),
                status=NominationStatus(current.status).label,
            )
        refusal = nominate_refusal(actor, current.nominated_by)
        if refusal is not None:
            raise refusal
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


def nomination_transition(given: Nomination, *, to: str, actor: Any, reason: str = "") -> Nomination:
    """Move ``given`` to ``to`` if the table allows it for ``actor``; ``given`` is updated in place."""
    reason = reason.strip()
    with transaction.atomic():
        # Lock the row: two officers pressing a button at once must not both move it.
        nomination = (
            Nomination.objects.select_for_update().select_related("round", "form", "nominated_by").get(pk=given.pk)
        )
        allowed = TRANSITIONS[nomination.status]
        if to not in allowed:
            raise DomainError(
                _("A nomination that is %(status)s cannot become %(target)s."),
                status=NominationStatus(nomination.status).label,
                target=NominationStatus(to).label,
            )
        _label, part = allowed[to]
        refusal = act_refusal(actor, nomination, part)
        if refusal is not None:
            raise refusal
        source = nomination.status
        # The deadline binds the commune's own first submission; a nomination the district returned
        # may come back while the round is still taking nominations.
        _refuse_unless_open(nomination.round, deadline=source == S.DRAFT and to == S.SUBMITTED)
        if to == S.SUBMITTED and not nomination.report.strip():
            raise DomainError(_("Attach the achievement report before submitting."))
        if to == S.RETURNED and not reason:
            raise DomainError(_("Say why the nomination is returned: the commune must know what to fix."))
        if to == S.ACCEPTED:
            _refuse_beyond_quota(nomination.form)
        nomination.status = to
        nomination.save(update_fields=["status"])
        NominationStep.objects.create(
            nomination=nomination,
            source=source,
            target=to,
            actor=actor if getattr(actor, "pk", None) else None,
            reason=reason,
        )
        audit_record(
            actor=actor,
            action="awards.nomination_transition",
            obj=nomination,
            before={"status": source},
            after={"status": to},
            reason=reason,
        )
    given.status = nomination.status
    return given


def _refuse_beyond_quota(form: AwardForm) -> None:
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
            pool=state.pool,
            accepted=state.accepted,
        )


def nomination_submit(*, nomination: Nomination, actor: Any) -> Nomination:
    return nomination_transition(nomination, to=S.SUBMITTED, actor=actor)


def nomination_return(*, nomination: Nomination, reason: str, actor: Any) -> Nomination:
    return nomination_transition(nomination, to=S.RETURNED, actor=actor, reason=reason)


def nomination_accept(*, nomination: Nomination, actor: Any) -> Nomination:
    return nomination_transition(nomination, to=S.ACCEPTED, actor=actor)


def nomination_withdraw(*, nomination: Nomination, actor: Any, reason: str = "") -> Nomination:
    return nomination_transition(nomination, to=S.WITHDRAWN, actor=actor, reason=reason)


# Reads --------------------------------------------------------------------------------------------


def nominations_visible_to(user: Any, round: Round) -> QuerySet[Nomination]:
    """The round's nominations made by units the user sees (all of them for the issuing body)."""
    nominations = Nomination.objects.filter(round=round).select_related(
        "form", "area", "person", "person_area", "nominated_by", "created_by"
    )
    if _is_admin(user):
        return nominations
    return nominations.filter(nominated_by__in=units_visible_to(user))


@dataclass
class CommuneQueue:
    commune: Unit
    nominations: list[Nomination]

    @property
    def submitted(self) -> bool:
        return any(n.status in (S.SUBMITTED, S.ACCEPTED) for n in self.nominations)


@dataclass
class RoundQueue:
    """The district's view: each commune with its nominations ("5 of 8 communes have submitted")."""

    communes: list[CommuneQueue]
    others: list[Nomination]

    @property
    def submitted(self) -> int:
        return sum(1 for c in self.communes if c.submitted)

    @property
    def total(self) -> int:
        return len(self.communes)


def round_queue(round: Round, nominations: Iterable[Nomination]) -> RoundQueue:
    from thidua.lib.text import vi_sort_key

    day = datetime.date(round.period_end, 12, 31)
    communes = sorted(
        Unit.objects.filter(subtree_q(round.issuer_id, as_of=day), level=Level.COMMUNE),
        key=lambda unit: vi_sort_key(unit.name),
    )
    by_unit: dict[int, list[Nomination]] = {}
    for nomination in nominations:
        by_unit.setdefault(nomination.nominated_by_id, []).append(nomination)
    queues = [CommuneQueue(commune, by_unit.pop(commune.pk, [])) for commune in communes]
    return RoundQueue(queues, [n for rest in by_unit.values() for n in rest])


# The achievement report ---------------------------------------------------------------------------

CAMPAIGN_BEFORE_2016 = "“Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư”"
CAMPAIGN_FROM_2016 = "“Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”"
KDC_TITLE = "“Khu dân cư văn hóa”"


def _campaign(round: Round) -> str:
    # Renamed on 8/7/2016: a period that ends before then names the campaign as it was called.
    return CAMPAIGN_BEFORE_2016 if round.period_end < 2016 else CAMPAIGN_FROM_2016


def _tier_label(code: str) -> str:
    from thidua.campaigns.parameters import MTTQ_TIER_LABELS

    with translation.override("vi"):
        return str(MTTQ_TIER_LABELS[code]) if code in MTTQ_TIER_LABELS else code


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "nay"


def _number(value: Any) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if value is not None else ""
    return text.replace(".", ",")


def _year_lines(area: Unit, years: Iterable[int]) -> list[str]:
    from thidua.evaluations.models import AreaYear

    rows = {
        row.year: row
        for row in AreaYear.objects.filter(area=area, year__in=list(years)).select_related("decision__issuer")
    }
    lines = []
    for year in years:
        row = rows.get(year)
        if row is None:
            lines.append(f"- Năm {year}: không có số liệu bình xét.")
            continue
        parts = []
        if row.titled and row.revoked_on is None:
            title = f"đạt danh hiệu {KDC_TITLE}"
            if row.decision is not None:
                decision = row.decision
                issuer = unit_name_at(decision.issuer, decision.issued_on)
                title += (
                    f" (Quyết định số {decision.number:02d}/{decision.symbol} ngày {decision.issued_on:%d/%m/%Y} "
                    f"của Chủ tịch Ủy ban nhân dân {issuer})"
                )
            parts.append(title)
        elif row.titled and row.revoked_on is not None:
            parts.append(f"danh hiệu {KDC_TITLE} bị thu hồi ngày {row.revoked_on:%d/%m/%Y}")
        else:
            parts.append(f"chưa đạt danh hiệu {KDC_TITLE}")
        if row.households:
            share = _number(round(row.gdvh_households * 100 / row.households, 1))
            parts.append(f"{row.gdvh_households}/{row.households} hộ đạt danh hiệu “Gia đình văn hóa” ({share}%)")
        if row.mttq_tier:
            points = f", {_number(row.mttq_points)} điểm" if row.mttq_points is not None else ""
            parts.append(f"Ban Thường trực Ủy ban MTTQ xếp loại {_tier_label(row.mttq_tier)}{points}")
        lines.append(f"- Năm {year}: " + "; ".join(parts) + ".")
    return lines


def _movement_lines(area: Unit, years: Iterable[int]) -> list[str]:
    rows = (
        AreaMovement.objects.filter(area=area, year__in=list(years))
        .select_related("movement")
        .order_by("year", "movement__name")
    )
    # One line per movement and what the area did, with the years it did it ("2009–2013" when every
    # year in a row), not the same line repeated for each year.
    grouped: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        grouped.setdefault((row.movement.name, row.description.strip().rstrip(".")), []).append(row.year)
    lines = []
    for (name, description), done in sorted(grouped.items(), key=lambda item: (min(item[1]), item[0][0])):
        text = f"- {_years_text(sorted(done))}, phong trào “{name}”"
        lines.append(f"{text}: {description}." if description else f"{text}.")
    return lines


def _years_text(years: list[int]) -> str:
    """ "Năm 2011", "Các năm 2009–2013", "Các năm 2009, 2011, 2012"."""
    if len(years) == 1:
        return f"Năm {years[0]}"
    if years == list(range(years[0], years[-1] + 1)):
        return f"Các năm {years[0]}–{years[-1]}"
    return "Các năm " + ", ".join(str(y) for y in years)


def _heads(area: Unit, round: Round) -> list[Position]:
    first, last = datetime.date(round.period_start, 1, 1), datetime.date(round.period_end, 12, 31)
    return list(
        Position.objects.filter(unit=area, kind=PositionKind.TRUONG_BAN_BCTMT, term_from__lte=last)
        .exclude(term_to__lt=first)
        .select_related("person")
        .order_by("term_from")
    )


def _awards_lines(area: Unit | None, person: Person | None) -> list[str]:
    awards = Award.objects.filter(revoked_on__isnull=True).select_related("form", "decision", "proposal")
    awards = awards.filter(area=area) if area is not None else awards.filter(person=person)
    lines = []
    for award in awards.order_by("window_start"):
        source = award.decision or award.proposal
        cited = f" ({source})" if source is not None else ""
        lines.append(f"- {award.form.name}, giai đoạn {award.window_start}–{award.window_end}{cited}.")
    return lines


def nomination_report_draft(nomination: Nomination) -> str:
    """The báo cáo thành tích drafted from the data, in Vietnamese: the area (its name in the period,
    commune, households), each year's title with its decision, the Front's tiers, the movements it tied
    the campaign to; for a Trưởng ban, the terms and the area's results during them."""
    round = nomination.round
    end = datetime.date(round.period_end, 12, 31)
    area = nomination.area or nomination.person_area
    assert area is not None
    commune = commune_in(area, round)
    where = unit_name_at(area, end) + (f", {unit_name_at(commune, end)}" if commune else "")
    period = f"giai đoạn {round.period_start}–{round.period_end}"
    lines: list[str] = []
    if nomination.person is not None:
        lines += _person_part(nomination.person, area, where, round)
        years = _served_years(nomination.person, area, round)
    else:
        lines += _area_part(area, where, round)
        years = list(round.years)
    lines += ["", f"II. THÀNH TÍCH ĐẠT ĐƯỢC {period.upper()}"]
    lines.append(f"1. Kết quả thực hiện Cuộc vận động {_campaign(round)} ở {where}:")
    lines += _year_lines(area, years) or ["- Không có năm nào trong giai đoạn."]
    movements = _movement_lines(area, years)
    lines += ["", "2. Gắn Cuộc vận động với các phong trào thi đua:"]
    lines += movements or ["- Chưa ghi nhận phong trào thi đua nào."]
    earlier = _awards_lines(nomination.area, nomination.person)
    lines += ["", "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"]
    lines += earlier or ["- Chưa có hình thức khen thưởng nào được ghi nhận trong hệ thống."]
    lines += [
        "",
        "IV. ĐỀ NGHỊ",
        f"{vi_capitalize(nomination.nominated_by.full_name)} đề nghị xét tặng {nomination.form.name} "
        f"cho {_whom(nomination, where)} vì đã có thành tích trong thực hiện Cuộc vận động {_campaign(round)} "
        f"{period}.",
    ]
    if nomination.outside_candidates:
        lines += ["", f"Lý do đề nghị ngoài danh sách đủ điều kiện: {nomination.justification}"]
    return "\n".join(lines)


def _whom(nomination: Nomination, where: str) -> str:
    if nomination.person is not None:
        return f"ông (bà) {nomination.person.full_name}, Trưởng ban công tác Mặt trận {where}"
    return f"khu dân cư {where}"


def _area_part(area: Unit, where: str, round: Round) -> list[str]:
    from thidua.evaluations.models import AreaYear

    last = AreaYear.objects.filter(area=area, year__lte=round.period_end).order_by("-year").first()
    households = (
        f"Năm {last.year}, khu dân cư có {last.households} hộ gia đình."
        if last is not None and last.households
        else "Số hộ gia đình chưa được ghi nhận."
    )
    heads = _heads(area, round)
    lines = [
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        f"Khu dân cư {where}. {households}",
    ]
    if heads:
        terms = "; ".join(f"{p.person.full_name} (từ {_day(p.term_from)} đến {_day(p.term_to)})" for p in heads)
        lines.append(f"Trưởng ban công tác Mặt trận trong giai đoạn: {terms}.")
    return lines


def _person_terms(person: Person, area: Unit, round: Round) -> list[Position]:
    return [p for p in _heads(area, round) if p.person_id == person.pk]


def _served_years(person: Person, area: Unit, round: Round) -> list[int]:
    years: set[int] = set()
    for term in _person_terms(person, area, round):
        start = max(term.term_from.year, round.period_start)
        stop = min(term.term_to.year if term.term_to else round.period_end, round.period_end)
        years.update(range(start, stop + 1))
    return sorted(years)


def _person_part(person: Person, area: Unit, where: str, round: Round) -> list[str]:
    born = f", sinh năm {person.birth_year}" if person.birth_year else ""
    gender = {"female": "nữ", "male": "nam"}.get(person.gender, "")
    terms = _person_terms(person, area, round)
    term_text = "; ".join(f"từ {_day(p.term_from)} đến {_day(p.term_to)}" for p in terms) or "chưa ghi nhận"
    return [
        "I. SƠ LƯỢC LÝ LỊCH",
        f"Họ và tên: {person.full_name}{born}" + (f"; giới tính: {gender}" if gender else "") + ".",
        f"Chức vụ: Trưởng ban công tác Mặt trận {where}.",
        f"Nhiệm kỳ Trưởng ban trong giai đoạn: {term_text}.",
    ]
