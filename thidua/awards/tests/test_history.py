"""The award history of areas, households and people, the search without diacritics, and the
public honour board: pages, API and selectors."""

from __future__ import annotations

import datetime
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.citations import decision_citation
from thidua.awards.decisions.services import award_revoke
from thidua.awards.history.selectors import (
    area_award_history,
    history_search,
    household_award_history,
    person_award_history,
)
from thidua.awards.honour.selectors import honour_board
from thidua.awards.models import Award
from thidua.awards.tests.fixtures_history import Honours, area, build_honours
from thidua.campaigns.parameters import EXCLUSION_CATEGORIES
from thidua.evaluations.models import AreaYear, CertificateAward, Decision, DecisionKind, HouseholdYear, StreakKind
from thidua.people.services import household_create
from thidua.testing import Cast, client_for
from thidua.units.services import units_merge

pytestmark = pytest.mark.django_db
D = datetime.date

CITATION_05 = "05/QĐ-UBND ngày 20/01/2014 của UBND thị xã Bắc Kạn"


@pytest.fixture
def honours(cast: Cast) -> Honours:
    return build_honours(cast)


def _recognition(cast: Cast, number: int, year: int) -> Decision:
    return Decision.objects.create(
        kind=DecisionKind.KDC, issuer=cast.town, year=year, number=number, issued_on=D(year, 12, 20)
    )


@pytest.fixture
def merged(cast: Cast) -> tuple[object, object]:
    """tổ 8B titled 2009–2012 (with its own Giấy khen), merged with tổ 9 into tổ 8 on 1/1/2013."""
    to_8b, to_9 = area(cast.duc_xuan, "8B"), area(cast.duc_xuan, "9")
    for year in range(2009, 2013):
        AreaYear.objects.create(area=to_8b, year=year, titled=True, decision=_recognition(cast, year - 2000, year))
    CertificateAward.objects.create(
        kind=StreakKind.AREA,
        area=to_8b,
        window_start=2009,
        window_end=2011,
        decision="12/QĐ-UBND",
        decided_on=D(2012, 1, 9),
    )
    to_8 = area(cast.duc_xuan, "8")
    to_8.valid_from = D(2013, 1, 1)
    to_8.save()
    units_merge(predecessors=[to_8b, to_9], successor=to_8, date=D(2013, 1, 1), actor=SYSTEM_ACTOR)
    AreaYear.objects.create(area=to_8, year=2013, titled=True, decision=_recognition(cast, 30, 2013))
    return to_8, to_8b


# --- citations and histories -------------------------------------------------------------------------


def test_a_decision_is_cited_with_its_number_date_and_the_issuer_named_as_on_that_day(honours: Honours) -> None:
    history = area_award_history(honours.round.issuer.children.get(name="Đức Xuân").children.get(name="8A"))
    assert [line.citation for line in history.awards] == [CITATION_05]
    assert decision_citation(5, "QĐ-UBND", D(2014, 1, 20), "UBND thị xã Bắc Kạn") == CITATION_05


def test_the_history_of_a_merged_area_shows_the_years_of_its_predecessor(cast: Cast, merged: tuple) -> None:
    to_8, to_8b = merged
    history = area_award_history(to_8)
    assert [(line.year, line.area_name, line.predecessor) for line in history.titles] == [
        (2009, "tổ 8B", True),
        (2010, "tổ 8B", True),
        (2011, "tổ 8B", True),
        (2012, "tổ 8B", True),
        (2013, "tổ 8", False),
    ]
    assert history.titles[0].citation == "09/QĐ-UBND ngày 20/12/2009 của UBND thành phố Bắc Kạn"
    assert [(c.window_start, c.window_end, c.subject_name) for c in history.certificates] == [(2009, 2011, "tổ 8B")]
    html = (
        client_for(cast["ducxuan"], language="vi").get(reverse("awards:history_area", args=[to_8.pk])).content.decode()
    )
    assert "tổ 8B" in html and "2012" in html
    assert reverse("awards:history_area", args=[to_8b.pk]) in html  # the predecessor's own page is linked


def test_a_revoked_title_year_keeps_its_line_with_the_day_and_the_reason(cast: Cast, merged: tuple) -> None:
    to_8, to_8b = merged
    AreaYear.objects.filter(area=to_8b, year=2010).update(revoked_on=D(2011, 3, 1), revocation_reason="Sai quy trình")
    line = next(line for line in area_award_history(to_8).titles if line.year == 2010)
    assert line.revoked and line.revoked_on == D(2011, 3, 1) and line.revocation_reason == "Sai quy trình"


