"""Every writing service of evaluations refuses an actor outside its scope and an actor of a lower role.

``PROBED`` lists the services probed here; ``thidua/tests/test_service_probes.py`` fails on any
writing service that no app's ``PROBED`` lists. The world is a real year (2012 in tổ 8A, decided),
built through the services themselves: every call below would pass with the right actor, so the
refusal is the actor's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest

from thidua.accounts.models import User
from thidua.audit.models import AuditEntry
from thidua.errors import Refused
from thidua.evaluations import services
from thidua.evaluations.deadlines.services import deadline_exception_grant, deadline_set
from thidua.evaluations.imports.services import (
    household_file_apply,
    household_file_store,
    household_import_start,
    households_import,
)
from thidua.evaluations.kdc.services import (
    area_front_evaluation_record,
    area_register,
    area_self_assessment_record,
    areas_evaluate,
    areas_register,
    kdc_front_evaluations_record,
    kdc_self_assessments_record,
)
from thidua.evaluations.models import (
    AreaYear,
    DeadlineKind,
    Dossier,
    HouseholdYear,
    Meeting,
    MeetingKind,
    Objection,
    StreakKind,
)
from thidua.evaluations.streaks.services import (
    certificate_award_record,
    streaks_recompute,
    streaks_recompute_job,
    streaks_recount_start,
)
from thidua.evaluations.tests.documents_fixtures import Year
from thidua.lib.progress import Progress
from thidua.people.models import HouseholdImportFile
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db

D = datetime.date
HOUSEHOLDS_CSV = "Mã hộ,Chủ hộ,Mã khu dân cư,Đăng ký\r\n01840-08A-009,Lường Văn Pín,01840-08A,có\r\n".encode()
SCORES = {1: "18", 2: "18", 3: "16", 4: "16", 5: "16"}

# A service's probe: how to call it on the cast and its year with an actor.
Call = Callable[[Cast, Year, User], object]


def _line(year: Year) -> HouseholdYear:
    """A household titled in 2012 by the ward's decision."""
    return HouseholdYear.objects.select_related("area", "household").filter(decision=year.gdvh, titled=True)[0]


def _dossier(year: Year) -> Dossier:
    return Dossier.objects.select_related("unit").get(decision=year.gdvh)


def _area_line(cast: Cast) -> AreaYear:
    return AreaYear.objects.select_related("area").get(area=cast.to_8a, year=2012)


def _objection(year: Year) -> Objection:
    line = _line(year)
    return Objection.objects.create(household_year=line, raised_on=D(2012, 11, 25), text="Hộ này chưa đủ điều kiện")


def _stored(cast: Cast) -> HouseholdImportFile:
    return HouseholdImportFile.objects.create(
        name="ho.csv", content=HOUSEHOLDS_CSV, commune=cast.duc_xuan, year=2013, uploaded_by=cast["ducxuan"]
    )


