"""The main navigation: award history for everyone logged in, honouring conferences for their organisers."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from thidua.context_processors import shell
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


def _nav(cast: Cast, username: str) -> dict[str, str]:
    request = RequestFactory().get("/")
    request.user = cast[username]
    with translation.override("en"):
        return {str(label): url for label, url in shell(request)["nav_items"]}


@pytest.mark.parametrize("username", ["to8a", "ducxuan", "backan", "hoidong", "tinh", "admin", "chomoi"])
def test_every_logged_in_user_finds_the_award_history_search(cast: Cast, username: str) -> None:
    assert _nav(cast, username)["Award history"] == "/awards/history/"


@pytest.mark.parametrize(
    ("username", "shown"),
    [("to8a", False), ("ducxuan", False), ("hoidong", False), ("backan", True), ("tinh", True), ("admin", True)],
)
def test_honouring_conferences_are_in_the_menu_of_district_and_province_officers_and_admins(
    cast: Cast, username: str, shown: bool
) -> None:
    assert ("Honouring conferences" in _nav(cast, username)) is shown


def test_an_anonymous_visitor_has_no_menu(cast: Cast) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert shell(request)["nav_items"] == []


@pytest.mark.parametrize(
    ("username", "rules", "imports", "jobs"),
    [
        ("ducxuan", False, True, False),
        ("backan", False, False, False),
        ("tinh", True, False, False),
        ("admin", True, True, True),
    ],
)
def test_the_menu_shows_each_role_what_it_does_to_stay_on_one_line(
    cast: Cast, username: str, rules: bool, imports: bool, jobs: bool
) -> None:
    nav = _nav(cast, username)
    assert ("Rules and parameters" in nav, "Import households" in nav, "Background jobs" in nav) == (
        rules,
        imports,
        jobs,
    )


def test_the_district_officer_finds_its_yearly_page_in_the_menu(cast: Cast) -> None:
    url = _nav(cast, "backan")["Yearly evaluations"]
    assert url.startswith(f"/evaluations/districts/{cast.town.pk}/")
    from thidua.testing import client_for

    assert client_for(cast["backan"]).get(url).status_code == 200


@pytest.mark.parametrize("username", ["to8a", "ducxuan", "backan", "hoidong", "tinh", "admin", "chomoi"])
def test_every_menu_entry_opens_for_its_user(cast: Cast, username: str) -> None:
    from thidua.testing import client_for

    client = client_for(cast[username])
    refused = {
        label: status
        for label, url in _nav(cast, username).items()
        if (status := client.get(url, follow=True).status_code) != 200
    }
    assert refused == {}


def test_the_area_officer_is_not_shown_the_reports_it_may_not_open(cast: Cast) -> None:
    assert "Reports" not in _nav(cast, "to8a")
    assert "Reports" in _nav(cast, "ducxuan")
