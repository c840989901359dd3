"""A commune's households and their registrations from Excel and CSV files: real workbooks built with
openpyxl, real CSV bytes; every refusal names its row and column in both languages and leaves
households, residences and records of the year as they were."""

from __future__ import annotations

import datetime
import io
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook, load_workbook

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainError, DomainErrors, Refused
from thidua.evaluations.imports.services import households_import
from thidua.evaluations.imports.template import households_template
from thidua.evaluations.models import Dossier, DossierKind, DossierStatus, HouseholdYear
from thidua.evaluations.services import households_register
from thidua.lib.progress import Progress
from thidua.lib.sheets import LIMITS
from thidua.people.models import Gender, Household, Residence
from thidua.people.services import household_create, household_dissolve, household_move
from thidua.testing import Cast, assert_reason, error_at, import_refused, make_unit
from thidua.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = 2024
HEADER = ["Mã hộ", "Chủ hộ", "Giới tính chủ hộ", "Địa chỉ", "Mã khu dân cư", "Số nhân khẩu", "Đăng ký", "Ngày đăng ký"]


def xlsx(*rows: Sequence[Any], header: Sequence[str] = HEADER, sheet: str = "Hộ gia đình") -> bytes:
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


def csv_text(*rows: Sequence[Any], separator: str = ",") -> str:
    lines = [separator.join(HEADER)]
    lines += [separator.join("" if cell is None else str(cell) for cell in row) for row in rows]
    return "\r\n".join(lines)


def state() -> tuple[int, int, int, int, int]:
    return (
        Household.objects.count(),
        Residence.objects.count(),
        HouseholdYear.objects.count(),
        Dossier.objects.count(),
        AuditEntry.objects.filter(action="people.import_households").count(),
    )


def refused(call: Callable[[], object]) -> list[DomainError]:
    """The errors of a refused import, after checking that it wrote nothing."""
    return import_refused(call, state)


def importing(
    content: bytes,
    *,
    commune: Unit | None,
    year: int = YEAR,
    actor: Any = SYSTEM_ACTOR,
    name: str = "ho.xlsx",
    **kw: Any,
) -> Callable[[], dict[str, int]]:
    return lambda: households_import(file_name=name, content=content, commune=commune, year=year, actor=actor, **kw)


@pytest.fixture
def to_9(cast: Cast) -> Unit:
    return make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)


def row(code: str, head: str, area: str = "01840-08A", **cells: Any) -> list[Any]:
    return [
        code,
        head,
        cells.get("gender", "nam"),
        cells.get("address", ""),
        area,
        cells.get("members"),
        cells.get("register", "có"),
        cells.get("date"),
    ]


# --- good files -------------------------------------------------------------------------------


class Recording(Progress):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, int, int]] = []

    def changed(self, *, force: bool) -> None:
        # The message as an English reader of the job's page reads it.
        with translation.override("en"):
            self.seen.append((self.text, self.done, self.total))


def fifty_rows() -> list[list[Any]]:
    rows = []
    for number in range(1, 51):
        area = "01840-08A" if number <= 30 else "01840-09"
        registers = number % 10 != 0  # every tenth household does not register
        rows.append(
            [
                f"{area}-{number:03d}",
                f"Hoàng Văn Hộ {number}",
                "nữ" if number % 2 else "Nam",
                f"Số {number}, đường Trường Chinh",
                area,
                (number % 6) + 1,
                "có" if registers else "Không",
                datetime.datetime(YEAR, 2, 1) if number == 1 else ("20/01/2024" if number == 2 else None),
            ]
        )
    return rows


