"""`hatnhan audit verify`: passes on an intact chain, fails (non-zero) on any tampering."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hatnhan.audit.models import AuditEvent


def verify() -> str:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except CommandError as exc:
        raise CommandError(f"{exc}\n{err.getvalue()}") from exc
    return out.getvalue()


def test_intact_chain_passes(users):
    output = verify()
    assert f"Nhật ký toàn vẹn: {AuditEvent.objects.count()} sự kiện" in output


def test_event_altered_with_raw_sql_is_reported(users):
    target = AuditEvent.objects.filter(action="user.create").latest("id")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["kẻ giả mạo", target.pk]
        )
    with pytest.raises(CommandError) as failed:
        verify()
    assert "KHÔNG toàn vẹn" in str(failed.value)
    assert f"Sự kiện #{target.pk}: nội dung đã bị sửa" in str(failed.value)


def test_event_deleted_with_raw_sql_is_reported(users):
    ids = list(AuditEvent.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [ids[3]])
    with pytest.raises(CommandError) as failed:
        verify()
    assert f"Sự kiện #{ids[4]}: không nối" in str(failed.value)