def test_a_revoked_award_is_shown_struck_with_its_day_and_reason(cast: Cast, honours: Honours) -> None:
    history = area_award_history(honours.to_3)
    (line,) = history.awards
    assert line.revoked
    assert (line.revoked_on, line.revocation_reason) == (D(2014, 5, 15), "Khai báo thành tích không đúng sự thật")
    html = (
        client_for(cast["backan"], language="vi")
        .get(reverse("awards:history_area", args=[honours.to_3.pk]))
        .content.decode()
    )
    assert re.search(r'<s class="award__form">Giấy khen của Chủ tịch UBND thị xã \(khu dân cư\)</s>', html)
    assert "<s>" in html and "07/QĐ-UBND ngày 10/02/2014" in html
    assert "15/05/2014" in html and "Khai báo thành tích không đúng sự thật" in html


def test_an_award_revoked_on_its_own_keeps_the_decision_and_shows_its_reason(cast: Cast, honours: Honours) -> None:
    award_revoke(award=honours.award_12, on=D(2015, 1, 2), reason="Sáp nhập sai", actor=SYSTEM_ACTOR)
    (line,) = area_award_history(honours.to_12).awards
    assert line.revoked and line.citation.startswith("05/QĐ-UBND") and line.revocation_reason == "Sáp nhập sai"
    assert not area_award_history(cast.to_8a).awards[0].revoked


def test_a_person_history_lists_the_positions_and_the_higher_bodys_award(honours: Honours) -> None:
    history = person_award_history(honours.head_12)
    (position,) = history.positions
    assert (position.unit_name, position.commune_name) == ("tổ 12", "phường Sông Cầu")
    (line,) = history.awards
    assert line.status == "awarded"
    assert line.citation == "125/QĐ-MTTQ-BTT ngày 20/04/2014 của Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn"
    assert line.proposal_citation == "Tờ trình 03/TTr-UBND ngày 25/01/2014"


def test_a_household_history_lists_its_cultural_family_years_and_certificates(cast: Cast) -> None:
    household = household_create(
        code="01840-08A-001", head_name="Nông Văn Páo", area=cast.to_8a, since=D(2009, 1, 1), actor=SYSTEM_ACTOR
    )
    decision = Decision.objects.create(
        kind=DecisionKind.GDVH, issuer=cast.duc_xuan, year=2012, number=3, issued_on=D(2012, 12, 28)
    )
    HouseholdYear.objects.create(household=household, year=2012, area=cast.to_8a, titled=True, decision=decision)
    CertificateAward.objects.create(
        kind=StreakKind.HOUSEHOLD, household=household, window_start=2010, window_end=2012, decision="02/QĐ-UBND"
    )
    history = household_award_history(household)
    assert [(t.year, t.citation) for t in history.titles] == [
        (2012, "03/QĐ-UBND ngày 28/12/2012 của UBND phường Đức Xuân")
    ]
    assert [(c.window_start, c.citation) for c in history.certificates] == [(2010, "02/QĐ-UBND")]


# --- search without diacritics ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kind", "found"),
    [
        ("duc xuan", "areas", "tổ 8A"),
        ("to 8a", "areas", "tổ 8A"),
        ("TO 8A", "areas", "tổ 8A"),
        ("hoang thi nong", "people", "Hoàng Thị Nông"),
        ("nguyen van", "households", "Nguyễn Văn An (01840-08A-007)"),
        ("nguyen van", "people", "Nguyễn Văn Hùng"),
    ],
)
def test_the_search_ignores_diacritics(cast: Cast, honours: Honours, query: str, kind: str, found: str) -> None:
    household_create(code="01840-08A-007", head_name="Nguyễn Văn An", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR)
    results = history_search(cast["backan"], query)
    assert found in [f.name for f in getattr(results, kind)]


def test_the_search_page_links_each_result_to_its_history(cast: Cast, honours: Honours) -> None:
    html = (
        client_for(cast["ducxuan"], language="vi")
        .get(reverse("awards:history_search"), {"q": "hoang thi nong"})
        .content.decode()
    )
    assert reverse("awards:history_person", args=[honours.head_8a.pk]) in html
    assert "Hoàng Thị Nông" in html


