"""End to end: Debian's Chromium, driven by Playwright, against the live server and the fixed cast."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from thidua.accounts.models import Role
from thidua.accounts.personas import DEMO_PASSWORD
from thidua.testing import Cast, build_cast

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # A Vietnamese browser, as the app's users have: Django negotiates the language from it.
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def live_cast(transactional_db: None) -> Cast:
    # The live server reads the database from its own thread, so the cast must be committed.
    return build_cast()


def log_in(page: Page, live_server: LiveServer, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()


def vietnamese_role(role: str) -> str:
    with translation.override("vi"):
        return str(Role(role).label)


DASHBOARDS = {
    # username: (their unit, the units listed under it, the counts of visible units by level from the
    # province down to the residential areas, names that must appear nowhere on the page)
    "to8a": ("tổ 8A", [], ["0", "0", "0", "1"], ["Sông Cầu", "Chợ Mới", "Đồng Tâm"]),
    "ducxuan": ("phường Đức Xuân", ["tổ 8A"], ["0", "0", "1", "1"], ["Sông Cầu", "Chợ Mới", "Đồng Tâm"]),
    "backan": (
        "thành phố Bắc Kạn",
        ["phường Đức Xuân", "phường Sông Cầu"],
        ["0", "1", "2", "1"],
        ["Chợ Mới", "Đồng Tâm"],
    ),
    "hoidong": (
        "thành phố Bắc Kạn",
        ["phường Đức Xuân", "phường Sông Cầu"],
        ["0", "1", "2", "1"],
        ["Chợ Mới", "Đồng Tâm"],
    ),
    "chomoi": (
        "huyện Chợ Mới",
        ["thị trấn Đồng Tâm"],
        ["0", "1", "1", "0"],
        ["Đức Xuân", "Sông Cầu", "thành phố Bắc Kạn", "8A"],
    ),
}


@pytest.mark.parametrize("username", list(DASHBOARDS))
def test_each_persona_logs_in_and_sees_their_own_subtree(
    page: Page, live_server: LiveServer, live_cast: Cast, username: str
) -> None:
    unit, children, counts, hidden = DASHBOARDS[username]

    log_in(page, live_server, username)

    expect(page).to_have_url(f"{live_server.url}/")
    whoami = page.get_by_test_id("whoami")
    expect(whoami).to_contain_text(live_cast[username].get_full_name())
    expect(whoami).to_contain_text(vietnamese_role(live_cast[username].role))
    expect(whoami).to_contain_text(unit)
    listed = page.get_by_test_id("unit-children")
    if children:
        for child in children:
            expect(listed).to_contain_text(re.compile(re.escape(child), re.IGNORECASE))
        expect(listed.locator("li")).to_have_count(len(children))
    else:
        expect(listed).to_have_count(0)
    expect(page.locator(".card__value")).to_have_text(counts)
    body = page.locator("body").inner_text().casefold()
    for name in hidden:
        assert name.casefold() not in body, f"{username} sees {name!r}"


def test_the_language_switch_turns_the_pages_to_english_and_back(
    page: Page, live_server: LiveServer, live_cast: Cast
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("main h1")).to_have_text("Đăng nhập")

    page.get_by_test_id("lang-en").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text("Log in")
    expect(page.get_by_test_id("lang-en")).to_have_attribute("aria-pressed", "true")

    # The choice outlives the login, which starts a new session.
    log_in(page, live_server, "ducxuan")
    expect(page).to_have_url(f"{live_server.url}/")
    home_link = page.locator(".site-nav a[href='/']")
    expect(home_link).to_have_text("Home")

    page.get_by_test_id("lang-vi").click()

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(home_link).to_have_text("Trang chủ")
    expect(page).to_have_url(f"{live_server.url}/")


def test_a_unit_of_another_district_does_not_exist_for_the_outsider(
    page: Page, live_server: LiveServer, live_cast: Cast
) -> None:
    url = f"{live_server.url}/units/{live_cast.duc_xuan.pk}/"

    log_in(page, live_server, "chomoi")
    expect(page).to_have_url(f"{live_server.url}/")
    refused = page.goto(url)

    assert refused is not None
    assert refused.status == 404
    assert "Đức Xuân" not in page.content()

    # The 404 page makes the browser ask for /favicon.ico; that response renews the session cookie
    # (SESSION_SAVE_EVERY_REQUEST), so let it land before clearing the cookies.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    log_in(page, live_server, "backan")
    expect(page).to_have_url(f"{live_server.url}/")
    # Wait for the dashboard of the new user, so the next request carries the new session.
    expect(page.locator("[data-testid=whoami]")).to_contain_text("Triệu Văn Minh")
    shown = page.goto(url)

    assert shown is not None
    assert shown.status == 200
    expect(page.locator("main h1")).to_have_text("Phường Đức Xuân")


def test_failed_logins_show_an_error_and_five_lock_the_user_name(
    page: Page, live_server: LiveServer, live_cast: Cast, settings: object
) -> None:
    assert settings.LOGIN_FAILURE_LIMIT == 5  # type: ignore[attr-defined]
    assert settings.LOGIN_LOCKOUT_MINUTES == 15  # type: ignore[attr-defined]

    log_in(page, live_server, "ducxuan", password="wrong")

    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).not_to_contain_text("15")
    expect(page.get_by_test_id("whoami")).to_have_count(0)

    for _attempt in range(4):
        log_in(page, live_server, "ducxuan", password="wrong")
        expect(page.get_by_role("alert")).to_be_visible()

    # The sixth attempt is refused even with the right password.
    log_in(page, live_server, "ducxuan")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("15")
    expect(page.get_by_test_id("whoami")).to_have_count(0)


def run_worker_once() -> None:
    """Run the queued tasks in this thread with the database worker, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_job_page_follows_an_import_from_queued_to_done(
    page: Page, live_server: LiveServer, live_cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker installs signal handlers, which only the main thread of a process may do, and
    # which would outlive the test; the test needs neither.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.Worker.configure_signals", lambda self: None)
    # On SQLite the live server shares this thread's in-memory connection, so no request may run
    # while the worker is inside its transaction. Playwright only answers a routed request when
    # this thread calls into it: while the worker runs, the page's polls wait in the browser.
    held: list[Route] = []
    holding = False

    def poll(route: Route) -> None:
        if holding:
            held.append(route)
        else:
            route.continue_()

    log_in(page, live_server, "admin")
    expect(page).to_have_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/jobs/")
    page.get_by_test_id("start-import").click()

    progress = page.get_by_test_id("job-progress")
    expect(progress).to_have_attribute("data-status", "queued")
    expect(progress.locator("progress")).to_have_attribute("value", "0")
    page.route(re.compile(r"/jobs/[0-9a-f-]{36}/$"), poll)
    holding = True
    page.wait_for_timeout(100)
    while not held:  # The next poll is held: from now on no request reaches the server.
        page.wait_for_timeout(100)

    run_worker_once()

    holding = False
    for route in held:
        route.continue_()
    expect(progress).to_have_attribute("data-status", "succeeded", timeout=30_000)
    expect(progress.locator("progress")).to_have_attribute("value", "100")
    expect(progress).to_contain_text("100%")
