from __future__ import annotations

import datetime

import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.kdc.services import area_register
from thidua.evaluations.models import Dossier, DossierKind, DossierStatus, HouseholdYear, MeetingKind
from thidua.evaluations.services import (
    Vote,
    decision_record,
    dossier_transition,
    households_register,
    meeting_record,
    title_revoke,
)
from thidua.evaluations.workflow import DOSSIER
from thidua.people.models import Household
from thidua.testing import Cast
from thidua.workflow import available_moves

# The refusals are matched in English.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
D = datetime.date


def _year(cast: Cast, households: list[Household]) -> Dossier:
    households_register(
        area=cast.to_8a, year=2012, households=households, registered_on=D(2012, 1, 15), actor=SYSTEM_ACTOR
    )
    rows = HouseholdYear.objects.filter(year=2012).order_by("household__code")
    meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2012,
        held_on=D(2012, 11, 20),
        convened=50,
        present=30,
        votes={row.pk: Vote(votes_for=18 + i) for i, row in enumerate(rows)},
        actor=cast["to8a"],
    )
    return Dossier.objects.get(kind=DossierKind.GDVH, unit=cast.to_8a, year=2012)


def test_the_table_declares_every_state() -> None:
    assert set(DOSSIER.moves) == set(DossierStatus.values)
    assert DOSSIER.moves[DossierStatus.LOCKED] == {}


def test_a_dossier_goes_up_is_returned_with_a_reason_and_comes_back(cast: Cast, households: list[Household]) -> None:
    dossier = _year(cast, households)
    assert available_moves(DOSSIER, dossier, cast["to8a"]) == [(DossierStatus.SUBMITTED, "Submit")]
    # The commune officer may also send an area's list (communes often type it in); a council member may not.
    assert available_moves(DOSSIER, dossier, cast["ducxuan"]) == [(DossierStatus.SUBMITTED, "Submit")]
    assert available_moves(DOSSIER, dossier, cast["hoidong"]) == []
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    with pytest.raises(DomainError, match="Say why"):
        dossier_transition(dossier=dossier, to=DossierStatus.RETURNED, actor=cast["ducxuan"], reason="  ")
    dossier_transition(dossier=dossier, to=DossierStatus.RETURNED, actor=cast["ducxuan"], reason="Thiếu biên bản họp")
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["ducxuan"])
    dossier.refresh_from_db()
    assert [(t.source, t.target) for t in dossier.transitions.all()] == [
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "submitted"),
        ("submitted", "reviewed"),
    ]
    assert dossier.transitions.get(target="returned").reason == "Thiếu biên bản họp"


def test_the_wrong_role_the_wrong_place_and_a_skipped_step_are_refused(cast: Cast, households: list[Household]) -> None:
    dossier = _year(cast, households)
    with pytest.raises(DomainError, match="cannot become"):
        dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["ducxuan"])
    with pytest.raises(DomainError, match="role does not allow"):
        dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["hoidong"])
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    with pytest.raises(DomainError, match="role does not allow"):
        dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["to8a"])
    # The areas of phường Đức Xuân go up to the town: another district's officer cannot review them.
    line = area_register(area=cast.to_8a, year=2012, registered_on=D(2012, 2, 1), actor=cast["ducxuan"])
    meeting_record(
        kind=MeetingKind.AREA_REVIEW,
        unit=cast.duc_xuan,
        year=2012,
        held_on=D(2012, 12, 10),
        convened=20,
        present=18,
        votes={line.pk: Vote(votes_for=17)},
        actor=cast["ducxuan"],
    )
    areas = Dossier.objects.get(kind=DossierKind.KDC, unit=cast.duc_xuan, year=2012)
    dossier_transition(dossier=areas, to=DossierStatus.SUBMITTED, actor=cast["ducxuan"])
    with pytest.raises(DomainError, match="outside the unit"):
        dossier_transition(dossier=areas, to=DossierStatus.REVIEWED, actor=cast["chomoi"])
    dossier_transition(dossier=areas, to=DossierStatus.REVIEWED, actor=cast["backan"])
    assert areas.status == DossierStatus.REVIEWED


