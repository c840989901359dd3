from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError
from thidua.evaluations.deadlines.selectors import check_open, deadline_for
from thidua.evaluations.deadlines.services import deadline_exception_grant, deadline_set
from thidua.evaluations.models import DeadlineException, DeadlineKind, HouseholdYear, Meeting, MeetingKind
from thidua.evaluations.services import Vote, households_register, meeting_record
from thidua.people.models import Household
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db
D = datetime.date
KIND = DeadlineKind.HOUSEHOLD_REVIEW
LOCKED = (
    "Entry of the %(kind)s for %(year)s closed on %(due)s for %(unit)s; "
    "a later entry needs an exception granted with a reason."
)


@pytest.fixture
def deadline(cast: Cast) -> None:
    deadline_set(province=cast.province, year=2020, kind=KIND, due=D(2020, 11, 25), actor=cast["tinh"])


def _record(cast: Cast, households: list[Household]) -> Meeting:
    households_register(
        area=cast.to_8a, year=2020, households=households[:1], registered_on=D(2020, 1, 5), actor=SYSTEM_ACTOR
    )
    row = HouseholdYear.objects.get(year=2020)
    return meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2020,
        held_on=D(2020, 11, 20),
        convened=10,
        present=8,
        votes={row.pk: Vote(votes_for=8)},
        actor=SYSTEM_ACTOR,
    )


def test_entry_is_open_until_the_last_day_and_locked_the_day_after(cast: Cast, deadline: None) -> None:
    check_open(cast.to_8a, 2020, KIND, D(2020, 11, 25))
    with pytest.raises(DomainError) as locked:
        check_open(cast.to_8a, 2020, KIND, D(2020, 11, 26))
    assert locked.value.reason("en") == (
        "Entry of the household evaluation for 2020 closed on 25/11/2020 for tổ 8A; "
        "a later entry needs an exception granted with a reason."
    )
    # Another kind of work, another year and another province's units are not locked.
    check_open(cast.to_8a, 2020, DeadlineKind.AREA_REVIEW, D(2020, 12, 31))
    check_open(cast.to_8a, 2021, KIND, D(2021, 12, 31))
    elsewhere = make_unit(code="99", name="Khác", kind=UnitKind.TINH)
    check_open(make_unit(name="Tổ 1", kind=UnitKind.TO_DAN_PHO, parent=elsewhere), 2020, KIND, D(2020, 12, 31))
    assert deadline_for(cast.to_8a, 2020, KIND).last_day == D(2020, 11, 25)


def test_the_refusal_reads_in_vietnamese_and_english(cast: Cast, deadline: None) -> None:
    with pytest.raises(DomainError) as locked:
        check_open(cast.to_8a, 2020, KIND, D(2020, 12, 1))
    error = locked.value
    assert "closed on 25/11/2020" in error.reason("en")
    with translation.override("vi"):
        vietnamese = translation.gettext(LOCKED)
        kind = str(DeadlineKind.HOUSEHOLD_REVIEW.label)
    assert vietnamese != LOCKED, "the catalogue translates the message"
    expected = vietnamese % {"kind": kind, "year": 2020, "due": "25/11/2020", "unit": "tổ 8A"}
    assert error.reason("vi") == expected
    assert "bình xét gia đình văn hóa" in error.reason("vi")
    assert "household evaluation" in error.reason("en")
    # One language at a time: the reader's.
    with translation.override("en"):
        assert str(error) == error.text("en")


def test_a_household_meeting_entered_after_the_deadline_is_refused_and_nothing_saved(
    cast: Cast, households: list[Household], deadline: None
) -> None:
    with pytest.raises(DomainError) as locked:
        _record(cast, households)
    assert "25/11/2020" in locked.value.reason("en")
    assert not Meeting.objects.exists()


def test_an_exception_reopens_entry_for_the_unit_and_the_units_below_it(
    cast: Cast, households: list[Household], deadline: None
) -> None:
    until = timezone.localdate() + datetime.timedelta(days=10)
    exception = deadline_exception_grant(
        unit=cast.duc_xuan, year=2020, kind=KIND, until=until, reason="Lũ lụt tháng 11", actor=cast["backan"]
    )
    meeting = _record(cast, households)
    assert meeting.pk is not None
    assert deadline_for(cast.to_8a, 2020, KIND).last_day == until
    entry = AuditEntry.objects.get(action="evaluations.deadline_exception_grant")
    assert entry.reason == "Lũ lụt tháng 11"
    assert entry.object_id == str(exception.pk)
    assert entry.actor == cast["backan"]
    assert exception.granted_by == cast["backan"]


def test_an_exception_of_another_unit_does_not_open_entry(cast: Cast, deadline: None) -> None:
    deadline_exception_grant(
        unit=cast.song_cau, year=2020, kind=KIND, until=D(2020, 12, 31), reason="Lũ lụt", actor=SYSTEM_ACTOR
    )
    check_open(cast.song_cau, 2020, KIND, D(2020, 12, 20))
    with pytest.raises(DomainError):
        check_open(cast.to_8a, 2020, KIND, D(2020, 12, 20))
    with pytest.raises(DomainError):
        check_open(cast.song_cau, 2020, KIND, D(2021, 1, 1))


def test_an_exception_needs_a_reason_a_deadline_and_a_later_day(cast: Cast) -> None:
    with pytest.raises(DomainError):
        deadline_exception_grant(
            unit=cast.to_8a, year=2020, kind=KIND, until=D(2020, 12, 31), reason="x", actor=SYSTEM_ACTOR
        )
    deadline_set(province=cast.province, year=2020, kind=KIND, due=D(2020, 11, 25), actor=SYSTEM_ACTOR)
    with pytest.raises(DomainError):
        deadline_exception_grant(
            unit=cast.to_8a, year=2020, kind=KIND, until=D(2020, 12, 31), reason="  ", actor=SYSTEM_ACTOR
        )
    with pytest.raises(DomainError):
        deadline_exception_grant(
            unit=cast.to_8a, year=2020, kind=KIND, until=D(2020, 11, 25), reason="x", actor=SYSTEM_ACTOR
        )
    assert not DeadlineException.objects.exists()
    assert not AuditEntry.objects.filter(action="evaluations.deadline_exception_grant").exists()


def test_a_deadline_is_set_by_a_province_and_audited(cast: Cast) -> None:
    with pytest.raises(DomainError):
        deadline_set(province=cast.duc_xuan, year=2020, kind=KIND, due=D(2020, 11, 25), actor=SYSTEM_ACTOR)
    deadline_set(province=cast.province, year=2020, kind=KIND, due=D(2020, 11, 25), actor=SYSTEM_ACTOR)
    deadline_set(province=cast.province, year=2020, kind=KIND, due=D(2020, 11, 30), actor=SYSTEM_ACTOR)
    assert deadline_for(cast.to_8a, 2020, KIND).due == D(2020, 11, 30)
    moved = AuditEntry.objects.filter(action="evaluations.deadline_set").order_by("id").last()
    assert moved is not None and moved.changes["due"] == ["2020-11-25", "2020-11-30"]
