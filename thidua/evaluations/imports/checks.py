"""Checking a households file: every row on its own, against the other rows, and against the
database, which is read in bulk (a few thousand codes a query, never a query per row).

``households_check`` returns the plan of the write phase — for each row, whether its household is
created, updated or moved, and whether its record of the year is created or registered — or
raises ``DomainErrors`` naming every bad row, column and reason. The rules it applies are those of
``thidua.evaluations.imports.services``'s docstring.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.system import Actor
from thidua.campaigns.rules import regime_for
from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.imports.layout import (
    DEFAULT_REGISTRATION_DAY,
    GENDERS,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_REQUIRED,
    HOUSEHOLD_SHEET,
    MAX_MEMBERS,
    REGISTERS,
)
from thidua.evaluations.models import Dossier, DossierKind, DossierStatus, HouseholdYear
from thidua.lib.progress import Progress
from thidua.people.models import Gender, Household, Residence
from thidua.units.imports.areas import E_COMMUNE_OUTSIDE
from thidua.units.imports.tables import (
    E_REQUIRED,
    Record,
    Sheet,
    as_text,
    cell_key,
    date,
    period_of,
    read_sheet,
    text,
)
from thidua.units.models import Level, Unit, UnitVersion
from thidua.units.rules import Period
from thidua.units.selectors import units_visible_to

# Codes or ids per lookup, and rows per INSERT: well under SQLite's and PostgreSQL's limits on
# bound parameters, large enough that a province takes a few hundred statements.
BATCH = 2000

E_BAD_YEAR = _("%(year)s is not a year.")
E_NOT_A_COMMUNE = _("%(unit)s is not a commune, ward or township.")
E_COMMUNE_NOT_IN_YEAR = _("%(commune)s does not exist in %(year)s.")
E_BAD_GENDER = _("“%(value)s” is not a gender: write nam or nữ.")
E_BAD_REGISTER = _("“%(value)s” is not an answer: write có (yes) or không (no).")
E_BAD_MEMBERS = _("“%(value)s” is not a number of members: write a whole number from 1 to %(max)s.")
E_DATE_OUTSIDE_YEAR = _("The registration date %(date)s is not in %(year)s, the year imported.")
E_DATE_WITHOUT_REGISTRATION = _(
    "A registration date is given, but the household does not register: write “có” in the column "
    "%(header)s, or leave the date empty."
)
E_CODE_TWICE = _("The household code %(code)s is also on row %(other)s: each household is on one row only.")
E_UNKNOWN_AREA = _("No residential area has the code %(code)s in %(year)s.")
E_UNKNOWN_AREA_IN_COMMUNE = _("No residential area of %(commune)s has the code %(code)s in %(year)s.")
E_AREA_NOT_ON_DATE = _("The residential area %(unit)s does not exist on %(date)s.")
E_DISSOLVED = _("The household %(code)s was dissolved on %(date)s.")
E_CODE_OUTSIDE = _("The household code %(code)s belongs to a household outside the unit you work for: check the code.")
E_CODE_OTHER_HEAD = _("The household code %(code)s belongs to the household of %(head)s in %(area)s: check the code.")
E_LIVES_ELSEWHERE = _(
    "The records place the household %(code)s in %(area)s from %(date)s: record its move first, or correct the area."
)
E_RECORD_ELSEWHERE = _(
    "The household's record for %(year)s places it in %(area)s: correct the area, or record its move first."
)
E_ALREADY_REGISTERED = _(
    "The household %(code)s is already registered for %(year)s, on %(date)s: a household registers once a year."
)
E_CLOSED = _("The %(year)s titles of %(unit)s are decided; nothing can be changed any more.")

CLOSED = (DossierStatus.DECIDED, DossierStatus.LOCKED)


def chunks[T](items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def overlapping(year: int, prefix: str = "") -> Q:
    """A filter for rows (units, versions) valid on at least one day of ``year``."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    starts = Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": last})
    ends = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": first})
    return starts & ends


@dataclass(frozen=True)
class Known:
    """A household the database already holds under the row's code."""

    pk: int
    head_name: str
    head_gender: str
    address: str
    member_count: int | None
    area_id: int
    dissolved_on: datetime.date | None


