from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The tests read the refusals in English, their msgids."""
    with translation.override("en"):
        yield
