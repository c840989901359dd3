"""A recognition decision and the title lines under it are immutable once issued, in the database.

- ``evaluations_decision``: no UPDATE, no DELETE at all. A correction is a new decision.
- ``evaluations_householdyear`` / ``evaluations_areayear``, once a decision is attached
  (``decision_id`` not null): the columns that carry the title — the household or area, the year,
  ``titled`` and ``decision_id`` — never change and the row is never deleted. Revocation stays possible
  as the revocation columns only: ``revoked_on`` and ``revocation_reason`` are written once and never
  again (a revoked title stays revoked). The other columns (points, counts, the Front's own
  evaluation) are the working data of the year, not what the decision says, and stay writable.

Revocation is kept in these columns rather than moved to rows of its own because every reader of a
title (streaks, counts, certificates, reports) reads ``revoked_on`` beside ``titled``; the trigger
gives the same guarantee a separate row would: nothing but the revocation can change, and only once.

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE (a DELETE trigger would break Django's
test flush there, which empties tables with DELETE; the models have no delete path). The SQL is
frozen here as it was written.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION evaluations_decision_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'An issued recognition decision is never changed nor deleted (%/% of %): issue a new decision',
        OLD.number, OLD.symbol, OLD.issued_on USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS evaluations_decision_immutable ON evaluations_decision;
CREATE TRIGGER evaluations_decision_immutable BEFORE UPDATE OR DELETE ON evaluations_decision
    FOR EACH ROW EXECUTE FUNCTION evaluations_decision_immutable();

CREATE OR REPLACE FUNCTION evaluations_householdyear_titled() RETURNS trigger AS $$
BEGIN
    IF OLD.decision_id IS NULL THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'A decided household year is never deleted (decision %)', OLD.decision_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF (NEW.household_id, NEW.year, NEW.area_id, NEW.titled, NEW.decision_id)
       IS DISTINCT FROM (OLD.household_id, OLD.year, OLD.area_id, OLD.titled, OLD.decision_id) THEN
        RAISE EXCEPTION 'A decided title is immutable: only its revocation may be recorded (decision %)',
            OLD.decision_id USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.revoked_on IS NOT NULL AND (NEW.revoked_on, NEW.revocation_reason)
       IS DISTINCT FROM (OLD.revoked_on, OLD.revocation_reason) THEN
        RAISE EXCEPTION 'A revoked title stays revoked (decision %)', OLD.decision_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS evaluations_householdyear_titled ON evaluations_householdyear;
CREATE TRIGGER evaluations_householdyear_titled BEFORE UPDATE OR DELETE ON evaluations_householdyear
    FOR EACH ROW EXECUTE FUNCTION evaluations_householdyear_titled();

CREATE OR REPLACE FUNCTION evaluations_areayear_titled() RETURNS trigger AS $$
BEGIN
    IF OLD.decision_id IS NULL THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'A decided area year is never deleted (decision %)', OLD.decision_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF (NEW.area_id, NEW.year, NEW.titled, NEW.decision_id)
       IS DISTINCT FROM (OLD.area_id, OLD.year, OLD.titled, OLD.decision_id) THEN
        RAISE EXCEPTION 'A decided title is immutable: only its revocation may be recorded (decision %)',
            OLD.decision_id USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.revoked_on IS NOT NULL AND (NEW.revoked_on, NEW.revocation_reason)
       IS DISTINCT FROM (OLD.revoked_on, OLD.revocation_reason) THEN
        RAISE EXCEPTION 'A revoked title stays revoked (decision %)', OLD.decision_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS evaluations_areayear_titled ON evaluations_areayear;
CREATE TRIGGER evaluations_areayear_titled BEFORE UPDATE OR DELETE ON evaluations_areayear
    FOR EACH ROW EXECUTE FUNCTION evaluations_areayear_titled();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS evaluations_decision_immutable ON evaluations_decision;
DROP FUNCTION IF EXISTS evaluations_decision_immutable();
DROP TRIGGER IF EXISTS evaluations_householdyear_titled ON evaluations_householdyear;
DROP FUNCTION IF EXISTS evaluations_householdyear_titled();
DROP TRIGGER IF EXISTS evaluations_areayear_titled ON evaluations_areayear;
DROP FUNCTION IF EXISTS evaluations_areayear_titled();
"""

SQLITE_FORWARD = [
    """CREATE TRIGGER IF NOT EXISTS evaluations_decision_immutable BEFORE UPDATE ON evaluations_decision
    BEGIN SELECT RAISE(ABORT, 'An issued recognition decision is never changed: issue a new decision'); END""",
    """CREATE TRIGGER IF NOT EXISTS evaluations_householdyear_titled BEFORE UPDATE ON evaluations_householdyear
    WHEN OLD.decision_id IS NOT NULL AND (
        NEW.household_id IS NOT OLD.household_id OR NEW.year IS NOT OLD.year OR NEW.area_id IS NOT OLD.area_id
        OR NEW.titled IS NOT OLD.titled OR NEW.decision_id IS NOT OLD.decision_id
        OR (OLD.revoked_on IS NOT NULL AND (NEW.revoked_on IS NOT OLD.revoked_on
            OR NEW.revocation_reason IS NOT OLD.revocation_reason)))
    BEGIN SELECT RAISE(ABORT, 'A decided title is immutable: only its revocation may be recorded, once'); END""",
    """CREATE TRIGGER IF NOT EXISTS evaluations_areayear_titled BEFORE UPDATE ON evaluations_areayear
    WHEN OLD.decision_id IS NOT NULL AND (
        NEW.year IS NOT OLD.year OR NEW.area_id IS NOT OLD.area_id
        OR NEW.titled IS NOT OLD.titled OR NEW.decision_id IS NOT OLD.decision_id
        OR (OLD.revoked_on IS NOT NULL AND (NEW.revoked_on IS NOT OLD.revoked_on
            OR NEW.revocation_reason IS NOT OLD.revocation_reason)))
    BEGIN SELECT RAISE(ABORT, 'A decided title is immutable: only its revocation may be recorded, once'); END""",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS evaluations_decision_immutable",
    "DROP TRIGGER IF EXISTS evaluations_householdyear_titled",
    "DROP TRIGGER IF EXISTS evaluations_areayear_titled",
]


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0004_streak_runs")]

    operations = [migrations.RunPython(forward, backward)]
