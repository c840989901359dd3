"""The ICU collation ``vi-natural`` on PostgreSQL: Vietnamese alphabet, numbers by their value.

SQLite gets a collation of the same name from ``thidua.db.install_sqlite_functions``.
"""

from django.db import migrations

FORWARD = """CREATE COLLATION IF NOT EXISTS "vi-natural" (provider = icu, locale = 'vi-VN-u-kn-true')"""
BACKWARD = 'DROP COLLATION IF EXISTS "vi-natural"'


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("units", "0003_import_files")]
    operations = [migrations.RunPython(forward, backward)]
