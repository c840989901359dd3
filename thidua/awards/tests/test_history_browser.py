"""The honour board and the award history in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from thidua.awards.tests.fixtures_history import build_honours
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser


def _screenshot(browser_page: Page, name: str) -> None:
    # For a person to look at after the run, as the other browser tests leave theirs.
    browser_page.screenshot(path=f"/tmp/thidua-hf-{name}.png", full_page=True)  # noqa: S108


def test_the_honour_board_opens_without_login_and_filters_by_commune(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    build_honours(live_cast)
    page.goto(f"{live_server.url}/public/honour/")
    with translation.override("vi"):
        expect(page.locator(".honour__kicker")).to_have_text(gettext("Honour board"))
        expect(page.locator("h1")).to_have_text(gettext("Honoured residential areas and people"))
    expect(page.locator(".honoree__name", has_text="Hoàng Thị Nông")).to_be_visible()
    expect(page.locator(".honoree__where", has_text="phường Đức Xuân").first).to_be_visible()
    expect(page.locator(".honoree", has_text="tổ 3")).to_have_count(0)
    _screenshot(page, "honour-board")

    page.locator("#honour-commune").select_option(label="Phường Sông Cầu")
    page.locator("[data-testid=honour-filters] button[type=submit]").click()
    expect(page.locator(".honoree")).to_have_count(2)
    expect(page.locator(".honoree__name", has_text="Hoàng Thị Nông")).to_have_count(0)


def test_an_officer_finds_an_area_without_diacritics_and_sees_its_revoked_award(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    honours = build_honours(live_cast)
    log_in(page, live_server, "backan")
    page.goto(f"{live_server.url}/awards/history/")
    page.locator("#history-search").fill("to 3 song cau")
    page.locator("main form button[type=submit]").click()
    page.locator("[data-testid=found-areas] a", has_text="Tổ 3").click()
    expect(page.locator("h1")).to_have_text("Tổ 3")
    expect(page.locator(".award--revoked s.award__form")).to_be_visible()
    expect(page.locator("[data-testid=revocation]")).to_contain_text("15/05/2014")
    _screenshot(page, "history-revoked")
    page.goto(f"{live_server.url}/awards/history/people/{honours.head_8a.pk}/")
    expect(page.locator("[data-testid=positions]")).to_contain_text("tổ 8A")
    _screenshot(page, "history-person")