def test_a_good_file_of_fifty_rows_creates_the_households_and_their_registrations(cast: Cast, to_9: Unit) -> None:
    progress = Recording()
    summary = importing(xlsx(*fifty_rows()), commune=cast.duc_xuan, progress=progress)()

    assert summary == {
        "rows": 50,
        "households_created": 50,
        "households_updated": 0,
        "households_unchanged": 0,
        "moved": 0,
        "registered": 45,
        "registrations_unchanged": 0,
        "not_registering": 5,
    }
    assert state()[:4] == (50, 50, 50, 2)
    first = Household.objects.get(code="01840-08A-001")
    assert (first.head_name, first.head_gender, first.address, first.member_count, first.area) == (
        "Hoàng Văn Hộ 1",
        Gender.FEMALE,
        "Số 1, đường Trường Chinh",
        2,
        cast.to_8a,
    )
    assert first.search_text == "hoang van ho 1 01840-08a-001 so 1, duong truong chinh"
    # The residence begins before the records: an earlier year imported later finds it there.
    assert [(r.area, r.valid_from, r.valid_to) for r in first.residences.all()] == [(cast.to_8a, None, None)]
    lines = {line.household.code: line for line in HouseholdYear.objects.select_related("household")}
    assert lines["01840-08A-001"].registered_on == D(YEAR, 2, 1)  # an Excel date cell
    assert lines["01840-08A-002"].registered_on == D(YEAR, 1, 20)
    assert lines["01840-08A-003"].registered_on == D(YEAR, 1, 15)  # the default day
    assert lines["01840-08A-010"].registered_on is None  # "Không": recorded, not registered
    assert lines["01840-09-031"].area == to_9
    assert HouseholdYear.objects.filter(area=to_9, year=YEAR).count() == 20
    assert set(Dossier.objects.values_list("kind", "unit", "year", "status")) == {
        (DossierKind.GDVH, cast.to_8a.pk, YEAR, DossierStatus.DRAFT),
        (DossierKind.GDVH, to_9.pk, YEAR, DossierStatus.DRAFT),
    }
    entry = AuditEntry.objects.get(action="people.import_households")
    assert entry.object_id == str(cast.duc_xuan.pk)
    assert entry.changes["households_created"] == [None, 50]
    assert entry.changes["year"] == [None, YEAR]
    assert ("Checking the file", 50, 50) in progress.seen
    assert progress.seen[-1][1:] == (progress.seen[-1][2], progress.seen[-1][2])


def test_the_write_is_set_based_whatever_the_number_of_rows(cast: Cast, to_9: Unit) -> None:
    def statements(count: int, offset: int) -> int:
        rows = [row(f"01840-09-{offset + n:04d}", f"Hộ {n}", "01840-09") for n in range(count)]
        with CaptureQueriesContext(connection) as queries:
            importing(xlsx(*rows), commune=cast.duc_xuan)()
        return len(queries.captured_queries)

    statements(5, 0)  # the first import opens the area's dossier; the next ones find it
    assert statements(5, 100) == statements(120, 1000)


def test_a_csv_file_in_utf8_with_a_byte_order_mark_and_semicolons_imports_like_a_workbook(cast: Cast) -> None:
    text = csv_text(row("01840-08A-001", "Nông Thị Mai", gender="nữ", date="01/03/2024"), separator=";")
    summary = importing(("\ufeff" + text).encode("utf-8"), commune=cast.duc_xuan, name="ho.csv")()
    assert (summary["households_created"], summary["registered"]) == (1, 1)
    line = HouseholdYear.objects.get()
    assert (line.household.head_name, line.registered_on) == ("Nông Thị Mai", D(YEAR, 3, 1))


def test_importing_the_same_file_again_changes_nothing(cast: Cast, to_9: Unit) -> None:
    content = xlsx(*fifty_rows())
    importing(content, commune=cast.duc_xuan)()
    before = state()
    summary = importing(content, commune=cast.duc_xuan)()
    assert summary["households_created"] == summary["households_updated"] == summary["registered"] == 0
    assert summary["households_unchanged"] == 50
    assert summary["registrations_unchanged"] == 45
    assert state() == before  # not even a second audit entry


def test_a_dry_run_checks_everything_and_writes_nothing(cast: Cast, to_9: Unit) -> None:
    before = state()
    summary = importing(xlsx(*fifty_rows()), commune=cast.duc_xuan, dry_run=True)()
    assert (summary["households_created"], summary["registered"]) == (50, 45)
    assert state() == before


