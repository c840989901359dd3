"""A round of the town of Bắc Kạn over 2009–2013 on generated data, for the rounds' tests.

Areas of phường Đức Xuân and Sông Cầu with their yearly titles (and the recognition decisions),
the Front's tiers and the grades of their Trưởng ban, who hold terms over the period.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.awards.models import AwardForm, FormKind, Organ, Round, Subject
from thidua.awards.rounds import services
from thidua.evaluations.models import AreaYear, Decision, DecisionKind
from thidua.people.models import Gender, Person, Position, PositionKind
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind

D = datetime.date
PERIOD = range(2009, 2014)


def decisions(cast: Cast) -> dict[int, Decision]:
    return {
        year: Decision.objects.create(
            kind=DecisionKind.KDC,
            issuer=cast.town,
            year=year,
            number=5,
            symbol="QĐ-UBND",
            issued_on=D(year, 12, 20),
        )
        for year in PERIOD
    }


def area_years(
    area: Unit,
    decided: dict[int, Decision],
    *,
    titled: Iterable[int] = PERIOD,
    tiers: dict[int, str] | None = None,
    grade: str = "kha",
) -> None:
    titled = set(titled)
    tiers = tiers or {}
    AreaYear.objects.bulk_create(
        [
            AreaYear(
                area=area,
                year=y,
                titled=y in titled,
                decision=decided[y] if y in titled else None,
                mttq_tier=tiers.get(y, "kha"),
                front_head_grade=grade,
                households=100,
                gdvh_households=90,
            )
            for y in PERIOD
        ]
    )


def head(
    area: Unit, name: str, start: datetime.date, end: datetime.date | None = None, *, woman: bool = False
) -> Person:
    person = Person.objects.create(full_name=name, gender=Gender.FEMALE if woman else Gender.MALE)
    Position.objects.create(person=person, kind=PositionKind.TRUONG_BAN_BCTMT, unit=area, term_from=start, term_to=end)
    return person


@dataclass
class RoundData:
    round: Round
    area_form: AwardForm
    head_form: AwardForm
    province_form: AwardForm
    good: Unit  # titled every year, tier Khá
    gap: Unit  # not titled in 2011
    weak: Unit  # tier Trung bình in 2012
    best: Unit  # tier Tốt every year: eligible for the province's form
    song: Unit  # an area of phường Sông Cầu, titled every year
    lan: Person  # head of `good` over the whole period
    short: Person  # head of `gap` from 2/7/2009 (5 months that year)
    far: Unit  # an area of huyện Chợ Mới, outside the round's issuer


def build_round(cast: Cast, *, actor: object = SYSTEM_ACTOR) -> RoundData:
    decided = decisions(cast)

    def area(name: str, parent: Unit) -> Unit:
        return make_unit(code=f"{parent.code}-{name}", name=name, kind=UnitKind.TO_DAN_PHO, parent=parent)

    good, gap, weak, best = (area(n, cast.duc_xuan) for n in ("1", "2", "3", "4"))
    song = area("12", cast.song_cau)
    far = area("5", cast.dong_tam)
    area_years(good, decided)
    area_years(gap, decided, titled=[2009, 2010, 2012, 2013])
    area_years(weak, decided, tiers={2012: "trung_binh"})
    area_years(best, decided, tiers={y: "tot" for y in PERIOD}, grade="tot")
    area_years(song, decided)
    area_years(far, decided)
    lan = head(good, "Nông Thị Lan", D(2008, 3, 1), woman=True)
    short = head(gap, "Hoàng Văn Ba", D(2009, 7, 2))
    head(best, "Triệu Văn Cao", D(2005, 1, 1))
    head(far, "Lường Văn Xa", D(2005, 1, 1))
    round = services.round_create(
        name="Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        issuer=cast.town,
        organ=Organ.UBND,
        period_start=2009,
        period_end=2013,
        actor=actor,
    )
    province_form = services.award_form_add(
        round=round,
        code="gk-mttq-tinh",
        name="Giấy khen của Ban Thường trực UB MTTQ tỉnh",
        subject=Subject.AREA,
        kind=FormKind.PROPOSE,
        awarding_body="Ban Thường trực Ủy ban MTTQ tỉnh Bắc Kạn",
        rank=0,
        criteria={"title_years": "all", "min_tier": "tot"},
        quota_count=2,
        actor=actor,
    )
    area_form = services.award_form_add(
        round=round,
        code="gk-kdc",
        name="Giấy khen của Chủ tịch UBND thị xã (khu dân cư)",
        subject=Subject.AREA,
        kind=FormKind.GIVE,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=1,
        criteria={"title_years": "all", "min_tier": "kha"},
        quota_share="0.15",
        actor=actor,
    )
    head_form = services.award_form_add(
        round=round,
        code="gk-truong-ban",
        name="Giấy khen của Chủ tịch UBND thị xã (Trưởng ban công tác Mặt trận)",
        subject=Subject.BCTMT,
        kind=FormKind.GIVE,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=1,
        criteria={"min_years_served": "all", "area_titled": True},
        actor=actor,
    )
    return RoundData(round, area_form, head_form, province_form, good, gap, weak, best, song, lan, short, far)
