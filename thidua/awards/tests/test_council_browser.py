"""The council in a real browser: the officer opens a session with the attendance boxes and a ballot,
a council member votes on the page, the officer closes the ballot and sees the tally."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from thidua.awards.models import BallotBox, BallotParticipation
from thidua.awards.tests.fixtures_council import council_world
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser


def _shot(tab: Page, name: str) -> None:
    """A screenshot of the page, when THIDUA_SCREENSHOTS names a directory (to look at the pages)."""
    target = os.environ.get("THIDUA_SCREENSHOTS")
    if target:
        tab.screenshot(path=str(Path(target) / f"{name}.png"), full_page=True)


def test_an_officer_opens_a_session_and_a_member_votes_on_the_page(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    world = council_world(live_cast)
    log_in(page, live_server, "backan")
    page.goto(f"{live_server.url}/awards/rounds/{world.round.pk}/council/")
    expect(page.locator("[data-testid=council-members] tbody tr")).to_have_count(9)
    page.locator("#id_held_on").fill("25/03/2014")
    page.locator("#id_place").fill("Hội trường UBND thị xã")
    boxes = page.locator("[data-testid=session-form] input[type=checkbox]")
    for index in range(8):
        boxes.nth(index).check()
    _shot(page, "council")
    page.locator("[data-testid=session-form] button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    page.locator(f"[data-testid=ballot-{world.person_nomination.pk}] button").click()
    expect(page.locator("[data-testid=counts]")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, "hoidong")
    session_id = world.round.sessions.get().pk
    page.goto(f"{live_server.url}/awards/council/sessions/{session_id}/vote/")
    box = BallotBox.objects.get(nomination=world.person_nomination)
    page.locator(f"[data-testid=vote-{box.pk}] input[value=for]").check()
    _shot(page, "vote")
    page.locator(f"[data-testid=vote-{box.pk}] button[type=submit]").click()
    expect(page.locator("[data-testid=nothing-to-vote]")).to_be_visible()
    assert BallotParticipation.objects.filter(box=box).count() == 1

    page.context.clear_cookies()
    log_in(page, live_server, "backan")
    page.goto(f"{live_server.url}/awards/council/sessions/{session_id}/")
    page.locator(f"[data-testid=close-{box.pk}]").click()
    expect(page.locator(f"[data-testid=ballot-{world.person_nomination.pk}] [data-testid=counts]")).to_have_text(
        "1 / 0 / 0"
    )
    _shot(page, "session")
