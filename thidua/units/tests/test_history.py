"""Units with history: each lineage kind through the services, as-of queries around the days the tree
of Bắc Kạn changed, and access through lineage, on the history of ``bac_kan.py``."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from thidua.accounts.permissions import has_permission
from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError
from thidua.units.models import LineageEvent, LineageKind, Unit, UnitKind
from thidua.units.rules import area_code, default_area_kind
from thidua.units.selectors import (
    unit_address_at,
    unit_by_code,
    unit_current,
    unit_name_at,
    unit_predecessors,
    unit_search,
    unit_successors,
    unit_timeline,
    unit_tree,
    units_topmost_on,
    units_visible_to,
)
from thidua.units.services import (
    area_create,
    area_dissolve,
    area_rename,
    area_split,
    area_transfer,
    areas_merge,
    new_area,
)
from thidua.units.tests.bac_kan import BacKan, build_bac_kan

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def bk(db: None) -> BacKan:
    return build_bac_kan()


def names(nodes: list, depth: int = 0) -> list[str]:  # type: ignore[type-arg]
    """The tree as "  " -indented full names, as the CLI prints it."""
    lines: list[str] = []
    for node in nodes:
        lines.append("  " * depth + node.full_name)
        lines += names(node.children, depth + 1)
    return lines


def links_of(event: LineageEvent) -> set[tuple[str | None, str | None, bool]]:
    return {
        (
            link.predecessor.code if link.predecessor else None,
            link.successor.code if link.successor else None,
            link.partial,
        )
        for link in event.links.select_related("predecessor", "successor")
    }


# The pure rules of residential areas.


def test_an_area_code_is_the_communes_code_and_the_folded_name() -> None:
    assert area_code("01840", "8A") == "01840-08A"
    assert area_code("01855", "Tổng Nẻng") == "01855-TONGNENG"
    assert area_code("01834", "13") == "01834-13"


def test_wards_have_residential_groups_and_communes_villages() -> None:
    assert default_area_kind("phuong") == "to_dan_pho"
    assert default_area_kind("thi_tran") == "to_dan_pho"
    assert default_area_kind("xa") == "thon"


# Each lineage kind through the services.


def test_establishing_an_area_records_the_event_its_legal_basis_and_an_audit_entry(bk: BacKan) -> None:
    area = area_create(
        commune=bk.duc_xuan_2025,
        name="20",
        date=D(2026, 1, 1),
        legal_basis="Quyết định 01/QĐ-UBND",
        actor=bk["ducxuan2025"],
    )
    assert (area.code, area.kind, area.valid_from) == ("01840-20", UnitKind.TO_DAN_PHO, D(2026, 1, 1))
    event = LineageEvent.objects.get(links__successor=area)
    assert (event.kind, event.date, event.legal_basis) == (
        LineageKind.ESTABLISH,
        D(2026, 1, 1),
        "Quyết định 01/QĐ-UBND",
    )
    assert links_of(event) == {(None, "01840-20", False)}
    assert AuditEntry.objects.for_object(area).get().action == "units.establish"
    assert unit_name_at(area, D(2025, 12, 31)) == area.full_name  # no version then: the latest name
    assert [n.full_name for n in unit_tree(D(2025, 12, 31), root=bk.duc_xuan_2025)[0].children] == ["tổ 8A", "tổ 13"]
    assert "  tổ 20" in names(unit_tree(D(2026, 1, 1), root=bk.duc_xuan_2025))


def test_renaming_an_area_keeps_the_old_name_for_the_days_before(bk: BacKan) -> None:
    event = area_rename(area=bk.to_8a, name="8B", date=D(2026, 3, 1), legal_basis="QĐ 02", actor=bk["ducxuan2025"])
    assert event.kind == LineageKind.RENAME
    assert links_of(event) == {("01840-08A", "01840-08A", False)}
    assert unit_name_at(bk.to_8a, D(2026, 2, 28)) == "tổ 8A"
    assert unit_name_at(bk.to_8a, D(2026, 3, 1)) == "tổ 8B"
    assert unit_address_at(bk.to_8a, D(2012, 1, 1)) == "tổ 8A, phường Đức Xuân, thị xã Bắc Kạn, tỉnh Bắc Kạn"
    # The search knows every name the area ever had.
    assert list(unit_search(Unit.objects.all(), "to 8a")) == list(unit_search(Unit.objects.all(), "to 8b"))


def test_the_2015_reclassification_changes_the_names_from_11_march(bk: BacKan) -> None:
    before = names(unit_tree(D(2015, 3, 10), root=bk.town, depth=1))
    after = names(unit_tree(D(2015, 3, 11), root=bk.town, depth=1))
    assert before[0] == "thị xã Bắc Kạn" and "  xã Xuất Hóa" in before and "  xã Huyền Tụng" in before
    assert after[0] == "thành phố Bắc Kạn" and "  phường Xuất Hóa" in after and "  phường Huyền Tụng" in after
    assert "  xã Xuất Hóa" not in after
    events = [e.event for e in unit_timeline(bk.town) if e.event]
    assert [(e.kind, e.date) for e in events] == [
        (LineageKind.RECLASSIFY, D(2015, 3, 11)),
        (LineageKind.DISSOLVE, D(2025, 7, 1)),
    ]


def test_the_1997_transfer_moves_huyen_tung_from_bach_thong_to_the_town(bk: BacKan) -> None:
    assert unit_address_at(bk.huyen_tung, D(1997, 5, 30)) == "xã Huyền Tụng, huyện Bạch Thông, tỉnh Bắc Kạn"
    assert unit_address_at(bk.huyen_tung, D(1997, 5, 31)) == "xã Huyền Tụng, thị xã Bắc Kạn, tỉnh Bắc Kạn"
    transfer = next(e for e in unit_timeline(bk.huyen_tung) if e.event and e.event.kind == LineageKind.TRANSFER)
    assert transfer.date == D(1997, 5, 31) and transfer.continues
    assert "  xã Huyền Tụng" in names(unit_tree(D(1997, 5, 30), root=bk.bach_thong))
    assert names(unit_tree(D(1997, 5, 31), root=bk.bach_thong)) == ["huyện Bạch Thông"]


def test_an_area_transfers_to_another_commune_from_the_date(bk: BacKan) -> None:
    event = area_transfer(area=bk.to_13, commune=bk.bac_kan_2025, date=D(2026, 1, 1), actor=bk["admin"])
    assert event.kind == LineageKind.TRANSFER
    assert unit_address_at(bk.to_13, D(2025, 12, 31)) == "tổ 13, phường Đức Xuân, tỉnh Thái Nguyên"
    assert unit_address_at(bk.to_13, D(2026, 1, 1)) == "tổ 13, phường Bắc Kạn, tỉnh Thái Nguyên"


def test_the_2025_merge_puts_phuong_duc_xuan_under_thai_nguyen_from_1_july(bk: BacKan) -> None:
    eve = names(unit_tree(D(2025, 6, 30), root=bk.province, depth=2))
    assert "  thành phố Bắc Kạn" in eve
    assert {"    phường Nguyễn Thị Minh Khai", "    phường Đức Xuân", "    phường Huyền Tụng"} <= set(eve)
    day = names(unit_tree(D(2025, 7, 1), root=bk.thai_nguyen))
    assert day == [
        "tỉnh Thái Nguyên",
        "  phường Bắc Kạn",
        "    thôn Tổng Nẻng",
        "  phường Đức Xuân",
        "    tổ 8A",
        "    tổ 13",
    ]
    assert unit_tree(D(2025, 7, 1), root=bk.town) == []
    # The code 01840 names the old ward until 30/6/2025 and its successor from 1/7/2025.
    assert unit_by_code("01840", D(2012, 1, 1)) == bk.duc_xuan
    assert unit_by_code("01840", D(2026, 1, 1)) == bk.duc_xuan_2025
    assert unit_by_code("01840") == bk.duc_xuan_2025
    merge = next(e for e in unit_timeline(bk.duc_xuan_2025) if e.event)
    assert merge.event is not None and merge.event.kind == LineageKind.MERGE
    assert [(u.name, u.unit.code) for u in merge.predecessors] == [
        ("phường Nguyễn Thị Minh Khai", "01834"),
        ("phường Huyền Tụng", "01846"),
        ("phường Đức Xuân", "01840"),
    ]
    assert unit_current(bk.ntmk) == [bk.duc_xuan_2025]
    assert set(unit_predecessors(bk.duc_xuan_2025)) == {bk.ntmk, bk.huyen_tung, bk.duc_xuan}
    assert unit_successors(bk.duc_xuan) == [bk.duc_xuan_2025]
    # The areas go on under the new ward: one unit, two addresses.
    assert unit_address_at(bk.to_8a, D(2012, 1, 1)) == "tổ 8A, phường Đức Xuân, thị xã Bắc Kạn, tỉnh Bắc Kạn"
    assert unit_address_at(bk.to_8a, D(2020, 1, 1)) == "tổ 8A, phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn"
    assert unit_address_at(bk.to_8a, D(2026, 1, 1)) == "tổ 8A, phường Đức Xuân, tỉnh Thái Nguyên"


def test_the_timeline_names_each_side_of_an_event_as_it_was_then(bk: BacKan) -> None:
    reclassify = next(e for e in unit_timeline(bk.xuat_hoa) if e.event and e.event.kind == LineageKind.RECLASSIFY)
    assert [u.name for u in reclassify.predecessors] == ["xã Xuất Hóa"]
    assert [u.name for u in reclassify.successors] == ["phường Xuất Hóa"]
    versions = [(e.version.full_name, e.parent_name) for e in unit_timeline(bk.xuat_hoa) if e.version]
    assert versions == [("xã Xuất Hóa", "thị xã Bắc Kạn"), ("phường Xuất Hóa", "thành phố Bắc Kạn")]


def test_an_existing_area_absorbs_another_and_goes_on(bk: BacKan) -> None:
    assert bk.to_14.valid_to == D(2019, 6, 30) and bk.to_13.valid_to is None
    assert unit_current(bk.to_14) == [bk.to_13]
    merged = areas_merge(areas=[bk.to_8a], into=bk.to_13, date=D(2026, 1, 1), legal_basis="NQ 03", actor=SYSTEM_ACTOR)
    assert merged == bk.to_13
    event = LineageEvent.objects.filter(kind=LineageKind.MERGE, date=D(2026, 1, 1)).get()
    assert links_of(event) == {("01840-08A", "01834-13", False), ("01834-13", "01834-13", False)}
    bk.to_8a.refresh_from_db()
    assert bk.to_8a.valid_to == D(2025, 12, 31)


def test_areas_merge_into_a_new_area_that_may_keep_a_predecessors_code(bk: BacKan) -> None:
    into = new_area(bk.duc_xuan_2025, name="8A", code="01840-08A")
    merged = areas_merge(areas=[bk.to_8a, bk.to_13], into=into, date=D(2026, 1, 1), actor=SYSTEM_ACTOR)
    assert merged not in (bk.to_8a, bk.to_13)
    assert (merged.code, merged.valid_from) == ("01840-08A", D(2026, 1, 1))
    assert unit_by_code("01840-08A", D(2012, 1, 1)) == bk.to_8a
    assert set(unit_predecessors(merged)) == {bk.to_8a, bk.to_13, bk.to_14}


def test_an_area_splits_into_parts_and_ends(bk: BacKan) -> None:
    parts = area_split(
        area=bk.to_13,
        into=[new_area(bk.duc_xuan_2025, name="13A"), new_area(bk.duc_xuan_2025, name="13B")],
        date=D(2026, 1, 1),
        legal_basis="NQ 04",
        actor=SYSTEM_ACTOR,
    )
    assert [p.code for p in parts] == ["01840-13A", "01840-13B"]
    event = LineageEvent.objects.get(kind=LineageKind.SPLIT)
    assert links_of(event) == {("01834-13", "01840-13A", True), ("01834-13", "01840-13B", True)}
    bk.to_13.refresh_from_db()
    assert bk.to_13.valid_to == D(2025, 12, 31)
    assert unit_current(bk.to_13) == parts
    assert set(unit_predecessors(parts[0])) == {bk.to_13, bk.to_14}


def test_a_part_of_a_split_may_keep_the_code_of_the_area_it_comes_from(bk: BacKan) -> None:
    parts = area_split(
        area=bk.to_13,
        into=[new_area(bk.duc_xuan_2025, name="13", code="01834-13"), new_area(bk.duc_xuan_2025, name="13B")],
        date=D(2026, 1, 1),
        actor=SYSTEM_ACTOR,
    )
    assert parts[0].code == "01834-13" and parts[0] != bk.to_13


def test_dissolving_an_area_ends_it_on_the_eve(bk: BacKan) -> None:
    event = area_dissolve(area=bk.tong_neng, date=D(2026, 1, 1), legal_basis="NQ 05", actor=SYSTEM_ACTOR)
    assert event.kind == LineageKind.DISSOLVE
    assert links_of(event) == {("01855-TONGNENG", None, False)}
    bk.tong_neng.refresh_from_db()
    assert bk.tong_neng.valid_to == D(2025, 12, 31)
    assert unit_current(bk.tong_neng) == []
    assert names(unit_tree(D(2026, 1, 1), root=bk.bac_kan_2025)) == ["phường Bắc Kạn"]


@translation.override("en")
def test_the_area_operations_refuse_what_is_not_an_area(bk: BacKan) -> None:
    with pytest.raises(DomainError, match="is not a commune"):
        area_create(commune=bk.town, name="1", date=D(2013, 1, 1), actor=SYSTEM_ACTOR)
    with pytest.raises(DomainError, match="not a kind of residential area"):
        area_create(commune=bk.duc_xuan, name="1", kind=UnitKind.XA, date=D(2013, 1, 1), actor=SYSTEM_ACTOR)
    with pytest.raises(DomainError, match="is not a residential area"):
        area_dissolve(area=bk.duc_xuan_2025, date=D(2026, 1, 1), actor=SYSTEM_ACTOR)
    with pytest.raises(DomainError, match="at least two"):
        areas_merge(areas=[bk.to_8a], into=bk.to_8a, date=D(2026, 1, 1), actor=SYSTEM_ACTOR)
    with pytest.raises(DomainError, match="already used"):
        area_create(commune=bk.duc_xuan_2025, name="8A", date=D(2026, 1, 1), actor=SYSTEM_ACTOR)


def test_the_depth_of_the_tree_counts_steps_even_where_the_district_level_is_gone(bk: BacKan) -> None:
    assert names(unit_tree(D(2026, 1, 1), root=bk.thai_nguyen, depth=1)) == [
        "tỉnh Thái Nguyên",
        "  phường Bắc Kạn",
        "  phường Đức Xuân",
    ]
    assert names(unit_tree(D(2013, 1, 1), root=bk.province, depth=1)) == [
        "tỉnh Bắc Kạn",
        "  huyện Bạch Thông",
        "  thị xã Bắc Kạn",
        "  huyện Chợ Mới",
    ]
    assert [n.full_name for n in unit_tree(D(2013, 1, 1), depth=1)] == ["tỉnh Bắc Kạn", "tỉnh Thái Nguyên"]


# Access through lineage.


def test_an_officer_of_the_new_ward_sees_the_areas_of_the_wards_it_came_from(bk: BacKan) -> None:
    visible = units_visible_to(bk["ducxuan2025"])
    # tổ 14 of the old phường Nguyễn Thị Minh Khai ended in 2019, long before the new ward existed.
    assert visible.filter(pk=bk.to_14.pk).exists()
    assert visible.filter(pk__in=[bk.ntmk.pk, bk.huyen_tung.pk, bk.duc_xuan.pk, bk.to_8a.pk]).count() == 4
    assert not visible.filter(pk__in=[bk.song_cau.pk, bk.town.pk, bk.thai_nguyen.pk]).exists()


def test_an_officer_of_the_dissolved_town_still_sees_its_records(bk: BacKan) -> None:
    visible = units_visible_to(bk["backan"])
    assert visible.filter(pk__in=[bk.town.pk, bk.ntmk.pk, bk.to_14.pk, bk.huyen_tung.pk, bk.tong_neng.pk]).count() == 5
    assert not visible.filter(pk__in=[bk.duc_xuan_2025.pk, bk.dong_tam.pk]).exists()
    # In 2026 the town is gone: its tree begins at its areas that went on, under their new wards.
    top = units_topmost_on(visible, D(2026, 1, 1))
    assert [(n.full_name, n.version.parent.full_name) for n in top] == [  # type: ignore[union-attr]
        ("tổ 8A", "phường Đức Xuân"),
        ("tổ 13", "phường Đức Xuân"),
        ("thôn Tổng Nẻng", "phường Bắc Kạn"),
    ]


def test_the_outsider_sees_nothing_of_the_town(bk: BacKan) -> None:
    visible = units_visible_to(bk["chomoi"])
    assert not visible.filter(pk__in=[bk.town.pk, bk.to_14.pk, bk.duc_xuan_2025.pk]).exists()
    assert set(visible) == {bk.cho_moi, bk.dong_tam}


@translation.override("en")
def test_commune_officers_and_above_manage_the_areas_of_their_reach(bk: BacKan) -> None:
    assert has_permission("units.manage_areas", bk["ducxuan"], bk.to_8a) == (True, "")
    assert has_permission("units.manage_areas", bk["ducxuan2025"], bk.duc_xuan_2025)[0]
    assert has_permission("units.manage_areas", bk["backan"], bk.ntmk)[0]
    assert has_permission("units.manage_areas", bk["admin"], bk.tong_neng)[0]
    allowed, reason = has_permission("units.manage_areas", bk["to8a"], bk.to_8a)
    assert not allowed and "commune officers" in reason
    assert not has_permission("units.manage_areas", bk["hoidong"], bk.to_8a)[0]
    allowed, reason = has_permission("units.manage_areas", bk["chomoi"], bk.to_8a)
    assert not allowed and "outside" in reason
    allowed, reason = has_permission("units.manage_areas", bk["backan"], bk.town)
    assert not allowed and "from their commune" in reason
