from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.tokens.models import ApiToken, ServiceAccount


def tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    """A person's own tokens; every token for an administrator."""
    tokens = ApiToken.objects.select_related("user")
    if user.is_superuser or user.is_administrator:
        return tokens
    return tokens.filter(user=user)


def service_accounts() -> QuerySet[ServiceAccount]:
    return ServiceAccount.objects.select_related("user", "user__unit").order_by("user__username")