@dataclass(frozen=True)
class Stay:
    pk: int
    area_id: int
    period: Period


@dataclass(frozen=True)
class YearLine:
    pk: int
    year: int
    area_id: int
    registered_on: datetime.date | None


@dataclass
class HouseholdRow:
    record: Record
    code: str | None
    head_name: str | None
    head_gender: str
    address: str
    area_code: str | None
    member_count: int | None
    registers: bool | None
    registered_on: datetime.date | None
    duplicate: bool = False
    area: Unit | None = None
    # What the write phase does for the row, decided by the checks (see ``Planned``).
    move_from: int | None = None
    update_details: bool = False
    new_line: bool = False
    register_line: int | None = None
    registration_kept: bool = False


def _word(sheet: Sheet, record: Record, key: str, words: dict[str, Any], message: Any, *, required: bool) -> Any:
    value = as_text(record.cells.get(key))
    if value is None:
        if required:
            sheet.fail(record, key, E_REQUIRED)
        return None
    if cell_key(value) not in words:
        sheet.fail(record, key, message, value=value)
        return None
    return words[cell_key(value)]


def _members(sheet: Sheet, record: Record) -> int | None:
    value = as_text(record.cells.get("members"))
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_MEMBERS:
        sheet.fail(record, "members", E_BAD_MEMBERS, value=value, max=MAX_MEMBERS)
        return None
    return int(value)


def _spaced(value: str | None) -> str | None:
    """Single spaces between words, as a name typed twice would not otherwise compare equal."""
    return " ".join(value.split()) if value is not None else None


def _parse(sheet: Sheet, record: Record, year: int) -> HouseholdRow:
    """The row's values, checked on their own (in the order of the columns, as the errors read)."""
    code = text(sheet, record, "code", required=True, max_length=40)
    head_name = _spaced(text(sheet, record, "head_name", required=True, max_length=120))
    head_gender = _word(sheet, record, "head_gender", GENDERS, E_BAD_GENDER, required=False) or Gender.UNKNOWN
    address = _spaced(text(sheet, record, "address", max_length=200)) or ""
    area_code = text(sheet, record, "area", required=True, max_length=20)
    member_count = _members(sheet, record)
    registers = _word(sheet, record, "register", REGISTERS, E_BAD_REGISTER, required=True)
    registered_on = date(sheet, record, "registered_on")
    if registered_on is not None:
        if registers is False:
            sheet.fail(record, "registered_on", E_DATE_WITHOUT_REGISTRATION, header=sheet.headers["register"])
            registered_on = None
        elif registered_on.year != year:
            sheet.fail(record, "registered_on", E_DATE_OUTSIDE_YEAR, date=_day(registered_on), year=year)
            registered_on = None
    elif registers:
        day, month = DEFAULT_REGISTRATION_DAY
        registered_on = datetime.date(year, month, day)
    return HouseholdRow(
        record, code, head_name, head_gender, address, area_code, member_count, registers, registered_on
    )


def _mark_duplicates(sheet: Sheet, rows: list[HouseholdRow]) -> None:
    first: dict[str, HouseholdRow] = {}
    for row in rows:
        if row.code is None:
            continue
        other = first.setdefault(row.code, row)
        if other is not row:
            row.duplicate = True
            sheet.fail(row.record, "code", E_CODE_TWICE, code=row.code, other=other.record.number)


def area_candidates(
    codes: Sequence[str], *, commune: Unit | None, year: int, scope: QuerySet[Unit]
) -> dict[str, list[Unit]]:
    """The residential areas each code may name: those the actor may see, under the commune during
    the year, oldest first."""
    found: dict[str, list[Unit]] = defaultdict(list)
    for chunk in chunks(codes):
        units = scope.filter(level=Level.AREA, code__in=chunk).filter(overlapping(year)).order_by("valid_from")
        for unit in units:
            found[unit.code].append(unit)
    if commune is not None:
        ids = [unit.pk for units in found.values() for unit in units]
        inside: set[int] = set()
        for unit_ids in chunks(ids):
            versions = UnitVersion.objects.filter(unit_id__in=unit_ids, parent=commune).filter(overlapping(year))
            inside.update(versions.values_list("unit_id", flat=True))
        found = defaultdict(list, {code: [u for u in units if u.pk in inside] for code, units in found.items()})
    return found