def test_the_decision_makes_titles_locks_and_nothing_changes_after(cast: Cast, households: list[Household]) -> None:
    dossier = _year(cast, households)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["ducxuan"])
    rows = list(HouseholdYear.objects.filter(year=2012).order_by("household__code"))
    decision = decision_record(
        dossier=dossier,
        number=5,
        issued_on=D(2012, 12, 5),
        issuer=cast.duc_xuan,
        signer_title="CHỦ TỊCH",
        signer_name="Nông Văn Chí",
        titled_ids=[r.pk for r in rows[:4]],
        actor=cast["ducxuan"],
    )
    assert str(decision) == "05/QĐ-UBND 05/12/2012"
    assert HouseholdYear.objects.filter(titled=True, decision=decision).count() == 4
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    dossier_transition(dossier=dossier, to=DossierStatus.LOCKED, actor=cast["ducxuan"])
    with pytest.raises(DomainError, match="are decided"):
        meeting_record(
            kind=MeetingKind.HOUSEHOLD_REVIEW,
            unit=cast.to_8a,
            year=2012,
            held_on=D(2012, 12, 20),
            convened=50,
            present=40,
            votes={rows[4].pk: Vote(votes_for=40)},
            actor=SYSTEM_ACTOR,
        )
    with pytest.raises(DomainError, match="only with a reason"):
        title_revoke(line=rows[0], revoked_on=D(2013, 3, 1), reason="", actor=cast["ducxuan"])
    rows[0].refresh_from_db()
    title_revoke(line=rows[0], revoked_on=D(2013, 3, 1), reason="Vi phạm pháp luật", actor=cast["ducxuan"])
    rows[0].refresh_from_db()
    assert rows[0].titled is True and rows[0].revocation_reason == "Vi phạm pháp luật"


def test_decision_numbers_restart_each_year_but_never_repeat_within_one(
    cast: Cast, households: list[Household]
) -> None:
    dossier = _year(cast, households)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["ducxuan"])
    other = Dossier.objects.create(kind=DossierKind.GDVH, unit=cast.to_8a, year=2011, status=DossierStatus.REVIEWED)
    decision_record(
        dossier=other,
        number=5,
        issued_on=D(2011, 12, 5),
        issuer=cast.duc_xuan,
        signer_title="",
        signer_name="",
        titled_ids=[],
        actor=cast["ducxuan"],
    )
    with pytest.raises(DomainError, match="already in the register"):
        decision_record(
            dossier=dossier,
            number=5,
            issued_on=D(2011, 12, 30),
            issuer=cast.duc_xuan,
            signer_title="",
            signer_name="",
            titled_ids=[],
            actor=cast["ducxuan"],
        )
    decision = decision_record(
        dossier=dossier,
        number=5,
        issued_on=D(2012, 12, 5),
        issuer=cast.duc_xuan,
        signer_title="",
        signer_name="",
        titled_ids=[],
        actor=cast["ducxuan"],
    )
    assert decision.number == 5


def test_bad_meeting_lines_are_all_reported_and_nothing_is_saved(cast: Cast, households: list[Household]) -> None:
    households_register(
        area=cast.to_8a, year=2012, households=households[:3], registered_on=D(2012, 1, 15), actor=SYSTEM_ACTOR
    )
    unregistered = HouseholdYear.objects.create(household=households[3], year=2012, area=cast.to_8a)
    rows = list(HouseholdYear.objects.filter(year=2012, registered_on__isnull=False))
    with pytest.raises(DomainErrors) as caught:
        meeting_record(
            kind=MeetingKind.HOUSEHOLD_REVIEW,
            unit=cast.to_8a,
            year=2012,
            held_on=D(2012, 11, 20),
            convened=20,
            present=25,
            votes={rows[0].pk: Vote(votes_for=26), unregistered.pk: Vote(votes_for=3)},
            actor=SYSTEM_ACTOR,
        )
    messages = [e.text("en") for e in caught.value.errors]
    assert any("25 present is more than the 20 convened" in m for m in messages)
    assert any("26 votes for" in m and "more than the 25 present" in m for m in messages)
    assert any("did not register for 2012" in m for m in messages)
    assert all(e.text("vi") != e.text("en") for e in caught.value.errors)
    assert not HouseholdYear.objects.filter(votes_for__isnull=False).exists()


def test_a_household_registers_once_a_year(cast: Cast, households: list[Household]) -> None:
    households_register(
        area=cast.to_8a, year=2012, households=households[:2], registered_on=D(2012, 1, 5), actor=SYSTEM_ACTOR
    )
    with pytest.raises(DomainErrors, match="already registered for 2012"):
        households_register(
            area=cast.to_8a, year=2012, households=households[1:3], registered_on=D(2012, 2, 5), actor=SYSTEM_ACTOR
        )
    assert HouseholdYear.objects.filter(year=2012).count() == 2
