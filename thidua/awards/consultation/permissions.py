"""Who sees a round's consultation and who publishes the list and answers objections.

The issuing body's officers run the round: the district (town) officers of the issuing unit, the
province above it and an administrator. Anyone whose unit sees the issuing unit (a council member of
the town, say) reads the objections and their answers. The communes below see the round (HA's
``rounds_visible_to``) but not the objections, which carry the senders' names and contacts: they read
the published list on the public page like everyone. The public needs no account for its pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, has_role, predicate
from thidua.awards.models import Round
from thidua.units.selectors import units_visible_to

RUNNING_ROLES = (Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)


def consultation_rounds_visible_to(user: User) -> QuerySet[Round]:
    """The rounds the user sees at all (others are a 404): HA's rule for rounds."""
    from thidua.awards.rounds.selectors import rounds_visible_to

    return rounds_visible_to(user)


def _sees(user: User, round: Round) -> bool:
    return units_visible_to(user).filter(pk=round.issuer_id).exists()


@predicate("awards.view_consultation")
def can_view_consultation(user: User, round: Any) -> Decision:
    if isinstance(round, Round) and _sees(user, round):
        return ALLOWED
    return False, _("The objections are read by the officers of the issuing body and its council.")


@predicate("awards.run_consultation")
def can_run_consultation(user: User, round: Any) -> Decision:
    """Publish the list for consultation and answer the objections."""
    if not has_role(user, *RUNNING_ROLES):
        return False, _("Only the officers of the issuing body publish the list and answer objections.")
    if not isinstance(round, Round) or not _sees(user, round):
        return False, _("This round is outside the unit you work for.")
    return ALLOWED
