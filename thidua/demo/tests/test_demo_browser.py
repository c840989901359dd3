"""The demo in a real browser, as a new user follows it: the whole story built as `make demo` builds
it, the login page with its demo accounts, the district officer going from the commendation rounds
to the 2009–2013 round, its decision and the certificates printed in the background, down to the
Giấy khen of tổ 8A phường Đức Xuân in the PDF; then the honour board and the conference.

Building the story takes one to two minutes: it runs in an xdist group of its own. Set
THIDUA_SCREENSHOTS to a directory to keep a screenshot of each page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, Route, expect

from thidua.awards.models import Round
from thidua.demo.story_round import NAME
from thidua.demo_data import demo_load
from thidua.events.models import Conference
from thidua.jobs.models import JobStatus
from thidua.jobs.services import job_run
from thidua.tests.test_browser import browser, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo-story-browser")]


def _shot(tab: Page, name: str) -> None:
    """A screenshot of the page, when THIDUA_SCREENSHOTS names a directory (to look at the pages)."""
    target = os.environ.get("THIDUA_SCREENSHOTS")
    if target:
        tab.screenshot(path=str(Path(target) / f"demo-{name}.png"), full_page=True)


def _pdf_text(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed to read the certificates back"
    return subprocess.run([tool, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def _run_job_with_requests_held(tab: Page, job_id: str) -> None:
    """Run the queued job in this thread, as the worker would, while no request reaches the server.

    On SQLite the live server shares this thread's in-memory connection: the job page's polls are
    held in the browser while the job writes, then let through (Playwright answers a routed request
    only when this thread calls into it).
    """
    held: list[Route] = []
    holding = True

    def poll(route: Route) -> None:
        if holding:
            held.append(route)
        else:
            route.continue_()

    tab.route(re.compile(r"/jobs/[0-9a-f-]{36}/$"), poll)
    while not held:  # The next poll is held: from now on no request reaches the server.
        tab.wait_for_timeout(100)
    assert job_run(job_id).status == JobStatus.SUCCEEDED
    holding = False
    for route in held:
        route.continue_()


def test_the_district_officer_goes_from_the_login_page_to_the_certificate_of_to_8a(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    transactional_db: None,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.DEMO_MODE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(story=True)
    round = Round.objects.get(name=NAME, issuer__source_key="vn-2024:058")

    # The login page lists the demo accounts with their password; the district officer logs in.
    page.goto(f"{live_server.url}/accounts/login/")
    accounts = page.locator(".demo-accounts")
    for username in ("to8a", "ducxuan", "backan", "hoidong", "admin"):
        expect(accounts).to_contain_text(username)
    expect(accounts).to_contain_text("thidua-demo")
    _shot(page, "login")
    page.locator("input[name=username]").fill("backan")
    page.locator("input[name=password]").fill("thidua-demo")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/")

    # Commendation rounds → the 2009–2013 round → its decisions → the decision.
    page.locator("nav.site-nav a[href='/awards/']").click()
    page.get_by_role("link", name=NAME).click()
    expect(page).to_have_url(f"{live_server.url}/awards/rounds/{round.pk}/")
    _shot(page, "round")
    page.locator(f"[data-testid=round-nav] a[href='/awards/rounds/{round.pk}/decisions/']").click()
    page.locator("[data-testid=decisions] a").first.click()
    expect(page.locator("[data-testid=awards] tbody tr")).to_have_count(24 + 32)
    expect(page.locator("[data-testid=awards]")).to_contain_text("tổ 8A")
    _shot(page, "decision")

    # The certificates are printed by the background worker; its progress page offers the PDF.
    page.locator("[data-testid=certificates-form] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    job_id = page.url.rstrip("/").rsplit("/", 1)[1]
    _run_job_with_requests_held(page, job_id)
    progress = page.get_by_test_id("job-progress")
    expect(progress).to_have_attribute("data-status", "succeeded", timeout=30_000)
    _shot(page, "certificates-job")
    with page.expect_download() as download_info:
        page.get_by_test_id("job-download").click()
    pdf = tmp_path / "giay-khen.pdf"
    download_info.value.save_as(pdf)
    text = _pdf_text(pdf)
    pages = text.split("\f")
    assert text.count("GIẤY KHEN") == 24 + 32
    # The certificate of tổ 8A: the area is the recipient, its ward on the line under it.
    to_8a = [p for p in pages if "Khu dân cư tổ 8A" in p]
    assert len(to_8a) == 1 and "Phường Đức Xuân" in to_8a[0], to_8a
    assert "Quyết định số 01/QĐ-UBND ngày 24/01/2014" in to_8a[0]

    # The public honour board lists the round's honorees; the conference page its programme.
    page.goto(f"{live_server.url}/public/honour/{round.pk}/")
    expect(page.get_by_test_id("honour-round")).to_contain_text(re.compile(r"Tổ 8A\s+phường Đức Xuân"))
    _shot(page, "honour-board")
    conference = Conference.objects.get(round=round)
    page.goto(f"{live_server.url}/events/{conference.pk}/")
    expect(page.get_by_test_id("programme")).to_contain_text("Công bố quyết định và trao Giấy khen")
    expect(page.get_by_test_id("invitations")).to_contain_text("tổ 8A")
    _shot(page, "conference")
