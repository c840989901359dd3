"""A real year built through the evaluations services, for the tests of its documents."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.evaluations.kdc.services import area_register
from thidua.evaluations.models import Decision, Dossier, DossierKind, DossierStatus, HouseholdYear, Meeting, MeetingKind
from thidua.evaluations.services import (
    LineException,
    Vote,
    decision_record,
    dossier_transition,
    households_register,
    meeting_record,
)
from thidua.people.models import Household
from thidua.people.services import household_create
from thidua.testing import Cast
from thidua.units.models import UnitKind, UnitVersion
from thidua.units.services import unit_change

D = datetime.date
HEADS = ["Hoàng Văn Páo", "Nông Thị Mai", "Lý Văn Sình", "Ma Thị Hương", "Triệu Đức Lâm"]


@dataclass
class Year:
    gdvh: Decision
    kdc: Decision
    meeting: Meeting
    area_meeting: Meeting
    households: list[Household]


def build_year(cast: Cast) -> Year:
    """2012 in tổ 8A: five households register, 30 of 50 attend the bình xét, the ward recognises four;
    the town recognises the area in January 2013. Later the town becomes a thành phố (11/3/2015) and
    the area is renamed (2016), so that the documents of 2012 must still say what was true then."""
    UnitVersion.objects.filter(unit=cast.town).update(kind=UnitKind.THI_XA)
    cast.town.kind = UnitKind.THI_XA
    cast.town.save(update_fields=["kind"])
    households = [
        household_create(
            code=f"01840-08A-{n:03d}", head_name=name, area=cast.to_8a, since=D(2009, 1, 1), actor=SYSTEM_ACTOR
        )
        for n, name in enumerate(HEADS, start=1)
    ]
    households_register(
        area=cast.to_8a, year=2012, households=households, registered_on=D(2012, 1, 15), actor=SYSTEM_ACTOR
    )
    rows = list(HouseholdYear.objects.filter(year=2012).order_by("household__code"))
    meeting = meeting_record(
        kind=MeetingKind.HOUSEHOLD_REVIEW,
        unit=cast.to_8a,
        year=2012,
        held_on=D(2012, 11, 20),
        convened=50,
        present=30,
        chair="Hoàng Văn Thụ",
        front_head="Hoàng Văn Thụ",
        votes={row.pk: Vote(votes_for=16 + i) for i, row in enumerate(rows)},
        actor=cast["to8a"],
    )
    dossier = Dossier.objects.get(kind=DossierKind.GDVH, unit=cast.to_8a, year=2012)
    dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=cast["to8a"])
    dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=cast["ducxuan"])
    gdvh = decision_record(
        dossier=dossier,
        number=5,
        issued_on=D(2012, 12, 5),
        issuer=cast.duc_xuan,
        signer_title="Phó Chủ tịch",
        signer_name="Nông Văn Chí",
        titled_ids=[r.pk for r in rows[1:]],
        # 17 of 30 was a count entered wrongly: the recount found 18, and the decision records it as an exception.
        exceptions={
            rows[1].pk: LineException(
                "Kiểm phiếu lại: 18/30 phiếu, biên bản ghi nhầm 17", "Biên bản kiểm phiếu lại ngày 22/11/2012"
            )
        },
        actor=cast["ducxuan"],
    )
    area_year = area_register(area=cast.to_8a, year=2012, registered_on=D(2012, 2, 1), actor=cast["ducxuan"])
    area_meeting = meeting_record(
        kind=MeetingKind.AREA_REVIEW,
        unit=cast.duc_xuan,
        year=2012,
        held_on=D(2012, 12, 10),
        convened=20,
        present=18,
        chair="Nông Thị Lan",
        votes={area_year.pk: Vote(votes_for=17)},
        actor=cast["ducxuan"],
    )
    areas, _created = Dossier.objects.get_or_create(kind=DossierKind.KDC, unit=cast.duc_xuan, year=2012)
    dossier_transition(dossier=areas, to=DossierStatus.SUBMITTED, actor=cast["ducxuan"])
    dossier_transition(dossier=areas, to=DossierStatus.REVIEWED, actor=cast["backan"])
    kdc = decision_record(
        dossier=areas,
        number=12,
        issued_on=D(2013, 1, 5),
        issuer=cast.town,
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Du",
        titled_ids=[area_year.pk],
        actor=cast["backan"],
    )
    unit_change(unit=cast.town, date=D(2015, 3, 11), kind=UnitKind.THANH_PHO, actor=SYSTEM_ACTOR)
    unit_change(unit=cast.to_8a, date=D(2016, 1, 1), name="8", actor=SYSTEM_ACTOR)
    return Year(gdvh, kdc, meeting, area_meeting, households)
