"""The actor of what no person does: a job finishing, a decision closing its round, a data migration.

It is not a user: ``pk`` is None, so its audit rows have no user and say "thidua". Only code passes
it, never a request; ``authorize`` lets it through and the workflow kernel lets only it make the
moves whose part is ``SYSTEM``. A service's ``actor`` is an ``Actor``: a ``User``, or this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from thidua.accounts.models import User

SYSTEM: Final = "system"


class SystemActor:
    """thidua itself; there is one, ``SYSTEM_ACTOR``."""

    pk: None = None
    is_authenticated: Literal[True] = True
    is_active: Literal[True] = True
    is_superuser: Literal[False] = False
    is_administrator: Literal[False] = False
    role: str = SYSTEM
    unit: None = None
    unit_id: None = None
    username: str = "thidua"

    def __str__(self) -> str:
        return "thidua"

    def __repr__(self) -> str:
        return "SYSTEM_ACTOR"


SYSTEM_ACTOR: Final = SystemActor()

# Who acts in a service: a person (a ``User``) or thidua itself. ``None`` is no actor: it is refused.
type Actor = User | SystemActor


def person_of(actor: Actor) -> User | None:
    """The user who acts, for a "created by" column; None when thidua itself acts."""
    return None if isinstance(actor, SystemActor) else actor