def _resolve_areas(
    sheet: Sheet, rows: list[HouseholdRow], *, commune: Unit | None, year: int, scope: QuerySet[Unit]
) -> None:
    """Each row's area: a residential area the actor may see, under the commune during the year.
    Whatever else the code names (another commune's area, a commune, an area of another time, or
    nothing) is reported alike as unknown, so an import reveals nothing outside the actor's units."""
    found = area_candidates(
        sorted({row.area_code for row in rows if row.area_code}), commune=commune, year=year, scope=scope
    )
    for row in rows:
        if row.area_code is None:
            continue
        candidates = found.get(row.area_code)
        if not candidates:
            if commune is not None:
                params = {"commune": commune.full_name, "code": row.area_code, "year": year}
                sheet.fail(row.record, "area", E_UNKNOWN_AREA_IN_COMMUNE, **params)
            else:
                sheet.fail(row.record, "area", E_UNKNOWN_AREA, code=row.area_code, year=year)
            continue
        day = row.registered_on or datetime.date(year, 12, 31)
        row.area = next((u for u in candidates if period_of(u).contains_day(day)), candidates[-1])
        if row.registered_on is not None and not period_of(row.area).contains_day(row.registered_on):
            sheet.fail(
                row.record,
                "registered_on",
                E_AREA_NOT_ON_DATE,
                unit=row.area.full_name,
                date=_day(row.registered_on),
            )


@dataclass
class Recorded:
    """What the database holds about the households of the file, read in bulk."""

    households: dict[str, Known]
    stays: dict[int, list[Stay]]
    lines: dict[int, list[YearLine]]  # the records of the year imported and later ones
    visible_areas: set[int]
    area_names: dict[int, str]
    closed_areas: set[int]
    dossier_areas: set[int]


def _recorded(rows: list[HouseholdRow], *, year: int, scope: QuerySet[Unit]) -> Recorded:
    codes = sorted({row.code for row in rows if row.code and not row.duplicate})
    households: dict[str, Known] = {}
    fields = ("pk", "code", "head_name", "head_gender", "address", "member_count", "area_id", "dissolved_on")
    for chunk in chunks(codes):
        for pk, code, *rest in Household.objects.filter(code__in=chunk).values_list(*fields):
            households[code] = Known(pk, *rest)
    ids = sorted(known.pk for known in households.values())
    stays: dict[int, list[Stay]] = defaultdict(list)
    lines: dict[int, list[YearLine]] = defaultdict(list)
    for household_ids in chunks(ids):
        residences = Residence.objects.filter(household_id__in=household_ids)
        for pk, household_id, area_id, start, end in residences.values_list(
            "pk", "household_id", "area_id", "valid_from", "valid_to"
        ):
            stays[household_id].append(Stay(pk, area_id, Period(start, end)))
        years = HouseholdYear.objects.filter(household_id__in=household_ids, year__gte=year)
        for pk, household_id, line_year, area_id, registered_on in years.values_list(
            "pk", "household_id", "year", "area_id", "registered_on"
        ):
            lines[household_id].append(YearLine(pk, line_year, area_id, registered_on))
    area_ids = sorted(
        {known.area_id for known in households.values()}
        | {line.area_id for household_lines in lines.values() for line in household_lines}
    )
    visible: set[int] = set()
    names: dict[int, str] = {}
    for some_areas in chunks(area_ids):
        visible.update(scope.filter(pk__in=some_areas).values_list("pk", flat=True))
        names.update((unit.pk, unit.full_name) for unit in Unit.objects.filter(pk__in=some_areas))
    row_areas = sorted({row.area.pk for row in rows if row.area is not None})
    closed: set[int] = set()
    dossiers: set[int] = set()
    for some_areas in chunks(row_areas):
        found = Dossier.objects.filter(kind=DossierKind.GDVH, year=year, unit_id__in=some_areas)
        for unit_id, status in found.values_list("unit_id", "status"):
            dossiers.add(unit_id)
            if status in CLOSED:
                closed.add(unit_id)
    return Recorded(households, stays, lines, visible, names, closed, dossiers)


