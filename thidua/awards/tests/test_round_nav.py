"""The round's tabs show each user only the parts they may open (the views' own predicates)."""

from __future__ import annotations

import pytest
from django.utils import translation

from thidua.awards.pages import ROUND_PARTS, round_nav
from thidua.awards.tests.fixtures_rounds import build_round
from thidua.testing import Cast, client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["to8a", "ducxuan", "backan", "hoidong", "tinh", "admin"])
def test_every_tab_shown_opens_and_every_tab_hidden_is_refused(cast: Cast, username: str) -> None:
    round = build_round(cast).round
    user = cast[username]
    client = client_for(user)
    shown = {url for _label, url, _current in round_nav(round, "", user)}
    every = {
        f"/awards/rounds/{round.pk}/{suffix}"
        for suffix in ("", "candidates/", "nominations/", "consultation/", "council/", "decisions/")
    }
    assert len(every) == len(ROUND_PARTS)
    if round.pk and client.get(f"/awards/rounds/{round.pk}/").status_code == 404:
        # A round the user does not see at all (outside their unit) has no tabs to show.
        return
    for url in every:
        status = client.get(url).status_code
        assert (status == 200) is (url in shown), (url, status)


def test_the_area_officer_is_not_shown_the_council_nor_the_consultation(cast: Cast) -> None:
    round = build_round(cast).round
    with translation.override("en"):
        labels = {label for label, _url, _current in round_nav(round, "", cast["to8a"])}
        assert "Council" not in labels and "Public consultation" not in labels
        assert {label for label, _u, _c in round_nav(round, "", cast["backan"])} >= {"Council", "Public consultation"}
