"""A program that talks to thidua's API with a token: pull a commune's year, push an area's meeting.

    THIDUA_URL=https://thidua.example.vn THIDUA_TOKEN=thd_… python thidua_client.py COMMUNE_ID AREA_ID YEAR

The token is made by the officer on the page "Mã truy cập API" (/tokens/) and acts as that officer:
the same units, the same refusals, every call recorded in thidua's history under the officer's name.
Keep it in the environment, never in the script. Needs httpx (``pip install httpx``).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import httpx


def client(base_url: str, token: str, language: str = "vi") -> httpx.Client:
    return httpx.Client(
        base_url=f"{base_url.rstrip('/')}/api/v1",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": language},
        timeout=30,
    )


class Refused(Exception):
    """thidua refused: every refusal has one shape, {code, message, errors: [{message, field, row}]}."""

    def __init__(self, answer: httpx.Response) -> None:
        body = answer.json()
        self.status, self.code, self.errors = answer.status_code, body["code"], body.get("errors", [])
        super().__init__(f"{answer.status_code} {body['code']}: {body['message']}")


def _json(answer: httpx.Response) -> Any:
    if answer.is_error:
        raise Refused(answer)
    return answer.json()


def pull_commune_year(api: httpx.Client, commune_id: int, year: int) -> dict[str, Any]:
    """The commune's queue of the year, and each area's households with their votes and titles."""
    queue = _json(api.get(f"/evaluations/communes/{commune_id}/{year}"))
    areas = [_json(api.get(f"/evaluations/areas/{row['area_id']}/{year}")) for row in queue["areas"]]
    return {"queue": queue, "areas": areas}


def push_meeting(
    api: httpx.Client,
    area_id: int,
    year: int,
    *,
    held_on: str,
    convened: int,
    present: int,
    votes: dict[int, int],
    chair: str = "",
    ballot: str = "hands",
) -> dict[str, Any]:
    """Record the area's evaluation meeting: attendance and the votes for each registered household line."""
    meeting = {
        "held_on": held_on,
        "convened": convened,
        "present": present,
        "ballot": ballot,
        "chair": chair,
        "votes": [{"line_id": line_id, "votes_for": count} for line_id, count in votes.items()],
    }
    return _json(api.post(f"/evaluations/areas/{area_id}/{year}/meeting", json=meeting))


def main(argv: list[str]) -> int:
    commune_id, area_id, year = (int(value) for value in argv[1:4])
    with client(os.environ["THIDUA_URL"], os.environ["THIDUA_TOKEN"]) as api:
        year_data = pull_commune_year(api, commune_id, year)
        print(f"{year_data['queue']['submitted']} / {year_data['queue']['total']} khu dân cư đã nộp hồ sơ")
        area = next(a for a in year_data["areas"] if a["area_id"] == area_id)
        lines = {h["line_id"]: h["votes_for"] or 0 for h in area["households"] if h["line_id"]}
        try:
            print(push_meeting(api, area_id, year, held_on=f"{year}-11-20", convened=50, present=40, votes=lines))
        except Refused as refusal:
            print(refusal, *(f"  - {e['message']}" for e in refusal.errors), sep="\n", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
