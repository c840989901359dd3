"""The 2009–2013 commendation round of thị xã Bắc Kạn in the demo, run through the real services.

What is given: the round's forms (criteria and quotas of the town's plan: 24 areas and 32 Trưởng ban
for the town's Giấy khen, 2 + 2 proposed for the provincial MTTQ's), the movements the named areas
tied the campaign to, the council's members, the dates, and how the council votes. What follows from
the data of 2009–2013 and the rules: who is eligible, which nominations fit the quotas, who passes
the ballots, and so who is awarded. Each commune nominates its eligible candidates; the district
accepts them in rank order (the sum of the Front's points over the period) up to each form's quota
and returns the others with the reason.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from thidua.awards.consultation import services as consultation
from thidua.awards.council import services as council_mod
from thidua.awards.council.selectors import accepted_nominations, eligible_voters
from thidua.awards.decisions import services as decisions
from thidua.awards.decisions.documents import award_legal_bases_on, award_subject
from thidua.awards.models import (
    AwardForm,
    BallotMethod,
    CouncilRole,
    FormKind,
    Movement,
    Nomination,
    NominationStatus,
    ObjectionStatus,
    Organ,
    PassRule,
    ProposalStatus,
    Round,
    RoundStatus,
    Subject,
)
from thidua.awards.nominations import services as nominations
from thidua.awards.rounds import services
from thidua.awards.rounds.candidates import CandidateRow, round_candidates
from thidua.awards.rules import Ranked, rank_candidates
from thidua.evaluations.models import AreaYear
from thidua.lib.progress import Progress
from thidua.people.models import Gender
from thidua.units.models import Unit

NAME = "Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013"
PERIOD = (2009, 2013)
CREATED_ON = datetime.date(2013, 12, 20)
PUBLISHED_ON = datetime.date(2014, 1, 3)
COUNCIL_ON = datetime.date(2014, 1, 22)
DECIDED_ON = datetime.date(2014, 1, 24)
PROPOSED_ON = datetime.date(2014, 1, 27)
PROVINCE_DECIDED_ON = datetime.date(2014, 2, 18)
CONFERENCE_AT = datetime.datetime(2014, 2, 27, 8, 0)


@dataclass(frozen=True)
class FormPlan:
    code: str
    name: str
    subject: str
    kind: str
    awarding_body: str
    rank: int
    criteria: dict[str, Any]
    quota: int
    pass_rule: str = PassRule.MORE_THAN_HALF
    pass_share: str = ""


# Ranked from the highest: a candidate eligible for the provincial form is listed there first.
FORMS: tuple[FormPlan, ...] = (
    FormPlan(
        "gk-mttq-tinh-kdc",
        "Giấy khen của Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        Subject.AREA,
        FormKind.PROPOSE,
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Kạn",
        0,
        {"title_years": "all", "min_tier": "tot", "min_tier_years": "all"},
        2,
        PassRule.SHARE_OF_MEMBERS,
        "7/10",
    ),
    FormPlan(
        "gk-mttq-tinh-bctmt",
        "Giấy khen của Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        Subject.BCTMT,
        FormKind.PROPOSE,
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Kạn",
        0,
        {"min_years_served": "all", "area_titled": True, "min_grade": "tot"},
        2,
        PassRule.SHARE_OF_MEMBERS,
        "7/10",
    ),
    FormPlan(
        "gk-ubnd-kdc",
        "Giấy khen của Chủ tịch UBND thị xã Bắc Kạn",
        Subject.AREA,
        FormKind.GIVE,
        "Chủ tịch Ủy ban nhân dân thị xã Bắc Kạn",
        1,
        {"title_years": "all", "min_tier": "tot", "min_tier_years": 3},
        24,
    ),
    FormPlan(
        "gk-ubnd-bctmt",
        "Giấy khen của Chủ tịch UBND thị xã Bắc Kạn",
        Subject.BCTMT,
        FormKind.GIVE,
        "Chủ tịch Ủy ban nhân dân thị xã Bắc Kạn",
        1,
        {"min_years_served": 3, "area_titled": True, "min_grade": "kha"},
        32,
    ),
)

# The movements the town's summary names for its exemplary areas (area code → movement codes, words).
MOVEMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "01840-08A": (
        ("xanh-sach-dep", "Duy trì tổng vệ sinh ngõ phố sáng thứ Bảy hằng tuần."),
        ("den-chieu-sang-ngo-hem", "Nhân dân đóng góp lắp đèn chiếu sáng toàn bộ các ngõ của tổ."),
    ),
    "01834-13": (
        ("gia-dinh-suc-khoe", "Tổ chức khám sức khỏe định kỳ cho người cao tuổi, vận động tập thể dục buổi sáng."),
        ("an-ninh-trat-tu", "Duy trì tổ tự quản, không có tệ nạn xã hội trên địa bàn."),
        ("an-toan-giao-thong", "Vận động các hộ ký cam kết chấp hành luật giao thông, đội mũ bảo hiểm."),
    ),
    "01837-12": (("an-ninh-trat-tu", "Mô hình tổ dân phố tự quản về an ninh trật tự, tuần tra ban đêm."),),
    "01855-TONGNENG": (("nong-thon-moi", "Hiến đất, góp công làm đường bê tông liên thôn."),),
    "01855-NABAN": (("nong-thon-moi", "Góp công làm kênh mương nội đồng và nhà văn hóa thôn."),),
    "01852-KHUOICHANG": (("nong-thon-moi", "Chuyển đổi cơ cấu cây trồng, xây dựng đường giao thông nông thôn."),),
}


def _score(row: CandidateRow) -> Decimal:
    """The rank of a candidate: the sum of the Front's points of its area over the period."""
    area = row.area or row.person_area
    total = AreaYear.objects.filter(area=area, year__range=PERIOD).aggregate(s=Sum("mttq_points"))["s"]
    return total or Decimal(0)