# Each service: how to call it, and a persona who sees the unit but plays a lower role.
CALLS: dict[object, tuple[Call, str]] = {
    services.households_register: (
        lambda c, y, a: services.households_register(
            area=c.to_8a, year=2013, households=y.households[:1], registered_on=D(2013, 1, 15), actor=a
        ),
        "hoidong",
    ),
    services.meeting_record: (
        lambda c, y, a: services.meeting_record(
            kind=MeetingKind.HOUSEHOLD_REVIEW,
            unit=c.to_8a,
            year=2012,
            held_on=D(2012, 11, 20),
            convened=50,
            present=30,
            votes={_line(y).pk: services.Vote(votes_for=20)},
            actor=a,
        ),
        "hoidong",
    ),
    services.decision_record: (
        lambda c, y, a: services.decision_record(
            dossier=_dossier(y),
            number=9,
            issued_on=D(2012, 12, 20),
            issuer=c.duc_xuan,
            signer_title="",
            signer_name="",
            titled_ids=[],
            actor=a,
        ),
        "to8a",
    ),
    services.dossier_transition: (
        lambda c, y, a: services.dossier_transition(dossier=_dossier(y), to="locked", actor=a),
        "to8a",
    ),
    services.title_revoke: (
        lambda c, y, a: services.title_revoke(line=_line(y), revoked_on=D(2013, 3, 1), reason="Vi phạm", actor=a),
        "backan",
    ),
    services.households_evaluate: (
        lambda c, y, a: services.households_evaluate(area=c.to_8a, year=2012, actor=a),
        "hoidong",
    ),
    services.households_recompute: (
        lambda c, y, a: services.households_recompute(unit=c.duc_xuan, year=2012, actor=a, dry_run=True),
        "hoidong",
    ),
    services.objection_raise: (
        lambda c, y, a: services.objection_raise(
            line=_line(y), raised_on=D(2012, 11, 25), raised_by="Một người dân", text="Chưa đủ điều kiện", actor=a
        ),
        "hoidong",
    ),
    services.objection_resolve: (
        lambda c, y, a: services.objection_resolve(
            objection=_objection(y), resolved_on=D(2012, 11, 28), resolution="Đã xác minh", actor=a
        ),
        "hoidong",
    ),
    services.exclusions_viewed: (
        lambda c, y, a: services.exclusions_viewed(actor=a, area=c.to_8a, year=2012, lines=[_line(y)], channel="page"),
        "to8a",
    ),
    services.decision_certificates_start: (
        lambda c, y, a: services.decision_certificates_start(decision=y.gdvh, actor=a),
        "hoidong",
    ),
    area_register: (
        lambda c, y, a: area_register(area=c.to_8a, year=2013, registered_on=D(2013, 1, 15), actor=a),
        "backan",
    ),
    areas_register: (
        lambda c, y, a: areas_register(
            commune=c.duc_xuan, year=2013, areas=[c.to_8a], registered_on=D(2013, 1, 15), actor=a
        ),
        "backan",
    ),
    area_self_assessment_record: (
        lambda c, y, a: area_self_assessment_record(area_year=_area_line(c), scores=SCORES, actor=a),
        "backan",
    ),
    area_front_evaluation_record: (
        lambda c, y, a: area_front_evaluation_record(
            area_year=_area_line(c), points="75", front_head_grade="kha", actor=a
        ),
        "backan",
    ),
    areas_evaluate: (
        lambda c, y, a: areas_evaluate(commune=c.duc_xuan, year=2012, actor=a),
        "backan",
    ),
    kdc_self_assessments_record: (
        lambda c, y, a: kdc_self_assessments_record(commune=c.duc_xuan, entries=[(_area_line(c), SCORES)], actor=a),
        "backan",
    ),
    kdc_front_evaluations_record: (
        lambda c, y, a: kdc_front_evaluations_record(
            commune=c.duc_xuan, entries=[(_area_line(c), "75", "kha")], actor=a
        ),
        "backan",
    ),
    deadline_set: (
        lambda c, y, a: deadline_set(
            province=c.province, year=2013, kind=DeadlineKind.HOUSEHOLD_REVIEW, due=D(2013, 11, 25), actor=a
        ),
        "backan",
    ),
    deadline_exception_grant: (
        lambda c, y, a: deadline_exception_grant(
            unit=c.duc_xuan,
            year=2012,
            kind=DeadlineKind.HOUSEHOLD_REVIEW,
            until=D(2012, 12, 31),
            reason="Lũ lụt",
            actor=a,
        ),
        "ducxuan",
    ),
    streaks_recompute: (lambda c, y, a: streaks_recompute(unit=c.duc_xuan, year=2012, actor=a), "hoidong"),
    streaks_recount_start: (
        lambda c, y, a: streaks_recount_start(unit=c.duc_xuan, year=2012, since=None, actor=a),
        "hoidong",
    ),
    streaks_recompute_job: (
        lambda c, y, a: streaks_recompute_job(unit_id=c.duc_xuan.pk, year=2012, actor=a, progress=Progress()),
        "hoidong",
    ),
    certificate_award_record: (
        lambda c, y, a: certificate_award_record(
            kind=StreakKind.HOUSEHOLD,
            recipients=y.households[:1],
            window_start=2010,
            window_end=2012,
            decision="12/QĐ-UBND",
            decided_on=D(2013, 1, 10),
            actor=a,
        ),
        "ducxuan",
    ),
    households_import: (
        lambda c, y, a: households_import(
            file_name="ho.csv", content=HOUSEHOLDS_CSV, commune=c.duc_xuan, year=2013, actor=a
        ),
        "hoidong",
    ),
    household_file_store: (
        lambda c, y, a: household_file_store(
            file_name="ho.csv", content=HOUSEHOLDS_CSV, commune=c.duc_xuan, year=2013, actor=a
        ),
        "hoidong",
    ),
    household_file_apply: (
        lambda c, y, a: household_file_apply(import_file=_stored(c).pk, actor=a, dry_run=True),
        "hoidong",
    ),
    household_import_start: (lambda c, y, a: household_import_start(stored=_stored(c), actor=a), "hoidong"),
}

