"""The indexes of the tables a province's import and streak recompute write: each key is looked up
through an index starting with it, and no index is kept that no query uses (each costs every write)."""

from __future__ import annotations

import pytest
from django.db import connection

from thidua.evaluations.models import HouseholdYear, Streak
from thidua.people.models import Household, Residence

pytestmark = pytest.mark.django_db

WRITTEN = (Household, Residence, HouseholdYear, Streak)
# Kept on purpose: a province's rows read by area go faster through it than through (area, year).
KEPT = {("evaluations_householdyear", "area_id")}


def _indexes(table: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [c["columns"] for c in constraints.values() if (c["index"] or c["unique"]) and c["columns"]]


@pytest.mark.parametrize("model", WRITTEN, ids=lambda m: m._meta.db_table)
def test_every_key_of_the_written_tables_leads_an_index(model: type) -> None:
    indexes = _indexes(model._meta.db_table)
    keys = [f.column for f in model._meta.concrete_fields if f.is_relation]
    assert keys
    for key in keys:
        assert any(columns[0] == key for columns in indexes), (model._meta.db_table, key, indexes)


@pytest.mark.parametrize("model", WRITTEN, ids=lambda m: m._meta.db_table)
def test_no_key_of_the_written_tables_has_an_index_of_its_own_beside_one_it_leads(model: type) -> None:
    indexes = _indexes(model._meta.db_table)
    for columns in indexes:
        if len(columns) == 1 and columns != ["id"] and (model._meta.db_table, columns[0]) not in KEPT:
            wider = [other for other in indexes if len(other) > 1 and other[0] == columns[0]]
            assert not wider, (model._meta.db_table, columns, wider)


def test_the_search_text_of_households_is_searched_without_a_btree() -> None:
    # ``household_search`` filters with ``contains`` (LIKE '%word%'), which no btree serves.
    assert not [columns for columns in _indexes(Household._meta.db_table) if "search_text" in columns]