def _woman(row: CandidateRow) -> bool:
    return row.person is not None and row.person.gender == Gender.FEMALE


def round_prepare(*, town: Unit, officer: Any) -> Round:
    """The round and its forms, opened for nominations; the movements of the named areas."""
    round = services.round_create(
        name=NAME, issuer=town, organ=Organ.UBND, period_start=PERIOD[0], period_end=PERIOD[1], actor=officer
    )
    for plan in FORMS:
        services.award_form_add(
            round=round,
            code=plan.code,
            name=plan.name,
            subject=plan.subject,
            kind=plan.kind,
            awarding_body=plan.awarding_body,
            rank=plan.rank,
            criteria=plan.criteria,
            quota_count=plan.quota,
            pass_rule=plan.pass_rule,
            pass_share=plan.pass_share,
            actor=officer,
        )
    round = services.round_status_set(round=round, to=RoundStatus.NOMINATING, actor=officer)
    services.movements_load_defaults(actor=officer)
    movements = {m.code: m for m in Movement.objects.all()}
    areas = {u.code: u for u in Unit.objects.filter(code__in=list(MOVEMENTS))}
    for code, ties in MOVEMENTS.items():
        for year in range(PERIOD[0], PERIOD[1] + 1):
            for movement, words in ties:
                services.area_movement_record(
                    area=areas[code], year=year, movement=movements[movement], description=words, actor=officer
                )
    return round


def _acting(commune: Unit, officers: dict[str, Any], fallback: Any) -> Any:
    return officers.get(commune.code, fallback)