PROBED = list(CALLS)

# Province-wide work has no outside for the officer of another district of the same province:
# huyện Chợ Mới is in tỉnh Bắc Kạn, so its officer is refused for the role (a province's deadlines
# are public), not hidden.
SAME_PROVINCE = {deadline_set}


def refused(call: Callable[[], object]) -> Refused:
    """``call`` raises ``Refused`` and writes nothing (no audit row)."""
    before = AuditEntry.objects.count()
    with pytest.raises(Refused) as info:
        call()
    assert AuditEntry.objects.count() == before
    return info.value


@pytest.mark.parametrize("service", PROBED, ids=lambda f: f.__name__)
def test_an_officer_of_another_district_is_refused_as_if_nothing_were_there(
    service: object, cast: Cast, year: Year
) -> None:
    call, _lower = CALLS[service]
    refusal = refused(lambda: call(cast, year, cast["chomoi"]))
    assert refusal.hidden or service in SAME_PROVINCE


@pytest.mark.parametrize("service", PROBED, ids=lambda f: f.__name__)
def test_a_lower_role_is_refused_with_the_reason(service: object, cast: Cast, year: Year) -> None:
    call, lower = CALLS[service]
    refusal = refused(lambda: call(cast, year, cast[lower]))
    assert not refusal.hidden, "the lower role sees the unit: the refusal says why, it does not hide it"
    assert refusal.reason("en") != refusal.reason("vi"), "the reason reads in each reader's language"


# A meeting's votes are the lines of the meeting's unit, and its actor is authorized: calling the service
# directly once put another area's household into tổ 8A's meeting, with an officer of another district.


def _other_area_line(cast: Cast, year: Year) -> HouseholdYear:
    """A household's registration of 2013 in tổ 9, another area of the same ward."""
    to_9 = make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    return HouseholdYear.objects.create(
        household=year.households[0], year=2013, area=to_9, registered_on=D(2013, 1, 15)
    )


def test_a_meeting_of_tổ_8a_takes_no_line_of_another_area_whoever_records_it(cast: Cast, year: Year) -> None:
    stranger = _other_area_line(cast, year)

    def record(actor: User) -> object:
        return services.meeting_record(
            kind=MeetingKind.HOUSEHOLD_REVIEW,
            unit=cast.to_8a,
            year=2013,
            held_on=D(2013, 11, 20),
            convened=50,
            present=30,
            votes={stranger.pk: services.Vote(votes_for=20)},
            actor=actor,
        )

    assert refused(lambda: record(cast["chomoi"])).hidden
    # Tổ 8A's own officer cannot reach another area's household through its meeting either.
    assert refused(lambda: record(cast["to8a"])).hidden
    stranger.refresh_from_db()
    assert stranger.meeting_id is None and stranger.votes_for is None
    assert not Meeting.objects.filter(year=2013).exists()


def test_only_those_who_decide_give_points_and_exclusions(cast: Cast, year: Year) -> None:
    line = HouseholdYear.objects.create(
        household=year.households[0], year=2013, area=cast.to_8a, registered_on=D(2013, 1, 15)
    )

    def record(actor: User, vote: services.Vote) -> object:
        return services.meeting_record(
            kind=MeetingKind.HOUSEHOLD_REVIEW,
            unit=cast.to_8a,
            year=2013,
            held_on=D(2013, 11, 20),
            convened=50,
            present=30,
            votes={line.pk: vote},
            actor=actor,
        )

    refusal = refused(lambda: record(cast["to8a"], services.Vote(20, Decimal(90), ("tax_default",))))
    assert not refusal.hidden and "decide the titles" in refusal.reason("en")
    record(cast["ducxuan"], services.Vote(20, Decimal(90), ("tax_default",)))
    # The area's officer records the votes again: the points and exclusions recorded stay.
    record(cast["to8a"], services.Vote(22))
    line.refresh_from_db()
    assert (line.votes_for, line.points, line.exclusions) == (22, Decimal(90), ["tax_default"])
