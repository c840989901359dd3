"""A decision titles only what the rules and the meeting carried (issue #13.1).

A dossier goes up with its meeting, its attendance and its votes; the decision titles a line the
meeting did not carry only by a recorded exception (who, why, which document), never one under an
exclusion or one never registered and voted on; the audit row names each line.
"""

from __future__ import annotations

import datetime

import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.kdc.services import area_register
from thidua.evaluations.models import (
    AreaYear,
    Decision,
    Dossier,
    DossierKind,
    DossierStatus,
    HouseholdYear,
    MeetingKind,
    TitleException,
)
from thidua.evaluations.services import (
    LineException,
    Vote,
    decision_record,
    dossier_transition,
    households_register,
    meeting_record,
)
from thidua.people.models import Household
from thidua.testing import Cast, client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = datetime.date
API = "/api/v1/evaluations"
RECOUNT = LineException("Kiểm phiếu lại: 50/82 phiếu, biên bản ghi nhầm 34", "Biên bản kiểm phiếu lại ngày 22/11/2012")


def _reviewed(
    cast: Cast, households: list[Household], *, exclusions: bool = False
) -> tuple[Dossier, list[HouseholdYear]]:
    """Tổ 8A's year 2012: four households registered, the fifth never registered; 82 present, the
    second household had 34 votes (41 %); with ``exclusions``, so had the third, recorded under a prosecution."""
    households_register(
        area=cast.to_8a, year=2012, households=households[:4], registered_on=D(2012, 1, 15), actor=SYSTEM_ACTOR
    )
    rows = list(HouseholdYear.objects.filter(year=2012).order_by("household__code"))
    votes = {row.pk: Vote(votes_for=70) for row in rows}
    votes[rows[1].pk] = Vote(votes_for=34)
    if exclusions:
        votes[rows[2].pk] = Vote(votes_for=34, exclusions=("criminal_prosecution",))
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2012,
        held_on=D(2012, 11, 20),
        convened=90,
        present=82,
        votes=votes,
        actor=SYSTEM_ACTOR,
    )
    dossier = Dossier.objects.get(kind=DossierKind.GDVH, unit=cast.to_8a, year=2012)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["ducxuan"])
    return dossier, list(HouseholdYear.objects.filter(year=2012).order_by("household__code"))


def _decide(cast: Cast, dossier: Dossier, titled: list[int], **exceptions: LineException) -> Decision:
    return decision_record(
        dossier=dossier,
        number=7,
        issued_on=D(2012, 12, 5),
        issuer=cast.duc_xuan,
        signer_title="CHỦ TỊCH",
        signer_name="Nông Văn Chí",
        titled_ids=titled,
        exceptions={int(pk): exception for pk, exception in exceptions.items()},
        actor=cast["ducxuan"],
    )


def test_a_dossier_without_its_meeting_or_its_votes_is_not_submitted(cast: Cast, households: list[Household]) -> None:
    households_register(
        area=cast.to_8a, year=2012, households=households[:3], registered_on=D(2012, 1, 15), actor=SYSTEM_ACTOR
    )
    dossier = Dossier.objects.get(kind=DossierKind.GDVH, unit=cast.to_8a, year=2012)
    with pytest.raises(DomainError, match="has no evaluation meeting"):
        dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    rows = list(HouseholdYear.objects.filter(year=2012).order_by("household__code"))
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2012,
        held_on=D(2012, 11, 20),
        convened=40,
        present=30,
        votes={rows[0].pk: Vote(votes_for=25), rows[1].pk: Vote(votes_for=25)},
        actor=cast["to8a"],
    )
    # The third registered household was not voted on.
    with pytest.raises(DomainError, match="1 registered lines have no votes"):
        dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_a_commune_sends_its_areas_up_only_with_its_screening_meeting(cast: Cast) -> None:
    area_register(area=cast.to_8a, year=2012, registered_on=D(2012, 2, 1), actor=cast["ducxuan"])
    dossier = Dossier.objects.create(kind=DossierKind.KDC, unit=cast.duc_xuan, year=2012)
    with pytest.raises(DomainError, match="has no evaluation meeting"):
        dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["ducxuan"])


