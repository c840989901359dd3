"""A whole year in a real browser: the area's officer registers and records the meeting, the commune's
officer reviews and decides the cultural families and sends its areas up, the district's officer
decides the cultural area. Debian's Chromium through Playwright, against the live server."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.models import AreaYear, Dossier, DossierKind, DossierStatus, HouseholdYear
from thidua.people.services import household_create
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser
YEAR = 2020
NAMES = ["Hoàng Văn Páo", "Nông Thị Mai", "Lý Văn Sình"]


def _status(status: str) -> str:
    with translation.override("vi"):
        return str(DossierStatus(status).label)


@pytest.fixture
def pages(browser: Browser) -> Iterator[dict[str, Page]]:  # noqa: F811
    """One browser context per persona, so that each stays logged in as themself."""
    contexts = []

    def opened() -> Page:
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield {name: opened() for name in ("to8a", "ducxuan", "backan")}
    for context in contexts:
        context.close()


def _screenshot(page: Page, name: str) -> None:
    """Save a full-page screenshot to look at, when THIDUA_SCREENSHOTS names a directory."""
    directory = os.environ.get("THIDUA_SCREENSHOTS")
    if directory:
        page.screenshot(path=str(Path(directory) / f"year-{name}.png"), full_page=True)


def test_a_whole_year_from_registration_to_the_district_decision(
    pages: dict[str, Page],
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    cast = live_cast
    for n, name in enumerate(NAMES, start=1):
        household_create(
            code=f"01840-08A-{n:03d}",
            head_name=name,
            area=cast.to_8a,
            since=datetime.date(2009, 1, 1),
            actor=SYSTEM_ACTOR,
        )
    area_url = f"{live_server.url}/evaluations/areas/{cast.to_8a.pk}/{YEAR}/"

    # The area's officer registers every household and records the meeting with its votes.
    area = pages["to8a"]
    log_in(area, live_server, "to8a")
    area.goto(area_url)
    area.locator("[data-select-all]").check()
    area.locator("#id_registered_on").fill(f"15/01/{YEAR}")
    area.locator("[data-testid=registration-form] button[type=submit]").click()
    expect(area.locator("[data-testid=votes-grid]")).to_be_visible()
    # No points or exclusions for the area's officer: those are for the deciders.
    expect(area.locator("[data-testid=exclusions-column]")).to_have_count(0)
    area.locator("#id_held_on").fill(f"20/11/{YEAR}")
    area.locator("#id_convened").fill("10")
    area.locator("#id_present").fill("8")
    area.locator("input[data-vote]").first.focus()
    for votes in ("8", "7", "6"):
        area.keyboard.type(votes)
        area.keyboard.press("Enter")
    area.locator("[data-testid=save-meeting]").click()
    expect(area.locator(".message--success")).to_be_visible()
    area.locator("[data-testid=evaluate]").click()
    expect(area.locator("[data-testid=outcome]")).to_have_count(3)
    # NĐ 122: the dossier is sent up within 3 working days of the meeting (Friday 20/11 → 25/11).
    expect(area.locator("[data-testid=due-dates]")).to_contain_text("25/11/2020")
    area.locator("[data-testid=dossier] button[value=submitted]").click()
    expect(area.locator("[data-testid=dossier-status]")).to_have_text(_status("submitted"))

    # The commune's officer sees the points and exclusion columns, reviews and decides.
    commune = pages["ducxuan"]
    log_in(commune, live_server, "ducxuan")
    commune.goto(area_url)
    expect(commune.locator("[data-testid=exclusions-column]")).to_be_visible()
    _screenshot(commune, "area-commune")
    commune.goto(f"{live_server.url}/evaluations/communes/{cast.duc_xuan.pk}/{YEAR}/")
    expect(commune.locator("[data-testid=queue-count]")).to_contain_text("1")
    commune.locator("[data-testid=queue] button[value=reviewed]").click()
    gdvh = Dossier.objects.get(kind=DossierKind.GDVH, unit=cast.to_8a, year=YEAR)
    decision = commune.locator(f"[data-testid=decision-{gdvh.pk}]")
    decision.locator("summary").click()
    decision.locator("#id_number").fill("5")
    decision.locator("#id_issued_on").fill(f"30/11/{YEAR}")
    decision.locator("#id_signer_name").fill("Nông Văn Chí")
    decision.locator("button[type=submit]").click()
    expect(commune.locator("[data-testid=titles] tbody tr")).to_have_count(3)
    expect(commune.locator("[data-testid=titles]")).to_contain_text("05/QĐ-UBND")

    # The commune's dossier of cultural areas: register the area, the meeting, the rules, send it up.
    commune.locator("[data-testid=kdc-link]").click()
    commune.locator(f"#area-{cast.to_8a.pk}").check()
    commune.locator("#id_registered_on").fill(f"15/01/{YEAR}")
    commune.locator("[data-testid=kdc-registration-form] button[type=submit]").click()
    commune.locator("#id_held_on").fill(f"10/12/{YEAR}")
    commune.locator("#id_convened").fill("20")
    commune.locator("#id_present").fill("15")
    commune.locator("[data-testid=kdc-votes-grid] input[data-vote]").first.fill("12")
    commune.locator("[data-testid=kdc-save-meeting]").click()
    commune.locator("[data-testid=kdc-evaluate]").click()
    row = commune.locator(f"[data-testid=kdc-area-{cast.to_8a.pk}]")
    expect(row.locator("[data-testid=share]")).to_have_text("3/3 (100%)")
    expect(row.locator("[data-testid=outcome]")).to_be_visible()
    commune.locator("[data-testid=kdc-dossier] button[value=submitted]").click()
    expect(commune.locator("[data-testid=dossier-status]")).to_have_text(_status("submitted"))

    # The district's officer finds it in its queue, reviews it and decides the title.
    district = pages["backan"]
    log_in(district, live_server, "backan")
    district.goto(f"{live_server.url}/evaluations/districts/{cast.town.pk}/{YEAR}/")
    expect(district.locator("[data-testid=district-queue-count]")).to_contain_text("1")
    _screenshot(district, "district-queue")
    district.locator(f"[data-testid=district-commune-{cast.duc_xuan.pk}] a").click()
    district.locator("[data-testid=kdc-dossier] button[value=reviewed]").click()
    expect(district.locator("[data-testid=dossier-status]")).to_have_text(_status("reviewed"))
    form = district.locator("[data-testid=kdc-decision-form]")
    form.locator("summary").click()
    form.locator("#id_number").fill("12")
    form.locator("#id_issued_on").fill(f"28/12/{YEAR}")
    form.locator("#id_signer_name").fill("Triệu Văn Minh")
    form.locator("button[type=submit]").click()
    expect(district.locator("[data-testid=dossier-status]")).to_have_text(_status("decided"))
    expect(district.locator("[data-testid=kdc-decision]")).to_contain_text("12/QĐ-UBND")
    expect(district.locator("[data-testid=kdc-titled]")).to_be_visible()
    _screenshot(district, "kdc-decided")

    assert HouseholdYear.objects.filter(year=YEAR, titled=True).count() == 3
    line = AreaYear.objects.get(area=cast.to_8a, year=YEAR)
    assert line.titled is True and line.decision is not None and line.decision.issuer == cast.town
