from __future__ import annotations

import datetime

import pytest

from thidua.evaluations.tests.documents_fixtures import Year, build_year
from thidua.people.models import Household
from thidua.people.services import household_create
from thidua.testing import Cast


@pytest.fixture
def households(cast: Cast) -> list[Household]:
    names = ["Hoàng Văn Páo", "Nông Thị Mai", "Lý Văn Sình", "Ma Thị Hương", "Triệu Đức Lâm"]
    return [
        household_create(
            code=f"01840-08A-{n:03d}", head_name=name, area=cast.to_8a, since=datetime.date(2009, 1, 1), actor=None
        )
        for n, name in enumerate(names, start=1)
    ]


@pytest.fixture
def year(cast: Cast) -> Year:
    """2012 in tổ 8A, decided and later renamed (``documents_fixtures.build_year``)."""
    return build_year(cast)
