"""Award data for the history and honour-board tests, built directly with the ORM (the revocation
goes through the decisions service).

The round of thị xã Bắc Kạn for 2009–2013: tổ 8A (phường Đức Xuân) and tổ 12 (phường Sông Cầu)
receive the town's Giấy khen by decision 05/QĐ-UBND of 20/01/2014, and tổ 8A's Trưởng ban; tổ 12's
Trưởng ban is proposed to the provincial Front, whose decision is recorded; a second decision (07/QĐ-UBND) was
revoked. The town was "thị xã Bắc Kạn" until 10/03/2015, so the citations of 2014 name it so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.decisions.services import decision_revoke, proposal_outcome_record
from thidua.awards.models import (
    Award,
    AwardDecision,
    AwardForm,
    FormKind,
    Nomination,
    NominationStatus,
    Organ,
    Proposal,
    ProposalStatus,
    Round,
    RoundStatus,
    Subject,
)
from thidua.people.models import Person, Position, PositionKind
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind, UnitVersion

D = datetime.date


@dataclass
class Honours:
    round: Round
    area_form: AwardForm
    person_form: AwardForm
    upward_form: AwardForm
    decision: AwardDecision
    revoked_decision: AwardDecision
    to_12: Unit
    to_3: Unit
    head_8a: Person
    head_12: Person
    award_8a: Award
    award_12: Award
    award_head_8a: Award
    award_upward: Award
    award_to_3: Award


def town_was_a_thi_xa(cast: Cast) -> None:
    """thị xã Bắc Kạn until 10/03/2015, thành phố from 11/03/2015 (Nghị quyết 904/NQ-UBTVQH13)."""
    version = UnitVersion.objects.get(unit=cast.town)
    UnitVersion.objects.create(
        unit=cast.town,
        valid_from=D(2015, 3, 11),
        valid_to=version.valid_to,
        name=version.name,
        kind=UnitKind.THANH_PHO,
        level=version.level,
        parent=version.parent,
    )
    version.valid_to, version.kind = D(2015, 3, 10), UnitKind.THI_XA
    version.save()


def area(commune: Unit, name: str) -> Unit:
    return make_unit(code=f"{commune.code}-{name}", name=name, kind=UnitKind.TO_DAN_PHO, parent=commune, valid_to=None)


def head(name: str, unit: Unit, gender: str = "male") -> Person:
    person = Person.objects.create(full_name=name, gender=gender)
    Position.objects.create(
        person=person, kind=PositionKind.TRUONG_BAN_BCTMT, unit=unit, term_from=D(2009, 1, 1), term_to=D(2014, 6, 30)
    )
    return person


def award(form: AwardForm, nominated_by: Unit, *, decision: AwardDecision | None = None, **subject: object) -> Award:
    nomination = Nomination.objects.create(
        round=form.round, form=form, nominated_by=nominated_by, status=NominationStatus.ACCEPTED, **subject
    )
    return Award.objects.create(
        nomination=nomination,
        form=form,
        area=subject.get("area"),
        person=subject.get("person"),
        window_start=2009,
        window_end=2013,
        decision=decision,
    )


def decision(round_: Round, number: int, issued_on: datetime.date) -> AwardDecision:
    return AwardDecision.objects.create(
        round=round_,
        issuer=round_.issuer,
        organ=Organ.UBND,
        year=issued_on.year,
        number=number,
        symbol="QĐ-UBND",
        issued_on=issued_on,
        subject="Về việc khen thưởng khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        signer_prefix="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="Hoàng Văn Minh",
    )


def build_honours(cast: Cast) -> Honours:
    town_was_a_thi_xa(cast)
    round_ = Round.objects.create(
        name="Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        issuer=cast.town,
        organ=Organ.UBND,
        period_start=2009,
        period_end=2013,
        status=RoundStatus.DECIDED,
    )
    area_form = AwardForm.objects.create(
        round=round_,
        code="gk-kdc",
        name="Giấy khen của Chủ tịch UBND thị xã (khu dân cư)",
        subject=Subject.AREA,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=2,
    )
    person_form = AwardForm.objects.create(
        round=round_,
        code="gk-bctmt",
        name="Giấy khen của Chủ tịch UBND thị xã (Trưởng ban công tác Mặt trận)",
        subject=Subject.BCTMT,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=3,
    )
    upward_form = AwardForm.objects.create(
        round=round_,
        code="gk-mttq-tinh",
        name="Giấy khen của Ủy ban MTTQ tỉnh",
        subject=Subject.BCTMT,
        kind=FormKind.PROPOSE,
        awarding_body="Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        rank=1,
    )
    to_12 = area(cast.song_cau, "12")
    to_3 = area(cast.song_cau, "3")
    head_8a = head("Hoàng Thị Nông", cast.to_8a, gender="female")
    head_12 = head("Nguyễn Văn Hùng", to_12)
    issued = decision(round_, 5, D(2014, 1, 20))
    revoked = decision(round_, 7, D(2014, 2, 10))
    award_8a = award(area_form, cast.duc_xuan, decision=issued, area=cast.to_8a)
    award_12 = award(area_form, cast.song_cau, decision=issued, area=to_12)
    award_head_8a = award(person_form, cast.duc_xuan, decision=issued, person=head_8a, person_area=cast.to_8a)
    award_to_3 = award(area_form, cast.song_cau, decision=revoked, area=to_3)
    decision_revoke(
        decision=revoked, on=D(2014, 5, 15), reason="Khai báo thành tích không đúng sự thật", actor=SYSTEM_ACTOR
    )
    proposal = Proposal.objects.create(
        round=round_,
        form=upward_form,
        number=3,
        symbol="TTr-UBND",
        sent_on=D(2014, 1, 25),
        to_body="Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
    )
    upward_nomination = Nomination.objects.create(
        round=round_,
        form=upward_form,
        nominated_by=cast.song_cau,
        status=NominationStatus.ACCEPTED,
        person=head_12,
        person_area=to_12,
    )
    proposal.nominations.add(upward_nomination)
    proposal_outcome_record(
        proposal=proposal,
        status=ProposalStatus.DECIDED,
        higher_decision="125/QĐ-MTTQ-BTT",
        higher_decided_on=D(2014, 4, 20),
        nominations=[upward_nomination],
        actor=SYSTEM_ACTOR,
    )
    award_upward = Award.objects.get(nomination=upward_nomination)
    return Honours(
        round=round_,
        area_form=area_form,
        person_form=person_form,
        upward_form=upward_form,
        decision=issued,
        revoked_decision=revoked,
        to_12=to_12,
        to_3=to_3,
        head_8a=head_8a,
        head_12=head_12,
        award_8a=award_8a,
        award_12=award_12,
        award_head_8a=award_head_8a,
        award_upward=award_upward,
        award_to_3=award_to_3,
    )
