"""A register entry is never deleted and never renumbered, in the database.

After the number is taken, two things are filled in once, in the issuing transaction or by the job
that renders the issued text: the reference to the document (``content_type_id``, ``object_id``)
and the stored file with its checksum (``file``, ``sha256``). Every other column, and these once set,
never change. PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE (a DELETE trigger would
break Django's test flush there). The SQL is frozen here as it was written.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION register_registerentry_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'A register entry is never deleted (%/% of %)', OLD.number, OLD.symbol, OLD.year
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF (NEW.issuer_id, NEW.organ, NEW.year, NEW.number, NEW.type_symbol, NEW.symbol, NEW.issued_on, NEW.kind,
        NEW.allocated, NEW.recorded_at)
       IS DISTINCT FROM
       (OLD.issuer_id, OLD.organ, OLD.year, OLD.number, OLD.type_symbol, OLD.symbol, OLD.issued_on, OLD.kind,
        OLD.allocated, OLD.recorded_at)
       OR (OLD.object_id IS NOT NULL
           AND (NEW.content_type_id, NEW.object_id) IS DISTINCT FROM (OLD.content_type_id, OLD.object_id))
       OR (OLD.sha256 <> '' AND (NEW.file, NEW.sha256) IS DISTINCT FROM (OLD.file, OLD.sha256)) THEN
        RAISE EXCEPTION 'A register entry is immutable (%/% of %)', OLD.number, OLD.symbol, OLD.year
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS register_registerentry_immutable ON register_registerentry;
CREATE TRIGGER register_registerentry_immutable BEFORE UPDATE OR DELETE ON register_registerentry
    FOR EACH ROW EXECUTE FUNCTION register_registerentry_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS register_registerentry_immutable ON register_registerentry;
DROP FUNCTION IF EXISTS register_registerentry_immutable();
"""

SQLITE_FORWARD = """CREATE TRIGGER IF NOT EXISTS register_registerentry_immutable BEFORE UPDATE ON register_registerentry
    WHEN NEW.issuer_id IS NOT OLD.issuer_id OR NEW.organ IS NOT OLD.organ OR NEW.year IS NOT OLD.year
        OR NEW.number IS NOT OLD.number OR NEW.type_symbol IS NOT OLD.type_symbol OR NEW.symbol IS NOT OLD.symbol
        OR NEW.issued_on IS NOT OLD.issued_on OR NEW.kind IS NOT OLD.kind OR NEW.allocated IS NOT OLD.allocated
        OR NEW.recorded_at IS NOT OLD.recorded_at
        OR (OLD.object_id IS NOT NULL AND (NEW.content_type_id IS NOT OLD.content_type_id
            OR NEW.object_id IS NOT OLD.object_id))
        OR (OLD.sha256 <> '' AND (NEW.file IS NOT OLD.file OR NEW.sha256 IS NOT OLD.sha256))
    BEGIN SELECT RAISE(ABORT, 'A register entry is immutable'); END"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS register_registerentry_immutable", params=None)


class Migration(migrations.Migration):
    dependencies = [("register", "0002_entries_from_issued_documents")]

    operations = [migrations.RunPython(forward, backward)]
