"""``thidua recompute`` and ``thidua evaluations status`` on the fixed cast."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.models import Dossier, DossierStatus, HouseholdYear, MeetingKind
from thidua.evaluations.services import Vote, decision_record, dossier_transition, households_register, meeting_record
from thidua.people.models import Household
from thidua.testing import Cast

pytestmark = pytest.mark.django_db
YEAR = 2012


def _meeting(cast: Cast, households: list[Household]) -> None:
    households_register(
        area=cast.to_8a, year=YEAR, households=households, registered_on=datetime.date(YEAR, 1, 15), actor=SYSTEM_ACTOR
    )
    rows = HouseholdYear.objects.filter(year=YEAR).order_by("household__code")
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=YEAR,
        held_on=datetime.date(YEAR, 11, 20),
        convened=50,
        present=30,
        votes={row.pk: Vote(votes_for=v) for row, v in zip(rows, [18, 17, 25, 30, 0], strict=True)},
        actor=SYSTEM_ACTOR,
    )


def _run(*args: str, language: str = "en") -> str:
    """The command's output in ``language`` (the console's, which ``thidua`` activates)."""
    out = StringIO()
    with translation.override(language):
        call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_recompute_applies_the_rules_to_every_meeting_of_the_subtree(cast: Cast, households: list[Household]) -> None:
    _meeting(cast, households)
    out = _run("recompute", "--year", str(YEAR), "--unit", "058", "--dry-run")
    assert "1 meetings, 5 households evaluated, 3 proposed" in out
    assert "nothing was written" in out
    vi = _run("recompute", "--year", str(YEAR), "--unit", "058", "--dry-run", language="vi")
    assert "1 cuộc họp, 5 hộ được bình xét, 3 hộ được đề nghị" in vi
    assert not HouseholdYear.objects.filter(proposed__isnull=False).exists()
    _run("recompute", "--year", str(YEAR), "--unit", "01840")
    assert list(HouseholdYear.objects.order_by("household__code").values_list("proposed", flat=True)) == [
        True,
        False,
        True,
        True,
        False,
    ]


def test_recompute_refuses_a_decided_year(cast: Cast, households: list[Household]) -> None:
    _meeting(cast, households)
    dossier = Dossier.objects.get(unit=cast.to_8a, year=YEAR)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["ducxuan"])
    decision_record(
        dossier=dossier,
        number=1,
        issued_on=datetime.date(YEAR, 12, 1),
        issuer=cast.duc_xuan,
        signer_title="",
        signer_name="",
        titled_ids=[],
        actor=cast["ducxuan"],
    )
    with translation.override("en"), pytest.raises(CommandError, match="nothing was recomputed"):
        _run("recompute", "--year", str(YEAR), "--unit", "01840")
    assert not HouseholdYear.objects.filter(proposed__isnull=False).exists()


def test_status_prints_each_communes_queue(cast: Cast, households: list[Household]) -> None:
    _meeting(cast, households)
    out = _run("evaluations", "status", "--year", str(YEAR), "--unit", "01840", language="vi")
    assert "phường Đức Xuân (01840) 2012: 0/1 khu dân cư đã nộp" in out
    dossier = Dossier.objects.get(unit=cast.to_8a, year=YEAR)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    out = _run("evaluations", "status", "--year", str(YEAR), "--unit", "058")
    assert "1 of 1 areas have submitted" in out and "0 of 0 areas have submitted" in out
    assert "01840-08A" in out and "submitted" in out
    with translation.override("en"), pytest.raises(CommandError, match="no unit with the code 99999"):
        _run("evaluations", "status", "--year", str(YEAR), "--unit", "99999")
