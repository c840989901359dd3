"""PostgreSQL: a CSV file of households checked and written set-based, through a staging table.

The file's rows are read as everywhere (``read_sheet``), then copied raw into a temporary table, and
one query checks them all against the rules of ``checks`` and against the database; one statement
then writes the new households, their residences, the recorded households' new details and every
row's record of the year (``INSERT … SELECT``, ``UPDATE … FROM``), in the same transaction. At a
province's scale the Python check of every row cost about half of the import; the rest is the
writing of the rows itself (``make bench`` prints what writing them alone costs).

This path takes only what it can decide alone: a CSV file whose every row is right and names either
a household not yet recorded (the first import of a commune's year) or a household already recorded
that simply registers for a new year, which is what every commune sends every year after the first.
Such a recorded household lives in the row's area (its current area, and a residence there during
the year), is not dissolved, has a head whose name reads as the row's (as ``checks`` compares names
when it moves a household: folded, so that a name retyped without its diacritics is the same head),
and has no record of the year or of a later one; its details then follow the file where they
changed, as ``households_check`` plans them. Any other file (a row wrong, a household that moves, is
dissolved, is already recorded for the year or later, has another head, a spelling the query does not
know, an Excel workbook) returns None and goes through ``households_check``, which names every bad
row, column and reason, or plans the moves, the registrations kept and the updates; so the errors
and the outcome are those of that path, whichever path runs. The query is therefore never laxer than
the Python checks: what it accepts, they accept and plan alike.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from thidua.accounts.system import Actor
from thidua.audit.services import audit_record
from thidua.evaluations.imports.checks import CLOSED, area_candidates, check_scope, import_scope
from thidua.evaluations.imports.layout import (
    DEFAULT_REGISTRATION_DAY,
    GENDERS,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_REQUIRED,
    HOUSEHOLD_SHEET,
    MAX_MEMBERS,
    REGISTERS,
)
from thidua.evaluations.models import Dossier, DossierKind, HouseholdYear
from thidua.lib.progress import Progress
from thidua.people.models import Household, Residence, household_search_text
from thidua.units.imports.tables import cell_key, read_sheet
from thidua.units.models import Unit

STAGING = "people_household_staging"
CHECKED = "people_household_checked"
_KEYS = tuple(column.key for column in HOUSEHOLD_COLUMNS)


def _spellings(words: dict[str, Any]) -> dict[str, Any]:
    """The exact spellings the query accepts for a list's words: each word of ``words`` as written,
    capitalised and in capitals, with its Vietnamese form; each is checked to read the same in
    Python (``cell_key``), so the query never accepts what the Python checks would refuse."""
    base = {"nữ": "nu", "có": "co", "không": "khong"}
    spellings: dict[str, Any] = {}
    for word in [*words, *base]:
        for spelling in {word, word.capitalize(), word.upper()}:
            key = cell_key(spelling)
            if key in words:
                spellings[spelling] = words[key]
    return spellings


GENDER_SPELLINGS = _spellings(GENDERS)
REGISTER_SPELLINGS = _spellings(REGISTERS)

# One row of the staging table a row of the file, its cells as text as the file writes them; the
# head's name and the address also with single spaces, and the search text, as Python makes them.
_CREATE = f"""
CREATE TEMP TABLE {STAGING} (
  row integer, code text, head_raw text, head text, gender text, address_raw text, address text,
  area text, members text, register text, registered_on text, search_text text
) ON COMMIT DROP
"""

# Every row of the staging table with its values typed, the household recorded under its code if
# any (``known``), whether the Python checks would accept it as a new household or as a recorded one
# registering for the year without moving (``ok``), and whether a recorded household's details change
# (``update_details``, as ``_plan_household`` decides it). The area codes come resolved from Python
# (``area_candidates``, only the codes naming exactly one area; the areas whose titles are decided are
# left out).
_STAGED = f"""
WITH typed AS (
  SELECT s.*, g.value AS gender_value, r.value AS registers, a.id AS area_id,
         a.valid_from AS area_from, a.valid_to AS area_to,
         CASE WHEN s.members ~ '^[0-9]{{1,9}}$' THEN s.members::integer END AS member_count,
         CASE WHEN s.registered_on ~ '^[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{4}}$'
               AND split_part(s.registered_on, '/', 3)::integer = %(year)s
               AND split_part(s.registered_on, '/', 2)::integer BETWEEN 1 AND 12
               AND split_part(s.registered_on, '/', 1)::integer BETWEEN 1 AND EXTRACT(DAY FROM
                   make_date(%(year)s, split_part(s.registered_on, '/', 2)::integer, 1)
                   + interval '1 month' - interval '1 day')
              THEN make_date(%(year)s, split_part(s.registered_on, '/', 2)::integer,
                             split_part(s.registered_on, '/', 1)::integer)
         END AS given_on,
         COUNT(*) OVER (PARTITION BY s.code COLLATE "C") AS same_code, h.*
    FROM {STAGING} s
    LEFT JOIN unnest(%(gender_words)s::text[], %(gender_values)s::text[]) AS g(word, value) ON g.word = s.gender
    LEFT JOIN unnest(%(register_words)s::text[], %(register_values)s::boolean[]) AS r(word, value)
      ON r.word = s.register
    LEFT JOIN unnest(%(area_codes)s::text[], %(area_ids)s::bigint[], %(area_from)s::date[], %(area_to)s::date[])
      AS a(code, id, valid_from, valid_to) ON a.code = s.area
    -- Whether it lived in the row's area during the year is what spares a recorded household the
    -- move (``_plan_household``); any record of the year or later leaves the row to Python.
    LEFT JOIN LATERAL (
      SELECT h.id AS known, h.area_id AS known_area, h.dissolved_on AS known_dissolved, h.head_name AS known_head,
             h.head_gender AS known_gender, h.address AS known_address, h.member_count AS known_members,
             EXISTS (SELECT FROM people_residence r
                      WHERE r.household_id = h.id AND r.area_id = a.id
                        AND (r.valid_from IS NULL OR r.valid_from <= make_date(%(year)s, 12, 31))
                        AND (r.valid_to IS NULL OR r.valid_to >= make_date(%(year)s, 1, 1))) AS known_stays,
             EXISTS (SELECT FROM evaluations_householdyear y
                      WHERE y.household_id = h.id AND y.year >= %(year)s) AS known_lines
        FROM people_household h WHERE h.code = s.code LIMIT 1
    ) AS h ON true
), dated AS (
  SELECT typed.*,
         CASE WHEN registers THEN COALESCE(given_on, make_date(%(year)s, %(default_month)s, %(default_day)s)) END
           AS registration
    FROM typed
)
SELECT dated.*,
       code IS NOT NULL AND char_length(code) <= 40
       AND head_raw IS NOT NULL AND char_length(head_raw) <= 120
       AND (gender IS NULL OR gender_value IS NOT NULL)
       AND (address_raw IS NULL OR char_length(address_raw) <= 200)
       AND area IS NOT NULL AND char_length(area) <= 20 AND area_id IS NOT NULL
       AND (members IS NULL OR COALESCE(member_count BETWEEN 1 AND %(max_members)s, false))
       AND registers IS NOT NULL
       AND (registered_on IS NULL OR (registers AND given_on IS NOT NULL))
       AND (registration IS NULL OR ((area_from IS NULL OR area_from <= registration)
                                     AND (area_to IS NULL OR registration <= area_to)))
       AND same_code = 1
       AND (known IS NULL
            OR (known_area = area_id AND known_stays AND known_dissolved IS NULL AND NOT known_lines)) AS ok,
       known IS NOT NULL
       AND (head, COALESCE(gender_value, ''), COALESCE(address, ''), member_count)
           IS DISTINCT FROM (known_head, known_gender, known_address, known_members) AS update_details
  FROM dated
