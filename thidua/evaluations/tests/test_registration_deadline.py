from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError
from thidua.evaluations import services
from thidua.evaluations.deadlines.selectors import dossier_due_dates, rule_due_date, working_day_deadline
from thidua.evaluations.deadlines.services import deadline_exception_grant, deadline_set
from thidua.evaluations.models import DeadlineKind, Dossier, DossierKind, HouseholdYear, MeetingKind
from thidua.evaluations.services import Vote, dossier_transition, households_register, meeting_record
from thidua.people.models import Household
from thidua.testing import Cast

pytestmark = pytest.mark.django_db
D = datetime.date
KIND = DeadlineKind.HOUSEHOLD_REVIEW


@pytest.fixture
def deadline(cast: Cast) -> None:
    deadline_set(province=cast.province, year=2020, kind=KIND, due=D(2020, 11, 25), actor=cast["tinh"])


def _on(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    monkeypatch.setattr(services, "_today", lambda: day)


def _register(cast: Cast, households: list[Household]) -> list[HouseholdYear]:
    return households_register(
        area=cast.to_8a, year=2020, households=households[:2], registered_on=D(2020, 3, 2), actor=cast["to8a"]
    )


def test_households_register_on_the_deadline_day(
    cast: Cast, households: list[Household], deadline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on(monkeypatch, D(2020, 11, 25))
    rows = _register(cast, households)
    assert [row.registered_on for row in rows] == [D(2020, 3, 2)] * 2


def test_households_register_the_day_after_the_deadline_is_refused_and_nothing_saved(
    cast: Cast, households: list[Household], deadline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on(monkeypatch, D(2020, 11, 26))
    audits = AuditEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        _register(cast, households)
    assert refused.value.reason("en") == (
        "Registrations for 2020 closed with the deadline of the household evaluation on 25/11/2020 for tổ 8A; "
        "a later registration needs an exception granted with a reason."
    )
    vietnamese = refused.value.reason("vi")
    assert "25/11/2020" in vietnamese and "bình xét gia đình văn hóa" in vietnamese
    assert not HouseholdYear.objects.exists()
    assert not Dossier.objects.exists()
    assert AuditEntry.objects.count() == audits


def test_an_exception_of_the_commune_lets_its_area_register_until_its_last_day(
    cast: Cast, households: list[Household], deadline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    deadline_exception_grant(
        unit=cast.duc_xuan, year=2020, kind=KIND, until=D(2020, 12, 5), reason="Lũ lụt", actor=cast["tinh"]
    )
    _on(monkeypatch, D(2020, 12, 5))
    assert len(_register(cast, households)) == 2
    _on(monkeypatch, D(2020, 12, 6))
    with pytest.raises(DomainError) as refused:
        households_register(
            area=cast.to_8a, year=2020, households=households[2:3], registered_on=D(2020, 3, 2), actor=SYSTEM_ACTOR
        )
    assert "05/12/2020" in refused.value.reason("en")
    assert HouseholdYear.objects.count() == 2


def test_an_exception_of_another_commune_does_not_open_registration(
    cast: Cast, households: list[Household], deadline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    deadline_exception_grant(
        unit=cast.song_cau, year=2020, kind=KIND, until=D(2020, 12, 31), reason="Lũ lụt", actor=SYSTEM_ACTOR
    )
    _on(monkeypatch, D(2020, 12, 1))
    with pytest.raises(DomainError):
        _register(cast, households)
    assert not HouseholdYear.objects.exists()


def test_without_a_deadline_registration_is_never_locked(
    cast: Cast, households: list[Household], monkeypatch: pytest.MonkeyPatch
) -> None:
    _on(monkeypatch, D(2030, 1, 1))
    assert len(_register(cast, households)) == 2


def test_a_working_day_deadline_skips_weekends_and_holidays() -> None:
    # Friday 23/8/2024 + 10 working days: Quốc khánh (2 and 3/9) and two weekends skipped.
    assert working_day_deadline(D(2024, 8, 23), 10) == D(2024, 9, 10)
    # NĐ 122: the chairman decides within 5 working days; from Thursday 29/4/2021, 30/4 and 3/5 (in
    # lieu of 1/5) are off, so the fifth working day is Monday 10/5.
    due = rule_due_date("title_decision", D(2021, 4, 29))
    assert due is not None and due.due == D(2021, 5, 10)
    with translation.override("en"):
        assert due.describe().startswith(
            "the chairman decides within 5 working days after the day the dossier was sent up"
        )
    with translation.override("vi"):
        assert due.describe() == (
            "Chủ tịch ra quyết định trong thời hạn 5 ngày làm việc kể từ ngày gửi hồ sơ (29/04/2021): "
            "chậm nhất ngày 10/05/2021"
        )


def test_working_day_deadlines_belong_to_nd122_only() -> None:
    assert rule_due_date("dossier_filed", D(2018, 11, 5)) is not None
    assert rule_due_date("dossier_filed", D(2018, 11, 4)) is None  # TT 12/2011
    assert rule_due_date("dossier_filed", D(2024, 1, 29)) is not None
    assert rule_due_date("dossier_filed", D(2024, 1, 30)) is None  # NĐ 86/2023
    assert rule_due_date("certificate_council", D(2020, 12, 1)).due == D(2020, 12, 8)  # type: ignore[union-attr]
    assert rule_due_date("certificate_decision", D(2020, 12, 8)).due == D(2020, 12, 11)  # type: ignore[union-attr]


def test_a_dossier_shows_when_it_is_due_and_whether_it_was_late(
    cast: Cast, households: list[Household], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _register(cast, households)
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2020,
        held_on=D(2020, 11, 20),  # a Friday
        convened=10,
        present=8,
        votes={row.pk: Vote(votes_for=8) for row in rows},
        actor=SYSTEM_ACTOR,
    )
    dossier = Dossier.objects.get(kind=DossierKind.GDVH, unit=cast.to_8a, year=2020)
    (filed,) = dossier_due_dates(dossier)
    assert (filed.start, filed.due, filed.done_on) == (D(2020, 11, 20), D(2020, 11, 25), None)
    assert filed.is_late(D(2020, 11, 26)) and not filed.is_late(D(2020, 11, 25))
    dossier_transition(dossier=dossier, to="submitted", actor=cast["to8a"])
    filed, decided = dossier_due_dates(dossier)
    # Sent up today, years after the meeting: late; the regime stays the one of the meeting's date.
    assert filed.done_on is not None and filed.is_late(filed.done_on)
    assert decided.rule.key == "title_decision" and decided.start == filed.done_on
    assert decided.done_on is None