def test_the_decision_refuses_each_line_the_meeting_did_not_carry_and_writes_nothing(
    cast: Cast, households: list[Household]
) -> None:
    dossier, rows = _reviewed(cast, households, exclusions=True)
    never = HouseholdYear.objects.create(household=households[4], year=2012, area=cast.to_8a)
    with pytest.raises(DomainErrors) as refused:
        _decide(cast, dossier, [rows[0].pk, rows[1].pk, rows[2].pk, never.pk])
    messages = [str(error) for error in refused.value.errors]
    assert len(messages) == 3
    assert messages[0].startswith("Nông Thị Mai (01840-08A-002) was not carried by the meeting of 20/11/2012 (34/82")
    assert any("under an exclusion" in m and "Lý Văn Sình" in m for m in messages)
    assert any("Triệu Đức Lâm" in m and "not registered and voted on" in m for m in messages)
    assert not Decision.objects.exists()
    assert HouseholdYear.objects.filter(titled=True).count() == 0
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.REVIEWED
    # The line the meeting carried is titled alone.
    _decide(cast, dossier, [rows[0].pk, rows[3].pk])
    assert set(HouseholdYear.objects.filter(titled=True).values_list("pk", flat=True)) == {rows[0].pk, rows[3].pk}


def test_an_exception_titles_a_line_with_who_why_and_which_document(cast: Cast, households: list[Household]) -> None:
    dossier, rows = _reviewed(cast, households)
    decision = _decide(cast, dossier, [rows[0].pk, rows[1].pk], **{str(rows[1].pk): RECOUNT})
    exception = TitleException.objects.get()
    assert exception.household_year_id == rows[1].pk and exception.decision == decision
    assert exception.recorded_by == cast["ducxuan"]
    assert exception.document == "Biên bản kiểm phiếu lại ngày 22/11/2012"
    assert [item["rule"] for item in exception.overridden] == ["vote"]
    assert "34/82" in exception.overridden[0]["detail"]
    # The audit row names each line titled and the exception, not a count.
    entry = AuditEntry.objects.get(action="evaluations.decision_record")
    assert [line["name"] for line in entry.changes["titled"][1]] == [
        "Hoàng Văn Páo (01840-08A-001)",
        "Nông Thị Mai (01840-08A-002)",
    ]
    assert entry.changes["exceptions"][1][0]["document"] == RECOUNT.document
    assert entry.changes["exceptions"][1][0]["line"] == rows[1].pk
    # The area's page, its API and the household's history show it.
    officer = client_for(cast["ducxuan"])
    page = officer.get(f"/evaluations/areas/{cast.to_8a.pk}/2012/").content.decode()
    assert "Titled by exception in decision 07/QĐ-UBND 05/12/2012" in page and RECOUNT.document in page
    lines = officer.get(f"{API}/areas/{cast.to_8a.pk}/2012").json()["households"]
    by_code = {line["code"]: line for line in lines}
    assert by_code["01840-08A-002"]["exception"]["reason"] == RECOUNT.reason
    assert by_code["01840-08A-001"]["exception"] is None
    history = officer.get(f"/api/v1/awards/history/households/{households[1].pk}").json()
    assert "by exception" in history["titles"][0]["exception"] and RECOUNT.document in history["titles"][0]["exception"]


def test_an_exclusion_blocks_the_exception(cast: Cast, households: list[Household]) -> None:
    dossier, rows = _reviewed(cast, households, exclusions=True)
    with pytest.raises(DomainErrors, match="under an exclusion"):
        _decide(cast, dossier, [rows[2].pk], **{str(rows[2].pk): RECOUNT})
    assert not TitleException.objects.exists() and not Decision.objects.exists()


def test_an_exception_needs_its_reason_and_document_and_only_where_the_meeting_did_not_carry(
    cast: Cast, households: list[Household]
) -> None:
    dossier, rows = _reviewed(cast, households)
    with pytest.raises(DomainErrors, match="needs its reason and the document"):
        _decide(cast, dossier, [rows[1].pk], **{str(rows[1].pk): LineException("Kiểm phiếu lại", " ")})
    with pytest.raises(DomainErrors, match="carried by the meeting: no exception"):
        _decide(cast, dossier, [rows[0].pk], **{str(rows[0].pk): RECOUNT})
    with pytest.raises(DomainErrors, match="only for a line the decision titles"):
        _decide(cast, dossier, [rows[0].pk], **{str(rows[1].pk): RECOUNT})
    assert not Decision.objects.exists()


