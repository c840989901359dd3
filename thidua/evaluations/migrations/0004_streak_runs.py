"""Streaks stored as runs of consecutive title years (household or area, first year, last year) instead
of one row a year: a province's recompute writes a fifth of the rows; and the household of a run is no
foreign key of the database any more, whose check a row at a time cost more than the runs (see ``Streak``).

The rows a year become runs in SQL: a row that no row of the next year continues ends a run of its
length. The stored streaks are derived data (``thidua recompute`` rebuilds them); converting keeps
what was computed instead of leaving the table empty until then.
"""

import django.db.models.deletion
from django.db import migrations, models

_RUNS = """
UPDATE evaluations_streak SET first_year = year - length + 1, last_year = year
 WHERE length > 0 AND NOT EXISTS (
   SELECT 1 FROM evaluations_streak AS later
    WHERE later.{key} = evaluations_streak.{key} AND later.year = evaluations_streak.year + 1
      AND later.length = evaluations_streak.length + 1)
   AND {key} IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0003_householdyear_streak_drop_redundant_indexes"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="streak", name="streak_household_year"),
        migrations.RemoveConstraint(model_name="streak", name="streak_area_year"),
        migrations.AddField(model_name="streak", name="first_year", field=models.PositiveSmallIntegerField(null=True)),
        migrations.AddField(model_name="streak", name="last_year", field=models.PositiveSmallIntegerField(null=True)),
        migrations.RunSQL(_RUNS.format(key="household_id"), migrations.RunSQL.noop),
        migrations.RunSQL(_RUNS.format(key="area_id"), migrations.RunSQL.noop),
        # The years that end no run (0) and the years inside a run are no rows of their own any more.
        migrations.RunSQL("DELETE FROM evaluations_streak WHERE first_year IS NULL", migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="streak",
            name="household",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="people.household",
            ),
        ),
        migrations.RemoveField(model_name="streak", name="year"),
        migrations.RemoveField(model_name="streak", name="length"),
        migrations.AlterField(
            model_name="streak",
            name="first_year",
            field=models.PositiveSmallIntegerField(verbose_name="first year"),
        ),
        migrations.AlterField(
            model_name="streak",
            name="last_year",
            field=models.PositiveSmallIntegerField(verbose_name="last year"),
        ),
        migrations.AddConstraint(
            model_name="streak",
            constraint=models.UniqueConstraint(
                condition=models.Q(household__isnull=False),
                fields=("household", "first_year"),
                name="streak_household_first_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="streak",
            constraint=models.UniqueConstraint(
                condition=models.Q(area__isnull=False), fields=("area", "first_year"), name="streak_area_first_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="streak",
            constraint=models.CheckConstraint(
                condition=models.Q(first_year__lte=models.F("last_year")), name="streak_first_year_not_after_last"
            ),
        ),
    ]