"""  # noqa: S608 — a constant table name; every value is a parameter.

_CHECK = f"""
SELECT COUNT(*) FILTER (WHERE NOT ok), COUNT(*) FILTER (WHERE registers),
       array_agg(DISTINCT area_id) FILTER (WHERE registers),
       COUNT(*) FILTER (WHERE known IS NULL), COUNT(*) FILTER (WHERE update_details)
  FROM {CHECKED}
"""  # noqa: S608

# The recorded households whose head's name the file writes otherwise, for Python to compare.
_HEADS = f"SELECT head, known_head FROM {CHECKED} WHERE known IS NOT NULL AND head <> known_head"  # noqa: S608


def _defaults(model: type[Model], fields: Sequence[str]) -> tuple[list[str], list[Any], list[str]]:
    """The columns of ``model`` other than ``fields`` and the key, with their fields' defaults, as
    ``bulk_create`` gives them, and their types."""
    rest = [f for f in model._meta.concrete_fields if f.attname not in fields and not f.primary_key]
    values = [json.dumps(f.get_default()) if f.get_internal_type() == "JSONField" else f.get_default() for f in rest]
    return [str(f.column) for f in rest], values, [str(f.db_type(connection)) for f in rest]


def _write_sql() -> tuple[str, dict[str, Any]]:
    """New households and their residences, the recorded households' changed details, and every row's
    record of the year, in one statement from the checked table; the new households' ids in the order
    of the file's rows."""
    params: dict[str, Any] = {}
    parts = []
    for name, model, fields in (
        (
            "household",
            Household,
            ("code", "head_name", "head_gender", "address", "member_count", "area_id", "search_text"),
        ),
        ("residence", Residence, ("household_id", "area_id", "valid_from")),
        ("line", HouseholdYear, ("household_id", "year", "area_id", "registered_on")),
    ):
        columns, defaults, types = _defaults(model, fields)
        by_attname = {f.attname: str(f.column) for f in model._meta.concrete_fields}
        names = [f"{name}_{n}" for n in range(len(defaults))]
        params.update(zip(names, defaults, strict=True))
        parts.append(
            (
                ", ".join([*(by_attname[f] for f in fields), *columns]),
                ", ".join(f"%({n})s::{db_type}" for n, db_type in zip(names, types, strict=True)),
            )
        )
    (household_columns, household_rest), (residence_columns, residence_rest), (line_columns, line_rest) = parts
    # A recorded household keeps its residence (it did not move); only the details that
    # ``households_write`` updates change, and only where they differ.
    sql = f"""
WITH staged AS (SELECT * FROM {CHECKED}), created AS (
  INSERT INTO people_household ({household_columns})
  SELECT code, head, COALESCE(gender_value, ''), COALESCE(address, ''), member_count, area_id, search_text,
         {household_rest}
    FROM staged WHERE known IS NULL ORDER BY row
  RETURNING id, code
), joined AS (
  SELECT created.id, staged.area_id, staged.area_from, staged.registration
    FROM created JOIN staged USING (code)
), residences AS (
  INSERT INTO people_residence ({residence_columns})
  SELECT id, area_id, CASE WHEN area_from > make_date(%(year)s, 1, 1) THEN area_from END, {residence_rest}
    FROM joined
), updated AS (
  UPDATE people_household h
     SET head_name = staged.head, head_gender = COALESCE(staged.gender_value, ''),
         address = COALESCE(staged.address, ''), member_count = staged.member_count,
         search_text = staged.search_text
    FROM staged
   WHERE h.id = staged.known AND staged.update_details
)
INSERT INTO evaluations_householdyear ({line_columns})
SELECT id, %(year)s, area_id, registration, {line_rest} FROM joined
UNION ALL
SELECT known, %(year)s, area_id, registration, {line_rest} FROM staged WHERE known IS NOT NULL
"""  # noqa: S608 — the table and column names come from the models; every value is a parameter.
    return sql, params


