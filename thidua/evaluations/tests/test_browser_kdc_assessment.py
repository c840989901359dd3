"""The commune's officer types the areas' self-assessment and the Front's evaluation into the KDC page,
in a real browser (Debian's Chromium through Playwright, against the live server)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.kdc.services import area_register
from thidua.evaluations.models import AreaYear
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser
YEAR = 2020


def test_the_commune_officer_enters_the_grid_sees_the_errors_then_the_tier(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    line = area_register(area=live_cast.to_8a, year=YEAR, registered_on=datetime.date(YEAR, 1, 15), actor=SYSTEM_ACTOR)
    log_in(page, live_server, "ducxuan")
    page.goto(f"{live_server.url}/evaluations/communes/{live_cast.duc_xuan.pk}/{YEAR}/areas/")
    grid = page.locator("[data-testid=kdc-self-assessment]")
    for number, value in enumerate(["18", "18", "16", "16", "1x"], start=1):
        grid.locator(f"input[name=score-{line.pk}-{number}]").fill(value)
    page.locator("[data-testid=kdc-save-self-assessment]").click()
    expect(page.locator("[data-testid=errors]")).to_contain_text("tổ 8A")
    expect(grid.locator(f"input[name=score-{line.pk}-5]")).to_have_value("1x")
    grid.locator(f"input[name=score-{line.pk}-5]").fill("16")
    page.locator("[data-testid=kdc-save-self-assessment]").click()
    expect(grid.locator("[data-testid=assessment-total]")).to_have_text("84")
    front = page.locator("[data-testid=kdc-front]")
    front.locator(f"input[name=mttq-{line.pk}]").fill("92")
    front.locator(f"select[name=grade-{line.pk}]").select_option("tot")
    page.locator("[data-testid=kdc-save-front]").click()
    expect(front.locator("[data-testid=front-tier]")).to_have_text("Tốt")
    if shots := os.environ.get("THIDUA_SCREENSHOTS"):
        page.locator("[data-testid=kdc-assessment]").screenshot(path=str(Path(shots) / "kdc-assessment.png"))
    line.refresh_from_db()
    assert (line.points, line.mttq_tier, line.front_head_grade) == (84, "tot", "tot")
    assert AreaYear.objects.count() == 1
