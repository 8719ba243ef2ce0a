"""The migration's rebuild both ways keeps every event, the ids' sequence and the index
names later migrations look up (PostgreSQL; on SQLite the rebuild does nothing)."""

import pytest
from django.db import connection

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.partitions import is_partitioned, partition_by_month, unpartition
from hatnhan.audit.services import move_anchor, record_event, verify_chain

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="native partitioning is PostgreSQL's"
)


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'audit_auditevent'")
        return {row[0] for row in cursor.fetchall()}


def test_rebuild_both_ways_keeps_the_trail(tree):
    org = tree["stc"]
    record_event(actor=None, action="test.rebuild", obj=org, organization_path=org.path)
    events = list(AuditEvent.objects.order_by("seq").values_list("pk", "seq", "hash"))
    names = _index_names()
    with connection.schema_editor() as editor:
        unpartition(None, editor)
    assert not is_partitioned()
    assert list(AuditEvent.objects.order_by("seq").values_list("pk", "seq", "hash")) == events
    assert _index_names() == names
    with connection.schema_editor() as editor:
        partition_by_month(None, editor)
    assert is_partitioned()
    assert list(AuditEvent.objects.order_by("seq").values_list("pk", "seq", "hash")) == events
    assert _index_names() == names
    newest = record_event(actor=None, action="test.rebuild", obj=org, organization_path=org.path)
    assert newest.pk > events[-1][0]
    move_anchor()
    assert verify_chain() == []
