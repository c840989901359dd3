"""The main navigation of the district officer in a real browser, with a screenshot to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser


# The district officer's menu, the longest of the officers' with the conferences, fits on one line.
@pytest.mark.parametrize("username", ["backan"])
def test_the_menu_stays_on_one_line(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
    username: str,
) -> None:
    log_in(page, live_server, username)
    items = page.locator("nav.site-nav li")
    expect(items.first).to_be_visible()
    if shots := os.environ.get("THIDUA_SCREENSHOTS"):
        page.screenshot(path=str(Path(shots) / f"nav-{username}.png"))
    tops = {round(box["y"]) for box in (item.bounding_box() for item in items.all()) if box}
    assert len(tops) == 1, tops


def test_the_district_officer_reaches_award_history_and_conferences_from_the_menu(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    log_in(page, live_server, "backan")
    nav = page.locator("nav.site-nav")
    expect(nav.get_by_role("link", name="Lịch sử thi đua, khen thưởng")).to_be_visible()
    expect(nav.get_by_role("link", name="Hội nghị biểu dương")).to_be_visible()
    nav.get_by_role("link", name="Lịch sử thi đua, khen thưởng").click()
    expect(page).to_have_url(f"{live_server.url}/awards/history/")
