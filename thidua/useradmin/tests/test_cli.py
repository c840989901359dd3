"""``thidua users``: create, list, deactivate and the roles of accounts from the console."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from thidua.accounts.models import Role, User
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


def users(*args: str) -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


def test_an_officer_creates_lists_gives_roles_and_deactivates_from_the_console(cast: Cast) -> None:
    out = users(
        "create",
        "nguyenvan",
        "--role",
        "area_officer",
        "--unit",
        "01840-08A",
        "--full-name",
        "Nguyễn Văn An",
        "--starts",
        "01/01/2013",
        "--as",
        "ducxuan",
    )
    assert "nguyenvan" in out
    user = User.objects.get(username="nguyenvan")
    assert (user.role, user.unit, user.get_full_name()) == (Role.AREA_OFFICER, cast.to_8a, "Nguyễn Văn An")
    assert "nguyenvan" in users("list", "--unit", "01840")
    assert "nguyenvan" not in users("list", "--unit", "065")
    out = users(
        "roles",
        "nguyenvan",
        "--grant",
        "council_member",
        "--unit",
        "01840",
        "--starts",
        "01/01/2014",
        "--as",
        "ducxuan",
    )
    assert "01/01/2013 – 31/12/2013" in out and "01/01/2014 – …" in out
    out = users(
        "roles", "nguyenvan", "--end", "2", "--ends", "31/12/2015", "--reason", "Hết nhiệm kỳ", "--as", "ducxuan"
    )
    assert "01/01/2014 – 31/12/2015 (Hết nhiệm kỳ)" in out
    users("deactivate", "nguyenvan", "--reason", "Chuyển công tác", "--as", "ducxuan")
    assert not User.objects.get(username="nguyenvan").is_active
    assert "nguyenvan" not in users("list") and "Chuyển công tác" in users("list", "--all")


def test_the_console_refuses_what_the_actor_may_not_do(cast: Cast) -> None:
    with translation.override("en"), pytest.raises(CommandError, match="outside the unit"):
        users("create", "x1", "--role", "commune_officer", "--unit", "01840", "--as", "chomoi")
    with translation.override("en"), pytest.raises(CommandError, match="No unit has the code"):
        users("create", "x1", "--role", "commune_officer", "--unit", "99999")
    with translation.override("en"), pytest.raises(CommandError, match="No account"):
        users("deactivate", "nobody", "--reason", "x")
    assert not User.objects.filter(username="x1").exists()
