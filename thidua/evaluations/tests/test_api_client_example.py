"""The client example of docs/api.md, run as it is against a live server with real tokens: it pulls a
commune's year and pushes an area's meeting, and reads a refusal in the API's one error shape."""

from __future__ import annotations

import datetime
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from thidua.evaluations.models import HouseholdYear, Meeting
from thidua.evaluations.services import households_register
from thidua.people.models import Household
from thidua.testing import Cast
from thidua.tokens.services import token_create

ROOT = Path(__file__).resolve().parents[3]
YEAR = 2012


def _example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("thidua_client", ROOT / "docs" / "examples" / "thidua_client.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_the_documented_client_pulls_a_communes_year_and_pushes_a_meeting(
    cast: Cast, households: list[Household], live_server: object
) -> None:
    example = _example()
    households_register(
        area=cast.to_8a, year=YEAR, households=households, registered_on=datetime.date(YEAR, 1, 15), actor=cast["to8a"]
    )
    _token, commune_secret = token_create(user=cast["ducxuan"], name="báo cáo", actor=cast["ducxuan"])
    _token, area_secret = token_create(user=cast["to8a"], name="bảng tính", actor=cast["to8a"])

    with example.client(live_server.url, commune_secret, language="en") as api:  # type: ignore[attr-defined]
        pulled = example.pull_commune_year(api, cast.duc_xuan.pk, YEAR)
    assert pulled["queue"]["total"] == 1
    [area] = pulled["areas"]
    assert area["area_id"] == cast.to_8a.pk and len(area["households"]) == 5
    lines = [h["line_id"] for h in area["households"]]

    with example.client(live_server.url, area_secret, language="en") as api:  # type: ignore[attr-defined]
        votes = dict(zip(lines, [18, 17, 25, 30, 0], strict=True))
        answer = example.push_meeting(
            api, cast.to_8a.pk, YEAR, held_on=f"{YEAR}-11-20", convened=50, present=30, votes=votes
        )
        assert answer["counts"] == {"lines": 5}
        with pytest.raises(example.Refused) as refused:
            example.push_meeting(
                api, cast.to_8a.pk, YEAR, held_on=f"{YEAR}-11-20", convened=50, present=30, votes={lines[0]: 31}
            )
    assert refused.value.status == 400 and refused.value.errors
    meeting = Meeting.objects.get(unit=cast.to_8a)
    assert meeting.present == 30
    assert sorted(HouseholdYear.objects.filter(year=YEAR).values_list("votes_for", flat=True)) == [0, 17, 18, 25, 30]
