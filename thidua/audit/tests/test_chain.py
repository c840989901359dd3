"""The audit trail is a tamper-evident chain (issue #14, item 7): rows take their time from the
database, each carries the seal of the one before, and ``thidua audit verify`` names a row inserted
by SQL, altered or removed; the application's database role can neither switch the trigger off nor
change the trail."""

from __future__ import annotations

import datetime
import io
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import translation

from thidua.audit.chain import verify
from thidua.audit.models import AuditEntry
from thidua.audit.services import audit_record
from thidua.testing import Cast

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL trigger and roles")


def _record(cast: Cast, number: int) -> AuditEntry:
    with transaction.atomic():
        return audit_record(
            actor=cast["backan"],
            action="units.rename",
            obj=cast.song_cau,
            before={"name": f"Sông Cầu {number}"},
            after={"name": f"Sông Cầu {number + 1}", "day": datetime.date(2013, 12, 26)},
            reason="Nghị quyết 932/NQ-UBTVQH13",
        )


def _verify_output() -> tuple[bool, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except CommandError as exc:
        return False, out.getvalue() + str(exc)
    return True, out.getvalue()


def test_entries_are_chained_and_the_trail_verifies(cast: Cast) -> None:
    entries = [_record(cast, number) for number in range(3)]
    for before, after in itertools.pairwise(entries):
        assert after.previous_hash == before.hash and len(after.hash) == 64
    result = verify()
    assert result.breaks == [] and result.last_hash == entries[-1].hash
    ok, output = _verify_output()
    assert ok and entries[-1].hash in output


@postgres_only
def test_a_row_inserted_by_sql_gets_the_database_time_and_fails_verification_by_name(cast: Cast) -> None:
    real = _record(cast, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (at, action, object_id, object_repr, changes, reason, previous_hash, hash) "
            "VALUES ('2012-01-01 08:00+07', 'awards.decision_issue', '1', 'forged', '{}', 'forged', %s, %s) "
            "RETURNING id, at",
            [real.hash, "0" * 64],
        )
        forged_id, at = cursor.fetchone()
        cursor.execute("SELECT now()")
        now = cursor.fetchone()[0]
    # Not back-dated: the trigger gave it the transaction's time.
    assert at == now
    result = verify()
    assert [(found.entry_id, found.kind) for found in result.breaks] == [(forged_id, "altered")]
    with translation.override("en"):
        ok, output = _verify_output()
    assert not ok and f"{forged_id} (awards.decision_issue" in output and "does not verify: 1 of" in output


@postgres_only
def test_an_altered_row_and_a_removed_row_are_named(cast: Cast) -> None:
    _first, second, third, fourth = (_record(cast, number) for number in range(4))
    with connection.cursor() as cursor:
        # Only the table's owner can do this (the test runs as the owner; the app's role cannot, below).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_append_only")
        cursor.execute("UPDATE audit_auditentry SET reason = 'rewritten' WHERE id = %s", [second.pk])
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [third.pk])
        cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_auditentry_append_only")
    found = [(b.entry_id, b.kind) for b in verify().breaks]
    assert found == [(second.pk, "altered"), (fourth.pk, "out_of_chain")]


@postgres_only
def test_the_applications_role_cannot_switch_the_trigger_off_or_change_the_trail(cast: Cast) -> None:
    entry = _record(cast, 1)
    with connection.cursor() as cursor:
        # The role of docs/operations.md ("PostgreSQL"): it owns nothing, and may only read and add audit rows.
        cursor.execute("CREATE ROLE thidua_app_probe NOLOGIN")
        cursor.execute("GRANT USAGE ON SCHEMA public TO thidua_app_probe")
        cursor.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO thidua_app_probe")
        cursor.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO thidua_app_probe")
        cursor.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditentry FROM thidua_app_probe")
        cursor.execute("SET ROLE thidua_app_probe")
        try:
            refused = []
            for sql in (
                "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_append_only",
                "ALTER TABLE audit_auditentry DISABLE TRIGGER ALL",
                "DROP TRIGGER audit_auditentry_database_time ON audit_auditentry",
                "UPDATE audit_auditentry SET reason = 'x'",
                "DELETE FROM audit_auditentry",
                "TRUNCATE audit_auditentry",
            ):
                with pytest.raises(DatabaseError) as error, transaction.atomic():
                    cursor.execute(sql)
                refused.append("permission denied" in str(error.value) or "must be owner" in str(error.value))
            assert all(refused), refused
            # … while the application itself still writes its trail, chained.
            added = _record(cast, 2)
        finally:
            cursor.execute("RESET ROLE")
    assert added.previous_hash == entry.hash and verify().breaks == []
