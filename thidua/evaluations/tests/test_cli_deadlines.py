"""``thidua evaluations deadlines``: the province's deadlines, the exceptions and each dossier's due dates."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.deadlines.services import deadline_exception_grant, deadline_set
from thidua.evaluations.models import DeadlineKind, Dossier, HouseholdYear, MeetingKind
from thidua.evaluations.services import Vote, dossier_transition, households_register, meeting_record
from thidua.people.models import Household
from thidua.testing import Cast

pytestmark = pytest.mark.django_db
D = datetime.date


def _run(*args: str, language: str = "en") -> str:
    """The command's output in ``language`` (the console's, which ``thidua`` activates)."""
    out = StringIO()
    with translation.override(language):
        call_command("evaluations", "deadlines", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _meeting(cast: Cast, households: list[Household]) -> Dossier:
    households_register(
        area=cast.to_8a, year=2020, households=households, registered_on=D(2020, 1, 5), actor=SYSTEM_ACTOR
    )
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2020,
        held_on=D(2020, 11, 20),  # a Friday: 3 working days run to Wednesday 25/11
        convened=10,
        present=8,
        votes={row.pk: Vote(votes_for=8) for row in HouseholdYear.objects.filter(year=2020)},
        actor=SYSTEM_ACTOR,
    )
    return Dossier.objects.get(unit=cast.to_8a, year=2020)


def test_it_lists_the_provinces_deadlines_and_the_exceptions_below_the_unit(cast: Cast) -> None:
    deadline_set(
        province=cast.province, year=2020, kind=DeadlineKind.HOUSEHOLD_REVIEW, due=D(2020, 11, 25), actor=SYSTEM_ACTOR
    )
    deadline_exception_grant(
        unit=cast.to_8a,
        year=2020,
        kind=DeadlineKind.HOUSEHOLD_REVIEW,
        until=D(2020, 12, 5),
        reason="Lũ lụt / a flood",
        actor=SYSTEM_ACTOR,
    )
    deadline_exception_grant(
        unit=cast.dong_tam,
        year=2020,
        kind=DeadlineKind.HOUSEHOLD_REVIEW,
        until=D(2020, 12, 9),
        reason="other district",
        actor=SYSTEM_ACTOR,
    )
    out = _run("--year", "2020", "--unit", "01840")
    assert "tỉnh Bắc Kạn (06) 2020" in out
    assert "Household evaluation: 25/11/2020" in out
    assert "tổ 8A" in out and "until 05/12/2020" in out and "Lũ lụt / a flood" in out
    # An exception of a unit elsewhere in the province is not listed under phường Đức Xuân.
    assert "09/12/2020" not in out and "other district" not in out
    assert "no dossier yet" in out
    vietnamese = _run("--year", "2020", "--unit", "01840", language="vi")
    assert "Bình xét gia đình văn hóa: 25/11/2020" in vietnamese and "đến 05/12/2020" in vietnamese
    assert "chưa có hồ sơ" in vietnamese


def test_a_year_without_deadlines_says_so(cast: Cast) -> None:
    out = _run("--year", "2021", "--unit", "058")
    assert "no deadline recorded" in out
    assert "no exception granted" in out
    assert "không có hạn nào" in _run("--year", "2021", "--unit", "058", language="vi")


def test_each_dossier_shows_its_working_day_deadline_when_it_was_done_and_whether_late(
    cast: Cast, households: list[Household]
) -> None:
    dossier = _meeting(cast, households)
    out = _run("--year", "2020", "--unit", "058")
    assert "01840-08A" in out
    assert (
        "The dossier is sent up within 3 working days after the evaluation meeting (20/11/2020): by 25/11/2020" in out
    )
    assert "overdue" in out  # not sent up, and today is long after 25/11/2020
    dossier_transition(dossier=dossier, to="submitted", actor=cast["to8a"])
    out = _run("--year", "2020", "--unit", "01840")
    assert "done on" in out and "LATE" in out
    assert "TRỄ HẠN" in _run("--year", "2020", "--unit", "01840", language="vi")


def test_an_unknown_unit_is_refused(cast: Cast) -> None:
    with translation.override("en"), pytest.raises(CommandError, match="no unit with the code 99999"):
        _run("--year", "2020", "--unit", "99999")
