"""A round of thị xã Bắc Kạn 2009–2013 with its accepted nominations, built by the ORM.

The consultation only reads nominations; building them directly keeps these tests independent of
the nominations' own workflow.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from thidua.awards.models import (
    AwardForm,
    Nomination,
    NominationStatus,
    Round,
    RoundStatus,
    Subject,
)
from thidua.people.models import Person
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

SECRET_JUSTIFICATION = "Lý do riêng: hộ ông Páo bị xử phạt hành chính năm 2011"
SECRET_REPORT = "Báo cáo thành tích nội bộ chưa công bố"


@dataclass
class RoundSetup:
    round: Round
    area_form: AwardForm
    person_form: AwardForm
    area_nomination: Nomination  # tổ 8A, accepted
    person_nomination: Nomination  # its Trưởng ban, accepted
    pending: Nomination  # tổ 12 phường Sông Cầu, only submitted: not published


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # The rate limit lives in the cache (local memory in tests): each test starts with none counted.
    cache.clear()
    yield
    cache.clear()


def build_round(
    cast: Cast, *, status: str = RoundStatus.NOMINATING, accepted: str = NominationStatus.ACCEPTED
) -> RoundSetup:
    round = Round.objects.create(
        name="Biểu dương khu dân cư, Trưởng ban công tác Mặt trận tiêu biểu giai đoạn 2009–2013",
        issuer=cast.town,
        period_start=2009,
        period_end=2013,
        status=status,
    )
    area_form = AwardForm.objects.create(
        round=round,
        code="giay-khen-kdc",
        name="Giấy khen của Chủ tịch UBND thị xã (khu dân cư)",
        subject=Subject.AREA,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=1,
    )
    person_form = AwardForm.objects.create(
        round=round,
        code="giay-khen-bctmt",
        name="Giấy khen của Chủ tịch UBND thị xã (Trưởng ban công tác Mặt trận)",
        subject=Subject.BCTMT,
        awarding_body="Chủ tịch UBND thị xã Bắc Kạn",
        rank=2,
    )
    to_12 = make_unit(code="01837-012", name="12", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau)
    person = Person.objects.create(full_name="Hoàng Văn Thụ", birth_year=1958)
    evidence = {"years": [2009, 2010, 2011, 2012, 2013], "exclusions": ["xu-phat-hanh-chinh"]}
    area_nomination = Nomination.objects.create(
        round=round,
        form=area_form,
        area=cast.to_8a,
        nominated_by=cast.duc_xuan,
        status=accepted,
        evidence=evidence,
        report=SECRET_REPORT,
        justification=SECRET_JUSTIFICATION,
        outside_candidates=True,
    )
    person_nomination = Nomination.objects.create(
        round=round,
        form=person_form,
        person=person,
        person_area=cast.to_8a,
        nominated_by=cast.duc_xuan,
        status=accepted,
        evidence=evidence,
    )
    pending = Nomination.objects.create(
        round=round, form=area_form, area=to_12, nominated_by=cast.song_cau, status=NominationStatus.SUBMITTED
    )
    return RoundSetup(round, area_form, person_form, area_nomination, person_nomination, pending)


@pytest.fixture
def setup(cast: Cast) -> RoundSetup:
    return build_round(cast)


# Published on Wednesday 26/02/2014: ten working days later is Wednesday 12/03/2014.
PUBLISHED_ON = datetime.date(2014, 2, 26)
LAST_DAY = datetime.date(2014, 3, 12)


@pytest.fixture
def published(setup: RoundSetup, cast: Cast) -> RoundSetup:
    from thidua.awards.consultation.services import consultation_publish

    setup.round = consultation_publish(round=setup.round, on=PUBLISHED_ON, actor=cast["backan"])
    return setup
