"""Accounts and roles: dates and history, deactivation with a reason, the first administrator."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.accounts.permissions import has_permission
from thidua.accounts.services import (
    admin_create_first,
    role_end,
    role_grant,
    user_create,
    user_deactivate,
    user_role_sync,
)
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_a_new_role_ends_the_previous_one_the_day_before_and_the_history_stays(cast: Cast) -> None:
    user = cast["to8a"]
    role_grant(
        user=user, role=Role.COMMUNE_OFFICER, unit=cast.duc_xuan, starts=datetime.date(2020, 1, 1), actor=cast["backan"]
    )
    first, second = user.role_assignments.order_by("starts")
    assert (first.role, first.ends, first.ended_by) == (Role.AREA_OFFICER, datetime.date(2019, 12, 31), cast["backan"])
    assert (second.role, second.unit, second.ends) == (Role.COMMUNE_OFFICER, cast.duc_xuan, None)
    user.refresh_from_db()
    assert (user.role, user.unit) == (Role.COMMUNE_OFFICER, cast.duc_xuan)
    assert has_permission("units.view_unit", user, cast.duc_xuan)[0]
    assert AuditEntry.objects.filter(action="accounts.role_grant", object_id=str(second.pk)).exists()
    assert AuditEntry.objects.filter(action="accounts.role_end", object_id=str(first.pk)).exists()


def test_an_ended_role_leaves_the_account_with_no_rights(cast: Cast) -> None:
    assignment = cast["to8a"].role_assignments.get()
    role_end(assignment=assignment, ends=datetime.date(2020, 6, 30), reason="Hết nhiệm kỳ", actor=cast["ducxuan"])
    user = User.objects.get(username="to8a")
    assert (user.role, user.unit) == ("", None)
    assert not has_permission("units.view_unit", user, cast.to_8a)[0]
    assert RoleAssignment.objects.get(pk=assignment.pk).end_reason == "Hết nhiệm kỳ"
    with pytest.raises(DomainError, match="already ends"):
        role_end(assignment=assignment, ends=datetime.date(2021, 1, 1), reason="x", actor=cast["ducxuan"])


def test_a_role_that_starts_later_takes_effect_on_its_first_day(cast: Cast) -> None:
    user = user_create(
        username="moi", role=Role.AREA_OFFICER, unit=cast.to_8a, starts=datetime.date(2099, 1, 1), actor=cast["ducxuan"]
    )
    assert user.role == ""
    user_role_sync(user, today=datetime.date(2099, 1, 1))
    assert (user.role, user.unit) == (Role.AREA_OFFICER, cast.to_8a)


def test_a_role_must_fit_the_level_of_its_unit(cast: Cast) -> None:
    with pytest.raises(DomainError, match="another level"):
        user_create(username="moi", role=Role.COMMUNE_OFFICER, unit=cast.to_8a, actor=cast["backan"])
    with pytest.raises(DomainError, match="works for no unit"):
        user_create(username="moi", role=Role.ADMINISTRATOR, unit=cast.town, actor=cast["admin"])
    with pytest.raises(DomainError, match="is taken"):
        user_create(username="TO8A", role=Role.AREA_OFFICER, unit=cast.to_8a, actor=cast["ducxuan"])


def test_a_deactivated_account_is_kept_with_its_reason_and_cannot_log_in(cast: Cast, client: object) -> None:
    with pytest.raises(DomainError, match="Say why"):
        user_deactivate(user=cast["backan"], reason="  ", actor=cast["tinh"])
    user = user_deactivate(user=cast["to8a"], reason="Chuyển công tác", actor=cast["ducxuan"])
    user.refresh_from_db()
    assert not user.is_active and user.deactivation_reason == "Chuyển công tác" and user.deactivated_at
    assert user.role_assignments.exists()
    entry = AuditEntry.objects.get(action="accounts.user_deactivate", object_id=str(user.pk))
    assert entry.reason == "Chuyển công tác"
    client.post(reverse("accounts:login"), {"username": "to8a", "password": "thidua-demo"})  # type: ignore[attr-defined]
    assert "_auth_user_id" not in client.session  # type: ignore[attr-defined]


def test_the_first_administrator_is_made_once_with_a_strong_password(db: None) -> None:
    with pytest.raises(ValidationError):
        admin_create_first(username="quantri", password="short")
    user = admin_create_first(username="quantri", password="mot-mat-khau-dai-2025", email="qt@example.invalid")
    assert user.is_superuser and user.role == Role.ADMINISTRATOR and user.check_password("mot-mat-khau-dai-2025")
    with pytest.raises(DomainError, match="already exists"):
        admin_create_first(username="quantri2", password="mot-mat-khau-dai-2025")


def test_createsuperuser_says_to_use_create_admin(db: None) -> None:
    with pytest.raises(CommandError, match="users create-admin"):
        call_command("createsuperuser", "--noinput", "--username", "x")
    assert not User.objects.exists()
