"""The headers of every page (issue #14, item 7): a Content-Security-Policy that lets nothing in from
outside the site, and ``Cache-Control: private, no-store`` on what shows personal data; in a real
browser, the pages work under that policy (no violation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.test import Client

from thidua.testing import Cast, client_for
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401 — the browser's fixtures

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer


def _policy(header: str) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.django_db
def test_pages_send_a_policy_that_allows_nothing_from_outside_and_are_not_cached(cast: Cast) -> None:
    officer = client_for(cast["ducxuan"])
    for response in (
        officer.get("/"),
        officer.get(f"/evaluations/areas/{cast.to_8a.pk}/2012/"),
        officer.get(f"/evaluations/areas/{cast.to_8a.pk}/2012/", {"format": "xlsx"}),
        Client().get("/accounts/login/"),
        Client().get("/admin/login/"),
    ):
        assert response.status_code == 200, response
        policy = _policy(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"] and policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        # No host, no scheme but data: for images, no 'unsafe-…' anywhere.
        values = [value for name, values in policy.items() for value in values]
        assert all(value.startswith("'") or value == "data:" for value in values)
        assert not any("unsafe" in value for value in values)
        # Ours, or stricter where Django's own views (the login pages) say never_cache.
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.browser
def test_the_pages_work_under_the_policy_in_a_browser(page: Page, live_server: LiveServer, live_cast: Cast) -> None:  # noqa: F811
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    log_in(page, live_server, "ducxuan")
    for path in (
        "/",
        "/units/",
        f"/units/{live_cast.duc_xuan.pk}/",
        f"/evaluations/areas/{live_cast.to_8a.pk}/2012/",
        f"/reports/?unit={live_cast.duc_xuan.pk}&start=2011&end=2012",
        "/awards/",
        "/accounts/password/change/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status < 400, path
        assert "Content-Security-Policy" in {name.title() for name in response.headers}
        page.wait_for_load_state("networkidle")
    # The stylesheet applied (a style attribute or a blocked sheet would leave the page unstyled).
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
    assert violations == []
