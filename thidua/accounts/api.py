"""/api/v1/me: who the caller is, their role and the unit whose subtree they act on."""

from __future__ import annotations

from ninja import Router, Schema

from thidua.api.schemas import UnitOut
from thidua.http import AuthedRequest

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    unit: UnitOut | None


@router.get("/me", response=MeOut)
def me(request: AuthedRequest) -> dict[str, object]:
    user = request.user
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "role": user.role,
        "role_label": str(user.get_role_display()),
        "unit": user.unit,
    }