def test_a_recorded_household_takes_the_details_of_the_file_and_registers(cast: Cast) -> None:
    household = household_create(
        code="01840-08A-001", head_name="Hoàng Văn Páo", area=cast.to_8a, since=D(2009, 1, 1), actor=SYSTEM_ACTOR
    )
    summary = importing(
        xlsx(row("01840-08A-001", "Hoàng Văn Páo", address="Số 12", members=5)), commune=cast.duc_xuan
    )()
    assert (summary["households_updated"], summary["registered"], summary["households_created"]) == (1, 1, 0)
    household.refresh_from_db()
    assert (household.address, household.member_count, household.head_gender) == ("Số 12", 5, Gender.MALE)
    assert "so 12" in household.search_text
    assert Residence.objects.count() == 1


def test_an_older_list_does_not_overwrite_the_details_of_a_newer_one(cast: Cast) -> None:
    importing(xlsx(row("01840-08A-001", "Hoàng Văn Páo", address="Số 12")), commune=cast.duc_xuan, year=2024)()
    summary = importing(
        xlsx(row("01840-08A-001", "Hoàng Văn Páo", address="Số 3 cũ", date="15/01/2022")),
        commune=cast.duc_xuan,
        year=2022,
    )()
    assert (summary["households_updated"], summary["households_unchanged"], summary["registered"]) == (0, 1, 1)
    assert Household.objects.get().address == "Số 12"
    assert sorted(HouseholdYear.objects.values_list("year", flat=True)) == [2022, 2024]


def test_a_household_listed_in_another_area_moves_there_from_the_first_of_january(cast: Cast, to_9: Unit) -> None:
    household = household_create(
        code="01840-08A-001", head_name="Hoàng Văn Páo", area=cast.to_8a, since=D(2009, 1, 1), actor=SYSTEM_ACTOR
    )
    summary = importing(xlsx(row("01840-08A-001", "Hoàng  văn Páo", "01840-09")), commune=cast.duc_xuan)()
    assert (summary["moved"], summary["registered"]) == (1, 1)
    household.refresh_from_db()
    assert household.area == to_9
    assert [(r.area, r.valid_from, r.valid_to) for r in household.residences.all()] == [
        (cast.to_8a, D(2009, 1, 1), D(2023, 12, 31)),
        (to_9, D(2024, 1, 1), None),
    ]
    assert HouseholdYear.objects.get().area == to_9


def test_a_household_that_moved_within_the_year_stays_where_the_file_puts_it(cast: Cast, to_9: Unit) -> None:
    household = household_create(
        code="01840-08A-001", head_name="Páo", head_gender=Gender.MALE, area=cast.to_8a, since=None, actor=SYSTEM_ACTOR
    )
    household_move(household=household, area=to_9, date=D(YEAR, 6, 1), actor=SYSTEM_ACTOR)
    summary = importing(xlsx(row("01840-08A-001", "Páo")), commune=cast.duc_xuan)()
    assert (summary["moved"], summary["households_unchanged"]) == (0, 1)
    assert HouseholdYear.objects.get().area == cast.to_8a


# --- bad input: one test each, every one names its row and column in both languages ----------------


def test_a_missing_value_is_refused(cast: Cast) -> None:
    errors = refused(importing(xlsx(row("01840-08A-001", None)), commune=cast.duc_xuan))
    assert_reason(error_at(errors, 2, "Chủ hộ"), "Ô này bắt buộc phải điền.", "This value is required.")


def test_a_file_without_a_required_column_is_refused(cast: Cast) -> None:
    content = xlsx(["01840-08A-001", "Páo", "01840-08A"], header=["Mã hộ", "Chủ hộ", "Mã khu dân cư"])
    errors = refused(importing(content, commune=cast.duc_xuan))
    assert error_at(errors, 1, "Đăng ký").reason("en") == (
        "The first row has no column “Đăng ký”: keep the header row of the template."
    )


def test_an_unknown_area_code_is_refused(cast: Cast) -> None:
    errors = refused(importing(xlsx(row("01840-99-001", "Páo", "01840-99")), commune=cast.duc_xuan))
    assert_reason(
        error_at(errors, 2, "Mã khu dân cư"),
        "Không có khu dân cư nào của phường Đức Xuân mang mã 01840-99 trong năm 2024.",
        "No residential area of phường Đức Xuân has the code 01840-99 in 2024.",
    )


