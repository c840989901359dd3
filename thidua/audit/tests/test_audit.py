from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client

from thidua.audit.models import AuditEntry, AuditLogIsAppendOnly
from thidua.audit.services import audit_record, diff, snapshot
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


def _rename(cast: Cast, new_name: str) -> AuditEntry:
    unit = cast.song_cau
    with transaction.atomic():
        before = snapshot(unit, ["name"])
        unit.name = new_name
        unit.save()
        return audit_record(
            actor=cast["admin"],
            action="units.rename",
            obj=unit,
            before=before,
            after=snapshot(unit, ["name"]),
            reason="Nghị quyết 932/NQ-UBTVQH13",
        )


def test_an_entry_records_actor_object_before_after_and_reason(cast: Cast) -> None:
    entry = _rename(cast, "Sông Cầu mới")
    entry.refresh_from_db()
    assert entry.actor == cast["admin"]
    assert entry.object_repr == "phường Sông Cầu mới"
    assert entry.changes == {"name": ["Sông Cầu", "Sông Cầu mới"]}
    assert entry.reason == "Nghị quyết 932/NQ-UBTVQH13"
    assert list(AuditEntry.objects.for_object(cast.song_cau)) == [entry]


def test_diff_keeps_only_what_changed() -> None:
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}


def test_it_must_be_written_inside_the_changes_transaction(cast: Cast) -> None:
    # pytest-django wraps the test in a transaction; leave it to see the guard.
    with pytest.raises(RuntimeError, match="inside the transaction"):
        connection.in_atomic_block = False
        try:
            audit_record(actor=None, action="x")
        finally:
            connection.in_atomic_block = True


def test_no_code_path_of_the_orm_updates_or_deletes_an_entry(cast: Cast) -> None:
    entry = _rename(cast, "Sông Cầu 2")
    entry.reason = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.reason == "Nghị quyết 932/NQ-UBTVQH13"


@pytest.mark.postgres
def test_postgresql_refuses_raw_updates_and_deletes(cast: Cast) -> None:
    entry = _rename(cast, "Sông Cầu 3")
    for sql in ("UPDATE audit_auditentry SET reason = 'x' WHERE id = %s", "DELETE FROM audit_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, reason="Nghị quyết 932/NQ-UBTVQH13").exists()


def test_the_history_panel_shows_the_change_on_the_object_page(client: Client, cast: Cast) -> None:
    _rename(cast, "Sông Cầu mới")
    client.force_login(cast["backan"])
    page = client.get(f"/units/{cast.song_cau.pk}/").content.decode()
    history = page[page.index('data-testid="history"') :]
    # In the reader's words (Vietnamese, the default): the action's name, not its key.
    assert "Đổi tên đơn vị" in history and "units.rename" not in history
    assert "Sông Cầu → Sông Cầu mới" in history
    assert "Nghị quyết 932/NQ-UBTVQH13" in history
    assert "Quản trị hệ thống" in history
