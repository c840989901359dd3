"""Drop the indexes that only slowed the writing of households: the area's alone (the indexes starting
with the area serve its lookups) and the two btrees of ``search_text``, which is only searched with
``contains`` (no btree serves it)."""

import django.db.models.deletion
from django.db import migrations, models

# (index, table, column, whether it is PostgreSQL's ``varchar_pattern_ops`` copy of a text index)
INDEXES = [
    ("people_household_area_id_53c7cf30", "people_household", "area_id", False),
    ("people_household_search_text_b5da7dfa", "people_household", "search_text", False),
    ("people_household_search_text_b5da7dfa_like", "people_household", "search_text", True),
    ("people_residence_area_id_1fcea3c6", "people_residence", "area_id", False),
]


def drop_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name, _table, _column, _like in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name, table, column, like in INDEXES:
        if like and not postgresql:
            continue
        quote = schema_editor.quote_name
        opclass = " varchar_pattern_ops" if like else ""
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} ({quote(column)}{opclass})")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_person_search_text"),
        ("units", "0004_vietnamese_natural_collation"),
    ]

    operations = [
        # Only the indexes go: altering the fields the usual way would also drop and re-add (and so
        # re-validate over every row) their foreign keys.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="household",
                    name="area",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="units.unit",
                        verbose_name="residential area",
                    ),
                ),
                migrations.AlterField(
                    model_name="household",
                    name="search_text",
                    field=models.CharField(editable=False, max_length=300),
                ),
                migrations.AlterField(
                    model_name="residence",
                    name="area",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="units.unit",
                        verbose_name="residential area",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
        ),
    ]
