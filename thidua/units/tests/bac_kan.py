"""The history of the town of Bắc Kạn, built through the lineage services: the real shape, few units.

    tỉnh Bắc Kạn 06 ─┬─ thị xã Bắc Kạn 058 (thành phố from 11/3/2015; dissolved 1/7/2025)
                     │    ├─ phường Nguyễn Thị Minh Khai 01834 ── tổ 13, tổ 14 (tổ 14 joins tổ 13 in 2019)
                     │    ├─ phường Sông Cầu 01837
                     │    ├─ phường Đức Xuân 01840 ── tổ 8A
                     │    ├─ xã Xuất Hóa 01855 (phường from 11/3/2015) ── thôn Tổng Nẻng
                     │    └─ xã Huyền Tụng 01846 (from huyện Bạch Thông on 31/5/1997; phường from 11/3/2015)
                     ├─ huyện Bạch Thông 063
                     └─ huyện Chợ Mới 065 ── thị trấn Đồng Tâm 02086
    1/7/2025: tỉnh Bắc Kạn + tỉnh Thái Nguyên → tỉnh Thái Nguyên 19;
              Nguyễn Thị Minh Khai + Huyền Tụng + Đức Xuân → phường Đức Xuân 01840 (the code reused);
              Sông Cầu + Xuất Hóa → phường Bắc Kạn 01843; the town and huyện Bạch Thông dissolved.

The 2019 merge of tổ 14 into tổ 13 stands for the areas the town merged then (127 in 2018, 117 in
2020); its legal basis is illustrative. The personas work where the demo puts them (the tree of
2013), and ``ducxuan2025`` is an officer of the new phường Đức Xuân.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from thidua.accounts.models import Role, User
from thidua.accounts.personas import DEMO_PASSWORD, PERSONAS
from thidua.accounts.services import user_create
from thidua.accounts.system import SYSTEM_ACTOR
from thidua.units.models import Unit, UnitKind
from thidua.units.services import NewUnit, unit_change, unit_dissolve, unit_establish, units_merge

TRANSFER_1997 = datetime.date(1997, 5, 31)
CITY_2015 = datetime.date(2015, 3, 11)
AREAS_2019 = datetime.date(2019, 7, 1)
REFORM_2025 = datetime.date(2025, 7, 1)

BASIS_1997 = "Nghị định 56-CP ngày 31/5/1997 của Chính phủ"
BASIS_2015 = "Nghị quyết 892/NQ-UBTVQH13 ngày 11/3/2015 của Ủy ban Thường vụ Quốc hội"
BASIS_2019 = "Nghị quyết của HĐND tỉnh Bắc Kạn về sáp nhập thôn, tổ dân phố (2019)"
BASIS_PROVINCES = "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội"
BASIS_COMMUNES = "Nghị quyết 1683/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"
BASIS_DISTRICTS = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"


@dataclass
class BacKan:
    province: Unit
    bach_thong: Unit
    cho_moi: Unit
    dong_tam: Unit
    town: Unit
    ntmk: Unit
    song_cau: Unit
    duc_xuan: Unit
    huyen_tung: Unit
    xuat_hoa: Unit
    to_8a: Unit
    to_13: Unit
    to_14: Unit
    tong_neng: Unit
    thai_nguyen: Unit
    duc_xuan_2025: Unit
    bac_kan_2025: Unit
    users: dict[str, User]

    def __getitem__(self, username: str) -> User:
        return self.users[username]

    def refresh(self) -> None:
        for value in vars(self).values():
            if isinstance(value, Unit):
                value.refresh_from_db()


def _old(code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    """A unit that existed before the records begin."""
    return unit_establish(code=code, name=name, kind=kind, parent=parent, date=None, actor=SYSTEM_ACTOR)


def _new(event_successor: object) -> Unit:
    assert isinstance(event_successor, Unit)
    return event_successor


def build_bac_kan() -> BacKan:
    province = _old("06", "Bắc Kạn", UnitKind.TINH, None)
    thai_nguyen_old = _old("19", "Thái Nguyên", UnitKind.TINH, None)
    bach_thong = _old("063", "Bạch Thông", UnitKind.HUYEN, province)
    cho_moi = _old("065", "Chợ Mới", UnitKind.HUYEN, province)
    dong_tam = _old("02086", "Đồng Tâm", UnitKind.THI_TRAN, cho_moi)
    town = _old("058", "Bắc Kạn", UnitKind.THI_XA, province)
    ntmk = _old("01834", "Nguyễn Thị Minh Khai", UnitKind.PHUONG, town)
    song_cau = _old("01837", "Sông Cầu", UnitKind.PHUONG, town)
    duc_xuan = _old("01840", "Đức Xuân", UnitKind.PHUONG, town)
    xuat_hoa = _old("01855", "Xuất Hóa", UnitKind.XA, town)
    huyen_tung = _old("01846", "Huyền Tụng", UnitKind.XA, bach_thong)
    to_8a = _old("01840-08A", "8A", UnitKind.TO_DAN_PHO, duc_xuan)
    to_13 = _old("01834-13", "13", UnitKind.TO_DAN_PHO, ntmk)
    to_14 = _old("01834-14", "14", UnitKind.TO_DAN_PHO, ntmk)
    tong_neng = _old("01855-TONGNENG", "Tổng Nẻng", UnitKind.THON, xuat_hoa)

    unit_change(unit=huyen_tung, date=TRANSFER_1997, parent=town, legal_basis=BASIS_1997, actor=SYSTEM_ACTOR)
    unit_change(unit=town, date=CITY_2015, kind=UnitKind.THANH_PHO, legal_basis=BASIS_2015, actor=SYSTEM_ACTOR)
    for commune in (xuat_hoa, huyen_tung):
        unit_change(unit=commune, date=CITY_2015, kind=UnitKind.PHUONG, legal_basis=BASIS_2015, actor=SYSTEM_ACTOR)
    units_merge(
        predecessors=[to_13, to_14], successor=to_13, date=AREAS_2019, legal_basis=BASIS_2019, actor=SYSTEM_ACTOR
    )

    # The districts hang under the old provinces until they are dissolved on the same day.
    event = units_merge(
        predecessors=[province, thai_nguyen_old],
        successor=NewUnit("19", "Thái Nguyên", UnitKind.TINH),
        date=REFORM_2025,
        legal_basis=BASIS_PROVINCES,
        move_children=False,
        actor=SYSTEM_ACTOR,
    )
    thai_nguyen = _new(event.links.first().successor)  # type: ignore[union-attr]
    event = units_merge(
        predecessors=[ntmk, huyen_tung, duc_xuan],
        successor=NewUnit("01840", "Đức Xuân", UnitKind.PHUONG, thai_nguyen),
        date=REFORM_2025,
        legal_basis=BASIS_COMMUNES,
        actor=SYSTEM_ACTOR,
    )
    duc_xuan_2025 = _new(event.links.first().successor)  # type: ignore[union-attr]
    event = units_merge(
        predecessors=[song_cau, xuat_hoa],
        successor=NewUnit("01843", "Bắc Kạn", UnitKind.PHUONG, thai_nguyen),
        date=REFORM_2025,
        legal_basis=BASIS_COMMUNES,
        actor=SYSTEM_ACTOR,
    )
    bac_kan_2025 = _new(event.links.first().successor)  # type: ignore[union-attr]
    for district in (town, bach_thong):
        unit_dissolve(unit=district, date=REFORM_2025, legal_basis=BASIS_DISTRICTS, actor=SYSTEM_ACTOR)

    legacy = {u.code: u for u in (province, town, duc_xuan, to_8a, cho_moi)}
    users = {
        p.username: user_create(
            username=p.username,
            password=DEMO_PASSWORD,
            role=p.role,
            unit=legacy[p.unit_code] if p.unit_code else None,
            full_name=p.full_name,
            email=f"{p.username}@example.invalid",
            actor=SYSTEM_ACTOR,
        )
        for p in PERSONAS
    }
    users["ducxuan2025"] = user_create(
        username="ducxuan2025",
        password=DEMO_PASSWORD,
        role=Role.COMMUNE_OFFICER,
        unit=duc_xuan_2025,
        full_name="Hà Thị Mai",
        email="ducxuan2025@example.invalid",
        actor=SYSTEM_ACTOR,
    )
    history = BacKan(
        province,
        bach_thong,
        cho_moi,
        dong_tam,
        town,
        ntmk,
        song_cau,
        duc_xuan,
        huyen_tung,
        xuat_hoa,
        to_8a,
        to_13,
        to_14,
        tong_neng,
        thai_nguyen,
        duc_xuan_2025,
        bac_kan_2025,
        users,
    )
    history.refresh()
    return history
