"""Residential areas and their lineage from Excel and CSV files: real workbooks built with
openpyxl, real CSV bytes; every refusal names its row and column in both languages and leaves the
database as it was."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook, load_workbook

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError
from thidua.testing import Cast, assert_reason, error_at, import_refused, make_unit
from thidua.units.imports import areas_import, areas_template, lineage_import, lineage_template
from thidua.units.models import LineageEvent, LineageKind, LineageLink, Unit, UnitKind, UnitVersion
from thidua.units.services import unit_establish

pytestmark = pytest.mark.django_db

REFORM = datetime.date(2025, 7, 1)
LEGACY_END = datetime.date(2025, 6, 30)
AREA_HEADER = ["Mã", "Tên", "Loại", "Mã đơn vị cấp xã", "Hiệu lực từ", "Hiệu lực đến", "Căn cứ"]
LINEAGE_HEADER = [
    "Số sự kiện",
    "Loại sự kiện",
    "Ngày hiệu lực",
    "Căn cứ",
    "Mã đơn vị trước",
    "Mã đơn vị sau",
    "Tên mới",
    "Loại đơn vị mới",
    "Mã đơn vị cấp trên",
]


def xlsx(header: Sequence[str], *rows: Sequence[Any], sheet: str = "Khu dân cư") -> bytes:
    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = sheet
    data.append(list(header))
    for row in rows:
        data.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(*lines: str, bom: bool = False) -> bytes:
    return ("\ufeff" if bom else "").encode() + "\r\n".join(lines).encode("utf-8")


def state() -> tuple[int, int, int, int]:
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        LineageEvent.objects.count(),
        LineageLink.objects.count(),
    )


def refused(call: Callable[[], object]) -> list[DomainError]:
    """The errors of a refused import, after checking that it wrote nothing."""
    return import_refused(call, state)


def import_areas(content: bytes, *, commune: Unit | None = None, name: str = "khu-dan-cu.xlsx", **kw: Any) -> Any:
    return lambda: areas_import(file_name=name, content=content, commune=commune, actor=SYSTEM_ACTOR, **kw)


def import_lineage(content: bytes, *, name: str = "su-kien.xlsx", **kw: Any) -> Any:
    return lambda: lineage_import(file_name=name, content=content, actor=SYSTEM_ACTOR, **kw)


@pytest.fixture
def reform(cast: Cast) -> dict[str, Unit]:
    """The 2025 successors: phường Đức Xuân (01840 again) and phường Bắc Kạn (01843, from Sông Cầu)."""
    thai_nguyen = make_unit(code="19", name="Thái Nguyên", kind=UnitKind.TINH, valid_from=REFORM, valid_to=None)
    duc_xuan = make_unit(
        code="01840", name="Đức Xuân", kind=UnitKind.PHUONG, parent=thai_nguyen, valid_from=REFORM, valid_to=None
    )
    bac_kan = make_unit(
        code="01843", name="Bắc Kạn", kind=UnitKind.PHUONG, parent=thai_nguyen, valid_from=REFORM, valid_to=None
    )
    for old, new in ((cast.duc_xuan, duc_xuan), (cast.song_cau, bac_kan)):
        event = LineageEvent.objects.create(kind=LineageKind.MERGE, date=REFORM, source="test")
        LineageLink.objects.create(event=event, predecessor=old, successor=new)
    return {"duc_xuan": duc_xuan, "bac_kan": bac_kan}


# --- residential areas ------------------------------------------------------------------------


def test_a_good_file_creates_the_areas_which_follow_their_commune_into_its_successor(
    cast: Cast, reform: dict[str, Unit]
) -> None:
    content = xlsx(
        AREA_HEADER,
        ["01840-09", "9", "tổ dân phố", "01840", "01/01/2009", None, "Quyết định 01/QĐ-UBND"],
        [None, "Tổ 10", "to dan pho", 1840, datetime.datetime(2010, 3, 15), None, None],
        ["01837-12", "12", "to_dan_pho", "01837", "01/01/2012", "30/06/2020", None],
        ["01840-20", "20", "TỔ", "01840", "01/07/2025", None, None],
    )
    summary = import_areas(content)()
    assert summary == {"rows": 4, "created": 4, "unchanged": 0}

    to_9 = Unit.objects.get(code="01840-09")
    assert (to_9.name, to_9.kind, to_9.valid_from, to_9.valid_to) == (
        "9",
        "to_dan_pho",
        datetime.date(2009, 1, 1),
        None,
    )
    assert [(v.valid_from, v.valid_to, v.parent_id) for v in to_9.versions.all()] == [
        (datetime.date(2009, 1, 1), LEGACY_END, cast.duc_xuan.pk),
        (REFORM, None, reform["duc_xuan"].pk),
    ]
    event = LineageEvent.objects.get(links__successor=to_9)
    assert (event.kind, event.date, event.legal_basis, event.source) == (
        LineageKind.ESTABLISH,
        datetime.date(2009, 1, 1),
        "Quyết định 01/QĐ-UBND",
        "file:khu-dan-cu.xlsx",
    )
    # No code: made from the commune's code and the name; "Tổ 10" loses its kind; 1840 is 01840.
    to_10 = Unit.objects.get(code="01840-10")
    assert (to_10.name, to_10.valid_from) == ("10", datetime.date(2010, 3, 15))
    to_12 = Unit.objects.get(code="01837-12")
    assert (to_12.parent_id, to_12.valid_to, to_12.versions.count()) == (
        cast.song_cau.pk,
        datetime.date(2020, 6, 30),
        1,
    )
    # 01840 on 01/07/2025 is the new phường Đức Xuân, not the old one.
    assert Unit.objects.get(code="01840-20").parent_id == reform["duc_xuan"].pk
    assert AuditEntry.objects.filter(action="units.import_areas").count() == 1


def test_importing_the_same_file_again_changes_nothing(cast: Cast, reform: dict[str, Unit]) -> None:
    content = xlsx(
        AREA_HEADER,
        ["01840-09", "9", "tổ dân phố", "01840", "01/01/2009"],
        ["01840-10", "10", "tổ dân phố", "01840", "01/01/2009", "31/12/2019"],
    )
    assert import_areas(content)()["created"] == 2
    before = state()
    assert import_areas(content)() == {"rows": 2, "created": 0, "unchanged": 2}
    assert state() == before


def test_csv_with_a_byte_order_mark_semicolons_and_headers_without_diacritics(
    cast: Cast, reform: dict[str, Unit]
) -> None:
    content = csv_bytes(
        "Ma;Ten;Loai;Ma don vi cap xa;Hieu luc tu",
        "01840-09;9;tổ dân phố;01840;01/01/2009",
        "01840-KC;Khuổi Chang;thon;01840;01/01/2009",
        bom=True,
    )
    assert import_areas(content, name="khu-dan-cu.csv")()["created"] == 2
    assert Unit.objects.get(code="01840-KC").kind == UnitKind.THON


def test_csv_with_commas_and_english_headers_for_one_commune(cast: Cast) -> None:
    content = csv_bytes("Code,Name,Kind,Valid from,Valid to", '01840-09,"9",tổ dân phố,01/01/2009,30/06/2025')
    summary = import_areas(content, commune=cast.duc_xuan, name="areas.csv")()
    assert summary["created"] == 1
    assert Unit.objects.get(code="01840-09").parent_id == cast.duc_xuan.pk


def test_a_dry_run_checks_everything_and_writes_nothing(cast: Cast, reform: dict[str, Unit]) -> None:
    content = xlsx(AREA_HEADER, ["01840-09", "9", "tổ dân phố", "01840", "01/01/2009"])
    before = state()
    assert import_areas(content, dry_run=True)() == {"rows": 1, "created": 1, "unchanged": 0}
    assert state() == before


def test_an_unknown_commune_code_is_refused(cast: Cast) -> None:
    errors = refused(import_areas(xlsx(AREA_HEADER, ["99999-01", "1", "thôn", "99999", "01/01/2009"])))
    assert_reason(
        error_at(errors, 2, "Mã đơn vị cấp xã"),
        "Không có xã, phường, thị trấn nào mang mã 99999.",
        "No commune, ward or township has the code 99999.",
    )


def test_a_code_used_by_another_unit_in_an_overlapping_period_is_refused(cast: Cast) -> None:
    content = xlsx(AREA_HEADER, ["01840-08A", "8A mới", "tổ dân phố", "01840", "01/01/2012", "31/12/2020"])
    assert_reason(
        error_at(refused(import_areas(content)), 2, "Mã"),
        "Mã 01840-08A đã được tổ 8A sử dụng trong khoảng … – ….",
        "The code 01840-08A is already used by tổ 8A in … – ….",
    )


def test_one_code_twice_in_the_file_over_overlapping_periods_is_refused(cast: Cast) -> None:
    content = xlsx(
        AREA_HEADER,
        ["01840-30", "30", "tổ dân phố", "01840", "01/01/2009", "31/12/2015"],
        ["01840-30", "30", "tổ dân phố", "01840", "01/01/2014", "31/12/2020"],
        ["01840-31", "31", "tổ dân phố", "01840", "01/01/2009", "31/12/2012"],
        ["01840-31", "31", "tổ dân phố", "01840", "01/01/2013", "31/12/2020"],  # a successor may reuse it
    )
    errors = refused(import_areas(content))
    assert len(errors) == 1
    assert_reason(
        error_at(errors, 3, "Mã"),
        "Mã 01840-30 cũng có ở dòng 2, với thời gian hiệu lực trùng nhau.",
        "The code 01840-30 is also on row 2, for an overlapping period.",
    )


def test_a_commune_that_does_not_exist_on_the_areas_dates_is_refused(cast: Cast, reform: dict[str, Unit]) -> None:
    content = xlsx(
        AREA_HEADER,
        ["01837-40", "40", "tổ dân phố", "01837", "01/01/2026"],
        ["01843-41", "41", "tổ dân phố", "01843", "01/01/2009"],
        ["01840-42", "42", "tổ dân phố", "01840", None],
    )
    errors = refused(import_areas(content))
    assert_reason(
        error_at(errors, 2, "Mã đơn vị cấp xã"),
        "Ngày 01/01/2026 không có đơn vị cấp xã nào mang mã 01837; mã này thuộc về phường Sông Cầu "
        "(01837, … – 30/06/2025).",
        "No commune has the code 01837 on 01/01/2026; the code belongs to phường Sông Cầu (01837, … – 30/06/2025).",
    )
    # 01843 exists only from 01/07/2025; without a start date, the commune of today is meant.
    assert_reason(
        error_at(errors, 3, "Mã đơn vị cấp xã"),
        "Ngày 01/01/2009 không có đơn vị cấp xã nào mang mã 01843; mã này thuộc về phường Bắc Kạn "
        "(01843, 01/07/2025 – …).",
        "No commune has the code 01843 on 01/01/2009; the code belongs to phường Bắc Kạn (01843, 01/07/2025 – …).",
    )
    assert_reason(
        error_at(errors, 4, "Hiệu lực từ"),
        "phường Đức Xuân chỉ có từ ngày 01/07/2025: hãy ghi ngày bắt đầu từ ngày đó trở đi, hoặc ghi mã của xã "
        "thời điểm đó.",
        "phường Đức Xuân only exists from 01/07/2025: give the area a start date on or after it, or the code of "
        "the commune of that time.",
    )


def test_an_area_outliving_its_commune_without_a_successor_is_refused(cast: Cast) -> None:
    content = xlsx(AREA_HEADER, ["01840-09", "9", "tổ dân phố", "01840", "01/01/2009", "31/12/2030"])
    assert_reason(
        error_at(refused(import_areas(content)), 2, "Mã đơn vị cấp xã"),
        "Đơn vị cấp trên phường Đức Xuân chấm dứt ngày 30/06/2025 và không có một đơn vị duy nhất kế thừa: hãy "
        "ghi nhận đơn vị kế thừa trước, hoặc ghi ngày kết thúc cho khu dân cư.",
        "The parent unit phường Đức Xuân ends on 30/06/2025 and no single unit succeeded it: record its successor "
        "first, or give the area an end date.",
    )


@pytest.mark.parametrize("value", ["31/02/2020", "2020/13/01", "mùng 1 tháng 7"])
def test_a_bad_date_is_refused(cast: Cast, value: str) -> None:
    content = xlsx(AREA_HEADER, ["01840-09", "9", "tổ dân phố", "01840", value, "30/06/2025"])
    assert_reason(
        error_at(refused(import_areas(content)), 2, "Hiệu lực từ"),
        f"“{value}” không phải là ngày: hãy ghi theo dạng dd/mm/yyyy, ví dụ 01/07/2025.",
        f"“{value}” is not a date: write it as dd/mm/yyyy, e.g. 01/07/2025.",
    )


def test_an_unknown_kind_is_refused(cast: Cast) -> None:
    content = xlsx(AREA_HEADER, ["01840-09", "9", "xóm", "01840", "01/01/2009", "30/06/2025"])
    kinds = "thôn, tổ dân phố, làng, ấp, bản, buôn, khóm, khối, tiểu khu, khu phố"
    assert_reason(
        error_at(refused(import_areas(content)), 2, "Loại"),
        f"“xóm” không phải là loại khu dân cư: hãy ghi một trong các loại {kinds}.",
        f"“xóm” is not a kind of residential area: write one of {kinds}.",
    )


def test_an_end_before_the_start_and_a_missing_name_are_refused(cast: Cast) -> None:
    content = xlsx(
        AREA_HEADER,
        ["01840-09", "9", "tổ dân phố", "01840", "01/01/2012", "31/12/2011"],
        ["01840-10", None, "tổ dân phố", "01840", "01/01/2012", "31/12/2020"],
    )
    errors = refused(import_areas(content))
    assert_reason(
        error_at(errors, 2, "Hiệu lực đến"),
        "Ngày kết thúc 31/12/2011 trước ngày bắt đầu 01/01/2012.",
        "The end date 31/12/2011 is before the start date 01/01/2012.",
    )
    assert_reason(error_at(errors, 3, "Tên"), "Ô này bắt buộc phải điền.", "This value is required.")


def test_a_recorded_area_under_another_name_must_be_renamed_by_a_lineage_event(cast: Cast) -> None:
    import_areas(xlsx(AREA_HEADER, ["01840-09", "9", "tổ dân phố", "01840", "01/01/2009", "30/06/2025"]))()
    content = xlsx(AREA_HEADER, ["01840-09", "Chín", "tổ dân phố", "01840", "01/01/2009", "30/06/2025"])
    assert_reason(
        error_at(refused(import_areas(content)), 2, "Tên"),
        "Khu dân cư 01840-09 đã có từ cùng ngày với tên tổ 9: muốn đổi tên, hãy nhập tệp sự kiện với sự kiện "
        "“đổi tên”.",
        "The area 01840-09 already exists from the same date as tổ 9: to rename it, import a lineage file with an "
        "“đổi tên” (rename) event.",
    )


def test_a_file_for_one_commune_refuses_rows_of_another(cast: Cast) -> None:
    content = xlsx(AREA_HEADER, ["01837-09", "9", "tổ dân phố", "01837", "01/01/2009", "30/06/2025"])
    assert_reason(
        error_at(refused(import_areas(content, commune=cast.duc_xuan)), 2, "Mã đơn vị cấp xã"),
        "Tệp này dành cho phường Đức Xuân (mã 01840); dòng này ghi mã xã 01837.",
        "This file is for phường Đức Xuân (code 01840); the row names the commune 01837.",
    )


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(cast: Cast) -> None:
    content = xlsx(
        AREA_HEADER,
        ["01840-09", "9", "tổ dân phố", "01840", "01/01/2009", "30/06/2025"],
        ["01840-10", "10", "xóm", "01840", "01/01/2009", "30/06/2025"],
        ["01840-11", "11", "tổ dân phố", "99999", "01/01/2009", "30/06/2025"],
        ["01840-12", "12", "tổ dân phố", "01840", "1/13/2009", "30/06/2025"],
    )
    errors = refused(import_areas(content))
    assert [(e.row, e.column) for e in errors] == [(3, "Loại"), (4, "Mã đơn vị cấp xã"), (5, "Hiệu lực từ")]
    assert not Unit.objects.filter(code="01840-09").exists()


def test_a_missing_column_and_an_unreadable_file_are_refused(cast: Cast) -> None:
    content = xlsx(["Mã", "Loại", "Mã đơn vị cấp xã"], ["01840-09", "thôn", "01840"])
    assert_reason(
        error_at(refused(import_areas(content)), 1, "Tên"),
        "Dòng đầu tiên thiếu cột “Tên”: hãy giữ nguyên dòng tiêu đề của tệp mẫu.",
        "The first row has no column “Tên”: keep the header row of the template.",
    )
    assert_reason(
        error_at(refused(import_areas(b"%PDF-1.7 ...", name="khu-dan-cu.pdf")), None, None),
        "Tệp không phải là bảng tính Excel (.xlsx) hay tệp CSV.",
        "The file is neither an Excel workbook (.xlsx) nor a CSV file.",
    )


def test_the_template_has_its_instructions_the_kind_list_and_the_commune_code(cast: Cast) -> None:
    workbook = load_workbook(io.BytesIO(areas_template(commune=cast.duc_xuan)))
    assert workbook.sheetnames == ["Khu dân cư", "Hướng dẫn"]
    data = workbook["Khu dân cư"]
    assert [cell.value for cell in data[1]] == AREA_HEADER
    assert data["A1"].comment.text.startswith("Code\n")
    assert data["D2"].value == "01840" and data["D2"].number_format == "@"
    (validation,) = data.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"thôn,tổ dân phố,làng,ấp,bản,buôn,khóm,khối,tiểu khu,khu phố"'
    assert "C2" in validation.sqref
    guide = "\n".join(str(c) for row in workbook["Hướng dẫn"].iter_rows(values_only=True) for c in row if c)
    for text in ("dd/mm/yyyy", "không khu dân cư nào được nhập", "no area is imported", "01840-08A", "Valid from"):
        assert text in guide

    # Filled in and imported as it is: the prefilled commune code alone does not make a row.
    data.append([])
    data["A2"], data["B2"], data["C2"], data["E2"], data["F2"] = (
        "01840-09",
        "9",
        "tổ dân phố",
        "01/01/2009",
        "30/06/2025",
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_areas(buffer.getvalue(), commune=cast.duc_xuan)() == {"rows": 1, "created": 1, "unchanged": 0}


# --- lineage ----------------------------------------------------------------------------------


@pytest.fixture
def areas(cast: Cast, reform: dict[str, Unit]) -> dict[str, Unit]:
    """Four tổ of the old phường Đức Xuân since 2009; they follow it into the new one in 2025."""
    return {
        code: unit_establish(
            code=code,
            name=code.split("-")[1],
            kind=UnitKind.TO_DAN_PHO,
            parent=cast.duc_xuan,
            date=datetime.date(2009, 1, 1),
            actor=SYSTEM_ACTOR,
        )
        for code in ("01840-08B", "01840-09", "01840-10", "01840-11")
    }


def versions(code: str) -> list[tuple[Any, ...]]:
    unit = Unit.objects.get(code=code)
    return [(v.valid_from, v.valid_to, v.name, v.parent.code if v.parent else None) for v in unit.versions.all()]


def test_a_merge_into_a_new_area_ends_the_predecessors_and_creates_the_successor(
    cast: Cast, areas: dict[str, Unit]
) -> None:
    content = xlsx(
        LINEAGE_HEADER,
        [1, "sáp nhập", "01/01/2020", "Nghị quyết 05/NQ-HĐND", "01840-08B", "01840-89", "8-9", "tổ dân phố", None],
        [1, None, None, None, "01840-09", "01840-89"],
        sheet="Sự kiện",
    )
    assert import_lineage(content)() == {"rows": 2, "events": 1, "unchanged": 0, "created": 1}
    # The merged tổ end on the eve, and no longer follow the commune into 2025.
    assert versions("01840-08B") == [(datetime.date(2009, 1, 1), datetime.date(2019, 12, 31), "08B", "01840")]
    assert Unit.objects.get(code="01840-09").valid_to == datetime.date(2019, 12, 31)
    assert versions("01840-89") == [
        (datetime.date(2020, 1, 1), LEGACY_END, "8-9", "01840"),
        (REFORM, None, "8-9", "01840"),
    ]
    event = LineageEvent.objects.get(kind=LineageKind.MERGE, date=datetime.date(2020, 1, 1))
    assert (event.legal_basis, event.source) == ("Nghị quyết 05/NQ-HĐND", "file:su-kien.xlsx")
    assert event.key and event.key.startswith("file:")
    links = {
        (link.predecessor.code, link.successor.code) for link in event.links.select_related("predecessor", "successor")
    }
    assert links == {("01840-08B", "01840-89"), ("01840-09", "01840-89")}


def test_a_merge_into_an_existing_area_lets_it_absorb_the_others(cast: Cast, areas: dict[str, Unit]) -> None:
    content = csv_bytes(
        ",".join(LINEAGE_HEADER), "1,sáp nhập,01/01/2020,,01840-08B,01840-09,,,", "1,,,,01840-10,01840-09,,,"
    )
    import_lineage(content, name="su-kien.csv")()
    assert Unit.objects.get(code="01840-09").valid_to is None
    event = LineageEvent.objects.get(kind=LineageKind.MERGE, source="file:su-kien.csv")
    pairs = {
        (link.predecessor.code, link.successor.code) for link in event.links.select_related("predecessor", "successor")
    }
    assert pairs == {("01840-08B", "01840-09"), ("01840-10", "01840-09"), ("01840-09", "01840-09")}


def test_split_rename_transfer_and_dissolution_in_date_order(
    cast: Cast, reform: dict[str, Unit], areas: dict[str, Unit]
) -> None:
    content = xlsx(
        LINEAGE_HEADER,
        # Listed before the merge that creates 01840-89: the events run in date order.
        [4, "đổi tên", "01/01/2022", None, "01840-89", None, "Tám Chín"],
        [1, "sáp nhập", "01/01/2020", None, "01840-08B", "01840-89", "89", "tổ dân phố"],
        [1, None, None, None, "01840-09", "01840-89"],
        [2, "chia tách", "01/01/2021", "QĐ 7", "01840-10", "01840-10A", "10A", "tổ dân phố"],
        [2, None, None, None, "01840-10", "01840-10B", "10B", "tổ dân phố"],
        [3, "chuyển", "01/01/2016", None, "01840-11", None, None, None, "01837"],
        [5, "giải thể", "01/01/2024", None, "01840-10B"],
        sheet="Sự kiện",
    )
    assert import_lineage(content)() == {"rows": 7, "events": 5, "unchanged": 0, "created": 3}
    # The rename carries into the version that follows the commune into 2025.
    assert versions("01840-89") == [
        (datetime.date(2020, 1, 1), datetime.date(2021, 12, 31), "89", "01840"),
        (datetime.date(2022, 1, 1), LEGACY_END, "Tám Chín", "01840"),
        (REFORM, None, "Tám Chín", "01840"),
    ]
    assert Unit.objects.get(code="01840-89").name == "Tám Chín"
    assert Unit.objects.get(code="01840-10").valid_to == datetime.date(2020, 12, 31)
    assert versions("01840-10A")[0][:3] == (datetime.date(2021, 1, 1), LEGACY_END, "10A")
    # The transferred tổ follows its new commune, Sông Cầu, into phường Bắc Kạn.
    assert versions("01840-11") == [
        (datetime.date(2009, 1, 1), datetime.date(2015, 12, 31), "11", "01840"),
        (datetime.date(2016, 1, 1), LEGACY_END, "11", "01837"),
        (REFORM, None, "11", "01843"),
    ]
    assert Unit.objects.get(code="01840-10B").valid_to == datetime.date(2023, 12, 31)
    kinds = list(LineageEvent.objects.filter(source="file:su-kien.xlsx").values_list("kind", flat=True))
    assert kinds == [
        LineageKind.TRANSFER,
        LineageKind.MERGE,
        LineageKind.SPLIT,
        LineageKind.RENAME,
        LineageKind.DISSOLVE,
    ]


def test_importing_a_lineage_file_again_changes_nothing(cast: Cast, areas: dict[str, Unit]) -> None:
    content = xlsx(
        LINEAGE_HEADER,
        [1, "sáp nhập", "01/01/2020", None, "01840-08B", "01840-89", "89", "tổ dân phố"],
        [1, None, None, None, "01840-09", "01840-89"],
        [2, "đổi tên", "01/01/2022", None, "01840-10", None, "Mười"],
    )
    import_lineage(content)()
    before = state()
    assert import_lineage(content)() == {"rows": 3, "events": 0, "unchanged": 2, "created": 0}
    assert state() == before


def test_a_merge_whose_successor_does_not_exist_is_refused(cast: Cast, areas: dict[str, Unit]) -> None:
    content = xlsx(
        LINEAGE_HEADER,
        [1, "sáp nhập", "01/01/2020", None, "01840-08B", "01840-99"],
        [1, None, None, None, "01840-09", "01840-99"],
    )
    errors = refused(import_lineage(content))
    for row in (2, 3):
        assert_reason(
            error_at(errors, row, "Mã đơn vị sau"),
            "Đơn vị sau 01840-99 chưa có: ghi tên mới và loại đơn vị mới để thành lập, hoặc ghi mã của một khu "
            "dân cư đã có.",
            "The successor 01840-99 does not exist: give its new name and new kind to create it, or the code of "
            "an existing residential area.",
        )


def test_merges_that_go_round_in_a_cycle_on_one_day_are_refused(cast: Cast, areas: dict[str, Unit]) -> None:
    content = xlsx(
        LINEAGE_HEADER,
        [1, "sáp nhập", "01/01/2020", None, "01840-08B", "01840-09"],
        [2, "sáp nhập", "01/01/2020", None, "01840-09", "01840-08B"],
    )
    errors = refused(import_lineage(content))
    assert_reason(
        error_at(errors, 2, "Mã đơn vị sau"),
        "Sự kiện 1 tạo thành vòng lặp vào ngày 01/01/2020: 01840-08B → 01840-09 → 01840-08B.",
        "Event 1 closes a cycle on 01/01/2020: 01840-08B → 01840-09 → 01840-08B.",
    )
    assert error_at(errors, 3, "Mã đơn vị sau").reason("en").startswith("Event 2 closes a cycle")


def test_an_unknown_code_a_unit_not_valid_on_the_date_and_a_commune_are_refused(
    cast: Cast, areas: dict[str, Unit]
) -> None:
    content = xlsx(
        LINEAGE_HEADER,
        [1, "đổi tên", "01/01/2015", None, "01840-77", None, "Bảy Bảy"],
        [2, "đổi tên", "01/01/2005", None, "01840-08B", None, "Tám Bê"],
        [3, "giải thể", "01/01/2015", None, "01840"],
    )
    errors = refused(import_lineage(content))
    assert_reason(
        error_at(errors, 2, "Mã đơn vị trước"),
        "Không có khu dân cư nào mang mã 01840-77.",
        "No residential area has the code 01840-77.",
    )
    assert_reason(
        error_at(errors, 3, "Mã đơn vị trước"),
        "Ngày 01/01/2005 không có khu dân cư 01840-08B (khu dân cư này có hiệu lực 01/01/2009 – …).",
        "The residential area 01840-08B does not exist on 01/01/2005 (it is valid 01/01/2009 – …).",
    )
    assert error_at(errors, 4, "Mã đơn vị trước").reason("en").startswith("phường Đức Xuân (01840, ")


def test_bad_values_and_shapes_of_events_are_each_reported(cast: Cast, areas: dict[str, Unit]) -> None:
    content = csv_bytes(
        ";".join(LINEAGE_HEADER),
        "1;gộp;01/01/2020;;01840-08B;01840-09;;;",
        "2;đổi tên;32/01/2020;;01840-10;;Mười;;",
        "3;chia tách;01/01/2020;;01840-11;01840-11A;11A;tổ dân phố;",
        "4;đổi tên;01/01/2020;;01840-09;;;;",
    )
    errors = refused(import_lineage(content, name="su-kien.csv"))
    assert_reason(
        error_at(errors, 2, "Loại sự kiện"),
        "“gộp” không phải là loại sự kiện: hãy ghi một trong các loại thành lập, sáp nhập, chia tách, đổi tên, "
        "đổi loại, chuyển, giải thể.",
        "“gộp” is not a kind of event: write one of thành lập, sáp nhập, chia tách, đổi tên, đổi loại, chuyển, "
        "giải thể.",
    )
    assert error_at(errors, 3, "Ngày hiệu lực").reason("en").startswith("“32/01/2020” is not a date")
    assert_reason(
        error_at(errors, 4, "Mã đơn vị sau"),
        "Chia tách phải có ít nhất hai đơn vị sau, mỗi đơn vị một dòng.",
        "A split has at least two successors, one row each.",
    )
    assert_reason(
        error_at(errors, 5, "Tên mới"),
        "Sự kiện đổi tên bắt buộc phải điền ô này.",
        "This value is required for a rename event.",
    )


def test_the_lineage_template_has_its_instructions_and_lists(cast: Cast) -> None:
    workbook = load_workbook(io.BytesIO(lineage_template()))
    assert workbook.sheetnames == ["Sự kiện", "Hướng dẫn"]
    data = workbook["Sự kiện"]
    assert [cell.value for cell in data[1]] == LINEAGE_HEADER
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert lists["B2"] == '"thành lập,sáp nhập,chia tách,đổi tên,đổi loại,chuyển,giải thể"'
    assert "tổ dân phố" in lists["H2"]
    guide = "\n".join(str(c) for row in workbook["Hướng dẫn"].iter_rows(values_only=True) for c in row if c)
    assert "Sáp nhập: mỗi khu dân cư bị sáp nhập một dòng" in guide and "Merge: one row per merged area" in guide


# --- the command line -------------------------------------------------------------------------


def test_the_cli_writes_templates_and_imports_files(cast: Cast, reform: dict[str, Unit], tmp_path: Path) -> None:
    template = tmp_path / "mau.xlsx"
    call_command("units", "template", "areas", "--commune", "01840", "-o", str(template), stdout=io.StringIO())
    assert load_workbook(template)["Khu dân cư"]["D2"].value == "01840"
    call_command("units", "template", "lineage", "-o", str(tmp_path / "su-kien.xlsx"), stdout=io.StringIO())
    assert load_workbook(tmp_path / "su-kien.xlsx").sheetnames == ["Sự kiện", "Hướng dẫn"]

    areas_file = tmp_path / "khu-dan-cu.csv"
    areas_file.write_bytes(csv_bytes(",".join(AREA_HEADER), "01840-09,9,tổ dân phố,01840,01/01/2009,,"))
    out, err = io.StringIO(), io.StringIO()
    call_command("units", "import-areas", str(areas_file), "--dry-run", stdout=out, stderr=err)
    assert "Kiểm tra xong, không ghi gì." in out.getvalue() and not Unit.objects.filter(code="01840-09").exists()
    call_command("units", "import-areas", str(areas_file), stdout=out, stderr=err)
    assert "created: 1" in out.getvalue() and Unit.objects.filter(code="01840-09").exists()

    lineage_file = tmp_path / "su-kien.csv"
    lineage_file.write_bytes(csv_bytes(",".join(LINEAGE_HEADER), "1,đổi tên,01/01/2015,,01840-09,,Chín,,"))
    call_command("units", "import-lineage", str(lineage_file), stdout=out, stderr=err)
    assert Unit.objects.get(code="01840-09").name == "Chín"


def test_the_cli_prints_every_error_and_fails_having_written_nothing(cast: Cast, tmp_path: Path) -> None:
    bad = tmp_path / "khu-dan-cu.xlsx"
    bad.write_bytes(
        xlsx(
            AREA_HEADER,
            ["01840-09", "9", "xóm", "01840", "01/01/2009", "30/06/2025"],
            ["01840-10", "10", "tổ dân phố", "01840", "31/02/2009", "30/06/2025"],
        )
    )
    err = io.StringIO()
    before = state()
    # The console speaks Vietnamese unless English is asked for (THIDUA_LANGUAGE=en).
    with pytest.raises(CommandError, match="Tệp có 2 lỗi, không ghi gì"):
        call_command("units", "import-areas", str(bad), "--commune", "01840", stdout=io.StringIO(), stderr=err)
    assert state() == before
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("dòng 2, cột Loại: “xóm” không phải là loại khu dân cư")
    assert "row 2" not in lines[0]
    assert lines[1].startswith("dòng 3, cột Hiệu lực từ: “31/02/2009” không phải là ngày")
    err = io.StringIO()
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="The file has 2 errors; nothing was written"),
    ):
        call_command("units", "import-areas", str(bad), "--commune", "01840", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith("row 2, column Loại: “xóm” is not a kind of residential area")

    with pytest.raises(CommandError):
        call_command("units", "import-lineage", str(tmp_path / "missing.csv"), stdout=io.StringIO())
