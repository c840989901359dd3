"""The actor of what no person does: a job finishing, a decision closing its round, a data migration.

It is not a user: ``pk`` is None, so its audit rows have no user and say "thidua". Only code passes
it, never a request; ``authorize`` lets it through and the workflow kernel lets only it make the
moves whose part is ``SYSTEM``.
"""

from __future__ import annotations

from typing import Any

SYSTEM = "system"


class _SystemActor:
    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = False
    is_administrator = False
    role = SYSTEM
    unit = None
    unit_id = None
    username = "thidua"

    def __str__(self) -> str:
        return "thidua"

    def __repr__(self) -> str:
        return "SYSTEM_ACTOR"


SYSTEM_ACTOR: Any = _SystemActor()
