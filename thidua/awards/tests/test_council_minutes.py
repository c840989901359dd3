"""The council's minutes from a session, the pages of the council, the API and the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.awards.council.documents import council_minutes, council_minutes_file
from thidua.awards.council.services import ballot_close, ballot_open, ballot_tally_record, session_open, vote_cast
from thidua.awards.models import BallotBox, BallotMethod, BallotParticipation, Choice, CouncilSession
from thidua.awards.tests.fixtures_council import HELD_ON, CouncilWorld, council_world
from thidua.documents.tests.readback import pdf_text
from thidua.testing import Cast


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def world(cast: Cast) -> CouncilWorld:
    return council_world(cast)


def _voted_session(world: CouncilWorld) -> CouncilSession:
    session = session_open(
        round=world.round,
        held_on=HELD_ON,
        present=world.members[:8],
        place="Hội trường UBND thị xã",
        actor=SYSTEM_ACTOR,
    )
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    ballot_tally_record(box=box, votes_for=7, votes_against=1, votes_abstain=0, actor=SYSTEM_ACTOR)
    ballot_close(box=box, actor=SYSTEM_ACTOR)
    hands = ballot_open(
        session=session, nomination=world.person_nomination, method=BallotMethod.HANDS, actor=SYSTEM_ACTOR
    )
    for member in world.members[:6]:
        vote_cast(box=hands, member=member, choice=Choice.FOR, actor=SYSTEM_ACTOR)
    vote_cast(box=hands, member=world.members[6], choice=Choice.AGAINST, actor=SYSTEM_ACTOR)
    ballot_close(box=hands, actor=SYSTEM_ACTOR)
    return session


def test_the_minutes_name_the_members_the_recusals_and_every_tally(world: CouncilWorld) -> None:
    doc = council_minutes(_voted_session(world))
    text = "\n".join(doc.body)
    assert doc.kind == "BIÊN BẢN" and doc.issuing_body == ("Hội đồng Thi đua –", "Khen thưởng")
    assert "ngày 25/03/2014, tại Hội trường UBND thị xã" in text
    assert "có mặt 08/09 thành viên: Đinh Văn Quang (Chủ tịch Hội đồng, Phó Chủ tịch UBND thị xã); " in text
    assert "Vắng mặt 01 thành viên: Hoàng Văn Thụ (Ủy viên, " in text
    assert "Chủ trì: Đinh Văn Quang. Thư ký: Bế Thị Hằng." in text
    rows = doc.annexes[0].table.data_rows
    assert rows[0][1:7] == ("Tổ 8A, phường Đức Xuân", world.area_form.name, "Bỏ phiếu kín", "7", "1", "0")
    assert rows[0][8] == "Đạt"
    assert rows[0][7].startswith("7/9 = 77,77% > 50%")
    # 6 of 9 members is under 70%: the individual form's rule.
    assert rows[1][3:7] == ("Biểu quyết giơ tay", "6", "1", "0") and rows[1][8] == "Không đạt"
    assert rows[1][7].startswith("6/9 = 66,66% < 70%")
    assert doc.signature.signer == "Đinh Văn Quang" and doc.left_signature is not None
    assert doc.left_signature.signer == "Bế Thị Hằng"


def test_the_minutes_download_as_pdf_and_docx_with_the_tally(world: CouncilWorld) -> None:
    session = _voted_session(world)
    pdf = council_minutes_file(session, "pdf")
    docx = council_minutes_file(session, "docx")
    assert pdf.filename == f"bien-ban-hop-hoi-dong-25-03-2014-{session.pk}.pdf"
    assert "Hội đồng Thi đua – Khen thưởng".upper() in pdf_text(pdf.content).upper()
    assert "7/9 = 77,77%" in pdf_text(pdf.content)
    assert "6/9 = 66,66%" in docx_text(docx.content)


def test_the_cli_runs_a_session_and_writes_the_minutes(world: CouncilWorld, tmp_path: Path) -> None:
    out = io.StringIO()
    present = ",".join(str(m.pk) for m in world.members[:8])
    call_command(
        "council",
        "session-open",
        str(world.round.pk),
        "--held-on",
        "25/03/2014",
        "--present",
        present,
        "--as",
        "backan",
        stdout=out,
    )
    session = CouncilSession.objects.get(round=world.round)
    call_command("council", "ballot-open", str(session.pk), "--nomination", str(world.area_nomination.pk), stdout=out)
    box = BallotBox.objects.get(session=session)
    call_command("council", "vote", str(box.pk), "--member", str(world.members[0].pk), "--choice", "for", stdout=out)
    with translation.override("en"):
        call_command("council", "close", "--ballot", str(box.pk), stdout=out)
    target = tmp_path / "bien-ban.docx"
    call_command("council", "minutes", str(session.pk), "--format", "docx", "-o", str(target), stdout=out)
    assert "1/9 = 11,11% ≤ 50%" in docx_text(target.read_bytes())
    assert "not passed: 1/0/0" in out.getvalue()
    assert AuditEntry.objects.filter(action="awards.session_open", actor__username="backan").exists()


def test_a_council_member_votes_on_the_page_only_on_the_nominees_they_may(world: CouncilWorld, cast: Cast) -> None:
    hoa = world.member("Lý Thị Hoa")
    thu = world.member("Hoàng Văn Thụ")
    # Lý Thị Hoa's account also belongs to the nominated area here, to see the recusal on her page.
    hoa.area = cast.to_8a
    hoa.save()
    session = session_open(round=world.round, held_on=HELD_ON, present=[*world.members[:7], thu], actor=SYSTEM_ACTOR)
    area_box = ballot_open(
        session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR
    )
    person_box = ballot_open(
        session=session, nomination=world.person_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR
    )
    client = Client()
    client.force_login(cast["hoidong"])
    page = client.get(f"/awards/council/sessions/{session.pk}/vote/")
    assert page.status_code == 200
    assert f"vote-{person_box.pk}" in page.text and f"vote-{area_box.pk}" not in page.text
    response = client.post(f"/awards/council/ballots/{person_box.pk}/vote/", {f"b{person_box.pk}-choice": "for"})
    assert response.status_code == 302
    assert BallotParticipation.objects.filter(box=person_box, member=hoa).exists()
    # The recused ballot posted by hand is refused by the service; nothing recorded.
    client.post(f"/awards/council/ballots/{area_box.pk}/vote/", {f"b{area_box.pk}-choice": "for"})
    assert not BallotParticipation.objects.filter(box=area_box).exists()
    # While the secret ballot is open the session page shows no counts.
    officer = Client()
    officer.force_login(cast["backan"])
    session_page = officer.get(f"/awards/council/sessions/{session.pk}/")
    assert "counted when the ballot closes" in session_page.text or "kiểm" in session_page.text


def test_an_outsider_sees_no_council_and_an_officer_cannot_vote(world: CouncilWorld, cast: Cast) -> None:
    session = session_open(round=world.round, held_on=HELD_ON, present=world.members[:8], actor=SYSTEM_ACTOR)
    box = ballot_open(session=session, nomination=world.area_nomination, method=BallotMethod.SECRET, actor=SYSTEM_ACTOR)
    outsider = Client()
    outsider.force_login(cast["chomoi"])
    assert outsider.get(f"/awards/rounds/{world.round.pk}/council/").status_code == 404
    assert outsider.get(f"/awards/council/sessions/{session.pk}/minutes.pdf").status_code == 404
    officer = Client()
    officer.force_login(cast["backan"])
    assert officer.get(f"/awards/rounds/{world.round.pk}/council/").status_code == 200
    assert officer.post(f"/awards/council/ballots/{box.pk}/vote/", {f"b{box.pk}-choice": "for"}).status_code == 403
    api = officer.post(
        f"/api/v1/awards/council/ballots/{box.pk}/votes", {"choice": "for"}, content_type="application/json"
    )
    assert api.status_code == 403
    assert not BallotParticipation.objects.exists()


def test_the_api_opens_a_session_and_refuses_a_second_vote(world: CouncilWorld, cast: Cast) -> None:
    officer = Client()
    officer.force_login(cast["backan"])
    short = officer.post(
        f"/api/v1/awards/council/rounds/{world.round.pk}/sessions",
        {"held_on": "2014-03-25", "present": [m.pk for m in world.members[:5]]},
        content_type="application/json",
    )
    assert short.status_code == 400 and "5/9" in short.json()["message"]
    opened = officer.post(
        f"/api/v1/awards/council/rounds/{world.round.pk}/sessions",
        {"held_on": "2014-03-25", "present": [m.pk for m in world.members[:8]]},
        content_type="application/json",
    )
    assert opened.status_code == 200, opened.content
    session_id = opened.json()["id"]
    box = officer.post(
        f"/api/v1/awards/council/sessions/{session_id}/ballots",
        {"nomination_id": world.person_nomination.pk, "method": "secret"},
        content_type="application/json",
    ).json()
    member = Client()
    member.force_login(cast["hoidong"])
    first = member.post(
        f"/api/v1/awards/council/ballots/{box['id']}/votes", {"choice": "for"}, content_type="application/json"
    )
    assert first.status_code == 200 and first.json()["voted"] == 1 and first.json()["votes_for"] is None
    second = member.post(
        f"/api/v1/awards/council/ballots/{box['id']}/votes", {"choice": "against"}, content_type="application/json"
    )
    assert second.status_code == 400
    closed = officer.post(f"/api/v1/awards/council/ballots/{box['id']}/close", content_type="application/json").json()
    assert (closed["votes_for"], closed["votes_against"], closed["passed"]) == (1, 0, False)
    minutes = officer.get(f"/api/v1/awards/council/sessions/{session_id}/minutes?format=pdf")
    assert minutes.status_code == 200 and minutes["Content-Type"] == "application/pdf"
