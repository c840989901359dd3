"""Reads of a round's decisions and proposals: which a user sees, one for a user and an action, and
what the council passed, ranked within each form's quota (the decision lists them in that order).

A round's decisions and proposals are seen by whoever sees the round ("awards.view_round"); they are
issued, revoked and sent by those who run it ("awards.manage_round", the issuer's officers).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.awards.council.selectors import passed_nominations
from thidua.awards.models import AwardDecision, AwardForm, BallotBox, Nomination, Proposal, Round
from thidua.awards.places import subject_name
from thidua.awards.rounds.selectors import form_quota, rounds_visible_to
from thidua.awards.rules import Ranked, rank_candidates
from thidua.evaluations.models import HouseholdYear
from thidua.people.models import Gender, Household, Member


def decisions_visible_to(user: User) -> QuerySet[AwardDecision]:
    return AwardDecision.objects.filter(round__in=rounds_visible_to(user)).select_related("round", "issuer")


def proposals_visible_to(user: User) -> QuerySet[Proposal]:
    return Proposal.objects.filter(round__in=rounds_visible_to(user)).select_related("round", "form")


def get_decision_for_user(user: User, pk: int, action: str = "awards.view_round") -> AwardDecision:
    decision = decisions_visible_to(user).filter(pk=pk).first()
    if decision is None:
        raise Http404(_("There is no such decision, or it is outside the unit you work for."))
    authorize(user, action, decision.round)
    return decision


def get_proposal_for_user(user: User, pk: int, action: str = "awards.view_round") -> Proposal:
    proposal = proposals_visible_to(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404(_("There is no such proposal, or it is outside the unit you work for."))
    authorize(user, action, proposal.round)
    return proposal


def women_shares(area_ids: Sequence[int], *, year: int) -> dict[int, Fraction]:
    """The share of women in each area (NĐ 152/2025's "collectives with at least 70% women"): among
    the members recorded of the households living there in ``year``, or, where no member is recorded,
    among the heads of household. Areas with no household have no share."""
    if not area_ids:
        return {}
    area_of = dict(HouseholdYear.objects.filter(area_id__in=area_ids, year=year).values_list("household_id", "area_id"))
    counted: dict[int, list[int]] = {}  # area → [women, all] among the recorded members
    members = (
        Member.objects.filter(household_id__in=list(area_of))
        .values("household_id")
        .annotate(total=Count("id"), women=Count("id", filter=Q(gender=Gender.FEMALE)))
    )
    for row in members:
        tally = counted.setdefault(area_of[row["household_id"]], [0, 0])
        tally[0] += row["women"]
        tally[1] += row["total"]
    # Areas with no member recorded: their heads of household.
    heads = Household.objects.filter(pk__in=[h for h, a in area_of.items() if a not in counted])
    for household_id, gender in heads.values_list("pk", "head_gender"):
        tally = counted.setdefault(area_of[household_id], [0, 0])
        tally[0] += gender == Gender.FEMALE
        tally[1] += 1
    return {area: Fraction(women, total) for area, (women, total) in counted.items() if total}


def rank_passed(
    pairs: Sequence[tuple[Nomination, BallotBox]], *, form: AwardForm, on: datetime.date
) -> list[tuple[int, Nomination, BallotBox]]:
    """The passed nominations of one form, best first, by votes for and the tie-breaks of ``rules``."""
    by_id = {str(nomination.pk): (nomination, box) for nomination, box in pairs}
    shares = women_shares([n.area_id for n, _box in pairs if n.area_id is not None], year=form.round.period_end)
    ranked = rank_candidates(
        [
            Ranked(
                id=str(nomination.pk),
                score=box.votes_for,
                name=subject_name(nomination),
                woman=nomination.person is not None and nomination.person.gender == Gender.FEMALE,
                women_share=shares.get(nomination.area_id) if nomination.area_id is not None else None,
            )
            for nomination, box in pairs
        ],
        on=on,
        tie_break=form.tie_break or (),
    )
    return [(index, *by_id[row.id]) for index, row in enumerate(ranked, start=1)]


@dataclass(frozen=True)
class RankedLine:
    rank: int
    nomination: Nomination
    box: BallotBox
    awarded: bool


@dataclass(frozen=True)
class PassedForm:
    """One form of the round: what the council passed, ranked, against the form's quota."""

    form: AwardForm
    quota: int | None
    ranked: list[RankedLine]


def passed_by_form(round: Round, on: datetime.date) -> list[PassedForm]:
    """Per form: the passed nominations ranked, with the quota and whether each already has its award."""
    pairs = passed_nominations(round)
    rows = []
    for form in round.forms.all():
        mine = [(n, box) for n, box in pairs if n.form_id == form.pk]
        ranked = [RankedLine(rank, n, box, hasattr(n, "award")) for rank, n, box in rank_passed(mine, form=form, on=on)]
        rows.append(PassedForm(form, form_quota(form).quota, ranked))
    return rows
