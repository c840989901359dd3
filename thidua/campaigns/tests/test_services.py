"""The campaign data, and the provinces' parameters: history, years, audit, refusals."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from thidua.accounts.permissions import has_permission
from thidua.audit.models import AuditEntry
from thidua.campaigns.data import load_campaign_data
from thidua.campaigns.models import CampaignContent, CampaignPeriod, ParameterIsAppendOnly, ProvincialParameter
from thidua.campaigns.parameters import ParameterError
from thidua.campaigns.permissions import provinces_of
from thidua.campaigns.selectors import campaign_contents_on, campaign_period_on, parameters_effective, parameters_for
from thidua.campaigns.services import parameter_set
from thidua.errors import DomainError
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind, UnitVersion

pytestmark = pytest.mark.django_db
D = datetime.date


def set_value(cast: Cast, name: str, year: int, value: object, **extra: object) -> ProvincialParameter:
    fields: dict[str, object] = {"legal_basis": "QĐ 15/2019/QĐ-UBND", "reason": "Theo quy định của tỉnh"}
    fields.update(extra)
    return parameter_set(
        province=cast.province,
        name=name,
        year_from=year,
        value=value,
        actor=cast["tinh"],
        **fields,  # type: ignore[arg-type]
    )


def test_the_campaign_names_and_contents_are_loaded_by_period() -> None:
    assert campaign_period_on(D(1996, 1, 1)).name.endswith("cuộc sống mới ở khu dân cư")  # type: ignore[union-attr]
    assert campaign_period_on(D(2016, 7, 7)).name.endswith("đời sống văn hóa ở khu dân cư")  # type: ignore[union-attr]
    renamed = campaign_period_on(D(2016, 7, 8))
    assert renamed is not None and renamed.name == "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"
    assert "10/TTr-MTTW-BTT" in renamed.legal_basis
    assert CampaignPeriod.objects.get(key="2000-doi-song-van-hoa").start_confirmed is False
    contents = campaign_contents_on(D(2020, 1, 1))
    assert [c.number for c in contents] == [1, 2, 3, 4, 5]
    assert "sáng – xanh – sạch – đẹp" in contents[2].text
    assert [c.edition for c in campaign_contents_on(D(2013, 1, 1))] == ["c2011"] * 5
    assert campaign_contents_on(D(1998, 1, 1)) == []


def test_loading_the_campaign_data_again_adds_nothing() -> None:
    before = (CampaignPeriod.objects.count(), CampaignContent.objects.count())
    load_campaign_data(CampaignPeriod, CampaignContent)
    assert (CampaignPeriod.objects.count(), CampaignContent.objects.count()) == before == (3, 10)


def test_without_province_values_the_national_defaults_of_the_regime_apply(cast: Cast) -> None:
    assert parameters_for(cast.province, D(2019, 11, 20))["quorum_share"] == 0.6
    assert parameters_for(cast.province, D(2012, 11, 20))["quorum_share"] is None
    assert parameters_for(cast.province, D(2025, 12, 1))["tie_break"] == ["votes", "women", "name"]


def test_a_province_value_applies_from_its_year_on_and_every_change_is_kept(cast: Cast) -> None:
    set_value(cast, "area_min_points", 2020, 80)
    assert parameters_for(cast.province, D(2019, 12, 31))["area_min_points"] is None
    assert parameters_for(cast.province, D(2020, 1, 1))["area_min_points"] == 80
    assert parameters_for(cast.province, D(2023, 6, 1))["area_min_points"] == 80
    set_value(cast, "area_min_points", 2022, 85)
    assert parameters_for(cast.province, D(2021, 12, 1))["area_min_points"] == 80
    assert parameters_for(cast.province, D(2022, 12, 1))["area_min_points"] == 85
    # A correction of 2020 is a new row; the later year's value still holds from its year.
    set_value(cast, "area_min_points", 2020, 82, reason="Sửa sai sót")
    assert parameters_for(cast.province, D(2021, 12, 1))["area_min_points"] == 82
    assert parameters_for(cast.province, D(2022, 12, 1))["area_min_points"] == 85
    assert list(
        ProvincialParameter.objects.filter(name="area_min_points").order_by("id").values_list("year_from", "value")
    ) == [(2020, 80), (2022, 85), (2020, 82)]
    _regime, effective = parameters_effective(cast.province, D(2021, 6, 1))
    item = next(e for e in effective if e.parameter.name == "area_min_points")
    assert item.origin == "province" and item.value == 82 and len(item.history) == 3


def test_a_province_can_return_to_the_national_default(cast: Cast) -> None:
    set_value(cast, "quota_share", 2020, 0.2)
    parameter_set(
        province=cast.province,
        name="quota_share",
        year_from=2023,
        uses_default=True,
        legal_basis="QĐ 3/2023/QĐ-UBND",
        reason="Áp dụng lại mức chung",
        actor=cast["tinh"],
    )
    assert parameters_for(cast.province, D(2022, 12, 1))["quota_share"] == 0.2
    assert parameters_for(cast.province, D(2023, 12, 1))["quota_share"] == 0.15


def test_another_province_keeps_its_own_values(cast: Cast) -> None:
    other = make_unit(code="19", name="Thái Nguyên", kind=UnitKind.TINH)
    set_value(cast, "area_min_gdvh_share", 2020, 0.8)
    assert parameters_for(other, D(2021, 1, 1))["area_min_gdvh_share"] == 0
    assert parameters_for(cast.province, D(2021, 1, 1))["area_min_gdvh_share"] == 0.8


def test_every_change_is_audited_with_the_values_before_and_after(cast: Cast) -> None:
    row = set_value(cast, "area_min_gdvh_share", 2021, 0.8)
    entry = AuditEntry.objects.for_object(row).get()
    assert entry.action == "campaigns.parameter_set"
    assert entry.actor == cast["tinh"]
    assert entry.reason == "Theo quy định của tỉnh"
    assert entry.changes["value"] == [0, 0.8]
    assert entry.changes["year_from"] == [None, 2021]
    assert entry.changes["legal_basis"] == [None, "QĐ 15/2019/QĐ-UBND"]


def test_a_recorded_value_is_never_changed_or_deleted(cast: Cast) -> None:
    row = set_value(cast, "area_min_points", 2020, 80)
    row.value = 90
    with pytest.raises(ParameterIsAppendOnly):
        row.save()
    with pytest.raises(ParameterIsAppendOnly):
        ProvincialParameter.objects.filter(pk=row.pk).update(value=90)
    with pytest.raises(ParameterIsAppendOnly):
        ProvincialParameter.objects.filter(pk=row.pk).delete()
    with pytest.raises(ParameterIsAppendOnly):
        row.delete()
    assert ProvincialParameter.objects.get(pk=row.pk).value == 80


@pytest.mark.parametrize(
    ("name", "year", "value", "extra", "error"),
    [
        ("area_min_points", 2020, -5, {}, ParameterError),
        ("no_such_parameter", 2020, 1, {}, ParameterError),
        ("area_min_points", 2005, 80, {}, DomainError),
        ("area_min_points", 2026, 80, {}, DomainError),  # the province of Bắc Kạn ended on 30/6/2025
        ("area_min_points", 2020, 80, {"reason": "  "}, DomainError),
        ("area_min_points", 2020, 80, {"legal_basis": ""}, DomainError),
    ],
)
def test_bad_values_are_refused_and_nothing_is_recorded(
    cast: Cast, name: str, year: int, value: object, extra: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        set_value(cast, name, year, value, **extra)
    assert not ProvincialParameter.objects.exists()
    assert not AuditEntry.objects.filter(action="campaigns.parameter_set").exists()


def test_parameters_are_set_for_provinces_only(cast: Cast) -> None:
    with translation.override("en"), pytest.raises(DomainError, match="not one"):
        parameter_set(
            province=cast.town,
            name="area_min_points",
            year_from=2020,
            value=80,
            legal_basis="QĐ",
            reason="thử",
            actor=cast["tinh"],
        )


def test_who_may_see_and_change_a_province_parameters(cast: Cast) -> None:
    province = cast.province
    for username in ("tinh", "admin"):
        assert has_permission("campaigns.change_parameters", cast[username], province)[0]
    for username in ("ducxuan", "backan", "to8a", "chomoi", "hoidong"):
        assert has_permission("campaigns.view_parameters", cast[username], province)[0], username
        assert not has_permission("campaigns.change_parameters", cast[username], province)[0], username
    other = make_unit(code="19", name="Thái Nguyên", kind=UnitKind.TINH)
    assert not has_permission("campaigns.view_parameters", cast["ducxuan"], other)[0]
    assert not has_permission("campaigns.change_parameters", cast["tinh"], other)[0]


def test_an_area_moved_to_a_merged_province_sees_both_provinces_it_belonged_to(cast: Cast) -> None:
    new_province = make_unit(code="19", name="Thái Nguyên", kind=UnitKind.TINH, valid_from=D(2025, 7, 1), valid_to=None)
    new_ward = make_unit(
        code="01840",
        name="Đức Xuân",
        kind=UnitKind.PHUONG,
        parent=new_province,
        valid_from=D(2025, 7, 1),
        valid_to=None,
    )
    UnitVersion.objects.filter(unit=cast.to_8a).update(valid_to=D(2025, 6, 30))
    UnitVersion.objects.create(
        unit=cast.to_8a, valid_from=D(2025, 7, 1), name="8A", kind=UnitKind.TO_DAN_PHO, level=4, parent=new_ward
    )
    assert provinces_of(cast["to8a"]) == [new_province, cast.province]
    assert has_permission("campaigns.view_parameters", cast["to8a"], new_province)[0]
    assert has_permission("campaigns.view_parameters", cast["to8a"], cast.province)[0]
    assert not has_permission("campaigns.view_parameters", cast["chomoi"], new_province)[0]
