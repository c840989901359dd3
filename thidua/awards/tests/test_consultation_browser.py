# ruff: noqa: F811  (the browser fixtures are parameters here)
"""A citizen without an account reads the published list in a real browser and sends an objection."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from thidua.awards.consultation import forms as forms_consultation
from thidua.awards.consultation.services import consultation_publish
from thidua.awards.models import PublicObjection
from thidua.awards.tests.fixtures_consultation import _empty_cache, build_round  # noqa: F401
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser

# Set THIDUA_SCREENSHOTS=/some/dir to keep the pages as the citizen saw them.
SHOTS = os.environ.get("THIDUA_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=Path(SHOTS) / f"{name}.png", full_page=True)


def test_a_citizen_reads_the_list_and_objects_without_an_account(
    page: Page,
    live_server: LiveServer,
    live_cast: Cast,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A person takes more than a second to write; the test need not wait the real minimum.
    monkeypatch.setattr(forms_consultation, "MIN_FILL_SECONDS", 1)
    setup = build_round(live_cast)
    consultation_publish(round=setup.round, on=timezone.localdate(), actor=live_cast["backan"])

    page.goto(f"{live_server.url}/public/rounds/")
    expect(page.locator("h1")).to_have_text("Danh sách đang lấy ý kiến nhân dân")
    page.get_by_role("link", name=setup.round.name).click()
    expect(page.locator("[data-testid=published-list] tbody tr")).to_have_count(2)
    expect(page.locator("[data-testid=published-list]")).to_contain_text("Hoàng Văn Thụ")
    expect(page.locator("[data-testid=published-list]")).not_to_contain_text("tổ 12")
    # The honeypot is out of sight.
    expect(page.locator("input[name=website]")).not_to_be_in_viewport()
    _shot(page, "public_round_vi")

    page.locator("#id_nomination").select_option(str(setup.area_nomination.pk))
    page.locator("#id_text").fill("Năm 2012 tổ 8A có hộ vi phạm quy định về vệ sinh môi trường.")
    page.locator("#id_name").fill("Nông Văn An")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator("[data-testid=thanks]")).to_be_visible()
    _shot(page, "public_thanks_vi")
    objection = PublicObjection.objects.get()
    assert (objection.nomination_id, objection.name) == (setup.area_nomination.pk, "Nông Văn An")

    page.get_by_role("link", name="Quay lại danh sách công khai").click()
    page.locator("[data-testid=lang-en]").click()
    expect(page.get_by_role("heading", name="Send an objection")).to_be_visible()
    _shot(page, "public_round_en")


def test_the_district_officer_computes_the_last_day_then_publishes(
    page: Page,
    live_server: LiveServer,
    live_cast: Cast,
) -> None:
    setup = build_round(live_cast)
    log_in(page, live_server, "backan")
    page.goto(f"{live_server.url}/awards/rounds/{setup.round.pk}/consultation/")
    page.locator("#id_on").fill("24/01/2014")
    page.get_by_role("button", name="Tính ngày cuối cùng").click()
    # Ten working days after Friday 24/01/2014, across the Tết holiday of 29/01–04/02.
    expect(page.locator("[data-testid=preview]")).to_contain_text("14/02/2014")
    _shot(page, "officer_preview_vi")
    page.get_by_role("button", name="Công khai danh sách").click()
    expect(page.locator(".messages .message--success")).to_contain_text("14/02/2014")
    expect(page.locator("[data-testid=consultation-until]")).to_have_text("14/02/2014")
    _shot(page, "officer_published_vi")
    setup.round.refresh_from_db()
    assert setup.round.consultation_until is not None
    assert setup.round.consultation_until.isoformat() == "2014-02-14"
