"""The whole round in a real browser, from the round's page to the public honour board.

The round of the generated town is prepared by the services up to its public consultation (forms,
nominations accepted, the list published on 26/02/2014, the council and its members). The district
officer then walks the round's screens by their links: the round, its candidates, the council, a
session with the paper counts, the decisions page where the decision is issued and numbered; a
visitor without an account sees the awards on the honour board.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from thidua.awards.consultation import services as consultation
from thidua.awards.council import services as council
from thidua.awards.models import Nomination, Organ, Round, RoundStatus
from thidua.awards.nominations import services as nominations
from thidua.awards.rounds import services
from thidua.awards.tests.test_whole_round import FORMS, MEMBERS, NAME, PUBLISHED_ON, Town, build_town
from thidua.people.models import Person
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)
from thidua.units.models import Unit

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser


def _shot(tab: Page, name: str) -> None:
    """A screenshot of the page, when THIDUA_SCREENSHOTS names a directory (to look at the pages)."""
    target = os.environ.get("THIDUA_SCREENSHOTS")
    if target:
        tab.screenshot(path=str(Path(target) / f"whole_round_{name}.png"), full_page=True)


def round_in_consultation(town: Town) -> tuple[Round, dict[str, Nomination]]:
    """The round through its services up to the published list, with its council of nine."""
    cast = town.cast
    backan = cast["backan"]
    round = services.round_create(
        name=NAME, issuer=cast.town, organ=Organ.UBND, period_start=2009, period_end=2013, actor=backan
    )
    forms = {spec["code"]: services.award_form_add(round=round, actor=backan, **spec) for spec in FORMS}
    services.round_status_set(round=round, to=RoundStatus.NOMINATING, actor=backan)
    round.refresh_from_db()

    def nominate(form: str, commune: Unit, area: Unit | None = None, person: Person | None = None) -> Nomination:
        actor = cast["ducxuan"] if commune == cast.duc_xuan else town.songcau
        made = nominations.nomination_create(
            round=round, form=forms[form], area=area, person=person, nominated_by=commune, actor=actor
        )
        nominations.nomination_submit(nomination=made, actor=actor)
        return nominations.nomination_accept(nomination=made, actor=backan)

    made = {
        "8A": nominate("gk-mttq-tinh", cast.duc_xuan, area=town.areas["8A"]),
        "1": nominate("gk-kdc", cast.duc_xuan, area=town.areas["1"]),
        "lan": nominate("gk-truong-ban", cast.duc_xuan, person=town.lan),
        "14": nominate("gk-kdc", cast.song_cau, area=town.areas["14"]),
    }
    round = consultation.consultation_publish(round=round, on=PUBLISHED_ON, actor=backan)
    board = council.council_create(
        unit=cast.town, name="Hội đồng Thi đua – Khen thưởng thị xã Bắc Kạn", round=round, actor=backan
    )
    for name, role, position in MEMBERS:
        area = town.areas["8A"] if name == "Hoàng Văn Thụ" else None
        council.council_member_add(council=board, full_name=name, role=role, position=position, area=area, actor=backan)
    return round, made


def test_the_officer_walks_a_round_from_its_page_to_the_decision_and_the_public_sees_the_honour_board(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_cast: Cast,  # noqa: F811
) -> None:
    town = build_town(live_cast)
    round, made = round_in_consultation(town)
    url = live_server.url
    log_in(page, live_server, "backan")

    # The round's page, and its candidates by the round's navigation.
    page.goto(f"{url}/awards/rounds/{round.pk}/")
    expect(page.locator("[data-testid=round-status]")).to_have_text("lấy ý kiến nhân dân")
    expect(page.locator("[data-testid=round-forms] tbody tr")).to_have_count(3)
    _shot(page, "1_round")
    page.locator(f"[data-testid=round-nav] a[href$='/rounds/{round.pk}/candidates/']").click()
    expect(page.locator("[data-testid=candidates-gk-kdc]")).to_contain_text("tổ 14")
    expect(page.locator("[data-testid=candidates-gk-truong-ban]")).to_contain_text("Nông Thị Lan")
    _shot(page, "2_candidates")

    # The council: a session on 17/03/2014 with eight of the nine members.
    page.locator(f"[data-testid=round-nav] a[href$='/rounds/{round.pk}/council/']").click()
    expect(page.locator("[data-testid=council-members] tbody tr")).to_have_count(9)
    page.locator("#id_held_on").fill("17/03/2014")
    page.locator("#id_place").fill("Hội trường UBND thị xã")
    boxes = page.locator("[data-testid=session-form] input[type=checkbox]")
    for index in range(8):
        boxes.nth(index).check()
    _shot(page, "3_council")
    page.locator("[data-testid=session-form] button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    # Hoàng Văn Thụ lives in tổ 8A: he steps out for it and for its Trưởng ban.
    expect(page.locator(f"[data-testid=ballot-{made['lan'].pk}]")).to_contain_text("Hoàng Văn Thụ")

    # Secret ballots counted on paper by the tally committee, then closed.
    counts = {"1": (6, 1, 1), "lan": (7, 0, 0), "14": (4, 3, 1)}
    for key, (yes, no, abstain) in counts.items():
        row = page.locator(f"[data-testid=ballot-{made[key].pk}]")
        row.locator("button").click()
        row = page.locator(f"[data-testid=ballot-{made[key].pk}]")
        row.locator("summary").click()
        row.locator("input[name=votes_for]").fill(str(yes))
        row.locator("input[name=votes_against]").fill(str(no))
        row.locator("input[name=votes_abstain]").fill(str(abstain))
        row.locator("details button[type=submit]").click()
        page.locator(f"[data-testid=ballot-{made[key].pk}] [data-testid^=close-]").click()
        expect(page.locator(f"[data-testid=ballot-{made[key].pk}] [data-testid=counts]")).to_have_text(
            f"{yes} / {no} / {abstain}"
        )
    session_row = page.locator(f"[data-testid=ballot-{made['14'].pk}]")
    expect(session_row).to_contain_text("4/9")
    _shot(page, "4_session")
    page.locator("[data-testid=session-close]").click()
    expect(page.locator("[data-testid=session-close]")).to_have_count(0)

    # The decision: back to the council by the breadcrumbs, on by the round's navigation.
    page.locator(f"nav.breadcrumbs a[href$='/rounds/{round.pk}/council/']").click()
    page.locator(f"[data-testid=round-nav] a[href$='/rounds/{round.pk}/decisions/']").click()
    expect(page.locator("[data-testid=issue-form]")).to_be_visible()
    page.locator("#id_issued_on").fill("20/03/2014")
    page.locator("#id_signer_name").fill("Nguyễn Văn Du")
    _shot(page, "5_decisions")
    page.locator("[data-testid=issue-form] button[type=submit]").click()
    expect(page.locator("[data-testid=decision]")).to_contain_text("01/QĐ-UBND")
    expect(page.locator("[data-testid=awards] tbody tr")).to_have_count(2)
    expect(page.locator("[data-testid=awards]")).to_contain_text("Nông Thị Lan")
    _shot(page, "6_decision")

    # The honour board, without an account.
    page.context.clear_cookies()
    page.goto(f"{url}/public/honour/{round.pk}/")
    expect(page.locator("[data-testid=honour-form]")).to_have_count(2)
    expect(page.locator(".honoree__name")).to_have_text(["Tổ 1", "Nông Thị Lan"])
    expect(page.locator(".honoree__citation").first).to_contain_text("01/QĐ-UBND")
    _shot(page, "7_honour")
