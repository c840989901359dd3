"""The set-based import of a CSV file of new households and of recorded ones registering for a new year
(``staged``, PostgreSQL) writes what the Python checks and writes would, to the column; whatever it
cannot decide alone goes to them, so that the errors and the outcome stay theirs."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, transaction

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.errors import DomainErrors
from thidua.evaluations.imports import services as households_module
from thidua.evaluations.imports.services import households_import
from thidua.evaluations.imports.staged import GENDER_SPELLINGS, REGISTER_SPELLINGS, households_import_staged
from thidua.evaluations.models import Dossier, DossierStatus, HouseholdYear, MeetingKind
from thidua.evaluations.services import Vote, decision_record, dossier_transition, meeting_record
from thidua.evaluations.tests.test_imports import YEAR, csv_text, row
from thidua.lib.progress import Progress
from thidua.people.models import Household, Residence
from thidua.testing import Cast, make_unit
from thidua.units.imports.tables import cell_key
from thidua.units.models import Unit, UnitKind

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the staged import is PostgreSQL's"),
]
D = datetime.date
NEXT = YEAR + 1


@pytest.fixture
def to_9(cast: Cast) -> Unit:
    """An area that begins within the year: its new households' residences begin with it."""
    return make_unit(
        code="01840-09",
        name="9",
        kind=UnitKind.TO_DAN_PHO,
        parent=cast.duc_xuan,
        valid_from=D(YEAR, 3, 1),
        valid_to=None,
    )


def varied_rows() -> list[list[Any]]:
    return [
        row("01840-08A-001", "Hoàng  Văn   Páo", gender="Nam", address="Số 12  ngõ 3", members="4", date="05/01/2024"),
        row("01840-08A-002", "Nông Thị Mai", gender="NỮ", members="04", register="Có"),
        row("01840-08A-003", "Lý Văn Sình", gender="", register="không"),
        row("01840-08A-004", "Ma Thị Hương", gender="female", register="x", date="31/12/2024"),
        row("01840-08A-005", "Triệu Đức Lâm", gender="nu", register="No", members="99"),
        row("01840-09-001", "Đặng Văn Tâm", "01840-09", register="yes", date="1/3/2024"),
        row("01840-09-002", "Hà Thị Lan", "01840-09", register="0"),
    ]


def snapshot() -> dict[str, Any]:
    """Everything an import writes, without the ids and times it does not choose."""
    households = Household.objects.order_by("code").values_list(
        "code",
        "head_name",
        "head_gender",
        "address",
        "member_count",
        "area_id",
        "dissolved_on",
        "dissolution_reason",
        "search_text",
    )
    residences = Residence.objects.order_by("household__code", "valid_from", "pk").values_list(
        "household__code", "area_id", "valid_from", "valid_to"
    )
    lines = HouseholdYear.objects.order_by("household__code", "year").values_list(
        "household__code",
        "year",
        "area_id",
        "registered_on",
        "votes_for",
        "points",
        "exclusions",
        "proposed",
        "titled",
        "revoked_on",
        "revocation_reason",
        "decision_id",
        "meeting_id",
    )
    dossiers = Dossier.objects.order_by("unit_id").values_list("kind", "unit_id", "year", "status", "decision_id")
    audits = AuditEntry.objects.filter(action="people.import_households").values_list("object_id", "changes")
    return {
        "households": list(households),
        "residences": list(residences),
        "lines": list(lines),
        "dossiers": list(dossiers),
        "audits": list(audits),
    }


