"""Who sees a round's consultation and who publishes the list and answers objections.

The issuing body's officers run the round: the district (town) officers of the issuing unit, the
province above it and an administrator. Anyone whose unit sees the issuing unit (a council member of
the town, say) reads the objections and their answers. The communes below see the round but not the
objections, which carry the senders' names and contacts: they read the published list on the public
page like everyone. The public needs no account for its pages.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, outside, predicate
from thidua.awards.models import Round
from thidua.awards.rounds.permissions import sees_round, within

RUNNING_ROLES = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


@predicate("awards.view_consultation")
def can_view_consultation(user: User, round: Any) -> Decision:
    if not isinstance(round, Round) or not sees_round(user, round):
        return outside(_("This round is outside the unit you work for."))
    if not within(user, round.issuer):
        return Decision(False, _("The objections are read by the officers of the issuing body and its council."))
    return ALLOWED


@predicate("awards.run_consultation")
def can_run_consultation(user: User, round: Any) -> Decision:
    """Publish the list for consultation and answer the objections."""
    if not isinstance(round, Round) or not sees_round(user, round):
        return outside(_("This round is outside the unit you work for."))
    if not has_role(user, *RUNNING_ROLES):
        return Decision(False, _("Only the officers of the issuing body publish the list and answer objections."))
    if not within(user, round.issuer):
        return Decision(False, _("This round is outside the unit you work for."))
    return ALLOWED
