"""The lines under an issued commendation decision, and the numbered tờ trình, are immutable in the database.

Migration 0002 protects the decision's own row; the awards it makes were protected only by the ORM's
``pre_save`` guard, which ``QuerySet.update``, ``bulk_update`` and raw SQL never meet.

- ``awards_award``: no DELETE; an UPDATE may only record the revocation (``revoked_on``,
  ``revocation_reason``), once: who or what was awarded, by which decision or tờ trình, for which
  window, never changes.
- ``awards_proposal`` (the tờ trình): its number, symbol, day, addressee, round, form and author never
  change and it is never deleted; the higher body's answer (status, its decision and day) is recorded
  on it later. The list it sends (``awards_proposal_nominations``) is written once and never changed.

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE (a DELETE trigger would break Django's
test flush there). The SQL is frozen here as it was written.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION awards_award_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'An award is never deleted (award %): revoke it with a reason', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF (NEW.nomination_id, NEW.form_id, NEW.area_id, NEW.person_id, NEW.window_start, NEW.window_end,
        NEW.decision_id, NEW.proposal_id)
       IS DISTINCT FROM
       (OLD.nomination_id, OLD.form_id, OLD.area_id, OLD.person_id, OLD.window_start, OLD.window_end,
        OLD.decision_id, OLD.proposal_id) THEN
        RAISE EXCEPTION 'An award is immutable: only its revocation may be recorded (award %)', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.revoked_on IS NOT NULL AND (NEW.revoked_on, NEW.revocation_reason)
       IS DISTINCT FROM (OLD.revoked_on, OLD.revocation_reason) THEN
        RAISE EXCEPTION 'A revoked award stays revoked (award %)', OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS awards_award_immutable ON awards_award;
CREATE TRIGGER awards_award_immutable BEFORE UPDATE OR DELETE ON awards_award
    FOR EACH ROW EXECUTE FUNCTION awards_award_immutable();

CREATE OR REPLACE FUNCTION awards_proposal_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'A numbered tờ trình is never deleted (%/%)', OLD.number, OLD.symbol
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF (NEW.round_id, NEW.form_id, NEW.number, NEW.symbol, NEW.sent_on, NEW.to_body, NEW.created_by_id)
       IS DISTINCT FROM
       (OLD.round_id, OLD.form_id, OLD.number, OLD.symbol, OLD.sent_on, OLD.to_body, OLD.created_by_id) THEN
        RAISE EXCEPTION 'A numbered tờ trình is immutable: only the higher body''s answer is recorded (%/%)',
            OLD.number, OLD.symbol USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS awards_proposal_immutable ON awards_proposal;
CREATE TRIGGER awards_proposal_immutable BEFORE UPDATE OR DELETE ON awards_proposal
    FOR EACH ROW EXECUTE FUNCTION awards_proposal_immutable();

CREATE OR REPLACE FUNCTION awards_proposal_list_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The list of a numbered tờ trình is never changed' USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS awards_proposal_list_immutable ON awards_proposal_nominations;
CREATE TRIGGER awards_proposal_list_immutable BEFORE UPDATE OR DELETE ON awards_proposal_nominations
    FOR EACH ROW EXECUTE FUNCTION awards_proposal_list_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS awards_award_immutable ON awards_award;
DROP FUNCTION IF EXISTS awards_award_immutable();
DROP TRIGGER IF EXISTS awards_proposal_immutable ON awards_proposal;
DROP FUNCTION IF EXISTS awards_proposal_immutable();
DROP TRIGGER IF EXISTS awards_proposal_list_immutable ON awards_proposal_nominations;
DROP FUNCTION IF EXISTS awards_proposal_list_immutable();
"""

SQLITE_FORWARD = [
    """CREATE TRIGGER IF NOT EXISTS awards_award_immutable BEFORE UPDATE ON awards_award
    WHEN NEW.nomination_id IS NOT OLD.nomination_id OR NEW.form_id IS NOT OLD.form_id
        OR NEW.area_id IS NOT OLD.area_id OR NEW.person_id IS NOT OLD.person_id
        OR NEW.window_start IS NOT OLD.window_start OR NEW.window_end IS NOT OLD.window_end
        OR NEW.decision_id IS NOT OLD.decision_id OR NEW.proposal_id IS NOT OLD.proposal_id
        OR (OLD.revoked_on IS NOT NULL AND (NEW.revoked_on IS NOT OLD.revoked_on
            OR NEW.revocation_reason IS NOT OLD.revocation_reason))
    BEGIN SELECT RAISE(ABORT, 'An award is immutable: only its revocation may be recorded, once'); END""",
    """CREATE TRIGGER IF NOT EXISTS awards_proposal_immutable BEFORE UPDATE ON awards_proposal
    WHEN NEW.round_id IS NOT OLD.round_id OR NEW.form_id IS NOT OLD.form_id OR NEW.number IS NOT OLD.number
        OR NEW.symbol IS NOT OLD.symbol OR NEW.sent_on IS NOT OLD.sent_on OR NEW.to_body IS NOT OLD.to_body
        OR NEW.created_by_id IS NOT OLD.created_by_id
    BEGIN SELECT RAISE(ABORT, 'A numbered tờ trình is immutable'); END""",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS awards_award_immutable",
    "DROP TRIGGER IF EXISTS awards_proposal_immutable",
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
    dependencies = [("awards", "0005_number_sequences_moved_to_the_register")]

    operations = [migrations.RunPython(forward, backward)]
