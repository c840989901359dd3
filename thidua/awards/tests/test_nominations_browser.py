"""Nominations in a real browser: the commune nominates with one click and submits; the district sees
the queue by commune and accepts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from thidua.awards.models import Nomination, NominationStatus
from thidua.awards.tests.fixtures_nominations import build_story
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser

# Set THIDUA_SCREENSHOTS to a directory to keep a picture of each page.
SHOTS = os.environ.get("THIDUA_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:  # noqa: F811
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_a_nomination_from_the_communes_click_to_the_districts_acceptance(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    story = build_story(live_cast)
    log_in(page, live_server, "ducxuan")
    page.goto(f"{live_server.url}/awards/rounds/{story.round.pk}/nominations/")
    expect(page.locator("[data-testid=candidates]")).to_contain_text("tổ 8A")
    _shot(page, "nominations-commune")

    page.locator("[data-testid=candidate]", has_text="tổ 8A").first.get_by_role("button").click()
    expect(page.locator("#report-text")).to_contain_text("Quyết định số 05/QĐ-UBND")
    _shot(page, "nomination-draft")
    page.locator("[data-testid=transitions] button[value=submitted]").click()
    expect(page.locator("[data-testid=status]")).to_have_text("đã gửi")

    page.context.clear_cookies()
    log_in(page, live_server, "backan")
    page.goto(f"{live_server.url}/awards/rounds/{story.round.pk}/nominations/")
    expect(page.locator("[data-testid=queue-count]")).to_contain_text("1")
    _shot(page, "nominations-district")
    nomination = Nomination.objects.get()
    page.locator(f"[data-testid=nomination-{nomination.pk}] button[value=accepted]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert Nomination.objects.get().status == NominationStatus.ACCEPTED