def _plan_household(sheet: Sheet, row: HouseholdRow, known: Known, recorded: Recorded, year: int) -> bool:
    """Check a row against the household recorded under its code; decide a move and an update."""
    assert row.area is not None and row.code is not None and row.head_name is not None
    first_day = datetime.date(year, 1, 1)
    if known.dissolved_on is not None and known.dissolved_on <= (row.registered_on or first_day):
        sheet.fail(row.record, "code", E_DISSOLVED, code=row.code, date=_day(known.dissolved_on))
        return False
    lines = sorted(recorded.lines.get(known.pk, []), key=lambda line: line.year)
    stays = recorded.stays.get(known.pk, [])
    the_year = year_period(year)
    if not any(stay.area_id == row.area.pk and stay.period.overlaps(the_year) for stay in stays):
        if known.area_id not in recorded.visible_areas:
            sheet.fail(row.record, "code", E_CODE_OUTSIDE, code=row.code)
            return False
        if known.dissolved_on is not None:
            sheet.fail(row.record, "code", E_DISSOLVED, code=row.code, date=_day(known.dissolved_on))
            return False
        if cell_key(known.head_name) != cell_key(row.head_name):
            area = recorded.area_names.get(known.area_id, "")
            sheet.fail(row.record, "code", E_CODE_OTHER_HEAD, code=row.code, head=known.head_name, area=area)
            return False
        current = next((stay for stay in stays if stay.period.end is None), None)
        if current is None or (current.period.start is not None and current.period.start >= first_day):
            start = current.period.start if current is not None else None
            sheet.fail(
                row.record,
                "area",
                E_LIVES_ELSEWHERE,
                code=row.code,
                area=recorded.area_names.get(known.area_id, ""),
                date=_day(start) if start else "…",
            )
            return False
        elsewhere = next((line for line in lines if line.area_id != row.area.pk), None)
        if elsewhere is not None:
            area = recorded.area_names.get(elsewhere.area_id, "")
            sheet.fail(row.record, "area", E_RECORD_ELSEWHERE, year=elsewhere.year, area=area)
            return False
        row.move_from = current.pk
    later = any(line.year > year for line in lines)
    details = (row.head_name, row.head_gender, row.address, row.member_count)
    recorded_details = (known.head_name, known.head_gender, known.address, known.member_count)
    row.update_details = not later and details != recorded_details
    return True


def _plan_year(sheet: Sheet, row: HouseholdRow, known: Known | None, recorded: Recorded, year: int) -> bool:
    """Check the row's registration against the household's record of the year, if any."""
    assert row.area is not None
    lines = recorded.lines.get(known.pk, []) if known is not None else []
    line = next((line for line in lines if line.year == year), None)
    if line is None:
        row.new_line = True
    elif line.area_id != row.area.pk:
        area = recorded.area_names.get(line.area_id, "")
        sheet.fail(row.record, "area", E_RECORD_ELSEWHERE, year=year, area=area)
        return False
    elif line.registered_on is not None:
        if not (row.registers and row.registered_on == line.registered_on):
            date_text = _day(line.registered_on)
            sheet.fail(row.record, "register", E_ALREADY_REGISTERED, code=row.code, year=year, date=date_text)
            return False
        row.registration_kept = True
    elif row.registers:
        row.register_line = line.pk
    if (row.new_line or row.register_line) and row.area.pk in recorded.closed_areas:
        sheet.fail(row.record, "area", E_CLOSED, year=year, unit=row.area.full_name)
        return False
    return True


@dataclass
class Planned:
    """A checked row, and what the write phase does for it."""

    code: str
    head_name: str
    head_gender: str
    address: str
    member_count: int | None
    area: Unit
    registered_on: datetime.date | None  # None: the household does not register
    known: Known | None
    move_from: int | None  # the residence that a move from 01/01 closes
    update_details: bool
    new_line: bool  # a new HouseholdYear
    register_line: int | None  # an unregistered HouseholdYear that now registers
    registration_kept: bool  # the same registration is already recorded
    household_id: int = 0  # known after the households are written

    @property
    def registers_now(self) -> bool:
        return self.registered_on is not None and (self.new_line or self.register_line is not None)


