"""Who runs a round's council and who votes in it.

The issuing body's officers (the district or town officers, the province above, an administrator)
set up the council, open sessions and ballots, record a paper tally and close; a council member
votes through the account linked to their ``CouncilMember`` row, on the rounds of that council.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.awards.models import CouncilMember, CouncilSession, Round
from thidua.units.selectors import units_visible_to

RUNNING_ROLES = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


def council_rounds_visible_to(user: User) -> QuerySet[Round]:
    """The rounds whose issuing unit the user sees (others are a 404)."""
    if not getattr(user, "is_authenticated", False):
        return Round.objects.none()
    return Round.objects.filter(issuer__in=units_visible_to(user))


def membership(user: User, round: Round) -> CouncilMember | None:
    """The user's seat in the round's council, if any."""
    if round.council_id is None or not getattr(user, "is_authenticated", False):
        return None
    return CouncilMember.objects.filter(council_id=round.council_id, user=user).first()


@predicate("awards.view_council")
def can_view_council(user: User, round: Any) -> Decision:
    if isinstance(round, Round) and council_rounds_visible_to(user).filter(pk=round.pk).exists():
        return ALLOWED
    return False, _("This round is outside the unit you work for.")


@predicate("awards.manage_council")
def can_manage_council(user: User, round: Any) -> Decision:
    """Set up the council and its members, open and close sessions and ballots, record a paper tally."""
    if not has_role(user, *RUNNING_ROLES):
        return False, _("Only the officers of the issuing body run the council's sessions.")
    return can_view_council(user, round)


@predicate("awards.vote")
def can_vote(user: User, session: Any) -> Decision:
    """Vote at a session: the user's account is linked to a member of the round's council."""
    if not isinstance(session, CouncilSession) or membership(user, session.round) is None:
        return False, _("Only a member of the council votes, through the account linked to the member.")
    return ALLOWED