def round_nominate(*, round: Round, officers: dict[str, Any], admin: Any, reviewer: Any) -> dict[str, int]:
    """Each commune nominates its eligible candidates (once, for the highest form they reach); the
    district accepts them in rank order up to each form's quota and returns the rest."""
    rows = round_candidates(round)
    taken: set[tuple[str, int]] = set()
    by_form: dict[int, list[Nomination]] = {}
    for form in AwardForm.objects.filter(round=round).order_by("rank", "id"):
        eligible = [r for r in rows if r.form.pk == form.pk and r.eligible]
        by_id = {f"{row.form.subject}-{row.subject.pk}": row for row in eligible}
        order = rank_candidates(
            [
                Ranked(id=key, score=Fraction(_score(row)), name=row.name, woman=_woman(row))
                for key, row in by_id.items()
            ],
            on=DECIDED_ON,
        )
        ranked = [by_id[item.id] for item in order]
        # The provincial forms take only the town's best: the district's guidance to the communes.
        if form.kind == FormKind.PROPOSE:
            ranked = ranked[: form.quota_count or 0]
        for row in ranked:
            key = (row.form.subject, row.subject.pk)
            if key in taken:
                continue
            taken.add(key)
            actor = _acting(row.commune, officers, admin)
            nomination = nominations.nomination_create(
                round=round,
                form=form,
                area=row.area,
                person=row.person,
                nominated_by=row.commune,
                actor=actor,
            )
            nominations.nomination_submit(nomination=nomination, actor=actor)
            by_form.setdefault(form.pk, []).append(nomination)
    accepted = returned = 0
    for form in AwardForm.objects.filter(round=round):
        for place, nomination in enumerate(by_form.get(form.pk, [])):
            if place < (form.quota_count or 0):
                nominations.nomination_accept(nomination=nomination, actor=reviewer)
                accepted += 1
            else:
                nominations.nomination_return(
                    nomination=nomination,
                    reason=f"Vượt chỉ tiêu {form.quota_count} của hình thức “{form.name}”; xếp sau trong danh sách "
                    "theo tổng điểm đánh giá của Mặt trận giai đoạn 2009–2013.",
                    actor=reviewer,
                )
                returned += 1
    return {"nominated": sum(len(v) for v in by_form.values()), "accepted": accepted, "returned": returned}


def round_consult(*, round: Round, officer: Any) -> dict[str, int]:
    """The list goes public; one resident asks about an area, and the district answers."""
    round = consultation.consultation_publish(round=round, on=PUBLISHED_ON, working_days=10, actor=officer)
    nomination = Nomination.objects.filter(round=round, status=NominationStatus.ACCEPTED, area__isnull=False).first()
    objection = consultation.objection_submit(
        round=round,
        nomination=nomination,
        text="Đề nghị kiểm tra lại việc giữ gìn vệ sinh môi trường của khu dân cư này trong năm 2012.",
        name="Một người dân",
        source="demo",
        on=PUBLISHED_ON + datetime.timedelta(days=4),
    )
    consultation.objection_answer(
        objection=objection,
        status=ObjectionStatus.DISMISSED,
        answer="Đã kiểm tra biên bản bình xét năm 2012 và kết quả chấm điểm của Ban chỉ đạo phường: "
        "khu dân cư đạt tiêu chuẩn về môi trường; giữ nguyên đề nghị.",
        actor=officer,
    )
    return {"published": Nomination.objects.filter(round=round, status=NominationStatus.ACCEPTED).count()}


# The town's emulation and commendation council (Hội đồng Thi đua – Khen thưởng): (name, role,
# position). The council-member persona sits on it; one member lives in tổ 8A and steps out for it.
COUNCIL = (
    ("Nông Văn Chí", CouncilRole.CHAIR, "Chủ tịch UBND thị xã"),
    ("Hà Thị Mai", CouncilRole.VICE_CHAIR, "Phó Chủ tịch UBND thị xã"),
    ("Hoàng Văn Đức", CouncilRole.VICE_CHAIR, "Chủ tịch Ủy ban MTTQ Việt Nam thị xã"),
    ("Lý Thị Hoa", CouncilRole.MEMBER, "Trưởng phòng Văn hóa và Thông tin"),
    ("Triệu Văn Lâm", CouncilRole.MEMBER, "Trưởng phòng Nội vụ"),
    ("Đàm Thị Hằng", CouncilRole.MEMBER, "Chủ tịch Hội Liên hiệp Phụ nữ thị xã"),
    ("Lục Văn Sinh", CouncilRole.MEMBER, "Bí thư Thị đoàn"),
    ("Ma Thị Thu", CouncilRole.MEMBER, "Chủ tịch Hội Cựu chiến binh thị xã"),
    ("Bế Văn Hùng", CouncilRole.SECRETARY, "Phó Trưởng phòng Nội vụ, phụ trách công tác thi đua, khen thưởng"),
)
SIGNER = ("Nông Văn Chí", "CHỦ TỊCH")
# How the members vote: nearly all for each nominee, now and then an abstention; the rules count.
ABSTAIN_RATE = 0.06


