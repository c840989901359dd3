"""Who sees a round's council, who runs it and who votes in it.

The council deliberates for the issuing body: whoever works for the issuing unit or above (its
officers, the province, the council's members through their accounts) sees it; the communes below
nominate in the round but do not see the council at all (a 404). The issuing body's officers (the
district or town officers, the province above, an administrator) set up the council, open sessions and
ballots, record a paper tally and close; a council member votes through the account linked to their
``CouncilMember`` row, on the rounds of that council.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, outside, predicate
from thidua.awards.council.selectors import seat_of
from thidua.awards.models import Council, CouncilSession, Round
from thidua.awards.rounds.permissions import sees_round, within
from thidua.units.models import Unit

RUNNING_ROLES = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


def _outside() -> Decision:
    return outside(_("This round is outside the unit you work for."))


def _sees_council(user: User, round: Round) -> bool:
    return sees_round(user, round) and within(user, round.issuer)


@predicate("awards.view_council")
def can_view_council(user: User, round: Any) -> Decision:
    if isinstance(round, Round) and _sees_council(user, round):
        return ALLOWED
    return _outside()


@predicate("awards.manage_council")
def can_manage_council(user: User, obj: Any) -> Decision:
    """Set up the council and its members, open and close sessions and ballots, record a paper tally.

    ``obj`` is the round, or the council (or the unit) a council is set up for.
    """
    if isinstance(obj, Round):
        seen = _sees_council(user, obj)
    elif isinstance(obj, Council | Unit):
        seen = within(user, obj.unit if isinstance(obj, Council) else obj)
    else:
        seen = False
    if not seen:
        return _outside()
    if not has_role(user, *RUNNING_ROLES):
        return Decision(False, _("Only the officers of the issuing body run the council's sessions."))
    return ALLOWED


@predicate("awards.vote")
def can_vote(user: User, session: Any) -> Decision:
    """Vote at a session: the user's account is linked to a member of the round's council."""
    if not isinstance(session, CouncilSession):
        return _outside()
    if seat_of(user, session.round) is None:
        if not _sees_council(user, session.round):
            return _outside()
        return Decision(False, _("Only a member of the council votes, through the account linked to the member."))
    return ALLOWED