def test_the_search_finds_nothing_outside_the_users_subtree(cast: Cast, honours: Honours) -> None:
    results = history_search(cast["ducxuan"], "12")
    assert results.areas == [] and [p.name for p in history_search(cast["ducxuan"], "nguyen van hung").people] == []
    assert [a.name for a in history_search(cast["backan"], "to 12").areas] == ["tổ 12"]
    assert history_search(cast["chomoi"], "nong").count == 0


# --- scope -------------------------------------------------------------------------------------------


def test_a_commune_officer_cannot_open_an_area_outside_its_subtree(cast: Cast, honours: Honours) -> None:
    client = client_for(cast["ducxuan"], language="vi")
    assert client.get(reverse("awards:history_area", args=[honours.to_12.pk])).status_code == 404
    assert client.get(reverse("awards:history_person", args=[honours.head_12.pk])).status_code == 404
    assert client.get(f"/api/v1/awards/history/areas/{honours.to_12.pk}").status_code == 404
    assert client.get(reverse("awards:history_area", args=[cast.to_8a.pk])).status_code == 200
    assert client.get(reverse("awards:history_person", args=[honours.head_8a.pk])).status_code == 200


def test_a_household_outside_the_subtree_is_a_404(cast: Cast, honours: Honours) -> None:
    household = household_create(
        code="01837-12-001", head_name="Lý Văn Sình", area=honours.to_12, since=None, actor=SYSTEM_ACTOR
    )
    assert (
        client_for(cast["ducxuan"], language="vi")
        .get(reverse("awards:history_household", args=[household.pk]))
        .status_code
        == 404
    )
    assert (
        client_for(cast["backan"], language="vi")
        .get(reverse("awards:history_household", args=[household.pk]))
        .status_code
        == 200
    )


