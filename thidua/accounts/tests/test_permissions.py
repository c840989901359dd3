from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.accounts.permissions import has_permission, registered_actions
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


def test_each_persona_sees_its_own_subtree_and_nothing_else(cast: Cast) -> None:
    assert has_permission("units.view_unit", cast["to8a"], cast.to_8a) == (True, "")
    assert has_permission("units.view_unit", cast["to8a"], cast.duc_xuan)[0] is False
    assert has_permission("units.view_unit", cast["ducxuan"], cast.to_8a)[0] is True
    assert has_permission("units.view_unit", cast["ducxuan"], cast.song_cau)[0] is False
    assert has_permission("units.view_unit", cast["backan"], cast.song_cau)[0] is True
    assert has_permission("units.view_unit", cast["hoidong"], cast.to_8a)[0] is True
    assert has_permission("units.view_unit", cast["tinh"], cast.dong_tam)[0] is True
    assert has_permission("units.view_unit", cast["admin"], cast.dong_tam)[0] is True


def test_the_outsider_from_another_district_is_refused_with_a_reason(cast: Cast) -> None:
    allowed, reason = has_permission("units.view_unit", cast["chomoi"], cast.duc_xuan)
    assert allowed is False
    assert reason  # a user-facing explanation, translated
    assert has_permission("units.view_unit", cast["chomoi"], cast.dong_tam)[0] is True


def test_only_an_administrator_manages_users_or_loads_the_official_units(cast: Cast) -> None:
    for action in ("accounts.manage_users", "units.import_official"):
        assert has_permission(action, cast["admin"])[0] is True
        for username in ("to8a", "ducxuan", "backan", "hoidong", "tinh", "chomoi"):
            allowed, reason = has_permission(action, cast[username])
            assert allowed is False and reason


def test_anonymous_and_disabled_users_are_refused(cast: Cast) -> None:
    assert has_permission("units.view_unit", AnonymousUser(), cast.to_8a)[0] is False
    user = cast["backan"]
    user.is_active = False
    assert has_permission("units.view_unit", user, cast.to_8a)[0] is False


def test_an_unregistered_action_is_a_programming_error(cast: Cast) -> None:
    assert "units.view_unit" in registered_actions()
    with pytest.raises(ValueError, match="Unknown action"):
        has_permission("units.delete_everything", cast["admin"], None)