@dataclass
class Plan:
    rows: list[Planned]
    dossiers: list[int]  # the areas whose dossier of the year opens with their first registration


def import_scope(actor: Actor) -> QuerySet[Unit]:
    """The units an import may name: those the actor may see (every one for the system's own actor)."""
    return units_visible_to(actor) if isinstance(actor, User) else Unit.objects.all()


def check_scope(commune: Unit | None, year: int, scope: QuerySet[Unit]) -> list[DomainError]:
    """What is wrong whatever the file holds: the year, the commune."""
    if not datetime.MINYEAR < year < datetime.MAXYEAR:
        raise DomainErrors([DomainError(E_BAD_YEAR, year=year)])
    errors: list[DomainError] = []
    try:
        regime_for(datetime.date(year, 12, 31))
    except DomainError as error:
        errors.append(error)
    if commune is not None:
        if commune.level != Level.COMMUNE:
            raise DomainErrors([*errors, DomainError(E_NOT_A_COMMUNE, unit=commune.full_name)])
        if not scope.filter(pk=commune.pk).exists():
            raise DomainErrors([*errors, DomainError(E_COMMUNE_OUTSIDE, commune=commune.full_name)])
        if not period_of(commune).overlaps(year_period(year)):
            raise DomainErrors([*errors, DomainError(E_COMMUNE_NOT_IN_YEAR, commune=commune.full_name, year=year)])
    return errors


def households_check(
    *, file_name: str, content: bytes, commune: Unit | None, year: int, actor: Actor, progress: Progress
) -> Plan:
    """Every row checked, with what the write phase will do; ``DomainErrors`` if anything is wrong."""
    scope = import_scope(actor)
    errors = check_scope(commune, year, scope)
    try:
        sheet = read_sheet(
            file_name=file_name,
            content=content,
            columns=HOUSEHOLD_COLUMNS,
            required=HOUSEHOLD_REQUIRED,
            sheet_name=HOUSEHOLD_SHEET,
        )
    except DomainErrors as exc:
        raise DomainErrors([*errors, *exc.errors]) from exc
    progress.start(len(sheet.records), _("Checking the file"))
    rows = [_parse(sheet, record, year) for record in sheet.records]
    _mark_duplicates(sheet, rows)
    _resolve_areas(sheet, rows, commune=commune, year=year, scope=scope)
    recorded = _recorded(rows, year=year, scope=scope)
    planned: list[Planned] = []
    for chunk in chunks(rows):
        for row in chunk:
            if row.duplicate or row.area is None or row.code is None or row.head_name is None:
                continue
            known = recorded.households.get(row.code)
            if known is not None and not _plan_household(sheet, row, known, recorded, year):
                continue
            if row.registers is None or not _plan_year(sheet, row, known, recorded, year):
                continue
            planned.append(
                Planned(
                    code=row.code,
                    head_name=row.head_name,
                    head_gender=row.head_gender,
                    address=row.address,
                    member_count=row.member_count,
                    area=row.area,
                    registered_on=row.registered_on if row.registers else None,
                    known=known,
                    move_from=row.move_from,
                    update_details=row.update_details,
                    new_line=row.new_line,
                    register_line=row.register_line,
                    registration_kept=row.registration_kept,
                )
            )
        progress.advance(len(chunk))
    errors += sheet.errors
    if errors:
        raise DomainErrors(sorted(errors, key=lambda error: error.row or 0))
    opened = {row.area.pk for row in planned if row.registers_now} - recorded.dossier_areas
    return Plan(planned, sorted(opened))


def refuse_decided_areas(plan: Plan, *, year: int) -> None:
    """Check again, in the write's transaction, that no area's titles of the year were decided
    since the check: nothing can be registered in them any more."""
    areas = sorted({row.area.pk for row in plan.rows if row.new_line or row.register_line is not None})
    for some_areas in chunks(areas):
        decided = Dossier.objects.filter(
            kind=DossierKind.GDVH, year=year, unit_id__in=some_areas, status__in=CLOSED
        ).select_related("unit")
        dossier = decided.first()
        if dossier is not None:
            raise DomainErrors([DomainError(E_CLOSED, year=year, unit=dossier.unit.full_name)])
