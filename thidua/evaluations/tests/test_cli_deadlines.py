"""``thidua evaluations deadlines``: the province's deadlines, the exceptions and each dossier's due dates."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from thidua.evaluations.deadlines import deadline_exception_grant, deadline_set
from thidua.evaluations.models import DeadlineKind, Dossier, HouseholdYear, MeetingKind
from thidua.evaluations.services import Vote, households_register, meeting_record
from thidua.evaluations.workflow import transition
from thidua.people.models import Household
from thidua.testing import Cast

pytestmark = pytest.mark.django_db
D = datetime.date


def _run(*args: str) -> str:
    out = StringIO()
    call_command("evaluations", "deadlines", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _meeting(cast: Cast, households: list[Household]) -> Dossier:
    households_register(area=cast.to_8a, year=2020, households=households, registered_on=D(2020, 1, 5), actor=None)
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2020,
        held_on=D(2020, 11, 20),  # a Friday: 3 working days run to Wednesday 25/11
        convened=10,
        present=8,
        votes={row.pk: Vote(votes_for=8) for row in HouseholdYear.objects.filter(year=2020)},
        actor=None,
    )
    return Dossier.objects.get(unit=cast.to_8a, year=2020)


def test_it_lists_the_provinces_deadlines_and_the_exceptions_below_the_unit_in_both_languages(cast: Cast) -> None:
    deadline_set(province=cast.province, year=2020, kind=DeadlineKind.HOUSEHOLD_REVIEW, due=D(2020, 11, 25), actor=None)
    deadline_exception_grant(
        unit=cast.to_8a,
        year=2020,
        kind=DeadlineKind.HOUSEHOLD_REVIEW,
        until=D(2020, 12, 5),
        reason="Lũ lụt / a flood",
        actor=None,
    )
    deadline_exception_grant(
        unit=cast.dong_tam,
        year=2020,
        kind=DeadlineKind.HOUSEHOLD_REVIEW,
        until=D(2020, 12, 9),
        reason="other district",
        actor=None,
    )
    out = _run("--year", "2020", "--unit", "01840")
    assert "tỉnh Bắc Kạn (06) 2020" in out
    assert "bình xét gia đình văn hóa / household evaluation: 25/11/2020" in out
    assert "tổ 8A" in out and "đến / until 05/12/2020" in out and "Lũ lụt / a flood" in out
    # An exception of a unit elsewhere in the province is not listed under phường Đức Xuân.
    assert "09/12/2020" not in out and "other district" not in out
    assert "chưa có hồ sơ / no dossier yet" in out


def test_a_year_without_deadlines_says_so(cast: Cast) -> None:
    out = _run("--year", "2021", "--unit", "058")
    assert "không có hạn nào / no deadline recorded" in out
    assert "không có gia hạn nào / no exception granted" in out


def test_each_dossier_shows_its_working_day_deadline_when_it_was_done_and_whether_late(
    cast: Cast, households: list[Household]
) -> None:
    dossier = _meeting(cast, households)
    out = _run("--year", "2020", "--unit", "058")
    assert "01840-08A" in out
    assert "the dossier is sent up within 3 working days after the evaluation meeting (20/11/2020): by 25/11/2020" in (
        out.replace("The dossier", "the dossier")
    )
    assert "quá hạn / overdue" in out  # not sent up, and today is long after 25/11/2020
    transition(dossier, to="submitted", actor=cast["to8a"])
    out = _run("--year", "2020", "--unit", "01840")
    assert "xong ngày / done on" in out and "TRỄ HẠN / LATE" in out


def test_an_unknown_unit_is_refused(cast: Cast) -> None:
    with pytest.raises(CommandError, match="no unit with the code 99999"):
        _run("--year", "2020", "--unit", "99999")
