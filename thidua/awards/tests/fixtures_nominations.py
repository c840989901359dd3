"""Data of the nominations tests, built with the ORM: a 2009–2013 round of thị xã Bắc Kạn, areas that
held the KDC văn hóa title every year with a Front tier of Khá or better (each title with its
numbered decision), and Trưởng ban serving the whole period."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from thidua.awards.models import AreaMovement, AwardForm, Movement, Round, RoundStatus, Subject
from thidua.evaluations.models import AreaYear, Decision, DecisionKind
from thidua.people.models import Gender, Person, Position, PositionKind
from thidua.testing import Cast, make_unit
from thidua.units.models import Unit, UnitKind

START, END = 2009, 2013
# The number of the town's KDC decision of each year (issued the January after).
DECISION_NUMBERS = {2009: 5, 2010: 7, 2011: 12, 2012: 3, 2013: 9}


def make_round(cast: Cast, **fields: object) -> Round:
    values: dict[str, object] = {
        "name": "Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        "issuer": cast.town,
        "period_start": START,
        "period_end": END,
        "status": RoundStatus.NOMINATING,
    }
    values.update(fields)
    return Round.objects.create(**values)


def area_form(round: Round, **fields: object) -> AwardForm:
    values: dict[str, object] = {
        "round": round,
        "code": "gk-kdc",
        "name": "Giấy khen của Chủ tịch UBND thị xã (khu dân cư)",
        "subject": Subject.AREA,
        "awarding_body": "Chủ tịch UBND thị xã Bắc Kạn",
        "rank": 1,
        "criteria": {"title_years": "all", "min_tier": "kha"},
    }
    values.update(fields)
    return AwardForm.objects.create(**values)


def bctmt_form(round: Round, **fields: object) -> AwardForm:
    values: dict[str, object] = {
        "round": round,
        "code": "gk-bctmt",
        "name": "Giấy khen của Chủ tịch UBND thị xã (Trưởng ban)",
        "subject": Subject.BCTMT,
        "awarding_body": "Chủ tịch UBND thị xã Bắc Kạn",
        "rank": 2,
        "criteria": {"min_years_served": "all"},
    }
    values.update(fields)
    return AwardForm.objects.create(**values)


def kdc_decision(cast: Cast, year: int) -> Decision:
    decision, _created = Decision.objects.get_or_create(
        kind=DecisionKind.KDC,
        issuer=cast.town,
        year=year,
        number=DECISION_NUMBERS[year],
        symbol="QĐ-UBND",
        issued_on=datetime.date(year + 1, 1, 15),
        defaults={"signer_title": "Chủ tịch", "signer_name": "Nguyễn Văn Bình"},
    )
    return decision


def titled_area(
    cast: Cast,
    name: str,
    *,
    commune: Unit | None = None,
    years: range = range(START, END + 1),
    tier: str = "kha",
    households: int = 120,
) -> Unit:
    """An area titled KDC văn hóa each of ``years`` by the town's decision, with the Front's ``tier``."""
    area = make_unit(
        code=f"{(commune or cast.duc_xuan).code}-{name}",
        name=name,
        kind=UnitKind.TO_DAN_PHO,
        parent=commune or cast.duc_xuan,
        valid_to=None,
    )
    for year in years:
        AreaYear.objects.create(
            area=area,
            year=year,
            households=households,
            gdvh_households=households - 10,
            titled=True,
            decision=kdc_decision(cast, year),
            mttq_points=85,
            mttq_tier=tier,
            front_head_grade="kha",
        )
    return area


def head_of(area: Unit, full_name: str, *, since: int = START, until: int | None = None) -> Person:
    person = Person.objects.create(full_name=full_name, gender=Gender.FEMALE, birth_year=1960)
    Position.objects.create(
        person=person,
        kind=PositionKind.TRUONG_BAN_BCTMT,
        unit=area,
        term_from=datetime.date(since, 1, 1),
        term_to=datetime.date(until, 12, 31) if until else None,
    )
    return person


def movement_of(area: Unit, year: int, code: str, name: str, description: str) -> AreaMovement:
    movement, _created = Movement.objects.get_or_create(code=code, defaults={"name": name})
    return AreaMovement.objects.create(area=area, year=year, movement=movement, description=description)


@dataclass
class Story:
    cast: Cast
    round: Round
    area_form: AwardForm
    bctmt_form: AwardForm
    to_8a: Unit  # titled every year, Khá: eligible
    to_9: Unit  # titled every year, Tốt: eligible
    to_10: Unit  # titled only 2011–2013: not eligible
    to_12: Unit  # Sông Cầu's, titled every year: eligible, outside Đức Xuân
    head_8a: Person  # Trưởng ban of tổ 8A the whole period: eligible


@pytest.fixture(name="story")
def story_fixture(cast: Cast) -> Story:
    return build_story(cast)


def build_story(cast: Cast) -> Story:
    round = make_round(cast)
    for year in range(START, END + 1):
        AreaYear.objects.create(
            area=cast.to_8a,
            year=year,
            households=135,
            gdvh_households=120,
            titled=True,
            decision=kdc_decision(cast, year),
            mttq_points=88,
            mttq_tier="kha",
            front_head_grade="kha",
        )
    head = head_of(cast.to_8a, "Hoàng Thị Mai")
    movement_of(
        cast.to_8a,
        2011,
        "an-ninh",
        "Toàn dân bảo vệ an ninh Tổ quốc",
        "Xây dựng mô hình khu dân cư tự quản về an ninh trật tự",
    )
    return Story(
        cast=cast,
        round=round,
        area_form=area_form(round),
        bctmt_form=bctmt_form(round),
        to_8a=cast.to_8a,
        to_9=titled_area(cast, "9", tier="tot"),
        to_10=titled_area(cast, "10", years=range(2011, END + 1)),
        to_12=titled_area(cast, "12", commune=cast.song_cau),
        head_8a=head,
    )
