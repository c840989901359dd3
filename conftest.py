"""Test-wide fixtures: the fixed cast of personas on the real tree, and the PostgreSQL guard."""

from __future__ import annotations

import os

import pytest
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told that it is safe, as it is for the live-server tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-postgres",
        action="store_true",
        help="fail, instead of skipping, the tests marked postgres when the database is not PostgreSQL",
    )


@pytest.fixture(autouse=True)
def _postgres_guard(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") is None:
        return
    if connection.vendor != "postgresql":
        if request.config.getoption("--require-postgres"):
            pytest.fail(f"this test needs PostgreSQL, and the database is {connection.vendor}")
        pytest.skip("needs PostgreSQL")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    # PBKDF2's deliberate slowness would make every persona cost a second; tests need no secrecy.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """A transactional test (every live-server test) empties all tables when it ends, the rows the
    data migrations loaded included: the next such test gets them back, as a migrated database has
    them (the campaign's names and five contents by period)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or "transactional_db" in request.fixturenames
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        transactional = True
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from thidua.campaigns.data import load_campaign_data
    from thidua.campaigns.models import CampaignContent, CampaignPeriod

    load_campaign_data(CampaignPeriod, CampaignContent)


@pytest.fixture
def cast(db: None) -> object:
    from thidua.testing import build_cast

    return build_cast()


@pytest.fixture
def client_as(cast: object) -> object:
    """``client_as("ducxuan")``: a client logged in as that persona of the cast, pages in English."""
    from thidua.testing import client_for

    def make(username: str | None = None, *, language: str = "en") -> object:
        return client_for(cast[username] if username else None, language=language)  # type: ignore[index]

    return make
