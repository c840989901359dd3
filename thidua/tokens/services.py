"""Making, using and revoking API tokens; service accounts for other systems."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.accounts.services import user_create
from thidua.accounts.system import Actor, person_of
from thidua.audit.services import audit_record
from thidua.errors import DomainError
from thidua.tokens.models import ApiToken, ServiceAccount

if TYPE_CHECKING:
    from thidua.units.models import Unit

PREFIX = "thd_"
# A token always expires: at most a year (a service account's token is renewed yearly, on purpose).
MAX_DAYS = 365
DEFAULT_DAYS = 90
# ``last_used_at`` is written at most this often, not on every call.
USE_RECORDED_EVERY = datetime.timedelta(minutes=1)


def digest_of(secret: str) -> str:
    """The secret's SHA-256: a random 256-bit secret needs no slow hash (nothing to guess)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user: User, name: str, days: int = DEFAULT_DAYS, actor: Actor) -> tuple[ApiToken, str]:
    """A new token acting as ``user``; returns it with its secret, shown this once and never again."""
    authorize(actor, "tokens.manage_token", ApiToken(user=user))
    if hasattr(user, "service_account"):
        authorize(actor, "tokens.manage_service_accounts")
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name that says what uses it."), column="name")
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(_("A token lasts from 1 to %(max)d days."), column="days", max=MAX_DAYS)
    if not user.is_active:
        raise DomainError(_("This account is deactivated: it cannot have a token."))
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=secret[:12],
            digest=digest_of(secret),
            created_by=person_of(actor),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        audit_record(
            actor=actor,
            action="tokens.create",
            obj=token,
            after={"user": user.username, "name": token.name, "expires_at": token.expires_at.isoformat()},
        )
    return token, secret


def token_revoke(*, token: ApiToken, reason: str, actor: Actor) -> ApiToken:
    """Stop a token at once; it is kept, with who revoked it and why."""
    authorize(actor, "tokens.manage_token", token)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the token is revoked."), column="reason")
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise DomainError(_("This token is already revoked."))
        ApiToken.objects.filter(pk=token.pk).update(
            revoked_at=timezone.now(), revoked_by=person_of(actor), revocation_reason=reason[:300]
        )
        audit_record(actor=actor, action="tokens.revoke", obj=token, reason=reason)
    token.refresh_from_db()
    return token


def token_authenticate(secret: str) -> ApiToken | None:
    """The active token of ``secret`` (its owner active too), or None; records when it was last used."""
    if not secret.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(secret)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def service_account_create(
    *, username: str, description: str, role: str, unit: Unit | None, actor: Actor
) -> ServiceAccount:
    """An account for another system, with a role and a unit like an officer's, and no password."""
    authorize(actor, "tokens.manage_service_accounts")
    description = description.strip()
    if not description:
        raise DomainError(_("Say which system uses this account."), column="description")
    with transaction.atomic():
        user = user_create(
            username=username,
            password=secrets.token_urlsafe(32),
            role=role,
            unit=unit,
            actor=actor,
            full_name=description,
        )
        # It never signs in on the pages: only its tokens act as it.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        account = ServiceAccount.objects.create(user=user, description=description[:300], created_by=person_of(actor))
        audit_record(actor=actor, action="tokens.service_account_create", obj=account, after={"user": username})
    return account
