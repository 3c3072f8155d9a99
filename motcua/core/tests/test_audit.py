import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from motcua.core.audit import record_audit, verify_audit_chain
from motcua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _append(count: int) -> list[AuditEntry]:
    return [
        record_audit(
            actor="tester",
            action="thing.done",
            object_type="thing",
            object_id=i,
            data={"n": i, "name": "Nguyễn Văn A"},
        )
        for i in range(count)
    ]


def test_entries_chain_to_each_other():
    # given / when
    entries = _append(3)
    # then
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].prev_hash == entries[1].hash
    assert entries[2].seq == entries[1].seq + 1
    assert verify_audit_chain().ok


def test_altered_entry_breaks_the_chain_at_that_entry():
    entries = _append(4)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET actor = %s WHERE seq = %s", ["intruder", entries[2].seq])
    report = verify_audit_chain()
    assert not report.ok
    assert report.first_break.seq == entries[2].seq
    assert "altered" in report.first_break.reason


def test_removed_entry_is_detected():
    entries = _append(4)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = %s", [entries[1].seq])
    report = verify_audit_chain()
    assert not report.ok
    assert report.first_break.seq == entries[2].seq
    assert "missing" in report.first_break.reason


def test_command_exits_1_naming_the_first_broken_entry():
    entries = _append(2)
    call_command("verify_audit_chain")  # intact: no error
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET data = %s WHERE seq = %s", ['{"n": 99}', entries[0].seq])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit_chain")
    assert error.value.returncode == 1
    assert f"#{entries[0].seq}" in str(error.value)


def test_orm_refuses_to_change_or_delete_entries():
    entry = _append(1)[0]
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(actor="x")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).actor == "tester"
