"""Drop the single-column indexes of the keys of the household years and of the streaks that the unique
constraints starting with the same key serve (the household years' area keeps its own: see the model)."""

import django.db.models.deletion
from django.db import migrations, models

# (index, table, column, whether it is PostgreSQL's ``varchar_pattern_ops`` copy of a text index)
INDEXES = [
    ("evaluations_householdyear_household_id_0c9c5b88", "evaluations_householdyear", "household_id", False),
    ("evaluations_streak_area_id_062a4a29", "evaluations_streak", "area_id", False),
    ("evaluations_streak_household_id_4bfb8474", "evaluations_streak", "household_id", False),
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
        ("evaluations", "0002_streaks_certificates_deadlines"),
        ("people", "0004_household_residence_drop_redundant_indexes"),
        ("units", "0004_vietnamese_natural_collation"),
    ]

    operations = [
        # Only the indexes go: altering the fields the usual way would also drop and re-add (and so
        # re-validate over every row) their foreign keys.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="householdyear",
                    name="household",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="years",
                        to="people.household",
                    ),
                ),
                migrations.AlterField(
                    model_name="streak",
                    name="area",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="units.unit",
                    ),
                ),
                migrations.AlterField(
                    model_name="streak",
                    name="household",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="people.household",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
        ),
    ]