def test_the_history_pages_need_a_login(honours: Honours) -> None:
    response = Client().get(reverse("awards:history_area", args=[honours.to_12.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Client().get(f"/api/v1/awards/history/areas/{honours.to_12.pk}").status_code == 401


# --- the honour board --------------------------------------------------------------------------------


def test_the_honour_board_without_login_shows_the_issued_decisions_awards_and_not_the_revoked_ones(
    honours: Honours,
) -> None:
    response = Client().get(reverse("public:honour"))
    assert response.status_code == 200
    html = response.content.decode()
    # A name opens its line on the board, with a capital: "Tổ 8A".
    assert "Tổ 8A" in html and "Tổ 12" in html and "Hoàng Thị Nông" in html
    assert "Nguyễn Văn Hùng" in html and "125/QĐ-MTTQ-BTT" in html  # the higher body's award
    assert "tổ 3" not in html.lower() and "07/QĐ-UBND" not in html
    round_page = Client().get(reverse("public:honour_round", args=[honours.round.pk]))
    assert round_page.status_code == 200 and "Tổ 8A" in round_page.content.decode()


def test_the_honour_board_names_the_areas_and_communes_of_the_period(honours: Honours) -> None:
    board = honour_board(round_id=honours.round.pk)
    (round_,) = board.rounds
    assert round_.issuer == "UBND thị xã Bắc Kạn"
    lines = {(f.name, h.name, h.area_name, h.commune_name) for f in round_.forms for h in f.honorees}
    assert ("Giấy khen của Chủ tịch UBND thị xã (khu dân cư)", "tổ 8A", "", "phường Đức Xuân") in lines
    person_form = "Giấy khen của Chủ tịch UBND thị xã (Trưởng ban công tác Mặt trận)"
    assert (person_form, "Hoàng Thị Nông", "tổ 8A", "phường Đức Xuân") in lines
    assert round_.forms[0].name == "Giấy khen của Ủy ban MTTQ tỉnh"  # the highest form first


def test_the_honour_board_filters_by_commune_and_year(cast: Cast, honours: Honours) -> None:
    board = honour_board(commune_id=cast.song_cau.pk)
    names = {h.name for r in board.rounds for f in r.forms for h in f.honorees}
    assert names == {"tổ 12", "Nguyễn Văn Hùng"}
    assert {name for _pk, name in board.communes} == {"phường Đức Xuân", "phường Sông Cầu"}
    assert honour_board(year=2015).rounds == [] and board.years == [2014]
    html = Client().get(reverse("public:honour"), {"commune": cast.duc_xuan.pk}).content.decode()
    assert "Tổ 8A" in html and "tổ 12" not in html.lower()


def test_a_round_without_a_public_award_has_no_honour_page(cast: Cast, honours: Honours) -> None:
    for award in [*Award.objects.filter(decision=honours.decision), honours.award_upward]:
        award_revoke(award=award, on=D(2015, 1, 1), reason="Trùng thành tích", actor=SYSTEM_ACTOR)
    assert Client().get(reverse("public:honour_round", args=[honours.round.pk])).status_code == 404
    assert Client().get(reverse("public:honour_round", args=[99999])).status_code == 404


def test_the_honour_board_json_is_open_without_login_and_read_only(cast: Cast, honours: Honours) -> None:
    response = Client().get("/api/v1/awards/honour", {"commune": cast.duc_xuan.pk})
    assert response.status_code == 200
    (round_,) = response.json()["rounds"]
    honorees = [h["name"] for f in round_["forms"] for h in f["honorees"]]
    assert sorted(honorees) == ["Hoàng Thị Nông", "tổ 8A"]
    assert Client().get(f"/api/v1/awards/honour/{honours.round.pk}").status_code == 200
    assert Client().post("/api/v1/awards/honour").status_code == 405


def test_the_honour_board_costs_the_same_queries_for_many_honorees(
    cast: Cast, honours: Honours, django_assert_max_num_queries: object
) -> None:
    from thidua.awards.tests.fixtures_history import award

    for n in range(30):
        award(honours.area_form, cast.duc_xuan, decision=honours.decision, area=area(cast.duc_xuan, f"X{n}"))
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        board = honour_board()
    assert sum(r.count for r in board.rounds) == 34


def test_the_history_api_returns_the_same_lines_as_the_page(cast: Cast, honours: Honours) -> None:
    data = client_for(cast["backan"], language="vi").get(f"/api/v1/awards/history/areas/{honours.to_3.pk}").json()
    (line,) = data["awards"]
    assert line["status"] == "revoked" and line["revocation_reason"] == "Khai báo thành tích không đúng sự thật"
    found = (
        client_for(cast["backan"], language="vi").get("/api/v1/awards/history/search", {"q": "hoang thi nong"}).json()
    )
    assert [p["name"] for p in found["people"]] == ["Hoàng Thị Nông"]
    person = client_for(cast["backan"], language="vi").get(f"/api/v1/awards/history/people/{honours.head_8a.pk}").json()
    assert person["positions"][0]["unit_name"] == "tổ 8A"


def test_the_console_prints_a_history_the_search_and_the_honour_board(cast: Cast, honours: Honours) -> None:
    out = io.StringIO()
    call_command("history", "search", "hoang thi nong", stdout=out)
    assert "Hoàng Thị Nông" in out.getvalue()
    out = io.StringIO()
    call_command("history", "area", str(honours.to_3.pk), "--format", "json", stdout=out)
    (line,) = json.loads(out.getvalue())["awards"]
    assert line["status"] == "revoked" and line["revocation_reason"] == "Khai báo thành tích không đúng sự thật"
    out = io.StringIO()
    call_command("history", "honour", "--commune", str(cast.duc_xuan.pk), stdout=out)
    assert "tổ 8A — phường Đức Xuân — 05/QĐ-UBND ngày 20/01/2014" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("history", "area", str(honours.to_12.pk), "--user", "ducxuan", stdout=io.StringIO())


# --- nothing sensitive -------------------------------------------------------------------------------


def test_no_exclusion_category_appears_on_the_history_search_or_honour_pages(cast: Cast, honours: Honours) -> None:
    household = household_create(
        code="01840-08A-009", head_name="Hoàng Văn Nông", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR
    )
    HouseholdYear.objects.create(
        household=household, year=2012, area=cast.to_8a, titled=False, exclusions=list(EXCLUSION_CATEGORIES)
    )
    client = client_for(cast["ducxuan"], language="vi")
    pages = [
        client.get(reverse("awards:history_household", args=[household.pk])),
        client.get(reverse("awards:history_search"), {"q": "nong"}),
        client.get(reverse("awards:history_area", args=[cast.to_8a.pk])),
        client.get(f"/api/v1/awards/history/households/{household.pk}"),
        Client().get(reverse("public:honour")),
        Client().get("/api/v1/awards/honour"),
    ]
    assert all(page.status_code == 200 for page in pages)
    assert "Hoàng Văn Nông" in pages[1].content.decode()
    forbidden = set(EXCLUSION_CATEGORIES)
    for language in ("vi", "en"):
        with translation.override(language):
            forbidden |= {str(label) for label in EXCLUSION_CATEGORIES.values()}
    for page in pages:
        text = page.content.decode()
        assert not [word for word in forbidden if word in text]
