"""Every writing service of units refuses an actor outside its scope and an actor of a lower role.

``PROBED`` lists the services probed here; ``thidua/tests/test_service_probes.py`` fails on any
writing service that no app's ``PROBED`` lists.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from thidua.accounts.models import User
from thidua.testing import Cast, ServiceCall, assert_refused
from thidua.units.history import history_apply, history_load
from thidua.units.imports import areas_import, import_file_store, lineage_import
from thidua.units.models import ImportKind, UnitKind
from thidua.units.official import history_files, units_import_official
from thidua.units.services import (
    NewUnit,
    area_create,
    area_dissolve,
    area_rename,
    area_split,
    area_transfer,
    areas_merge,
    new_area,
    unit_change,
    unit_dissolve,
    unit_establish,
    unit_split,
    units_merge,
)

pytestmark = pytest.mark.django_db

D = datetime.date(2014, 1, 1)
AREAS_CSV = "Mã,Tên,Loại,Mã đơn vị cấp xã,Hiệu lực từ\r\n01840-09,9,tổ dân phố,01840,01/01/2009\r\n".encode()
LINEAGE_CSV = "Số sự kiện,Loại sự kiện,Ngày hiệu lực,Mã đơn vị trước\r\n1,giải thể,01/01/2014,01840-08A\r\n".encode()


def _one_history_file() -> Path:
    return history_files()[0]


# Each service: how to call it on the cast, and a persona who sees the unit but plays a lower role.
CALLS: dict[object, tuple[ServiceCall, str]] = {
    unit_establish: (
        lambda c, a: unit_establish(
            code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=c.duc_xuan, date=D, actor=a
        ),
        "hoidong",
    ),
    unit_change: (lambda c, a: unit_change(unit=c.duc_xuan, date=D, name="Đức Xuân mới", actor=a), "backan"),
    units_merge: (
        lambda c, a: units_merge(predecessors=[c.song_cau], successor=c.duc_xuan, date=D, actor=a),
        "tinh",
    ),
    unit_split: (
        lambda c, a: unit_split(
            predecessor=c.song_cau,
            successors=[
                NewUnit("01837-A", "Sông Cầu A", UnitKind.PHUONG),
                NewUnit("01837-B", "Sông Cầu B", UnitKind.PHUONG),
            ],
            date=D,
            actor=a,
        ),
        "backan",
    ),
    unit_dissolve: (lambda c, a: unit_dissolve(unit=c.song_cau, date=D, actor=a), "tinh"),
    area_create: (lambda c, a: area_create(commune=c.duc_xuan, name="9", date=D, actor=a), "hoidong"),
    area_rename: (lambda c, a: area_rename(area=c.to_8a, name="8B", date=D, actor=a), "to8a"),
    area_transfer: (lambda c, a: area_transfer(area=c.to_8a, commune=c.song_cau, date=D, actor=a), "to8a"),
    areas_merge: (
        lambda c, a: areas_merge(areas=[c.to_8a], into=new_area(c.duc_xuan, name="8"), date=D, actor=a),
        "hoidong",
    ),
    area_split: (
        lambda c, a: area_split(
            area=c.to_8a, into=[new_area(c.duc_xuan, name="8B"), new_area(c.duc_xuan, name="8C")], date=D, actor=a
        ),
        "to8a",
    ),
    area_dissolve: (lambda c, a: area_dissolve(area=c.to_8a, date=D, actor=a), "hoidong"),
    areas_import: (
        lambda c, a: areas_import(file_name="k.csv", content=AREAS_CSV, commune=c.duc_xuan, actor=a),
        "hoidong",
    ),
    lineage_import: (lambda c, a: lineage_import(file_name="s.csv", content=LINEAGE_CSV, actor=a), "hoidong"),
    import_file_store: (
        lambda c, a: import_file_store(
            kind=ImportKind.AREAS, file_name="k.csv", content=AREAS_CSV, commune=c.duc_xuan, actor=a
        ),
        "hoidong",
    ),
    units_import_official: (lambda c, a: units_import_official(actor=a), "tinh"),
    history_load: (lambda c, a: history_load(actor=a), "backan"),
    history_apply: (lambda c, a: history_apply(_one_history_file(), actor=a), "tinh"),
}

PROBED = list(CALLS)

# The lineage import has no unit to authorize up front: it finds only the areas the actor may see, so
# an outsider's file is refused row by row (each code unknown to them) and nothing is written.
SCOPED_BY_ROWS = {lineage_import}


def _actor(cast: Cast, username: str) -> User:
    return cast[username]


@pytest.mark.parametrize("service", PROBED, ids=lambda f: f.__name__)
def test_an_officer_of_another_district_is_refused(service: object, cast: Cast) -> None:
    call, _lower = CALLS[service]
    if service in SCOPED_BY_ROWS:
        from thidua.errors import DomainErrors

        with pytest.raises(DomainErrors):
            call(cast, _actor(cast, "chomoi"))
        return
    assert_refused(lambda: call(cast, _actor(cast, "chomoi")))


@pytest.mark.parametrize("service", PROBED, ids=lambda f: f.__name__)
def test_a_lower_role_is_refused(service: object, cast: Cast) -> None:
    call, lower = CALLS[service]
    refusal = assert_refused(lambda: call(cast, _actor(cast, lower)))
    assert not refusal.hidden, "the lower role sees the unit: the refusal says why, it does not hide it"


def test_no_actor_at_all_is_refused(cast: Cast) -> None:
    refusal = assert_refused(lambda: area_create(commune=cast.duc_xuan, name="9", date=D, actor=None))  # type: ignore[arg-type]
    assert "log in" in refusal.reason("en")
