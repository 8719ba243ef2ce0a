"""The audit trail is append-only and hash-chained; verify finds any tampering."""

import pytest
from django.db import connection

from hatnhan.audit.models import AuditChainHead, AuditEvent
from hatnhan.audit.services import move_anchor, verify_chain
from hatnhan.members.services import update_member


@pytest.fixture
def history(users, make_member):
    member = make_member(name="Nguyễn Văn Hải")
    update_member(actor=users["secretary"], member=member, post="Trưởng phòng")
    # The anchor moves after commit; the test's transaction never commits, so move it here.
    move_anchor()
    return member


def test_every_write_is_chained_and_verifies(history):
    assert AuditEvent.objects.count() > 5
    assert verify_chain() == []


def test_event_records_actor_before_after_and_utc_time(history, users):
    event = AuditEvent.objects.filter(action="member.update").latest("id")
    assert event.actor == users["secretary"]
    assert event.before["post"] == "" and event.after["post"] == "Trưởng phòng"
    assert event.created_at.utcoffset().total_seconds() == 0


def test_model_refuses_update_and_delete(history):
    event = AuditEvent.objects.first()
    event.action = "forged"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="forged")


def test_verify_reports_an_altered_event(history):
    target = AuditEvent.objects.filter(action="member.update").latest("id")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET object_repr = %s WHERE id = %s", ["giả mạo", target.pk]
        )
    problems = verify_chain()
    assert any(f"#{target.pk}" in p and "bị sửa" in p for p in problems)


def test_verify_reports_a_missing_event_in_the_middle(history):
    ids = list(AuditEvent.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [ids[2]])
    problems = verify_chain()
    assert any(f"#{ids[3]}" in p and "không nối" in p for p in problems)


def test_events_are_numbered_without_gaps(history):
    seqs = list(AuditEvent.objects.order_by("id").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_anchor_moves_once_per_transaction_to_the_committed_end(history, make_member):
    for name in ("Lê Văn Một", "Lê Văn Hai", "Lê Văn Ba"):
        make_member(name=name)
    pending = [func for _, func, _ in connection.run_on_commit if func is move_anchor]
    assert len(pending) == 1
    pending[0]()
    head = AuditChainHead.objects.get(pk=1)
    end = AuditEvent.objects.order_by("-seq").first()
    assert (head.count, head.last_hash) == (end.seq, end.hash)


def test_verify_reports_a_missing_last_event(history):
    last = AuditEvent.objects.order_by("id").last()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [last.pk])
    assert any("đầu chuỗi" in p for p in verify_chain())