@pytest.mark.parametrize("case", ["commune", "other_commune", "ended", "not_yet", "outside_scope"])
def test_an_area_code_that_is_no_area_of_the_commune_that_year_reads_as_unknown(cast: Cast, case: str) -> None:
    code = {
        "commune": "01840",  # not a residential area
        "other_commune": "01837-01",  # an area of phường Sông Cầu
        "ended": "01840-07",  # merged away in 2020
        "not_yet": "01840-20",  # established in 2025
        "outside_scope": "02086-01",  # an area of another district
    }[case]
    make_unit(code="01837-01", name="1", kind=UnitKind.TO_DAN_PHO, parent=cast.song_cau, valid_to=None)
    make_unit(code="01840-07", name="7", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=D(2019, 12, 31))
    make_unit(
        code="01840-20",
        name="20",
        kind=UnitKind.TO_DAN_PHO,
        parent=cast.duc_xuan,
        valid_from=D(2025, 1, 1),
        valid_to=None,
    )
    make_unit(code="02086-01", name="1", kind=UnitKind.TO_DAN_PHO, parent=cast.dong_tam, valid_to=None)
    commune = None if case == "outside_scope" else cast.duc_xuan
    actor = cast["ducxuan"] if case == "outside_scope" else SYSTEM_ACTOR
    errors = refused(importing(xlsx(row("X-001", "Páo", code)), commune=commune, actor=actor))
    expected_en = (
        f"No residential area has the code {code} in 2024."
        if commune is None
        else f"No residential area of phường Đức Xuân has the code {code} in 2024."
    )
    assert error_at(errors, 2, "Mã khu dân cư").reason("en") == expected_en
    assert "Không có khu dân cư nào" in error_at(errors, 2, "Mã khu dân cư").reason("vi")


def test_a_household_code_twice_in_the_file_is_refused(cast: Cast) -> None:
    content = xlsx(row("01840-08A-001", "Páo"), row("01840-08A-002", "Mai"), row("01840-08A-001", "Sinh"))
    errors = refused(importing(content, commune=cast.duc_xuan))
    assert_reason(
        error_at(errors, 4, "Mã hộ"),
        "Mã hộ 01840-08A-001 đã có ở dòng 2: mỗi hộ chỉ ghi một dòng.",
        "The household code 01840-08A-001 is also on row 2: each household is on one row only.",
    )


def test_a_household_code_of_another_head_in_another_area_is_refused(cast: Cast, to_9: Unit) -> None:
    household_create(code="01840-08A-001", head_name="Hoàng Văn Páo", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR)
    errors = refused(importing(xlsx(row("01840-08A-001", "Nông Thị Mai", "01840-09")), commune=cast.duc_xuan))
    assert_reason(
        error_at(errors, 2, "Mã hộ"),
        "Mã hộ 01840-08A-001 là của hộ Hoàng Văn Páo ở tổ 8A: kiểm tra lại mã.",
        "The household code 01840-08A-001 belongs to the household of Hoàng Văn Páo in tổ 8A: check the code.",
    )


