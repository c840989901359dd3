"""Who nominates and who reviews the nominations of a round.

The *submitter* is an officer of the nominating unit's subtree (the commune, or a higher unit
nominating for itself); the *reviewer* an officer of the round's issuing body or above, never of the
unit that made the nomination. A unit or a round the user has nothing to do with is refused as
"outside" (a 404); the wrong role or place inside it is refused with why (a 403).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_permission, outside, predicate
from thidua.awards.models import Nomination, NominationStatus, Round
from thidua.awards.rounds.permissions import sees_round, within
from thidua.awards.rounds.selectors import sees_everything
from thidua.units.models import Unit
from thidua.units.selectors import subtree_q

SUBMITTERS = (Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER)
REVIEWERS = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER)
# The report and the justification can be edited while the commune holds the nomination.
EDITABLE = (NominationStatus.DRAFT, NominationStatus.RETURNED)


def in_subtree(unit_id: int, root_id: int, *, as_of: datetime.date | None = None) -> bool:
    """Whether the unit ``unit_id`` is ``root_id`` or below it (on ``as_of``, or ever)."""
    return Unit.objects.filter(subtree_q(root_id, as_of=as_of), pk=unit_id).exists()


def _works_for(user: User, unit: Unit) -> bool:
    return user.unit_id is not None and in_subtree(user.unit_id, unit.pk)


@predicate("awards.nominate")
def can_nominate(user: User, unit: Any) -> Decision:
    """Act for ``unit`` as the nominating side: nominate, edit the report, submit, withdraw."""
    if not isinstance(unit, Unit):
        return Decision(False, _("Say which unit makes the nomination."))
    if sees_everything(user):
        return ALLOWED
    not_theirs = _("You do not work for %(unit)s, which makes this nomination.") % {"unit": unit.full_name}
    if not _works_for(user, unit) and not within(user, unit):
        return outside(not_theirs)
    if user.role not in SUBMITTERS:
        return Decision(False, _("Only an officer of the nominating commune nominates and submits."))
    if not _works_for(user, unit):
        return Decision(False, not_theirs)
    return ALLOWED


@predicate("awards.review_nominations")
def can_review_nominations(user: User, obj: Any) -> Decision:
    """Return or accept the nominations of a round (``obj``), or one nomination (``obj``)."""
    if isinstance(obj, Nomination):
        round = obj.round
    elif isinstance(obj, Round):
        round = obj
    else:
        return Decision(False, _("Choose the round whose nominations are reviewed."))
    if sees_everything(user):
        return ALLOWED
    if not sees_round(user, round):
        return outside(_("This round belongs to a unit outside the unit you work for."))
    if user.role not in REVIEWERS:
        return Decision(False, _("Only an officer of the body that runs the round returns or accepts a nomination."))
    if not within(user, round.issuer):
        return Decision(False, _("This round is run by a unit outside the unit you work for."))
    if isinstance(obj, Nomination) and user.unit_id == obj.nominated_by_id:
        return Decision(False, _("A nomination is reviewed by the level above the unit that makes it."))
    return ALLOWED


def may_nominate(user: User, unit: Unit) -> bool:
    return has_permission("awards.nominate", user, unit)[0]


def may_review(user: User, round: Round) -> bool:
    return has_permission("awards.review_nominations", user, round)[0]


def may_edit(user: User, nomination: Nomination) -> bool:
    """Whether the page offers to edit the report: the commune holds the nomination, and the user is its."""
    return nomination.status in EDITABLE and may_nominate(user, nomination.nominated_by)
