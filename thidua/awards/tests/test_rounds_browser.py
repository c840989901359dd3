"""The round's pages in a real browser: the district officer adds a form, reads the candidates and asks why not."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.models import AwardForm
from thidua.awards.rounds import services
from thidua.awards.tests.fixtures_rounds import build_round
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("THIDUA_SHOTS", "")


def _shot(tab: Page, name: str) -> None:
    if SHOTS:
        tab.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_the_district_officer_adds_a_form_and_reads_the_candidates(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    data = build_round(live_cast)
    log_in(page, live_server, "backan")
    page.goto(f"{live_server.url}/awards/rounds/{data.round.pk}/")
    expect(page.locator("[data-testid=round-forms]")).to_contain_text("Giấy khen")
    page.locator("[data-testid=form-add] summary").click()
    page.locator("#id_code").fill("bk-tinh-tb")
    page.locator("#id_name").fill("Bằng khen của UB MTTQ tỉnh (Trưởng ban)")
    page.locator("#id_subject").select_option("bctmt")
    page.locator("#id_kind").select_option("propose")
    page.locator("#id_awarding_body").fill("Ủy ban MTTQ tỉnh Bắc Kạn")
    page.locator("#id_rank").fill("0")
    page.locator("#id_min_years_served").fill("4")
    page.locator("#id_min_grade").select_option("tot")
    page.locator("#id_quota_count").fill("2")
    _shot(page, "round_form_add")
    page.locator("[data-testid=form-add] button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert AwardForm.objects.get(code="bk-tinh-tb").criteria == {"min_years_served": 4, "min_grade": "tot"}
    _shot(page, "round_detail")

    page.goto(f"{live_server.url}/awards/rounds/{data.round.pk}/candidates/")
    expect(page.locator(f"[data-testid=candidate-area-{data.good.pk}]").first).to_be_visible()
    page.locator("#q").fill("to 3")
    page.locator("[data-testid=why-not] button[type=submit]").click()
    expect(page.locator("[data-testid=why-result]").first).to_contain_text("2012")
    _shot(page, "round_candidates")


def test_the_area_officer_records_a_movement_on_the_page(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    services.movements_load_defaults(actor=SYSTEM_ACTOR)
    log_in(page, live_server, "to8a")
    page.goto(f"{live_server.url}/awards/areas/{live_cast.to_8a.pk}/movements/?year=2012")
    page.locator("#id_movement").select_option(label="Đèn điện chiếu sáng ngõ hẻm")
    page.locator("#id_description").fill("Lắp 20 bóng đèn chiếu sáng các ngõ")
    page.locator("[data-testid=movement-form] button[type=submit]").click()
    expect(page.locator("[data-testid=area-movements]")).to_contain_text("Lắp 20 bóng đèn")
    _shot(page, "area_movements")