def test_a_household_that_moved_during_the_year_is_not_moved_again_from_the_first_of_january(
    cast: Cast, to_9: Unit
) -> None:
    make_unit(code="01840-10", name="10", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    household = household_create(code="01840-08A-001", head_name="Páo", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR)
    household_move(household=household, area=to_9, date=D(YEAR, 3, 1), actor=SYSTEM_ACTOR)
    errors = refused(importing(xlsx(row("01840-08A-001", "Páo", "01840-10")), commune=cast.duc_xuan))
    assert_reason(
        error_at(errors, 2, "Mã khu dân cư"),
        "Theo hồ sơ, hộ 01840-08A-001 ở tổ 9 từ ngày 01/03/2024: ghi nhận việc chuyển trước, hoặc sửa lại khu dân cư.",
        "The records place the household 01840-08A-001 in tổ 9 from 01/03/2024: record its move first, or correct "
        "the area.",
    )


def test_a_move_that_contradicts_a_later_record_is_refused(cast: Cast, to_9: Unit) -> None:
    importing(xlsx(row("01840-08A-001", "Páo")), commune=cast.duc_xuan, year=2024)()
    errors = refused(
        importing(xlsx(row("01840-08A-001", "Páo", "01840-09", date="15/01/2022")), commune=cast.duc_xuan, year=2022)
    )
    assert_reason(
        error_at(errors, 2, "Mã khu dân cư"),
        "Hồ sơ năm 2024 của hộ ghi hộ ở tổ 8A: sửa lại khu dân cư, hoặc ghi nhận việc chuyển trước.",
        "The household's record for 2024 places it in tổ 8A: correct the area, or record its move first.",
    )


def test_a_household_outside_the_actors_units_is_not_revealed_nor_moved(cast: Cast) -> None:
    dong_tam_area = make_unit(code="02086-01", name="1", kind=UnitKind.TO_DAN_PHO, parent=cast.dong_tam, valid_to=None)
    household_create(code="02086-01-001", head_name="Páo", area=dong_tam_area, since=None, actor=SYSTEM_ACTOR)
    errors = refused(importing(xlsx(row("02086-01-001", "Páo")), commune=cast.duc_xuan, actor=cast["ducxuan"]))
    assert_reason(
        error_at(errors, 2, "Mã hộ"),
        "Mã hộ 02086-01-001 thuộc về một hộ ngoài đơn vị bạn phụ trách: kiểm tra lại mã.",
        "The household code 02086-01-001 belongs to a household outside the unit you work for: check the code.",
    )


def test_a_dissolved_household_is_refused(cast: Cast) -> None:
    household = household_create(code="01840-08A-001", head_name="Páo", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR)
    household_dissolve(household=household, date=D(2023, 5, 1), reason="chuyển đi tỉnh khác", actor=SYSTEM_ACTOR)
    errors = refused(importing(xlsx(row("01840-08A-001", "Páo")), commune=cast.duc_xuan))
    assert_reason(
        error_at(errors, 2, "Mã hộ"),
        "Hộ 01840-08A-001 đã giải thể ngày 01/05/2023.",
        "The household 01840-08A-001 was dissolved on 01/05/2023.",
    )


def test_a_household_already_registered_for_the_year_cannot_register_again(cast: Cast) -> None:
    household = household_create(code="01840-08A-001", head_name="Páo", area=cast.to_8a, since=None, actor=SYSTEM_ACTOR)
    households_register(
        area=cast.to_8a, year=YEAR, households=[household], registered_on=D(YEAR, 1, 10), actor=SYSTEM_ACTOR
    )
    for cells in ({}, {"register": "không"}, {"date": "10/02/2024"}):
        errors = refused(importing(xlsx(row("01840-08A-001", "Páo", **cells)), commune=cast.duc_xuan))
        assert_reason(
            error_at(errors, 2, "Đăng ký"),
            "Hộ 01840-08A-001 đã đăng ký năm 2024 vào ngày 10/01/2024: mỗi năm hộ chỉ đăng ký một lần.",
            "The household 01840-08A-001 is already registered for 2024, on 10/01/2024: a household registers "
            "once a year.",
        )
    # The same registration, as a file imported again would give it, is no second registration.
    summary = importing(xlsx(row("01840-08A-001", "Páo", date="10/01/2024")), commune=cast.duc_xuan)()
    assert (summary["registrations_unchanged"], summary["registered"]) == (1, 0)


def test_a_registration_date_outside_the_year_is_refused(cast: Cast) -> None:
    errors = refused(importing(xlsx(row("01840-08A-001", "Páo", date="15/01/2023")), commune=cast.duc_xuan))
    assert_reason(
        error_at(errors, 2, "Ngày đăng ký"),
        "Ngày đăng ký 15/01/2023 không thuộc năm 2024 là năm đang nhập.",
        "The registration date 15/01/2023 is not in 2024, the year imported.",
    )


def test_a_registration_date_for_a_household_that_does_not_register_is_refused(cast: Cast) -> None:
    errors = refused(
        importing(xlsx(row("01840-08A-001", "Páo", register="không", date="15/01/2024")), commune=cast.duc_xuan)
    )
    assert_reason(
        error_at(errors, 2, "Ngày đăng ký"),
        "Có ngày đăng ký nhưng hộ không đăng ký: ghi “có” ở cột Đăng ký, hoặc để trống ngày.",
        "A registration date is given, but the household does not register: write “có” in the column Đăng ký, "
        "or leave the date empty.",
    )


def test_a_bad_date_is_refused(cast: Cast) -> None:
    errors = refused(importing(xlsx(row("01840-08A-001", "Páo", date="31/02/2024")), commune=cast.duc_xuan))
    assert error_at(errors, 2, "Ngày đăng ký").reason("en") == (
        "“31/02/2024” is not a date: write it as dd/mm/yyyy, e.g. 01/07/2025."
    )


def test_a_bad_gender_word_is_refused(cast: Cast) -> None:
    errors = refused(importing(xlsx(row("01840-08A-001", "Páo", gender="ông")), commune=cast.duc_xuan))
    assert_reason(
        error_at(errors, 2, "Giới tính chủ hộ"),
        "“ông” không phải là giới tính: ghi nam hoặc nữ.",
        "“ông” is not a gender: write nam or nữ.",
    )


def test_a_bad_registration_answer_and_a_bad_number_of_members_are_refused(cast: Cast) -> None:
    errors = refused(
        importing(xlsx(row("01840-08A-001", "Páo", register="chưa", members="bốn")), commune=cast.duc_xuan)
    )
    assert_reason(
        error_at(errors, 2, "Đăng ký"),
        "“chưa” không phải là câu trả lời: ghi có hoặc không.",
        "“chưa” is not an answer: write có (yes) or không (no).",
    )
    assert_reason(
        error_at(errors, 2, "Số nhân khẩu"),
        "“bốn” không phải là số nhân khẩu: ghi một số nguyên từ 1 đến 99.",
        "“bốn” is not a number of members: write a whole number from 1 to 99.",
    )


def windows_1258(text: str) -> bytes:
    """As Excel's "CSV" on a Vietnamese Windows saves it: letters with ă, â, ê, ô, ơ, ư, đ as one
    byte, tone marks as combining bytes after them."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    encoded = b""
    for letter in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", letter)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        encoded += (base + "".join(c for c in decomposed if c in tones)).encode("cp1258")
    return encoded


@pytest.mark.parametrize("encode", [windows_1258, lambda text: text.encode("utf-16")], ids=["cp1258", "utf-16"])
def test_a_csv_file_in_another_encoding_is_refused(cast: Cast, encode: Callable[[str], bytes]) -> None:
    content = encode(csv_text(row("01840-08A-001", "Nông Thị Mai")))
    assert content.decode("utf-16" if content.startswith(b"\xff\xfe") else "cp1258").startswith("M")
    errors = refused(importing(content, commune=cast.duc_xuan, name="ho.csv"))
    assert_reason(
        error_at(errors, None, None),
        "Tệp CSV không dùng mã UTF-8: hãy lưu lại theo kiểu “CSV UTF-8” rồi thử lại.",
        "The CSV file is not UTF-8 text: save it as “CSV UTF-8” and try again.",
    )


def test_a_year_outside_every_regime_is_refused_with_the_errors_of_the_rows(cast: Cast) -> None:
    errors = refused(importing(xlsx(row("01840-08A-001", "Páo", gender="ông")), commune=cast.duc_xuan, year=2005))
    assert_reason(
        error_at(errors, None, None),
        "Không có văn bản nào áp dụng cho ngày 31/12/2005: văn bản đầu tiên, QĐ 62/2006/QĐ-BVHTT, áp dụng từ ngày "
        "23/06/2006. Ngày trước đó không phải là ngày bình xét hợp lệ.",
        "No regime governs 31/12/2005: the first one, QĐ 62/2006/QĐ-BVHTT, starts on 23/06/2006. A date before it "
        "is not a valid evaluation date.",
    )
    assert error_at(errors, 2, "Giới tính chủ hộ")


def test_registrations_after_the_titles_are_decided_are_refused(cast: Cast) -> None:
    Dossier.objects.create(kind=DossierKind.GDVH, unit=cast.to_8a, year=YEAR, status=DossierStatus.DECIDED)
    errors = refused(importing(xlsx(row("01840-08A-001", "Páo")), commune=cast.duc_xuan))
    assert_reason(
        error_at(errors, 2, "Mã khu dân cư"),
        "Danh hiệu năm 2024 của tổ 8A đã có quyết định; không thể sửa đổi nữa.",
        "The 2024 titles of tổ 8A are decided; nothing can be changed any more.",
    )


def test_titles_decided_between_the_check_and_the_write_stop_the_import(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua.evaluations.imports import services as module

    check = module.households_check

    def check_then_decide(**kwargs: Any) -> Any:
        plan = check(**kwargs)
        Dossier.objects.create(kind=DossierKind.GDVH, unit=cast.to_8a, year=YEAR, status=DossierStatus.DECIDED)
        return plan

    monkeypatch.setattr(module, "households_check", check_then_decide)
    with pytest.raises(DomainErrors) as info:
        importing(xlsx(row("01840-08A-001", "Páo")), commune=cast.duc_xuan)()
    assert info.value.errors[0].reason("en") == "The 2024 titles of tổ 8A are decided; nothing can be changed any more."
    assert (Household.objects.count(), Residence.objects.count(), HouseholdYear.objects.count()) == (0, 0, 0)


def test_a_commune_outside_the_actors_units_is_refused_as_unknown_before_the_file_is_read(cast: Cast) -> None:
    before = state()
    with pytest.raises(Refused) as info:
        importing(xlsx(row("01840-08A-001", "Páo")), commune=cast.duc_xuan, actor=cast["chomoi"])()
    assert info.value.hidden and info.value.reason() == "Xã này nằm ngoài phạm vi đơn vị của bạn."
    assert state() == before


def test_every_bad_row_is_reported_at_once(cast: Cast) -> None:
    content = xlsx(
        row("01840-08A-001", "Páo", gender="ông"),
        row("01840-08A-002", "Mai"),
        row("01840-08A-003", None, "01840-99", date="01/01/2030"),
        row("01840-08A-002", "Sinh"),
    )
    errors = refused(importing(content, commune=cast.duc_xuan))
    assert [(e.row, e.column) for e in errors] == [
        (2, "Giới tính chủ hộ"),
        (4, "Chủ hộ"),
        (4, "Ngày đăng ký"),
        (4, "Mã khu dân cư"),
        (5, "Mã hộ"),
    ]


# --- the template --------------------------------------------------------------------------------


def test_the_template_has_the_instruction_sheet_and_the_drop_down_lists(cast: Cast, to_9: Unit) -> None:
    workbook = load_workbook(io.BytesIO(households_template(commune=cast.duc_xuan, year=YEAR)))
    assert workbook.sheetnames == ["Hộ gia đình", "Hướng dẫn"]
    data = workbook["Hộ gia đình"]
    assert [cell.value for cell in data[1]] == HEADER
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert lists == {"C2": '"nam,nữ"', "E2": '"01840-08A,01840-09"', "G2": '"có,không"'}
    # The lists and the text format reach the last row an import accepts, not row 501: a commune's
    # households file has 9,000 rows.
    assert {str(v.sqref).split(":")[1] for v in data.data_validations.dataValidation} == {
        f"{letter}{LIMITS.rows + 1}" for letter in "CEG"
    }
    assert LIMITS.rows >= 9_000
    assert data.column_dimensions["A"].number_format == "@"  # the household's code stays as typed
    guide = "\n".join(str(cell.value) for line in workbook["Hướng dẫn"].iter_rows() for cell in line if cell.value)
    assert "Danh sách hộ gia đình — phường Đức Xuân — năm 2024: hướng dẫn nhập" in guide
    assert "The year is not written in the file" in guide
    assert "không hộ nào được nhập" in guide  # all or nothing
    assert "từ ngày 01/01 của năm" in guide  # moves
    for header in HEADER:
        assert header in guide
    assert "01840-08A-017" in guide  # the example
    # Without a commune, the areas are typed: only the two fixed lists remain.
    plain = load_workbook(io.BytesIO(households_template()))["Hộ gia đình"]
    assert sorted(v.formula1 for v in plain.data_validations.dataValidation) == ['"có,không"', '"nam,nữ"']


def test_a_commune_with_many_areas_gets_its_list_from_a_hidden_sheet(cast: Cast) -> None:
    for number in range(10, 50):
        make_unit(
            code=f"01840-{number}", name=str(number), kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None
        )
    workbook = load_workbook(io.BytesIO(households_template(commune=cast.duc_xuan, year=YEAR)))
    assert workbook.sheetnames == ["Hộ gia đình", "Hướng dẫn", "Danh sách"]
    assert workbook["Danh sách"].sheet_state == "hidden"
    area_list = next(v for v in workbook["Hộ gia đình"].data_validations.dataValidation if "E2" in str(v.sqref))
    assert area_list.formula1 == "'Danh sách'!$A$1:$A$41"
    assert workbook["Danh sách"]["A1"].value == "01840-08A"


def test_a_filled_template_imports(cast: Cast) -> None:
    workbook = load_workbook(io.BytesIO(households_template(commune=cast.duc_xuan, year=YEAR)))
    # Row 2 keeps nothing but the formats and lists of the template, and is skipped as blank.
    for index, value in enumerate(row("01840-08A-001", "Hoàng Văn Páo"), start=1):
        workbook["Hộ gia đình"].cell(row=3, column=index, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert importing(buffer.getvalue(), commune=cast.duc_xuan)()["households_created"] == 1


# --- the command line ------------------------------------------------------------------------------


def test_the_command_imports_a_file_and_writes_a_template(
    cast: Cast, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ho.xlsx"
    path.write_bytes(xlsx(row("01840-08A-001", "Hoàng Văn Páo")))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import", "households", str(path), "--year", "2024", "--commune", "1840", "--dry-run", stdout=out, stderr=err
    )
    assert "Kiểm tra xong, không ghi gì." in out.getvalue()
    assert Household.objects.count() == 0
    call_command("import", "households", str(path), "--year", "2024", "--commune", "01840", stdout=out, stderr=err)
    assert "households_created: 1" in out.getvalue()
    assert "registered: 1" in out.getvalue()
    # The progress bar: a household, its residence, its record of the year and the area's dossier.
    assert "100% 4/4 Ghi dữ liệu" in capsys.readouterr().err
    assert HouseholdYear.objects.get().household.code == "01840-08A-001"

    template = tmp_path / "mau.xlsx"
    call_command(
        "import", "template", "households", "--commune", "01840", "--year", "2024", "-o", str(template), stdout=out
    )
    sheet = load_workbook(template)["Hộ gia đình"]
    assert any(v.formula1 == '"01840-08A"' for v in sheet.data_validations.dataValidation)


def test_the_command_prints_every_error_in_the_consoles_language_and_exits_non_zero(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "ho.csv"
    path.write_text(
        csv_text(row("01840-08A-001", "Páo", "01840-99"), row("01840-08A-002", "Mai", gender="x")), encoding="utf-8"
    )
    err = io.StringIO()
    before = state()
    with pytest.raises(CommandError) as info:
        call_command("import", "households", str(path), "--year", "2024", "--commune", "01840", stderr=err)
    assert str(info.value) == "Tệp có 2 lỗi, không ghi gì."
    assert state() == before
    assert (
        "dòng 2, cột Mã khu dân cư: Không có khu dân cư nào của phường Đức Xuân mang mã 01840-99 trong năm 2024."
    ) in err.getvalue()
    english = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="The file has 2 errors; nothing was written"):
        call_command("import", "households", str(path), "--year", "2024", "--commune", "01840", stderr=english)
    assert "row 3, column Giới tính chủ hộ: “x” is not a gender: write nam or nữ." in english.getvalue()
    with pytest.raises(CommandError):
        call_command("import", "households", str(path), "--year", "2024", "--commune", "99999")
    with translation.override("en"), pytest.raises(CommandError, match="Cannot read the file"):
        call_command("import", "households", str(tmp_path / "missing.xlsx"), "--year", "2024")
