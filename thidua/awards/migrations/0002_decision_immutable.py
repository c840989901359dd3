"""An issued commendation decision is immutable in the database too: only its revocation is recorded.

Signals in ``awards.decisions`` refuse the same through the ORM; this trigger also covers
``QuerySet.update`` and raw SQL. PostgreSQL only (SQLite is the embedded first-run database).
The SQL is frozen here, as it was when the migration was written.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION awards_awarddecision_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'An issued decision is never deleted (%/%)', OLD.number, OLD.symbol;
    END IF;
    IF (NEW.round_id, NEW.issuer_id, NEW.organ, NEW.year, NEW.number, NEW.symbol, NEW.issued_on, NEW.subject,
        NEW.legal_bases, NEW.signer_prefix, NEW.signer_title, NEW.signer_name, NEW.recipients_note,
        NEW.issued_by_id, NEW.issued_at)
       IS DISTINCT FROM
       (OLD.round_id, OLD.issuer_id, OLD.organ, OLD.year, OLD.number, OLD.symbol, OLD.issued_on, OLD.subject,
        OLD.legal_bases, OLD.signer_prefix, OLD.signer_title, OLD.signer_name, OLD.recipients_note,
        OLD.issued_by_id, OLD.issued_at) THEN
        RAISE EXCEPTION 'An issued decision is immutable: only its revocation may be recorded (%/%)',
            OLD.number, OLD.symbol;
    END IF;
    IF OLD.revoked_on IS NOT NULL AND NEW.revoked_on IS DISTINCT FROM OLD.revoked_on THEN
        RAISE EXCEPTION 'A revoked decision stays revoked (%/%)', OLD.number, OLD.symbol;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS awards_awarddecision_immutable ON awards_awarddecision;
CREATE TRIGGER awards_awarddecision_immutable BEFORE UPDATE OR DELETE ON awards_awarddecision
    FOR EACH ROW EXECUTE FUNCTION awards_awarddecision_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS awards_awarddecision_immutable ON awards_awarddecision;
DROP FUNCTION IF EXISTS awards_awarddecision_immutable();
"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_rounds")]

    operations = [migrations.RunPython(forward, backward)]