def test_the_api_lists_every_refused_line_and_records_an_exception(cast: Cast, households: list[Household]) -> None:
    dossier, rows = _reviewed(cast, households)
    officer = client_for(cast["ducxuan"])
    body = {"number": 7, "issued_on": "2012-12-05", "titled": [rows[0].pk, rows[1].pk]}
    response = officer.post(f"{API}/dossiers/{dossier.pk}/decision", body, content_type="application/json")
    assert response.status_code == 400
    assert "Nông Thị Mai" in response.json()["errors"][0]["message"]
    body["exceptions"] = [{"line_id": rows[1].pk, "reason": RECOUNT.reason, "document": RECOUNT.document}]
    response = officer.post(f"{API}/dossiers/{dossier.pk}/decision", body, content_type="application/json")
    assert response.status_code == 200 and response.json()["counts"] == {"titled": 2, "exceptions": 1}
    assert TitleException.objects.get().household_year_id == rows[1].pk


def test_the_commune_page_records_an_exception_typed_beside_its_line(cast: Cast, households: list[Household]) -> None:
    dossier, rows = _reviewed(cast, households)
    officer = client_for(cast["ducxuan"])
    page = officer.get(f"/evaluations/communes/{cast.duc_xuan.pk}/2012/").content.decode()
    assert f'name="exception-reason-{rows[1].pk}"' in page
    assert f'name="exception-reason-{rows[0].pk}"' not in page
    url = f"/evaluations/dossiers/{dossier.pk}/decision/"
    form = {"number": "7", "issued_on": "05/12/2012", "signer_title": "CHỦ TỊCH", "signer_name": "Nông Văn Chí"}
    response = officer.post(url, {**form, "titled": [rows[0].pk, rows[1].pk]}, follow=True)
    assert "titled only by an exception" in response.content.decode()
    assert not Decision.objects.exists()
    typed = {f"exception-reason-{rows[1].pk}": RECOUNT.reason, f"exception-document-{rows[1].pk}": RECOUNT.document}
    response = officer.post(url, {**form, "titled": [rows[0].pk, rows[1].pk], **typed}, follow=True)
    assert TitleException.objects.get().household_year_id == rows[1].pk
    assert "Titled by exception" in response.content.decode()


def _areas_reviewed(cast: Cast, votes_for: int) -> tuple[Dossier, AreaYear]:
    line = area_register(area=cast.to_8a, year=2012, registered_on=D(2012, 2, 1), actor=cast["ducxuan"])
    meeting_record(
        kind=MeetingKind.AREA_REVIEW,
        unit=cast.duc_xuan,
        year=2012,
        held_on=D(2012, 12, 10),
        convened=20,
        present=18,
        votes={line.pk: Vote(votes_for=votes_for)},
        actor=cast["ducxuan"],
    )
    dossier = Dossier.objects.get(kind=DossierKind.KDC, unit=cast.duc_xuan, year=2012)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["ducxuan"])
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["backan"])
    return dossier, line


def test_an_area_is_titled_only_from_the_communes_screening_and_vote(cast: Cast) -> None:
    dossier, line = _areas_reviewed(cast, votes_for=9)
    decide = {
        "dossier": dossier,
        "number": 12,
        "issued_on": D(2013, 1, 5),
        "issuer": cast.town,
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Du",
        "titled_ids": [line.pk],
        "actor": cast["backan"],
    }
    with pytest.raises(DomainErrors, match=r"tổ 8A was not carried by the meeting of 10/12/2012 \(9/18"):
        decision_record(**decide)  # type: ignore[arg-type]
    exception = LineException("Khiếu nại được chấp nhận", "Quyết định giải quyết khiếu nại số 03/QĐ-UBND")
    decision_record(**decide, exceptions={line.pk: exception})  # type: ignore[arg-type]
    assert TitleException.objects.get().area_year_id == line.pk
    areas = client_for(cast["backan"]).get(f"{API}/communes/{cast.duc_xuan.pk}/2012/areas").json()["areas"]
    assert [a["exception"]["document"] for a in areas if a["exception"]] == [exception.document]


def test_an_area_the_commune_carried_is_titled_without_exception(cast: Cast) -> None:
    dossier, line = _areas_reviewed(cast, votes_for=17)
    decision_record(
        dossier=dossier,
        number=12,
        issued_on=D(2013, 1, 5),
        issuer=cast.town,
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn Du",
        titled_ids=[line.pk],
        actor=cast["backan"],
    )
    line.refresh_from_db()
    assert line.titled is True and not TitleException.objects.exists()
