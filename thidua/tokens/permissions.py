"""Who manages tokens: a person their own; an administrator every token and the service accounts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import ALLOWED, Decision, predicate


@predicate("tokens.manage_token")
def can_manage_token(user: User, obj: object) -> Decision:
    """A person makes and revokes their own tokens; an administrator any token."""
    if user.is_superuser or user.is_administrator:
        return ALLOWED
    owner = getattr(obj, "user_id", None) if obj is not None else None
    if user.role in Role.values and (obj is None or owner == user.pk):
        return ALLOWED
    return Decision(False, _("Only its owner or an administrator manages an API token."))


@predicate("tokens.manage_service_accounts")
def can_manage_service_accounts(user: User, obj: object) -> Decision:
    """Service accounts speak for a unit to other systems: administrators make them and their tokens."""
    if user.is_superuser or user.is_administrator:
        return ALLOWED
    return Decision(False, _("Only an administrator manages the accounts of other systems."))
