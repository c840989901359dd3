"""A round of thị xã Bắc Kạn for 2009–2013 that the council has voted on, built with the ORM.

The council's own services (HD) are not needed to test the decision: the ballots are written closed,
with their counts and results, as ``ballot_tally_record`` leaves them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from thidua.awards.models import (
    AwardForm,
    BallotBox,
    BallotMethod,
    Council,
    CouncilSession,
    FormKind,
    Nomination,
    NominationStatus,
    Organ,
    Round,
    RoundStatus,
    SittingStatus,
    Subject,
)
from thidua.people.models import Gender, Person
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind

LEGAL_BASES = [
    "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003",
    "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003",
    "Xét đề nghị của Hội đồng Thi đua – Khen thưởng thị xã",
]
SUBJECT = "Về việc khen thưởng khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013"


@dataclass
class RoundData:
    round: Round
    area_form: AwardForm
    person_form: AwardForm
    propose_form: AwardForm
    session: CouncilSession
    areas: list[Unit]
    people: list[Person]
    nominations: dict[str, Nomination] = field(default_factory=dict)
    boxes: dict[str, BallotBox] = field(default_factory=dict)
    ballots_closed: bool = True


def nominate(
    data: RoundData,
    key: str,
    form: AwardForm,
    *,
    area: Unit | None = None,
    person: Person | None = None,
    person_area: Unit | None = None,
    votes_for: int = 7,
    passed: bool = True,
) -> Nomination:
    commune = (area or person_area).parent if (area or person_area) else None
    nomination = Nomination.objects.create(
        round=data.round,
        form=form,
        area=area,
        person=person,
        person_area=person_area,
        nominated_by=commune or data.round.issuer,
        status=NominationStatus.ACCEPTED,
    )
    box = BallotBox.objects.create(
        session=data.session,
        nomination=nomination,
        method=BallotMethod.SECRET,
        votes_for=votes_for,
        votes_against=9 - votes_for,
        status=SittingStatus.CLOSED if data.ballots_closed else SittingStatus.OPEN,
        closed_at=timezone.now() if data.ballots_closed else None,
        passed=passed,
        tally_detail=f"{votes_for}/9",
    )
    data.nominations[key] = nomination
    data.boxes[key] = box
    return nomination


def build_round(cast: Cast, *, area_quota: int | None = 3, ballots_closed: bool = True) -> RoundData:
    """Three areas and two Trưởng ban passed for the town's Giấy khen, one area for the province's."""
    round = Round.objects.create(
        name="Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        issuer=cast.town,
        organ=Organ.UBND,
        period_start=2009,
        period_end=2013,
        status=RoundStatus.COUNCIL,
    )
    area_form = AwardForm.objects.create(
        round=round,
        code="gk-kdc",
        name="Giấy khen của Chủ tịch UBND thị xã",
        subject=Subject.AREA,
        kind=FormKind.GIVE,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=2,
        quota_count=area_quota,
    )
    person_form = AwardForm.objects.create(
        round=round,
        code="gk-bctmt",
        name="Giấy khen của Chủ tịch UBND thị xã",
        subject=Subject.BCTMT,
        kind=FormKind.GIVE,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=2,
    )
    propose_form = AwardForm.objects.create(
        round=round,
        code="gk-mttq-tinh",
        name="Giấy khen của Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        subject=Subject.AREA,
        kind=FormKind.PROPOSE,
        awarding_body="Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        rank=1,
        quota_count=2,
    )
    council = Council.objects.create(unit=cast.town, name="Hội đồng Thi đua – Khen thưởng thị xã Bắc Kạn")
    round.council = council
    round.save(update_fields=["council"])
    session = CouncilSession.objects.create(round=round, held_on=datetime.date(2014, 1, 6), place="Hội trường")
    to_2 = make_unit(code="01840-02", name="2", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan)
    to_12 = make_unit(code="01837-12", name="12", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau)
    to_13 = make_unit(code="01837-13", name="13", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau)
    thu = Person.objects.create(full_name="Hoàng Văn Thụ", gender=Gender.MALE)
    lan = Person.objects.create(full_name="Nông Thị Lan", gender=Gender.FEMALE)
    data = RoundData(
        round,
        area_form,
        person_form,
        propose_form,
        session,
        [cast.to_8a, to_2, to_12, to_13],
        [thu, lan],
        ballots_closed=ballots_closed,
    )
    nominate(data, "8a", area_form, area=cast.to_8a, votes_for=9)
    nominate(data, "2", area_form, area=to_2, votes_for=8)
    nominate(data, "12", area_form, area=to_12, votes_for=6)
    nominate(data, "thu", person_form, person=thu, person_area=cast.to_8a, votes_for=9)
    nominate(data, "lan", person_form, person=lan, person_area=to_2, votes_for=7)
    nominate(data, "13", propose_form, area=to_13, votes_for=9)
    return data
