"""A whole commendation round on generated data, from the candidates to the issued decision and beyond.

The town of Bắc Kạn with two communes and eight areas, their titles and Front tiers over 2009–2013
and their Trưởng ban. The same round runs twice: through the services (as the CLI does), and through
the API only, with the cast's sessions — the district officer runs it, the commune officer
nominates, council members vote on their own accounts, and an anonymous visitor objects on the
public page (the public has no API). Each step's answer is asserted; the dates are passed in.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from thidua.accounts.models import Role, User
from thidua.accounts.personas import DEMO_PASSWORD
from thidua.accounts.services import user_create
from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.consultation import services as consultation
from thidua.awards.consultation.forms import form_token
from thidua.awards.council import services as council
from thidua.awards.decisions import services as decisions
from thidua.awards.history.selectors import area_award_history
from thidua.awards.honour.selectors import honour_board
from thidua.awards.models import (
    Award,
    BallotMethod,
    Choice,
    CouncilMember,
    CouncilRole,
    FormKind,
    Nomination,
    NominationStatus,
    ObjectionStatus,
    Organ,
    PassRule,
    ProposalStatus,
    RoundStatus,
    Subject,
)
from thidua.awards.nominations import services as nominations
from thidua.awards.rounds import services
from thidua.awards.rounds.selectors import round_candidates
from thidua.awards.tests.fixtures_rounds import area_years, head
from thidua.awards.tests.fixtures_rounds import decisions as title_decisions
from thidua.errors import DomainError
from thidua.jobs.models import JobStatus
from thidua.jobs.services import job_run
from thidua.people.models import Person
from thidua.testing import Cast, client_for, make_unit
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db
D = datetime.date
API = "/api/v1/awards"

NAME = "Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013"
# Published on Wednesday 26/02/2014: the ten working days after it end on Wednesday 12/03/2014.
PUBLISHED_ON, LAST_DAY = D(2014, 2, 26), D(2014, 3, 12)
OBJECTED_ON = D(2014, 3, 5)
HELD_ON = D(2014, 3, 17)  # the Monday after the consultation: the council may vote
ISSUED_ON = D(2014, 3, 20)
SENT_ON, HIGHER_ON = D(2014, 3, 25), D(2014, 4, 20)
SUBJECT = "Về việc khen thưởng khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013"
BASES = ["Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003", "Xét đề nghị của Hội đồng Thi đua – Khen thưởng"]

FORMS: list[dict[str, Any]] = [
    {
        "code": "gk-mttq-tinh",
        "name": "Giấy khen của Ban Thường trực UB MTTQ tỉnh",
        "subject": Subject.AREA,
        "kind": FormKind.PROPOSE,
        "awarding_body": "Ban Thường trực Ủy ban MTTQ tỉnh Bắc Kạn",
        "rank": 0,
        "criteria": {"title_years": "all", "min_tier": "tot"},
        "quota_count": 2,
    },
    {
        "code": "gk-kdc",
        "name": "Giấy khen của Chủ tịch UBND thị xã (khu dân cư)",
        "subject": Subject.AREA,
        "kind": FormKind.GIVE,
        "awarding_body": "Chủ tịch UBND thị xã Bắc Kạn",
        "rank": 1,
        "criteria": {"title_years": "all", "min_tier": "kha"},
        "quota_count": 3,
    },
    {
        "code": "gk-truong-ban",
        "name": "Giấy khen của Chủ tịch UBND thị xã (Trưởng ban công tác Mặt trận)",
        "subject": Subject.BCTMT,
        "kind": FormKind.GIVE,
        "awarding_body": "Chủ tịch UBND thị xã Bắc Kạn",
        "rank": 1,
        "criteria": {"min_years_served": "all", "area_titled": True},
        "pass_rule": PassRule.SHARE_OF_MEMBERS,
        "pass_share": "70/100",
    },
]
# The council: nine members, the chair first; Lý Thị Hoa is the cast's "hoidong"; Hoàng Văn Thụ lives
# in tổ 8A and steps out for it and for its Trưởng ban. The first eight are present.
MEMBERS = [
    ("Đinh Văn Quang", CouncilRole.CHAIR, "Phó Chủ tịch UBND thị xã"),
    ("Hà Thị Nga", CouncilRole.VICE_CHAIR, "Chủ tịch UB MTTQ thị xã"),
    ("Lý Thị Hoa", CouncilRole.MEMBER, "Trưởng phòng Văn hóa – Thông tin"),
    ("Nông Văn Tài", CouncilRole.MEMBER, "Phó Chủ tịch UB MTTQ thị xã"),
    ("Ma Thị Liên", CouncilRole.MEMBER, "Chủ tịch Hội Liên hiệp Phụ nữ thị xã"),
    ("Triệu Văn Sơn", CouncilRole.MEMBER, "Bí thư Thị đoàn"),
    ("Hoàng Văn Thụ", CouncilRole.MEMBER, "Trưởng ban công tác Mặt trận tổ 8A"),
    ("Bế Thị Hằng", CouncilRole.SECRETARY, "Chuyên viên Phòng Nội vụ"),
    ("Lục Văn Bình", CouncilRole.MEMBER, "Chủ tịch Hội Cựu chiến binh thị xã"),
]
# The members present who raise their hands for Nông Thị Lan, each on an account of their own (Hoàng
# Văn Thụ, present too, steps out for her).
HANDS_FOR = [
    "Đinh Văn Quang",
    "Hà Thị Nga",
    "Lý Thị Hoa",
    "Nông Văn Tài",
    "Ma Thị Liên",
    "Triệu Văn Sơn",
    "Bế Thị Hằng",
]
ACCOUNTS = {"Lý Thị Hoa": "hoidong"} | {
    name: f"hd{index}" for index, name in enumerate(HANDS_FOR, start=1) if name != "Lý Thị Hoa"
}


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    # The objections' rate limit is counted in the cache: each test starts with none counted.
    cache.clear()
    yield
    cache.clear()


@dataclass
class Town:
    """The generated town: eight areas of two communes, with titles, tiers and Trưởng ban."""

    cast: Cast
    areas: dict[str, Unit]
    lan: Person  # Trưởng ban of tổ 8A the whole period: eligible
    ba: Person  # Trưởng ban of tổ 1 the whole period: eligible
    short: Person  # Trưởng ban of tổ 2 from 2/7/2009 only: not eligible
    songcau: User  # the commune officer of phường Sông Cầu (the cast has one of Đức Xuân only)
    accounts: dict[str, User] = field(default_factory=dict)


def build_town(cast: Cast) -> Town:
    decided = title_decisions(cast)

    def area(name: str, commune: Unit) -> Unit:
        return make_unit(code=f"{commune.code}-{name}", name=name, kind=UnitKind.TO_DAN_PHO, parent=commune)

    areas = {"8A": cast.to_8a}
    areas |= {name: area(name, cast.duc_xuan) for name in ("1", "2", "3")}
    areas |= {name: area(name, cast.song_cau) for name in ("12", "13", "14", "15")}
    tot = {y: "tot" for y in range(2009, 2014)}
    area_years(areas["8A"], decided, tiers=tot, grade="tot")
    area_years(areas["1"], decided)
    area_years(areas["2"], decided, titled=[2009, 2010, 2012, 2013])
    area_years(areas["3"], decided, tiers={2012: "trung_binh"})
    area_years(areas["12"], decided)
    area_years(areas["13"], decided, tiers=tot, grade="tot")
    area_years(areas["14"], decided)
    area_years(areas["15"], decided, titled=[2011, 2012, 2013])
    lan = head(areas["8A"], "Nông Thị Lan", D(2008, 3, 1), woman=True)
    ba = head(areas["1"], "Hoàng Văn Ba", D(2005, 1, 1))
    short = head(areas["2"], "Hoàng Văn Bốn", D(2009, 7, 2))
    head(areas["12"], "Lục Văn Khánh", D(2004, 1, 1))
    songcau = user_create(
        username="songcau",
        password=DEMO_PASSWORD,
        role=Role.COMMUNE_OFFICER,
        unit=cast.song_cau,
        full_name="Lục Thị Hạnh",
        actor=SYSTEM_ACTOR,
    )
    town = Town(cast, areas, lan, ba, short, songcau)
    for full_name, username in ACCOUNTS.items():
        town.accounts[full_name] = cast[username] if username in cast.users else _account(cast, username, full_name)
    return town


def _account(cast: Cast, username: str, full_name: str) -> User:
    return user_create(
        username=username,
        password=DEMO_PASSWORD,
        role=Role.COUNCIL_MEMBER,
        unit=cast.town,
        full_name=full_name,
        actor=SYSTEM_ACTOR,
    )


def _by_name(rows: list[Any], name: str, form: str) -> Any:
    return next(r for r in rows if r["name"] == name and r["form"] == form)


def _failed(row: dict[str, Any]) -> list[str]:
    return [c["rule"] for c in row["checks"] if not c["passed"]]


def assert_candidates(rows: list[dict[str, Any]]) -> None:
    """The candidates of the generated town, with their reasons."""
    eligible = sorted((r["form"], r["name"]) for r in rows if r["eligible"])
    assert ("gk-mttq-tinh", "tổ 8A") in eligible and ("gk-mttq-tinh", "tổ 13") in eligible
    assert {n for f, n in eligible if f == "gk-kdc"} >= {"tổ 1", "tổ 12", "tổ 14"}
    assert {n for f, n in eligible if f == "gk-truong-ban"} >= {"Nông Thị Lan", "Hoàng Văn Ba"}
    # Why the others are not: a year without the title, a year below Khá, a term begun in July 2009.
    gap = _by_name(rows, "tổ 2", "gk-kdc")
    assert not gap["eligible"] and gap["evidence"]["years"]["2011"]["titled"] is False
    assert "2009–2013: cultural area 4/5 years; not in 2011; 5/5 required" in [c["detail"] for c in gap["checks"]]
    weak = _by_name(rows, "tổ 3", "gk-kdc")
    assert not weak["eligible"] and weak["evidence"]["years"]["2012"]["tier"] == "trung_binh"
    assert not _by_name(rows, "tổ 1", "gk-mttq-tinh")["eligible"]
    short = _by_name(rows, "Hoàng Văn Bốn", "gk-truong-ban")
    assert not short["eligible"] and _failed(short), short["checks"]
    # The evidence cites the year's recognition decision.
    assert _by_name(rows, "tổ 1", "gk-kdc")["evidence"]["years"]["2010"]["decision"] == "05/QĐ-UBND 20/12/2010"


# --- (a) through the services ---------------------------------------------------------------------------


def test_a_whole_round_runs_through_the_services_from_the_candidates_to_the_honour_board(cast: Cast) -> None:
    town = build_town(cast)
    backan, ducxuan = cast["backan"], cast["ducxuan"]
    a = town.areas

    round = services.round_create(
        name=NAME, issuer=cast.town, organ=Organ.UBND, period_start=2009, period_end=2013, actor=backan
    )
    forms = {spec["code"]: services.award_form_add(round=round, actor=backan, **spec) for spec in FORMS}
    round = services.round_status_set(round=round, to=RoundStatus.NOMINATING, actor=backan)

    with translation.override("en"):
        assert_candidates([r.as_dict() for r in round_candidates(round)])

    def nominate(form: str, nominated_by: Unit, area: Unit | None = None, person: Person | None = None) -> Nomination:
        actor = ducxuan if nominated_by == cast.duc_xuan else town.songcau
        made = nominations.nomination_create(
            round=round, form=forms[form], area=area, person=person, nominated_by=nominated_by, actor=actor
        )
        return nominations.nomination_submit(nomination=made, actor=actor)

    n8a = nominate("gk-mttq-tinh", cast.duc_xuan, area=a["8A"])
    n1 = nominate("gk-kdc", cast.duc_xuan, area=a["1"])
    nlan = nominate("gk-truong-ban", cast.duc_xuan, person=town.lan)
    n12 = nominate("gk-kdc", cast.song_cau, area=a["12"])
    n14 = nominate("gk-kdc", cast.song_cau, area=a["14"])
    # One achievement, one award: tổ 8A is in the round already, for another form.
    with pytest.raises(DomainError):
        nominations.nomination_create(
            round=round, form=forms["gk-kdc"], area=a["8A"], nominated_by=cast.duc_xuan, actor=ducxuan
        )
    for n in (n8a, n1, nlan, n12, n14):
        assert nominations.nomination_accept(nomination=n, actor=backan).status == NominationStatus.ACCEPTED

    round = consultation.consultation_publish(round=round, on=PUBLISHED_ON, actor=backan)
    assert (round.status, round.consultation_until) == (RoundStatus.CONSULTING, LAST_DAY)
    general = consultation.objection_submit(
        round=round, text="Danh sách nên có thêm tổ 13 phường Sông Cầu.", source="198.51.100.7", on=OBJECTED_ON
    )
    against = consultation.objection_submit(
        round=round,
        nomination=n12,
        text="Tổ 12 năm 2012 có hộ vi phạm an ninh trật tự chưa xử lý.",
        source="198.51.100.8",
        on=OBJECTED_ON,
    )
    consultation.objection_answer(
        objection=general, status=ObjectionStatus.DISMISSED, answer="Tổ 13 không được đề nghị.", actor=backan
    )
    consultation.objection_answer(
        objection=against, status=ObjectionStatus.UPHELD, answer="Đã xác minh, rút đề nghị.", actor=backan
    )
    n12.refresh_from_db()
    assert n12.status == NominationStatus.WITHDRAWN

    board = council.council_create(
        unit=cast.town, name="Hội đồng Thi đua – Khen thưởng thị xã", round=round, actor=backan
    )
    members = [
        council.council_member_add(
            council=board,
            full_name=name,
            role=role,
            position=position,
            user=town.accounts.get(name),
            area=a["8A"] if name == "Hoàng Văn Thụ" else None,
            actor=backan,
        )
        for name, role, position in MEMBERS
    ]
    seat = {m.full_name: m for m in members}
    # The consultation's last day is not yet a day of the council.
    with pytest.raises(DomainError):
        council.session_open(round=round, held_on=LAST_DAY, present=members[:8], actor=backan)
    session = council.session_open(round=round, held_on=HELD_ON, present=members[:8], place="Hội trường", actor=backan)
    round.refresh_from_db()
    assert round.status == RoundStatus.COUNCIL
    assert {(r.member.full_name, r.nomination_id) for r in session.recusals.all()} == {
        ("Hoàng Văn Thụ", n8a.pk),
        ("Hoàng Văn Thụ", nlan.pk),
    }

    boxes = {
        n.pk: council.ballot_open(session=session, nomination=n, method=BallotMethod.SECRET, actor=backan)
        for n in (n8a, n1, n14)
    }
    boxes[nlan.pk] = council.ballot_open(session=session, nomination=nlan, method=BallotMethod.HANDS, actor=backan)
    with pytest.raises(DomainError):  # withdrawn by the upheld objection
        council.ballot_open(session=session, nomination=n12, method=BallotMethod.SECRET, actor=backan)
    for pk, counts in ((n8a.pk, (7, 0, 0)), (n1.pk, (6, 1, 1)), (n14.pk, (4, 3, 1))):
        council.ballot_tally_record(
            box=boxes[pk], votes_for=counts[0], votes_against=counts[1], votes_abstain=counts[2], actor=backan
        )
    for name in HANDS_FOR[:6]:
        council.vote_cast(box=boxes[nlan.pk], member=seat[name], choice=Choice.FOR, actor=town.accounts[name])
    # The boundary of the Trưởng ban's form: 6 of 9 is 66,66%, under the 70% of all members; 7 of 9 passes.
    boxes[nlan.pk].refresh_from_db()
    assert not council.ballot_result(boxes[nlan.pk]).passed
    council.vote_cast(
        box=boxes[nlan.pk], member=seat[HANDS_FOR[6]], choice=Choice.FOR, actor=town.accounts[HANDS_FOR[6]]
    )
    with pytest.raises(DomainError):  # recused for tổ 8A's Trưởng ban
        council.vote_cast(box=boxes[nlan.pk], member=seat["Hoàng Văn Thụ"], choice=Choice.FOR, actor=backan)
    closed = {pk: council.ballot_close(box=box, actor=backan) for pk, box in boxes.items()}
    assert {pk: b.passed for pk, b in closed.items()} == {n8a.pk: True, n1.pk: True, n14.pk: False, nlan.pk: True}
    # 4 of 9 is not more than half; 7 of 9 reaches the 70% of all members.
    assert closed[n14.pk].tally_detail.startswith("4/9") and closed[nlan.pk].tally_detail.startswith("7/9")
    council.session_close(session=session, actor=backan)

    decision = decisions.decision_issue(
        round=round,
        form_codes=["gk-kdc", "gk-truong-ban"],
        issued_on=ISSUED_ON,
        subject=SUBJECT,
        legal_bases=BASES,
        signer_prefix="KT. CHỦ TỊCH",
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Văn Du",
        recipients_note="Như Điều 3",
        actor=backan,
    )
    assert str(decision) == "01/QĐ-UBND"
    assert {(aw.area, aw.person) for aw in decision.awards.all()} == {(a["1"], None), (None, town.lan)}
    round.refresh_from_db()
    assert round.status == RoundStatus.DECIDED

    proposal = decisions.proposal_send(
        round=round,
        form_code="gk-mttq-tinh",
        sent_on=SENT_ON,
        to_body="Ban Thường trực UB MTTQ tỉnh Bắc Kạn",
        actor=backan,
    )
    assert (str(proposal), list(proposal.nominations.all())) == ("01/TTr-UBND", [n8a])
    proposal = decisions.proposal_outcome_record(
        proposal=proposal,
        status=ProposalStatus.DECIDED,
        higher_decision="125/QĐ-MTTQ-BTT",
        higher_decided_on=HIGHER_ON,
        nominations=[n8a],
        actor=backan,
    )
    assert Award.objects.get(nomination=n8a).proposal == proposal

    job = decisions.award_certificates_start(decision=decision, actor=backan)
    assert len(decisions.decision_certificates(actor=backan, **job.params["source_params"])) == 2

    honoured = honour_board(round_id=round.pk)
    assert {(f.name, f.proposed): [h.name for h in f.honorees] for r in honoured.rounds for f in r.forms} == {
        (FORMS[0]["name"], True): ["tổ 8A"],
        (FORMS[1]["name"], False): ["tổ 1"],
        (FORMS[2]["name"], False): ["Nông Thị Lan"],
    }
    history = area_award_history(a["8A"])
    assert [line.form_name for line in history.awards] == ["Giấy khen của Ban Thường trực UB MTTQ tỉnh"]


# --- (b) through the API only ------------------------------------------------------------------------------


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content.decode()[:500]
    return response.json()


def _post(client: Client, path: str, body: dict[str, Any] | None = None, status: int = 200) -> Any:
    return _ok(client.post(f"{API}{path}", body or {}, content_type="application/json"), status)


def _object_on_the_public_page(round_id: int, nomination: str, text: str, address: str) -> None:
    form = client_for().get(f"/public/rounds/{round_id}/")
    assert form.status_code == 200 and "tổ 8A" in form.content.decode()
    data = {
        "nomination": nomination,
        "text": text,
        "name": "",
        "contact": "",
        "website": "",
        "started": form_token(round_id, time.time() - 30),
    }
    sent = client_for().post(f"/public/rounds/{round_id}/", data, REMOTE_ADDR=address)
    assert (sent.status_code, sent["Location"]) == (302, f"/public/rounds/{round_id}/thanks/")


def test_a_whole_round_runs_through_the_api_with_each_persona_on_their_own_account(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    town = build_town(cast)
    a = town.areas
    backan, ducxuan, songcau = client_for(cast["backan"]), client_for(cast["ducxuan"]), client_for(town.songcau)

    # The round, its forms, nominations open.
    made = _post(
        backan,
        "/rounds",
        {"name": NAME, "issuer_id": cast.town.pk, "organ": "ubnd", "period_start": 2009, "period_end": 2013},
        201,
    )
    rid = made["id"]
    assert (made["status"], made["next_statuses"]) == ("draft", ["nominating"])
    forms = {spec["code"]: _post(backan, f"/rounds/{rid}/forms", spec, 201) for spec in FORMS}
    assert forms["gk-kdc"]["criteria_text"]
    assert _post(backan, f"/rounds/{rid}/status", {"to": "nominating"})["status"] == "nominating"

    # The candidates with their reasons: the town's officer sees all, the commune's its own.
    assert_candidates(_ok(backan.get(f"{API}/rounds/{rid}/candidates")))
    own = _ok(ducxuan.get(f"{API}/rounds/{rid}/candidates"))
    assert own and {r["commune"] for r in own} == {"phường Đức Xuân"}

    # Nominate and submit (each commune its own), then the town accepts.
    def nominate(client: Client, form: str, **subject: int) -> int:
        made = _post(client, f"/rounds/{rid}/nominations", {"form_id": forms[form]["id"], **subject}, 201)
        assert made["status"] == "draft" and made["report"]
        assert _post(client, f"/nominations/{made['id']}/submit")["status"] == "submitted"
        return int(made["id"])

    n8a = nominate(ducxuan, "gk-mttq-tinh", area_id=a["8A"].pk)
    n1 = nominate(ducxuan, "gk-kdc", area_id=a["1"].pk)
    nlan = nominate(ducxuan, "gk-truong-ban", person_id=town.lan.pk)
    n12 = nominate(songcau, "gk-kdc", area_id=a["12"].pk)
    n14 = nominate(songcau, "gk-kdc", area_id=a["14"].pk)
    refused = ducxuan.post(
        f"{API}/rounds/{rid}/nominations",
        {"form_id": forms["gk-kdc"]["id"], "area_id": a["12"].pk},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "a commune nominates within its own area only" in refused.json()["message"]
    queue = _ok(backan.get(f"{API}/rounds/{rid}/nominations/queue"))
    assert (queue["submitted"], queue["total"]) == (2, 2)
    for pk in (n8a, n1, nlan, n12, n14):
        assert _post(backan, f"/nominations/{pk}/accept")["status"] == "accepted"

    # The public consultation: published, two objections on the public page, both answered.
    state = _post(backan, f"/rounds/{rid}/consultation/publish", {"on": PUBLISHED_ON.isoformat()})
    assert (state["status"], state["consultation_until"]) == ("consulting", LAST_DAY.isoformat())
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: OBJECTED_ON)
    _object_on_the_public_page(rid, "", "Danh sách nên có thêm tổ 13 phường Sông Cầu.", "198.51.100.7")
    _object_on_the_public_page(
        rid, str(n12), "Tổ 12 năm 2012 có hộ vi phạm an ninh trật tự chưa xử lý.", "198.51.100.8"
    )
    monkeypatch.undo()
    objections = _ok(backan.get(f"{API}/rounds/{rid}/objections"))
    assert [(o["nomination_id"], o["status"]) for o in objections] == [(None, "open"), (n12, "open")]
    answers = [("dismissed", "Tổ 13 không được đề nghị."), ("upheld", "Đã xác minh, rút đề nghị.")]
    for objection, (status, answer) in zip(objections, answers, strict=True):
        done = _post(backan, f"/objections/{objection['id']}/answer", {"status": status, "answer": answer})
        assert (done["status"], done["answered_by"]) == (status, "backan")
    assert _ok(backan.get(f"{API}/nominations/{n12}"))["status"] == "withdrawn"
    assert _ok(backan.get(f"{API}/rounds/{rid}/consultation"))["objections_open"] == 0

    # The council and its members, some with an account; Hoàng Văn Thụ lives in tổ 8A.
    board = _post(backan, f"/council/rounds/{rid}", {"name": "Hội đồng Thi đua – Khen thưởng thị xã"})
    assert board["members"] == []
    members: dict[str, int] = {}
    for name, role, position in MEMBERS:
        body: dict[str, Any] = {"full_name": name, "role": role, "position": position}
        if name in town.accounts:
            body["username"] = town.accounts[name].username
        if name == "Hoàng Văn Thụ":
            body["area_id"] = a["8A"].pk
        members[name] = _post(backan, f"/council/rounds/{rid}/members", body)["id"]
    present = [members[name] for name, _role, _position in MEMBERS[:8]]

    # The session: not on the consultation's last day; the day after, with the recusals.
    early = backan.post(
        f"{API}/council/rounds/{rid}/sessions",
        {"held_on": LAST_DAY.isoformat(), "present": present},
        content_type="application/json",
    )
    assert early.status_code == 400 and "12/03/2014" in early.json()["message"]
    session = _post(
        backan,
        f"/council/rounds/{rid}/sessions",
        {"held_on": HELD_ON.isoformat(), "present": present, "place": "Hội trường"},
    )
    assert {(r["member_id"], r["nomination_id"]) for r in session["recusals"]} == {
        (members["Hoàng Văn Thụ"], n8a),
        (members["Hoàng Văn Thụ"], nlan),
    }
    assert _ok(backan.get(f"{API}/rounds/{rid}"))["status"] == "council"
    sid = session["id"]

    # The ballots: secret ones counted on paper, the Trưởng ban's by show of hands, member by member.
    boxes = {
        n: _post(backan, f"/council/sessions/{sid}/ballots", {"nomination_id": n, "method": "secret"})
        for n in (n8a, n1, n14)
    }
    boxes[nlan] = _post(backan, f"/council/sessions/{sid}/ballots", {"nomination_id": nlan, "method": "hands"})
    withdrawn = backan.post(
        f"{API}/council/sessions/{sid}/ballots",
        {"nomination_id": n12, "method": "secret"},
        content_type="application/json",
    )
    assert withdrawn.status_code == 400
    for n, (yes, no, abstain) in ((n8a, (7, 0, 0)), (n1, (6, 1, 1)), (n14, (4, 3, 1))):
        counted = _post(
            backan,
            f"/council/ballots/{boxes[n]['id']}/tally",
            {"votes_for": yes, "votes_against": no, "votes_abstain": abstain},
        )
        assert counted["votes_for"] is None  # a secret ballot's counts are given once it is closed
    hands = boxes[nlan]["id"]
    for name in HANDS_FOR:
        voted = _post(client_for(town.accounts[name]), f"/council/ballots/{hands}/votes", {"choice": "for"})
    assert (voted["voted"], voted["votes_for"]) == (7, 7)
    again = client_for(cast["hoidong"]).post(
        f"{API}/council/ballots/{hands}/votes", {"choice": "against"}, content_type="application/json"
    )
    assert again.status_code == 400 and "already voted" in again.json()["message"]
    closed = {n: _post(backan, f"/council/ballots/{box['id']}/close") for n, box in boxes.items()}
    assert {n: (c["passed"], c["tally_detail"][:3]) for n, c in closed.items()} == {
        n8a: (True, "7/9"),
        n1: (True, "6/9"),
        n14: (False, "4/9"),
        nlan: (True, "7/9"),
    }
    assert _post(backan, f"/council/sessions/{sid}/close")["closed"] is True
    minutes = backan.get(f"{API}/council/sessions/{sid}/minutes")
    assert minutes.status_code == 200 and minutes.content.startswith(b"%PDF")

    # The decision: numbered, its awards, its PDF, no way to edit it, the certificates as a job.
    decision = _post(
        backan,
        f"/rounds/{rid}/decisions",
        {
            "form_codes": ["gk-kdc", "gk-truong-ban"],
            "issued_on": ISSUED_ON.isoformat(),
            "subject": SUBJECT,
            "legal_bases": BASES,
            "signer_prefix": "KT. CHỦ TỊCH",
            "signer_title": "Phó Chủ tịch",
            "signer_name": "Nguyễn Văn Du",
            "recipients_note": "Như Điều 3",
        },
    )
    assert decision["citation"] == "01/QĐ-UBND"
    assert sorted((aw["nomination_id"], aw["window_start"], aw["window_end"]) for aw in decision["awards"]) == [
        (n1, 2009, 2013),
        (nlan, 2009, 2013),
    ]
    assert _ok(backan.get(f"{API}/rounds/{rid}"))["status"] == "decided"
    assert backan.patch(f"{API}/decisions/{decision['id']}", {}, content_type="application/json").status_code == 405
    pdf = backan.get(f"{API}/decisions/{decision['id']}/document")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    job = _post(backan, f"/decisions/{decision['id']}/certificates", status=202)
    assert job["kind"] == "documents.certificates"
    job_run(job["id"])
    assert _ok(backan.get(f"/api/v1/jobs/{job['id']}"))["status"] == JobStatus.SUCCEEDED

    # The tờ trình for the province's form, and the province's decision on it.
    proposal = _post(
        backan,
        f"/rounds/{rid}/proposals",
        {
            "form_code": "gk-mttq-tinh",
            "sent_on": SENT_ON.isoformat(),
            "to_body": "Ban Thường trực UB MTTQ tỉnh Bắc Kạn",
        },
    )
    assert (proposal["citation"], proposal["status"], proposal["nominations"]) == ("01/TTr-UBND", "sent", [n8a])
    outcome = _post(
        backan,
        f"/proposals/{proposal['id']}/outcome",
        {
            "status": "decided",
            "higher_decision": "125/QĐ-MTTQ-BTT",
            "higher_decided_on": HIGHER_ON.isoformat(),
            "nominations": [n8a],
        },
    )
    assert (outcome["status"], [aw["nomination_id"] for aw in outcome["awards"]]) == ("decided", [n8a])

    # The public honour board, without an account, and the history of tổ 8A.
    honour = _ok(client_for().get(f"{API}/honour/{rid}"))
    assert {f["name"]: [h["name"] for h in f["honorees"]] for r in honour["rounds"] for f in r["forms"]} == {
        FORMS[0]["name"]: ["tổ 8A"],
        FORMS[1]["name"]: ["tổ 1"],
        FORMS[2]["name"]: ["Nông Thị Lan"],
    }
    history = _ok(backan.get(f"{API}/history/areas/{a['8A'].pk}"))
    assert [(aw["form_name"], aw["round_id"]) for aw in history["awards"]] == [(FORMS[0]["name"], rid)]
    assert "125/QĐ-MTTQ-BTT" in history["awards"][0]["citation"] + history["awards"][0]["proposal_citation"]


def test_a_council_member_living_outside_the_officers_reach_is_refused_and_nobody_is_added(cast: Cast) -> None:
    round = services.round_create(
        name=NAME, issuer=cast.town, organ=Organ.UBND, period_start=2009, period_end=2013, actor=cast["backan"]
    )
    council.council_create(
        unit=cast.town, name="Hội đồng Thi đua – Khen thưởng thị xã", round=round, actor=SYSTEM_ACTOR
    )
    far = make_unit(code="02086-05", name="5", kind=UnitKind.TO_DAN_PHO, parent=cast.dong_tam)
    backan = client_for(cast["backan"])
    body = {"full_name": "Lường Văn Xa", "role": "member", "area_id": far.pk}
    refused = backan.post(f"{API}/council/rounds/{round.pk}/members", body, content_type="application/json")
    assert refused.status_code == 404
    assert not CouncilMember.objects.exists()
    body["area_id"] = cast.to_8a.pk
    added = _post(backan, f"/council/rounds/{round.pk}/members", body)
    assert CouncilMember.objects.get(pk=added["id"]).area == cast.to_8a
