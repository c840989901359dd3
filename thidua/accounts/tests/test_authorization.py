"""The writing services of accounts refuse an outsider and a lower role (see thidua/tests/test_service_probes.py)."""

from __future__ import annotations

import pytest

from thidua.accounts.models import Role
from thidua.accounts.services import user_create
from thidua.testing import Cast, assert_refused

pytestmark = pytest.mark.django_db

PROBED = [user_create]


def _create(cast: Cast, username: str) -> object:
    return user_create(
        username="moi", password="x-long-password-1", role=Role.AREA_OFFICER, unit=cast.to_8a, actor=cast[username]
    )


@pytest.mark.parametrize("username", ["chomoi", "backan", "tinh"])
def test_only_an_administrator_creates_an_account(cast: Cast, username: str) -> None:
    refusal = assert_refused(lambda: _create(cast, username))
    assert refusal.reason("en") == "Only an administrator manages user accounts."
    assert _create(cast, "admin").username == "moi"  # type: ignore[attr-defined]