def round_council(*, round: Round, town: Unit, officer: Any, member_user: Any) -> dict[str, int]:
    """The council: its members, one session after the consultation, a secret ballot on each accepted
    nomination counted by the tally committee, closed by the rules of each form's threshold."""
    rng = random.Random("bac-kan-council-2014")
    council = council_mod.council_create(
        unit=town, name="Hội đồng Thi đua – Khen thưởng thị xã Bắc Kạn", round=round, actor=officer
    )
    members = []
    to_8a = Unit.objects.filter(code="01840-08A").first()
    for name, role, position in COUNCIL:
        members.append(
            council_mod.council_member_add(
                council=council,
                full_name=name,
                role=role,
                position=position,
                user=member_user if name == member_user.get_full_name() else None,
                area=to_8a if name == "Ma Thị Thu" else None,
                actor=officer,
            )
        )
    round = services.round_status_set(round=Round.objects.get(pk=round.pk), to=RoundStatus.COUNCIL, actor=officer)
    # One member is away on the day: 8 of 9 present, above the quorum of two thirds.
    present = [m for m in members if m.full_name != "Lục Văn Sinh"]
    session = council_mod.session_open(
        round=round, held_on=COUNCIL_ON, present=present, place="Phòng họp UBND thị xã", actor=officer
    )
    passed = 0
    for nomination in accepted_nominations(round).order_by("form__rank", "id"):
        box = council_mod.ballot_open(session=session, nomination=nomination, method=BallotMethod.SECRET, actor=officer)
        voters = eligible_voters(box)
        abstain = sum(1 for _ in range(voters) if rng.random() < ABSTAIN_RATE)
        council_mod.ballot_tally_record(
            box=box, votes_for=voters - abstain, votes_against=0, votes_abstain=abstain, actor=officer
        )
        box = council_mod.ballot_close(box=box, actor=officer)
        passed += bool(box.passed)
    council_mod.session_close(session=session, actor=officer)
    return {"ballots": session.ballots.count(), "passed": passed}


def round_decide(*, round: Round, officer: Any) -> dict[str, int]:
    """The town's decision on its own forms; the proposals to the province and the province's answer."""
    round = Round.objects.get(pk=round.pk)
    give = [f.code for f in round.forms.filter(kind=FormKind.GIVE)]
    decision = decisions.decision_issue(
        round=round,
        form_codes=give,
        issued_on=DECIDED_ON,
        subject=award_subject(round.period_start, round.period_end),
        legal_bases=award_legal_bases_on(DECIDED_ON, round.issuer, round.organ),
        signer_prefix="",
        signer_title=SIGNER[1],
        signer_name=SIGNER[0],
        recipients_note="Như Điều 3;\nThường trực Thị ủy (b/c);\nỦy ban MTTQ Việt Nam thị xã",
        actor=officer,
    )
    awards = decision.awards.count()
    # The certificates are printed by the worker in the background (make demo runs one).
    decisions.award_certificates_start(decision=decision, actor=officer)
    for form in round.forms.filter(kind=FormKind.PROPOSE).order_by("id"):
        proposal = decisions.proposal_send(
            round=Round.objects.get(pk=round.pk),
            form_code=form.code,
            sent_on=PROPOSED_ON,
            to_body=form.awarding_body,
            actor=officer,
        )
        decisions.proposal_outcome_record(
            proposal=proposal,
            status=ProposalStatus.DECIDED,
            higher_decision=f"{PROVINCE_DECISION}/QĐ-MTTQ-BTT",
            higher_decided_on=PROVINCE_DECIDED_ON,
            nominations=list(proposal.nominations.all()),
            actor=officer,
        )
        awards += proposal.awards.count()
    return {"decision": decision.number, "awards": awards}


