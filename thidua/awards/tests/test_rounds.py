"""The services of a round: creation, forms with their criteria, the status table, the movements."""

from __future__ import annotations

import pytest
from django.utils import translation

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.awards.models import AreaMovement, AwardForm, Movement, Round, RoundStatus
from thidua.awards.rounds import services
from thidua.awards.rounds.workflow import ROUND_WORKFLOW
from thidua.awards.tests.fixtures_rounds import RoundData, build_round
from thidua.errors import DomainError
from thidua.testing import Cast
from thidua.workflow import available_moves

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(cast: Cast) -> RoundData:
    return build_round(cast, actor=cast["backan"])


def _counts() -> tuple[int, int, int, int]:
    return Round.objects.count(), AwardForm.objects.count(), AuditEntry.objects.count(), AreaMovement.objects.count()


def _refused(call: object, **kwargs: object) -> DomainError:
    before = _counts()
    with pytest.raises(DomainError) as info:
        call(**kwargs)  # type: ignore[operator]
    assert _counts() == before
    return info.value


def test_creating_a_round_and_its_forms_is_audited(data: RoundData) -> None:
    assert data.round.status == RoundStatus.DRAFT
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("awards.round_create") == 1
    assert actions.count("awards.award_form_add") == 3
    assert data.area_form.criteria == {"title_years": "all", "min_tier": "kha", "min_tier_years": "all"}


@pytest.mark.parametrize(
    ("criteria", "english"),
    [
        ({"title_year": 5}, "Unknown criterion title_year"),
        ({"title_years": 6}, "from 1 to 5"),
        ({"min_tier": "xuat_sac"}, "must be one of the tiers tot, kha, trung_binh, yeu"),
        ({"min_gdvh_share": "1.2"}, "min_gdvh_share must be a share"),
    ],
)
def test_bad_criteria_are_refused_naming_them_and_nothing_changes(
    data: RoundData, criteria: dict[str, object], english: str
) -> None:
    error = _refused(
        services.award_form_add,
        round=data.round,
        code="x",
        name="X",
        subject="area",
        kind="give",
        awarding_body="UBND",
        rank=3,
        criteria=criteria,
        actor=SYSTEM_ACTOR,
    )
    assert english in error.reason("en")
    assert error.reason("vi")


def test_a_form_needs_a_unique_code_and_a_share_for_a_share_threshold(data: RoundData) -> None:
    base = {
        "round": data.round,
        "name": "X",
        "subject": "area",
        "kind": "give",
        "awarding_body": "UBND",
        "rank": 3,
        "criteria": {},
        "actor": SYSTEM_ACTOR,
    }
    assert "gk-kdc" in _refused(services.award_form_add, code="gk-kdc", **base).reason("en")
    assert "needs its share" in _refused(
        services.award_form_add, code="y", pass_rule="share_of_members", **base
    ).reason("en")
    assert "rounding" in _refused(services.award_form_add, code="y", quota_rounding="up", **base).reason("en")
    assert "0.15" in _refused(services.award_form_add, code="y", quota_share="15%", **base).reason("en")


def test_a_form_is_updated_in_a_draft_and_frozen_once_nominations_open(data: RoundData) -> None:
    services.award_form_update(form=data.area_form, quota_share="0.2", quota_rounding="ceil", actor=SYSTEM_ACTOR)
    data.area_form.refresh_from_db()
    assert (data.area_form.quota_share, data.area_form.quota_rounding) == ("0.2", "ceil")
    services.round_status_set(round=data.round, to=RoundStatus.NOMINATING, actor=SYSTEM_ACTOR)
    error = _refused(services.award_form_update, form=data.area_form, quota_share="0.3", actor=SYSTEM_ACTOR)
    assert "draft" in error.reason("en")
    data.area_form.refresh_from_db()
    assert data.area_form.quota_share == "0.2"


def test_the_status_follows_the_table_and_refuses_a_jump(data: RoundData) -> None:
    error = _refused(services.round_status_set, round=data.round, to=RoundStatus.DECIDED, actor=SYSTEM_ACTOR)
    with translation.override("en"):
        assert "cannot become" in error.reason("en")
    for status in (RoundStatus.NOMINATING, RoundStatus.CONSULTING, RoundStatus.COUNCIL, RoundStatus.DECIDED):
        services.round_status_set(round=data.round, to=status, actor=SYSTEM_ACTOR)
    services.round_status_set(round=data.round, to=RoundStatus.CLOSED, actor=SYSTEM_ACTOR)
    data.round.refresh_from_db()
    assert data.round.status == RoundStatus.CLOSED
    assert available_moves(ROUND_WORKFLOW, data.round, SYSTEM_ACTOR) == []


def test_a_round_without_forms_cannot_open_its_nominations(cast: Cast) -> None:
    round = services.round_create(
        name="Đợt trống", issuer=cast.town, organ="ubnd", period_start=2014, period_end=2018, actor=SYSTEM_ACTOR
    )
    _refused(services.round_status_set, round=round, to=RoundStatus.NOMINATING, actor=SYSTEM_ACTOR)


def test_a_round_is_refused_for_an_area_a_reversed_period_or_no_name(cast: Cast) -> None:
    base = {"organ": "ubnd", "actor": SYSTEM_ACTOR}
    _refused(services.round_create, name="A", issuer=cast.to_8a, period_start=2009, period_end=2013, **base)
    _refused(services.round_create, name="A", issuer=cast.town, period_start=2013, period_end=2009, **base)
    _refused(services.round_create, name=" ", issuer=cast.town, period_start=2009, period_end=2013, **base)
    _refused(services.round_create, name="A", issuer=cast.town, period_start=1990, period_end=2013, **base)


def test_the_default_movements_load_once(cast: Cast) -> None:
    assert services.movements_load_defaults(actor=SYSTEM_ACTOR) == 8
    assert services.movements_load_defaults(actor=SYSTEM_ACTOR) == 0
    assert Movement.objects.filter(name="Đèn điện chiếu sáng ngõ hẻm").exists()


def test_an_area_records_a_movement_and_recording_again_updates_it(cast: Cast) -> None:
    services.movements_load_defaults(actor=SYSTEM_ACTOR)
    movement = Movement.objects.get(code="an-ninh-trat-tu")
    services.area_movement_record(
        area=cast.to_8a, year=2012, movement=movement, description="Tổ tự quản", actor=SYSTEM_ACTOR
    )
    services.area_movement_record(
        area=cast.to_8a, year=2012, movement=movement, description="Tổ tự quản ANTT", actor=SYSTEM_ACTOR
    )
    assert list(AreaMovement.objects.values_list("description", flat=True)) == ["Tổ tự quản ANTT"]
    _refused(services.area_movement_record, area=cast.duc_xuan, year=2012, movement=movement, actor=SYSTEM_ACTOR)
    _refused(services.area_movement_record, area=cast.to_8a, year=1980, movement=movement, actor=SYSTEM_ACTOR)
    _refused(services.movement_create, code="an-ninh-trat-tu", name="X", actor=SYSTEM_ACTOR)
