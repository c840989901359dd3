"""A round of thị xã Bắc Kạn before its council, built directly (the other parts' services are not needed).

Nine members; two accepted nominations (the area tổ 8A for the collective form, Hoàng Văn Thụ for the
individual form); the consultation ended on 20/03/2014 with no objection open. Hoàng Văn Thụ,
a nominee and a resident of tổ 8A, is the last member (a council of eight leaves him out).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.council.services import council_create, council_member_add
from thidua.awards.models import (
    AwardForm,
    Council,
    CouncilMember,
    CouncilRole,
    Nomination,
    NominationStatus,
    PassRule,
    Round,
    RoundStatus,
    Subject,
)
from thidua.people.models import Person
from thidua.testing import Cast

HELD_ON = datetime.date(2014, 3, 25)
NAMES = [
    ("Đinh Văn Quang", CouncilRole.CHAIR, "Phó Chủ tịch UBND thị xã"),
    ("Hà Thị Nga", CouncilRole.VICE_CHAIR, "Chủ tịch UB MTTQ thị xã"),
    ("Lý Thị Hoa", CouncilRole.MEMBER, "Trưởng phòng Văn hóa – Thông tin"),
    ("Nông Văn Tài", CouncilRole.MEMBER, "Phó Chủ tịch UB MTTQ thị xã"),
    ("Ma Thị Liên", CouncilRole.MEMBER, "Chủ tịch Hội Liên hiệp Phụ nữ thị xã"),
    ("Triệu Văn Sơn", CouncilRole.MEMBER, "Bí thư Thị đoàn"),
    ("Lục Văn Bình", CouncilRole.MEMBER, "Chủ tịch Hội Cựu chiến binh thị xã"),
    ("Bế Thị Hằng", CouncilRole.SECRETARY, "Chuyên viên Phòng Nội vụ"),
    ("Hoàng Văn Thụ", CouncilRole.MEMBER, "Trưởng ban công tác Mặt trận tổ 8A"),
]


@dataclass
class CouncilWorld:
    round: Round
    council: Council
    members: list[CouncilMember]
    area_form: AwardForm
    person_form: AwardForm
    area_nomination: Nomination
    person_nomination: Nomination
    thu: Person

    def member(self, name: str) -> CouncilMember:
        return next(m for m in self.members if m.full_name == name)


def council_world(cast: Cast, *, members: int = 9) -> CouncilWorld:
    round = Round.objects.create(
        name="Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        issuer=cast.town,
        period_start=2009,
        period_end=2013,
        status=RoundStatus.COUNCIL,
        consultation_from=datetime.date(2014, 3, 6),
        consultation_until=datetime.date(2014, 3, 20),
    )
    area_form = AwardForm.objects.create(
        round=round,
        code="gk-kdc",
        name="Giấy khen của Chủ tịch UBND thị xã (khu dân cư)",
        subject=Subject.AREA,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        pass_rule=PassRule.MORE_THAN_HALF,
    )
    person_form = AwardForm.objects.create(
        round=round,
        code="gk-bctmt",
        name="Giấy khen của Chủ tịch UBND thị xã (Trưởng ban)",
        subject=Subject.BCTMT,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=1,
        pass_rule=PassRule.SHARE_OF_MEMBERS,
        pass_share="70/100",
    )
    thu = Person.objects.create(full_name="Hoàng Văn Thụ")
    area_nomination = Nomination.objects.create(
        round=round, form=area_form, area=cast.to_8a, nominated_by=cast.duc_xuan, status=NominationStatus.ACCEPTED
    )
    song_cau_area = cast.song_cau
    person_nomination = Nomination.objects.create(
        round=round,
        form=person_form,
        person=thu,
        person_area=song_cau_area,
        nominated_by=cast.duc_xuan,
        status=NominationStatus.ACCEPTED,
    )
    council = council_create(
        unit=cast.town, name="Hội đồng Thi đua – Khen thưởng thị xã Bắc Kạn", actor=SYSTEM_ACTOR, round=round
    )
    created = []
    for full_name, role, position in NAMES[:members]:
        extra: dict[str, object] = {}
        if full_name == "Hoàng Văn Thụ":
            # A nominee himself, and a resident of tổ 8A: he steps out for both nominees.
            extra = {"person": thu, "area": cast.to_8a}
        if full_name == "Lý Thị Hoa":
            extra = {"user": cast["hoidong"]}
        created.append(
            council_member_add(
                council=council, full_name=full_name, role=role, position=position, actor=SYSTEM_ACTOR, **extra
            )
        )
    round.refresh_from_db()
    return CouncilWorld(round, council, created, area_form, person_form, area_nomination, person_nomination, thu)