def round_conference(*, round: Round, town: Unit, officer: Any) -> dict[str, int]:
    """The honouring conference: the programme, the awarded invited, most of them checked in."""
    from django.utils import timezone

    from thidua.events import services as events

    conference = events.conference_create(
        organizer=town,
        name="Hội nghị biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        starts_at=timezone.make_aware(CONFERENCE_AT),
        place="Hội trường Ủy ban nhân dân thị xã Bắc Kạn",
        agenda=AGENDA,
        presiders=[
            {"name": "Nông Văn Chí", "position": "Chủ tịch UBND thị xã"},
            {"name": "Hoàng Văn Đức", "position": "Chủ tịch Ủy ban MTTQ Việt Nam thị xã"},
            {"name": "Hà Thị Mai", "position": "Phó Chủ tịch UBND thị xã"},
        ],
        round=Round.objects.get(pk=round.pk),
        actor=officer,
    )
    events.invitations_from_awards(conference=conference, actor=officer)
    events.guest_invite(
        conference=conference,
        full_name="Đinh Văn Quang",
        representing="Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        actor=officer,
    )
    rng = random.Random("bac-kan-conference-2014")
    arrived = 0
    for invitation in conference.invitations.order_by("id"):
        if rng.random() < 0.9:
            at = timezone.make_aware(CONFERENCE_AT - datetime.timedelta(minutes=rng.randint(5, 40)))
            events.checkin(conference=conference, code=invitation.code, actor=officer, at=at)
            arrived += 1
    return {"invited": conference.invitations.count(), "arrived": arrived}


PROVINCE_DECISION = 125
AGENDA = (
    {"time": "07:30", "item": "Đón tiếp đại biểu", "by": "Ban tổ chức"},
    {"time": "08:00", "item": "Tuyên bố lý do, giới thiệu đại biểu", "by": "Ban tổ chức"},
    {
        "time": "08:15",
        "item": "Báo cáo tổng kết Cuộc vận động giai đoạn 2009–2013",
        "by": "Ban Thường trực Ủy ban MTTQ thị xã",
    },
    {
        "time": "09:00",
        "item": "Tham luận của các khu dân cư tiêu biểu",
        "by": "Tổ 8A phường Đức Xuân, thôn Tổng Nẻng xã Xuất Hóa",
    },
    {"time": "09:45", "item": "Công bố quyết định và trao Giấy khen", "by": "Lãnh đạo UBND thị xã"},
    {"time": "10:30", "item": "Bế mạc", "by": "Ban tổ chức"},
)


def demo_round(*, town: Unit, users: dict[str, Any], progress: Progress | None = None) -> dict[str, int]:
    """The whole round, from the forms to the conference (idempotent: once a round of the name exists,
    nothing is done)."""
    if Round.objects.filter(name=NAME, issuer=town).exists():
        return {}
    progress = progress or Progress()
    progress.start(1, _("The commendation round 2009–2013"))
    officer = users["backan"]
    officers = {"01840": users["ducxuan"]}
    round = round_prepare(town=town, officer=officer)
    summary = round_nominate(round=round, officers=officers, admin=users["admin"], reviewer=officer)
    summary |= round_consult(round=round, officer=officer)
    summary |= round_council(round=round, town=town, officer=officer, member_user=users["hoidong"])
    summary |= round_decide(round=round, officer=officer)
    summary |= round_conference(round=round, town=town, officer=officer)
    progress.advance(1)
    progress.finish()
    return summary
