from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.tests.documents_fixtures import Year, build_year
from thidua.people.models import Household
from thidua.people.services import household_create
from thidua.testing import Cast


@pytest.fixture
def households(cast: Cast) -> list[Household]:
    names = ["Hoàng Văn Páo", "Nông Thị Mai", "Lý Văn Sình", "Ma Thị Hương", "Triệu Đức Lâm"]
    return [
        household_create(
            code=f"01840-08A-{n:03d}",
            head_name=name,
            area=cast.to_8a,
            since=datetime.date(2009, 1, 1),
            actor=SYSTEM_ACTOR,
        )
        for n, name in enumerate(names, start=1)
    ]


@pytest.fixture
def year(cast: Cast) -> Year:
    """2012 in tổ 8A, decided and later renamed (``documents_fixtures.build_year``)."""
    return build_year(cast)


@pytest.fixture
def english() -> Iterator[None]:
    """The test reads the messages in English, their msgids (a page request sets its own language)."""
    with translation.override("en"):
        yield
