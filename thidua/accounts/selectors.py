from __future__ import annotations

from django.conf import settings

from thidua.accounts.personas import DEMO_PASSWORD, PERSONAS, Persona


def demo_accounts() -> list[tuple[Persona, str]]:
    """The accounts to list on the login page, with their password; only in demo mode."""
    if not settings.DEMO_MODE:
        return []
    return [(persona, DEMO_PASSWORD) for persona in PERSONAS]
