"""The votes grid in a real browser: a commune officer types a column of votes with the keyboard."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.models import HouseholdYear
from thidua.people.services import household_create
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser


def test_the_votes_grid_is_filled_with_the_keyboard_and_saved_in_one_go(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    names = ["Hoàng Văn Páo", "Nông Thị Mai", "Lý Văn Sình", "Ma Thị Hương"]
    for n, name in enumerate(names, start=1):
        household_create(
            code=f"01840-08A-{n:03d}",
            head_name=name,
            area=live_cast.to_8a,
            since=datetime.date(2009, 1, 1),
            actor=SYSTEM_ACTOR,
        )
    log_in(page, live_server, "ducxuan")
    page.goto(f"{live_server.url}/evaluations/areas/{live_cast.to_8a.pk}/2012/")
    page.locator("[data-select-all]").check()
    page.locator("#id_registered_on").fill("15/01/2012")
    page.locator("[data-testid=registration-form] button[type=submit]").click()
    expect(page.locator("[data-testid=votes-grid]")).to_be_visible()

    page.locator("#id_held_on").fill("20/11/2012")
    page.locator("#id_convened").fill("50")
    page.locator("#id_present").fill("30")
    page.locator("input[data-vote]").first.focus()
    # Tab moves down the column, and so does Enter, as in a spreadsheet.
    page.keyboard.type("18")
    page.keyboard.press("Tab")
    page.keyboard.type("17")
    page.keyboard.press("Enter")
    page.keyboard.type("25")
    page.keyboard.press("Tab")
    page.keyboard.type("30")
    expect(page.locator("[data-testid=votes-total]")).to_have_text("90")
    page.locator("[data-testid=save-meeting]").click()
    expect(page.locator(".message--success")).to_be_visible()

    saved = HouseholdYear.objects.filter(year=2012).order_by("household__head_name")
    by_name = {line.household.head_name: line.votes_for for line in saved.select_related("household")}
    # The grid lists households in Vietnamese order of the head's name: Hoàng, Lý, Ma, Nông.
    assert by_name == {"Hoàng Văn Páo": 18, "Lý Văn Sình": 17, "Ma Thị Hương": 25, "Nông Thị Mai": 30}
    expect(page.locator("[data-testid=votes-total]")).to_have_text("90")
