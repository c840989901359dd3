"""Reads of commendation rounds: which rounds a user sees, one round for a user and an action, the
quotas of its forms, and the movements of an area.

``rounds_visible_to`` is the one answer to "which rounds does this user see": the rounds of the units
in the user's subtree, and those of the units above it (a commune nominates in its district's round).
``get_round_for_user`` is how every page, endpoint and command of every part of a round finds it:
a round the user does not see is "not found", whatever exists; one the user sees but may not act on
is refused with the reason of the action's predicate.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor, SystemActor
from thidua.awards import rules
from thidua.awards.models import AreaMovement, AwardForm, Nomination, NominationStatus, Round
from thidua.awards.rounds.candidates import eligible_pool, round_candidates
from thidua.units.models import Unit, UnitVersion
from thidua.units.selectors import units_visible_to


def sees_everything(user: Actor) -> bool:
    """An administrator, or thidua itself acting from the console, reads every round."""
    return isinstance(user, SystemActor) or user.is_superuser or user.is_administrator


def rounds_visible_to(user: Actor) -> QuerySet[Round]:
    """The rounds whose issuing unit the user may see (its subtree's officers see their issuer's rounds)."""
    if sees_everything(user):
        rounds = Round.objects.all()
    elif user.unit_id is None:
        rounds = Round.objects.none()
    else:
        # An officer below the issuer sees the rounds of the units above it: the commune nominates
        # in its district's round. The ancestors of the user's unit, on any day, are the issuers.
        above = _ancestor_ids(user.unit_id)
        rounds = Round.objects.filter(Q(issuer__in=units_visible_to(user)) | Q(issuer_id__in=above))
    return rounds.select_related("issuer").order_by("-period_end", "-id")


def _ancestor_ids(unit_id: int) -> set[int]:
    ids: set[int] = set()
    frontier = {unit_id}
    while frontier:
        parents = set(
            UnitVersion.objects.filter(unit_id__in=frontier, parent__isnull=False).values_list("parent_id", flat=True)
        )
        frontier = parents - ids
        ids |= parents
    return ids


def get_round_for_user(user: User, pk: int, action: str = "awards.view_round") -> Round:
    """The round ``pk`` for ``user`` to do ``action`` on.

    Raises ``Http404`` when there is no such round among those the user sees, and ``Refused`` (from
    the action's predicate) when the user sees it but may not do ``action``.
    """
    round = rounds_visible_to(user).select_related("council").filter(pk=pk).first()
    if round is None:
        raise Http404(_("There is no such commendation round, or it is outside the unit you work for."))
    authorize(user, action, round)
    return round


def get_form_for_user(user: User, pk: int, action: str = "awards.view_round") -> AwardForm:
    """An award form of a round the user sees, for ``action`` on its round."""
    form = AwardForm.objects.filter(round__in=rounds_visible_to(user), pk=pk).select_related("round").first()
    if form is None:
        raise Http404(_("There is no such award form, or it is outside the unit you work for."))
    authorize(user, action, form.round)
    return form


# --- quotas ----------------------------------------------------------------------------------------


def _share(form: AwardForm) -> Fraction | None:
    return Fraction(form.quota_share) if form.quota_share.strip() else None


def pool_quota(form: AwardForm, pool: int) -> int:
    """How many of a pool of ``pool`` eligible candidates the form's rule rewards (what a list of
    candidates shows beside the candidates it counted): ``rules.quota_size``."""
    return rules.quota_size(pool, count=form.quota_count, share=_share(form), rounding=form.quota_rounding or "floor")


def pool_quota_text(form: AwardForm, pool: int) -> str:
    return rules.quota_text(pool, count=form.quota_count, share=_share(form), rounding=form.quota_rounding or "floor")


@dataclass(frozen=True)
class FormQuota:
    """A form's quota in its round, and how many of its nominations are accepted against it.

    ``quota`` is None when the form has none. A count is a cap of its own, as the round's plan sets
    it ("24 areas"), even above the eligible pool: a nomination made outside the candidates with a
    written justification may take a place. A share is taken of the round's eligible pool of the
    form, rounded as the form says, and capped by the count when both are set. The district accepts
    nominations and the decision (or the proposal) lists them within this one quota.
    """

    form: AwardForm
    pool: int | None  # the round's eligible pool of the form, counted when the quota is a share
    quota: int | None
    accepted: int
    text: str = ""

    @property
    def left(self) -> int | None:
        return None if self.quota is None else max(self.quota - self.accepted, 0)


def round_pool(form: AwardForm) -> int:
    """How many candidates of the whole round are eligible for ``form``."""
    return eligible_pool(round_candidates(form.round, form=form), form)


def form_quota(form: AwardForm) -> FormQuota:
    """The quota of ``form`` in its round (see ``FormQuota``): one query for the accepted and, when
    the quota is a share, the round's candidates of the form."""
    accepted = Nomination.objects.filter(form=form, status=NominationStatus.ACCEPTED).count()
    if _share(form) is None:
        if form.quota_count is None:
            return FormQuota(form, None, None, accepted)
        return FormQuota(form, None, form.quota_count, accepted, _("at most %(count)s") % {"count": form.quota_count})
    pool = round_pool(form)
    return FormQuota(form, pool, pool_quota(form, pool), accepted, pool_quota_text(form, pool))


# --- movements -------------------------------------------------------------------------------------


def area_movements(area: Unit, year: int | None = None) -> QuerySet[AreaMovement]:
    rows = AreaMovement.objects.filter(area=area).select_related("movement")
    if year is not None:
        rows = rows.filter(year=year)
    return rows.order_by("-year", "movement__name")
