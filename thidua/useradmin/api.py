"""/api/v1/accounts/: the accounts one manages, their roles, deactivation and one-time codes.

The same services as the pages (``thidua.accounts.services``); a refusal has the API's one error
shape, and an account or a unit outside the caller's subtree is a 404.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.permissions import authorize
from thidua.accounts.services import code_issue, link_send, role_end, role_grant, user_create, user_deactivate
from thidua.api.errors import responses
from thidua.api.schemas import UnitOut
from thidua.http import AuthedRequest
from thidua.units.models import Unit
from thidua.units.selectors import units_visible_to
from thidua.useradmin.selectors import accounts_managed_by

router = Router(tags=["accounts"])

ERRORS = responses(400, 403, 404, 422)


class RoleOut(Schema):
    id: int
    role: str
    role_label: str
    unit: UnitOut | None
    starts: datetime.date
    ends: datetime.date | None
    end_reason: str

    @staticmethod
    def resolve_role_label(obj: RoleAssignment) -> str:
        return str(obj.get_role_display())


class AccountOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    role: str
    unit: UnitOut | None
    is_active: bool
    deactivation_reason: str
    must_change_password: bool

    @staticmethod
    def resolve_full_name(obj: User) -> str:
        return obj.get_full_name()


class AccountDetailOut(AccountOut):
    roles: list[RoleOut]

    @staticmethod
    def resolve_roles(obj: User) -> list[RoleAssignment]:
        return list(obj.role_assignments.select_related("unit").order_by("starts", "pk"))


class AccountCreateIn(Schema):
    username: str
    full_name: str = ""
    email: str = ""
    role: str
    unit_id: int | None = None
    starts: datetime.date | None = None
    handover: Literal["code", "link", "none"] = "code"


class AccountCreatedOut(Schema):
    account: AccountOut
    code: str | None = None


class RoleGrantIn(Schema):
    role: str
    unit_id: int | None = None
    starts: datetime.date
    ends: datetime.date | None = None


class RoleEndIn(Schema):
    ends: datetime.date
    reason: str


class DeactivateIn(Schema):
    reason: str


class CodeOut(Schema):
    code: str
    expires_at: datetime.datetime


def _unit(request: AuthedRequest, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    return get_object_or_404(units_visible_to(request.user), pk=unit_id)


def _account(request: AuthedRequest, pk: int) -> User:
    account = get_object_or_404(User, pk=pk)
    authorize(request.user, "accounts.manage_user", account)
    return account


@router.get("/users", response={200: list[AccountOut], **ERRORS})
def account_list(request: AuthedRequest) -> list[User]:
    """The accounts the caller manages (those holding a role the caller may give)."""
    authorize(request.user, "accounts.view_accounts")
    return accounts_managed_by(request.user)


@router.post("/users", response={201: AccountCreatedOut, **ERRORS})
def account_create(request: AuthedRequest, payload: AccountCreateIn) -> Status:
    """Create an account with its first role; ``handover`` "code" answers its one-time code (shown this
    once), "link" mails a one-time link, "none" leaves it without a password."""
    account = user_create(
        username=payload.username,
        full_name=payload.full_name,
        email=payload.email,
        role=payload.role,
        unit=_unit(request, payload.unit_id),
        starts=payload.starts,
        actor=request.user,
    )
    code = None
    if payload.handover == "code":
        code = code_issue(user=account, actor=request.user)
    elif payload.handover == "link":
        link_send(user=account, base_url=request.build_absolute_uri("/"), actor=request.user)
    return Status(201, {"account": account, "code": code})


@router.get("/users/{pk}", response={200: AccountDetailOut, **ERRORS})
def account_detail(request: AuthedRequest, pk: int) -> User:
    return _account(request, pk)


@router.post("/users/{pk}/deactivate", response={200: AccountOut, **ERRORS})
def account_deactivate(request: AuthedRequest, pk: int, payload: DeactivateIn) -> User:
    return user_deactivate(user=_account(request, pk), reason=payload.reason, actor=request.user)


@router.post("/users/{pk}/roles", response={201: RoleOut, **ERRORS})
def account_role_grant(request: AuthedRequest, pk: int, payload: RoleGrantIn) -> Status:
    """Give a role; the role in force ends the day before ``starts``."""
    assignment = role_grant(
        user=_account(request, pk),
        role=payload.role,
        unit=_unit(request, payload.unit_id),
        starts=payload.starts,
        ends=payload.ends,
        actor=request.user,
    )
    return Status(201, assignment)


@router.post("/roles/{pk}/end", response={200: RoleOut, **ERRORS})
def account_role_end(request: AuthedRequest, pk: int, payload: RoleEndIn) -> RoleAssignment:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user", "unit"), pk=pk)
    return role_end(assignment=assignment, ends=payload.ends, reason=payload.reason, actor=request.user)


@router.post("/users/{pk}/code", response={200: CodeOut, **ERRORS})
def account_code(request: AuthedRequest, pk: int) -> dict[str, object]:
    """A new one-time code for the account (it replaces the last; shown this once)."""
    account = _account(request, pk)
    code = code_issue(user=account, actor=request.user)
    return {"code": code, "expires_at": account.code_expires_at}


@router.post("/users/{pk}/link", response={204: None, **ERRORS})
def account_link(request: AuthedRequest, pk: int) -> Status:
    link_send(user=_account(request, pk), base_url=request.build_absolute_uri("/"), actor=request.user)
    return Status(204, None)