def _is_csv(file_name: str, content: bytes) -> bool:
    """Whether ``read_table`` reads the file as CSV, whose cells are all text."""
    suffix = PurePath(file_name).suffix.lower()
    return not content.startswith((b"PK", b"\xd0\xcf\x11\xe0")) and suffix in (".csv", ".txt", "")


def households_import_staged(
    *,
    file_name: str,
    content: bytes,
    commune: Unit | None,
    year: int,
    actor: Actor,
    progress: Progress,
    dry_run: bool,
) -> dict[str, int] | None:
    """Import a file of new households and of recorded ones registering for a new year set-based (see
    the module), or None when ``households_check`` has to decide. Raises the ``DomainErrors`` of the
    scope and of the file's layout as it does."""
    if connection.vendor != "postgresql" or not _is_csv(file_name, content):
        return None
    scope = import_scope(actor)
    if check_scope(commune, year, scope):
        return None
    sheet = read_sheet(
        file_name=file_name,
        content=content,
        columns=HOUSEHOLD_COLUMNS,
        required=HOUSEHOLD_REQUIRED,
        sheet_name=HOUSEHOLD_SHEET,
    )
    rows = len(sheet.records)
    progress.start(rows, _("Checking the file"))
    codes = sorted({str(record.cells["area"]) for record in sheet.records if record.cells.get("area") is not None})
    areas = {
        code: units[0]
        for code, units in area_candidates(codes, commune=commune, year=year, scope=scope).items()
        if len(units) == 1
    }
    dossiers = dict(
        Dossier.objects.filter(
            kind=DossierKind.GDVH, year=year, unit_id__in=[a.pk for a in areas.values()]
        ).values_list("unit_id", "status")
    )
    # A new household's record of the year cannot go into an area whose titles are decided.
    areas = {code: area for code, area in areas.items() if dossiers.get(area.pk) not in CLOSED}
    day, month = DEFAULT_REGISTRATION_DAY
    params: dict[str, Any] = {
        "year": year,
        "default_day": day,
        "default_month": month,
        "max_members": MAX_MEMBERS,
        "gender_words": list(GENDER_SPELLINGS),
        "gender_values": [str(value) for value in GENDER_SPELLINGS.values()],
        "register_words": list(REGISTER_SPELLINGS),
        "register_values": list(REGISTER_SPELLINGS.values()),
        "area_codes": list(areas),
        "area_ids": [area.pk for area in areas.values()],
        "area_from": [area.valid_from for area in areas.values()],
        "area_to": [area.valid_to for area in areas.values()],
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{STAGING}")
        cursor.execute(_CREATE)
        # A file's few thousand rows look costly enough to the planner to JIT-compile the checks, which
        # then takes longer than running them.
        cursor.execute("SET LOCAL jit = off")
        with cursor.connection.cursor().copy(f"COPY {STAGING} FROM STDIN") as copy:
            for record in sheet.records:
                cells = record.cells
                code, head_raw, address_raw = cells.get("code"), cells.get("head_name"), cells.get("address")
                # As ``checks._parse`` makes them: single spaces, and the text a search compares with.
                head = " ".join(str(head_raw).split()) if head_raw is not None else None
                address = " ".join(str(address_raw).split()) if address_raw is not None else None
                search = household_search_text(head, str(code), address or "") if head and code else None
                copy.write_row(
                    (
                        record.number,
                        code,
                        head_raw,
                        head,
                        cells.get("head_gender"),
                        address_raw,
                        address,
                        cells.get("area"),
                        cells.get("members"),
                        cells.get("register"),
                        cells.get("registered_on"),
                        search,
                    )
                )
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{CHECKED}")
        # The rows checked once, for the verdict and for the write.
        cursor.execute(f"CREATE TEMP TABLE {CHECKED} ON COMMIT DROP AS {_STAGED}", params)
        cursor.execute(_CHECK)
        wrong, registered, registering_areas, created, updated = cursor.fetchone()
        if not wrong:
            # A recorded household's head must read as the row's, as ``_plan_household`` compares them
            # (folded, which SQL does not do alike): only the names written otherwise are compared here.
            cursor.execute(_HEADS)
            wrong = sum(cell_key(head) != cell_key(known_head) for head, known_head in cursor.fetchall())
        if wrong:
            # The Python checks name what is wrong, or decide what this query does not.
            cursor.execute(f"DROP TABLE {STAGING}, {CHECKED}")
            return None
        progress.advance(rows)
        summary = {
            "rows": rows,
            "households_created": created,
            "households_updated": updated,
            "households_unchanged": rows - created - updated,
            "moved": 0,
            "registered": registered,
            "registrations_unchanged": 0,
            "not_registering": rows - registered,
        }
        if not dry_run:
            writes = 2 * created + updated + rows
            progress.start(writes, _("Writing"))
            sql, write_params = _write_sql()
            cursor.execute(sql, {**params, **write_params})
            # The area's dossier of the year opens with its first registration, as ``households_register`` does.
            opened = sorted(set(registering_areas or ()) - set(dossiers))
            Dossier.objects.bulk_create(
                [Dossier(kind=DossierKind.GDVH, unit_id=area_id, year=year) for area_id in opened],
                ignore_conflicts=True,
            )
            audit_record(
                actor=actor,
                action="people.import_households",
                obj=commune,
                after={"file": file_name, "year": year, **summary},
            )
            progress.advance(writes)
        cursor.execute(f"DROP TABLE {STAGING}, {CHECKED}")
    progress.finish()
    return summary
