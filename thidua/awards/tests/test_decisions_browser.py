"""The decision in a real browser: the officer issues it from the round's page and opens it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from thidua.awards.models import AwardDecision
from thidua.awards.tests.fixtures_decisions import build_round
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser
# Where to keep screenshots for a person to look at (unset: none are written).
SHOTS = os.environ.get("THIDUA_SCREENSHOTS", "")


def test_the_officer_issues_the_decision_and_sees_it_numbered(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    data = build_round(live_cast)
    log_in(page, live_server, "backan")
    page.goto(f"{live_server.url}/awards/rounds/{data.round.pk}/decisions/")
    expect(page.locator("[data-testid=issue-form]")).to_be_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/decision_round.png", full_page=True)
    page.locator("#id_issued_on").fill("05/01/2014")
    page.locator("#id_signer_name").fill("Nguyễn Văn Du")
    page.locator("[data-testid=issue-form] button[type=submit]").click()
    expect(page.locator("[data-testid=decision]")).to_contain_text("01/QĐ-UBND")
    expect(page.locator("[data-testid=awards] tbody tr")).to_have_count(5)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/decision_detail.png", full_page=True)
    assert AwardDecision.objects.get().awards.count() == 5
