"""Every writing service of campaigns refuses an actor outside its scope and an actor of a lower role.

``PROBED`` lists the services probed here; ``thidua/tests/test_service_probes.py`` fails on any
writing service that no app's ``PROBED`` lists.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from thidua.accounts.models import User
from thidua.audit.models import AuditEntry
from thidua.campaigns.models import ProvincialParameter
from thidua.campaigns.services import parameter_set
from thidua.errors import Refused
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def _set(province: Unit, actor: User) -> object:
    return parameter_set(
        province=province,
        name="area_min_points",
        year_from=2020,
        value=80,
        legal_basis="Quyết định số 12/2020/QĐ-UBND",
        reason="Nâng tiêu chuẩn",
        actor=actor,
    )


PROBED = [parameter_set]


def refused(call: Callable[[], object]) -> Refused:
    """``call`` raises ``Refused`` and writes nothing (no audit row, no value)."""
    before = AuditEntry.objects.count()
    with pytest.raises(Refused) as info:
        call()
    assert AuditEntry.objects.count() == before and not ProvincialParameter.objects.exists()
    return info.value


def test_an_officer_of_another_province_is_refused_as_if_nothing_were_there(cast: Cast) -> None:
    other = make_unit(code="19", name="Thái Nguyên", kind=UnitKind.TINH)
    assert refused(lambda: _set(other, cast["tinh"])).hidden
    # Huyện Chợ Mới is in tỉnh Bắc Kạn: its officer reads the province's values, and is refused for the role.
    assert not refused(lambda: _set(cast.province, cast["chomoi"])).hidden


@pytest.mark.parametrize("username", ["backan", "ducxuan", "to8a", "hoidong"])
def test_a_lower_role_is_refused_with_the_reason(cast: Cast, username: str) -> None:
    refusal = refused(lambda: _set(cast.province, cast[username]))
    assert not refusal.hidden
    assert "officer of the province" in refusal.reason("en")


def test_the_provinces_officer_sets_the_value(cast: Cast) -> None:
    assert _set(cast.province, cast["tinh"]).value == 80  # type: ignore[attr-defined]
