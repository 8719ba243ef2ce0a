"""A large batch of events on PostgreSQL goes in by COPY with ids drawn from the sequence:
the same events, chained and verifiable, and the next insert still gets a fresh id."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import (
    COPY_FROM_EVENTS,
    EventSpec,
    move_anchor,
    record_event,
    record_events,
    verify_chain,
)


def test_a_large_batch_is_copied_and_verifies(tree):
    org = tree["stc"]
    specs = [
        EventSpec(action="test.copy", obj=org, organization_path=org.path, after={"i": i})
        for i in range(COPY_FROM_EVENTS)
    ]
    with CaptureQueriesContext(connection) as queries:
        events = record_events(actor=None, events=specs)
    inserts = [q["sql"] for q in queries.captured_queries if "INSERT INTO" in q["sql"]]
    if connection.vendor == "postgresql":
        assert not any(AuditEvent._meta.db_table in sql for sql in inserts)
    stored = AuditEvent.objects.filter(action="test.copy").order_by("seq")
    assert [e.after["i"] for e in stored] == list(range(COPY_FROM_EVENTS))
    assert [e.pk for e in stored] == [e.pk for e in events]
    assert len({e.pk for e in events}) == COPY_FROM_EVENTS
    after = record_event(actor=None, action="test.after", obj=org, organization_path=org.path)
    assert after.pk > max(e.pk for e in events)
    move_anchor()
    assert verify_chain() == []