@pytest.fixture
def staged_calls(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each import was decided by the staged path (True) or left to the Python checks."""
    calls: list[bool] = []

    def spy(**kwargs: Any) -> dict[str, int] | None:
        result = households_import_staged(**kwargs)
        calls.append(result is not None)
        return result

    monkeypatch.setattr(households_module, "households_import_staged", spy)
    return calls


def both_ways(monkeypatch: pytest.MonkeyPatch, run: Callable[[], Any]) -> Iterator[tuple[Any, dict[str, Any]]]:
    """The outcome of ``run`` and what it wrote, first by the staged path, then by the Python path alone;
    each rolled back."""
    for staged in (True, False):
        with monkeypatch.context() as patch:
            if not staged:
                patch.setattr(households_module, "households_import_staged", lambda **kwargs: None)
            with transaction.atomic():
                try:
                    outcome: Any = run()
                except DomainErrors as exc:
                    outcome = [(e.row, e.column, str(e)) for e in exc.errors]
                yield outcome, snapshot()
                transaction.set_rollback(True)


def importing(content: bytes, commune: Unit | None, year: int = YEAR, **kw: Any) -> Callable[[], dict[str, int]]:
    return lambda: households_import(
        file_name="ho.csv", content=content, commune=commune, year=year, actor=SYSTEM_ACTOR, **kw
    )


def test_a_csv_file_of_new_households_is_written_as_the_python_path_writes_it(
    cast: Cast, to_9: Unit, monkeypatch: pytest.MonkeyPatch, staged_calls: list[bool]
) -> None:
    content = csv_text(*varied_rows()).encode()
    (staged, staged_state), (python, python_state) = both_ways(monkeypatch, importing(content, cast.duc_xuan))
    assert staged_calls == [True]
    assert staged == python
    assert staged["households_created"] == 7 and staged["registered"] == 4
    assert staged_state == python_state
    households = {h[0]: h for h in staged_state["households"]}
    assert households["01840-08A-001"][1:4] == ("Hoàng Văn Páo", "male", "Số 12 ngõ 3")
    assert households["01840-08A-001"][8] == "hoang van pao 01840-08a-001 so 12 ngo 3"
    assert [r[2] for r in staged_state["residences"]] == [None] * 5 + [D(YEAR, 3, 1)] * 2
    assert [d[3] for d in staged_state["dossiers"]] == [DossierStatus.DRAFT] * 2


def test_the_staged_path_runs_without_a_commune_and_as_a_dry_run(
    cast: Cast, to_9: Unit, staged_calls: list[bool]
) -> None:
    content = csv_text(*varied_rows()).encode()
    before = snapshot()
    summary = importing(content, None, dry_run=True)()
    assert summary["households_created"] == 7
    assert snapshot() == before
    assert importing(content, None)() == summary
    assert Household.objects.count() == 7
    assert staged_calls == [True, True]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([row("01840-08A-001", "A"), row("01840-08A-001", "B")], id="a code twice"),
        pytest.param([row("01840-08A-001", "A", "01840-77")], id="an unknown area"),
        pytest.param([row("01840-08A-001", "A", gender="ông")], id="a bad gender"),
        pytest.param([row("01840-08A-001", "A", members="100")], id="too many members"),
        pytest.param([row("01840-08A-001", "A", members="0")], id="no members"),
        pytest.param([row("01840-08A-001", "A", register="có", date="30/02/2024")], id="a day that is not"),
        pytest.param([row("01840-08A-001", "A", register="không", date="03/01/2024")], id="a date without registering"),
        pytest.param([row("01840-08A-001", "A", date="03/01/2023")], id="a date of another year"),
        pytest.param([row("01840-09-001", "A", "01840-09", date="03/01/2024")], id="a date before the area"),
        pytest.param([row("01840-09-001", "A", "01840-09")], id="the default date before the area"),
        pytest.param([row("01840-08A-001", "A" * 121)], id="a name too long"),
        pytest.param([row("", "A")], id="no code"),
        pytest.param([row("01840-08A-001", "A", register="")], id="no answer"),
    ],
)
def test_a_bad_row_is_reported_by_the_python_checks_and_nothing_is_written(
    cast: Cast, to_9: Unit, rows: list[list[Any]], monkeypatch: pytest.MonkeyPatch, staged_calls: list[bool]
) -> None:
    content = csv_text(row("01840-08A-100", "Good"), *rows).encode()
    before = snapshot()
    (staged, staged_state), (python, python_state) = both_ways(monkeypatch, importing(content, cast.duc_xuan))
    assert staged_calls == [False]
    assert isinstance(staged, list) and staged  # the errors, named by row and column
    assert staged == python
    assert staged_state == python_state == before


@pytest.mark.parametrize(
    "cells",
    [
        pytest.param({"gender": "NaM"}, id="a spelling the query does not know"),
        pytest.param({"date": "5-1-2024"}, id="a date written with hyphens"),
        pytest.param({"members": "٣"}, id="a number in other digits"),
    ],
)
def test_what_the_query_does_not_know_is_imported_by_the_python_path(
    cast: Cast, cells: dict[str, str], monkeypatch: pytest.MonkeyPatch, staged_calls: list[bool]
) -> None:
    content = csv_text(row("01840-08A-001", "A", **cells), row("01840-08A-002", "B")).encode()
    (staged, staged_state), (python, python_state) = both_ways(monkeypatch, importing(content, cast.duc_xuan))
    assert staged_calls == [False]
    assert staged == python and staged["households_created"] == 2
    assert staged_state == python_state


def test_a_household_recorded_for_the_year_or_a_decided_area_goes_to_the_python_path(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, staged_calls: list[bool]
) -> None:
    content = csv_text(row("01840-08A-001", "A"), row("01840-08A-002", "B")).encode()
    importing(csv_text(row("01840-08A-001", "A")).encode(), cast.duc_xuan)()
    (again, again_state), (python, python_state) = both_ways(monkeypatch, importing(content, cast.duc_xuan))
    assert staged_calls == [True, False]
    assert again == python and (again["households_created"], again["households_unchanged"]) == (1, 1)
    assert again_state == python_state
    for number, dossier in enumerate(Dossier.objects.select_related("unit"), start=1):
        # A dossier goes up with its meeting and the votes of every registered household.
        registered = HouseholdYear.objects.filter(area=dossier.unit, year=YEAR, registered_on__isnull=False)
        meeting_record(
            kind=MeetingKind.HOUSEHOLD_REVIEW,
            unit=dossier.unit,
            year=YEAR,
            held_on=datetime.date(YEAR, 11, 20),
            convened=10,
            present=10,
            votes={line.pk: Vote(votes_for=10) for line in registered},
            # NĐ 86/2023: the list posted at the area for 10 days before the dossier goes up.
            posted_from=datetime.date(YEAR, 11, 21),
            posted_until=datetime.date(YEAR, 11, 30),
            actor=SYSTEM_ACTOR,
        )
        dossier_transition(dossier=dossier, to=DossierStatus.SUBMITTED, actor=SYSTEM_ACTOR)
        dossier_transition(dossier=dossier, to=DossierStatus.REVIEWED, actor=SYSTEM_ACTOR)
        decision_record(
            dossier=dossier,
            number=number,
            issued_on=datetime.date(YEAR, 12, 1),
            issuer=cast.duc_xuan,
            signer_title="",
            signer_name="",
            titled_ids=[],
            actor=SYSTEM_ACTOR,
        )
    (decided, _), (python_decided, _) = both_ways(monkeypatch, importing(content, cast.duc_xuan))
    assert staged_calls[-1] is False
    assert decided == python_decided and decided  # the errors of a decided area


def next_year(rows: list[list[Any]]) -> list[list[Any]]:
    """The same rows for the next year: their registration dates moved into it."""
    return [[*cells[:7], cells[7].replace(f"/{YEAR}", f"/{NEXT}") if cells[7] else cells[7]] for cells in rows]


def changed_rows() -> list[list[Any]]:
    """``varied_rows`` a year later, five households with new details: a head written without its
    diacritics (the same head), another address, gender, number of members, and none given."""
    rows = next_year(varied_rows())
    rows[0][1] = "HOANG VAN PAO"
    rows[1][3] = "Số 5  ngõ 1"
    rows[2][2] = "nữ"
    rows[3][5] = "6"
    rows[4][5] = ""
    return rows


def mixed_rows() -> list[list[Any]]:
    """Three recorded households (one with a new address) and two new ones, in two areas."""
    rows = next_year(varied_rows())
    rows[1][3] = "Số 5 ngõ 1"
    return [
        rows[0],
        row("01840-08A-010", "Lục Văn Thành", members="3", date=f"10/01/{NEXT}"),
        rows[1],
        row("01840-09-010", "Bế Thị Hoa", "01840-09", gender="nữ", register="không"),
        rows[5],
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(next_year(varied_rows()), (0, 0, 7, 4), id="unchanged"),
        pytest.param(changed_rows(), (0, 5, 2, 4), id="details changed"),
        pytest.param(mixed_rows(), (2, 1, 2, 4), id="new and recorded households"),
    ],
)
def test_recorded_households_registering_for_a_new_year_are_written_as_the_python_path_writes_them(
    cast: Cast,
    to_9: Unit,
    rows: list[list[Any]],
    expected: tuple[int, int, int, int],
    monkeypatch: pytest.MonkeyPatch,
    staged_calls: list[bool],
) -> None:
    importing(csv_text(*varied_rows()).encode(), cast.duc_xuan)()
    content = csv_text(*rows).encode()
    before = snapshot()
    dry_run = importing(content, cast.duc_xuan, NEXT, dry_run=True)()
    assert snapshot() == before
    (staged, staged_state), (python, python_state) = both_ways(monkeypatch, importing(content, cast.duc_xuan, NEXT))
    assert staged_calls == [True, True, True]
    assert staged == python == dry_run
    keys = ("households_created", "households_updated", "households_unchanged", "registered")
    assert tuple(staged[key] for key in keys) == expected
    assert (staged["moved"], staged["registrations_unchanged"]) == (0, 0)
    assert staged_state == python_state
    # The recorded households keep their one residence; each row has its record of the new year.
    assert len(staged_state["residences"]) == 7 + expected[0]
    assert sorted(line[0] for line in staged_state["lines"] if line[1] == NEXT) == sorted(r[0] for r in rows)
    assert [d[2] for d in staged_state["dossiers"]].count(NEXT) == 2


def test_the_new_details_of_a_recorded_household_are_those_of_the_file(
    cast: Cast, to_9: Unit, staged_calls: list[bool]
) -> None:
    importing(csv_text(*varied_rows()).encode(), cast.duc_xuan)()
    importing(csv_text(*changed_rows()).encode(), cast.duc_xuan, NEXT)()
    assert staged_calls == [True, True]
    households = {h.code: h for h in Household.objects.all()}
    assert households["01840-08A-001"].head_name == "HOANG VAN PAO"
    assert households["01840-08A-001"].search_text == "hoang van pao 01840-08a-001 so 12 ngo 3"
    assert households["01840-08A-002"].address == "Số 5 ngõ 1"
    assert households["01840-08A-003"].head_gender == "female"
    assert (households["01840-08A-004"].member_count, households["01840-08A-005"].member_count) == (6, None)
    lines = HouseholdYear.objects.filter(year=NEXT, household__code="01840-08A-001")
    assert list(lines.values_list("area_id", "registered_on")) == [(cast.to_8a.pk, D(NEXT, 1, 5))]


def _recorded_for_the_year(cast: Cast) -> None:
    importing(csv_text(row("01840-08A-001", "Hoàng Văn Páo")).encode(), cast.duc_xuan, NEXT)()


def _recorded_for_a_later_year(cast: Cast) -> None:
    # Written directly: the commune of the cast ends with NEXT, so no file can be imported for the year after.
    household = Household.objects.get(code="01840-08A-001")
    HouseholdYear.objects.create(household=household, year=NEXT + 1, area=cast.to_8a)


def _recorded_elsewhere(cast: Cast) -> None:
    make_unit(code="01840-07", name="7", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    importing(csv_text(row("01840-08A-001", "Hoàng Văn Páo", "01840-07")).encode(), cast.duc_xuan)()


def _moved_within_the_year(cast: Cast) -> None:
    # Its residence in the row's area covers part of the year, so Python finds no move to make; the
    # query leaves it to Python all the same, its current area being another.
    area = make_unit(code="01840-07", name="7", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan, valid_to=None)
    household = Household.objects.get(code="01840-08A-001")
    Residence.objects.filter(household=household).update(valid_to=D(NEXT, 6, 30))
    Residence.objects.create(household=household, area=area, valid_from=D(NEXT, 7, 1))
    Household.objects.filter(pk=household.pk).update(area=area)


def _dissolved(day: datetime.date) -> Callable[[Cast], None]:
    def dissolve(cast: Cast) -> None:
        Household.objects.filter(code="01840-08A-001").update(dissolved_on=day)

    return dissolve


def _living_there_only_later(cast: Cast) -> None:
    Residence.objects.filter(household__code="01840-08A-001").update(valid_from=D(NEXT + 1, 1, 1))


@pytest.mark.parametrize(
    ("setup", "first", "expected"),
    [
        pytest.param(
            _recorded_for_the_year,
            row("01840-08A-001", "Hoàng Văn Páo"),
            {"registrations_unchanged": 1, "registered": 1},
            id="a record of the year",
        ),
        pytest.param(
            _recorded_for_a_later_year,
            row("01840-08A-001", "Hoàng Văn Páo", members="5"),
            {"households_updated": 0, "households_unchanged": 2},
            id="a record of a later year",
        ),
        pytest.param(_recorded_elsewhere, row("01840-08A-001", "Hoàng Văn Páo"), {"moved": 1}, id="a move"),
        pytest.param(
            _moved_within_the_year,
            row("01840-08A-001", "Hoàng Văn Páo"),
            {"moved": 0, "households_unchanged": 2},
            id="a move within the year",
        ),
        pytest.param(
            _dissolved(D(YEAR, 6, 1)), row("01840-08A-001", "Hoàng Văn Páo"), None, id="a dissolved household"
        ),
        pytest.param(
            _dissolved(D(NEXT, 6, 1)),
            row("01840-08A-001", "Hoàng Văn Páo", date=f"05/01/{NEXT}"),
            {"households_unchanged": 2, "registered": 2},
            id="a household dissolved later in the year",
        ),
        pytest.param(None, row("01840-08A-001", "Nguyễn Văn Khác"), {"households_updated": 1}, id="another head"),
        pytest.param(
            _living_there_only_later, row("01840-08A-001", "Hoàng Văn Páo"), None, id="a residence only after the year"
        ),
    ],
)
def test_a_recorded_household_the_query_cannot_decide_is_imported_by_the_python_path(
    cast: Cast,
    setup: Callable[[Cast], None] | None,
    first: list[Any],
    expected: dict[str, int] | None,
    monkeypatch: pytest.MonkeyPatch,
    staged_calls: list[bool],
) -> None:
    if setup is not _recorded_elsewhere:
        importing(csv_text(row("01840-08A-001", "Hoàng Văn Páo")).encode(), cast.duc_xuan)()
    importing(csv_text(row("01840-08A-002", "Nông Thị Mai")).encode(), cast.duc_xuan)()
    if setup is not None:
        setup(cast)
    # With a recorded household the query would have taken: one row it cannot decide sends the whole file.
    content = csv_text(first, row("01840-08A-002", "Nông Thị Mai")).encode()
    calls = len(staged_calls)
    with transaction.atomic():
        alone = households_import_staged(
            file_name="ho.csv",
            content=content,
            commune=cast.duc_xuan,
            year=NEXT,
            actor=SYSTEM_ACTOR,
            progress=Progress(),
            dry_run=False,
        )
        transaction.set_rollback(True)
    assert alone is None
    (staged, staged_state), (python, python_state) = both_ways(monkeypatch, importing(content, cast.duc_xuan, NEXT))
    assert staged_calls[calls:] == [False]
    assert staged == python
    assert staged_state == python_state
    if expected is None:
        assert isinstance(staged, list) and staged  # the errors, named by row and column
    else:
        assert {key: staged[key] for key in expected} == expected


def test_every_spelling_the_query_accepts_reads_the_same_in_python() -> None:
    from thidua.evaluations.imports.layout import GENDERS, REGISTERS

    assert {"nam", "Nam", "NAM", "nữ", "Nữ", "NỮ", "male", "female"} <= set(GENDER_SPELLINGS)
    assert {"có", "Có", "không", "Không", "x", "X", "1", "0", "yes", "no"} <= set(REGISTER_SPELLINGS)
    assert all(GENDERS[cell_key(word)] == value for word, value in GENDER_SPELLINGS.items())
    assert all(REGISTERS[cell_key(word)] == value for word, value in REGISTER_SPELLINGS.items())
