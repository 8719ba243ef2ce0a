"""On PostgreSQL the trail is partitioned by month: each event lands in its month's
partition, and the chain still verifies across months. SQLite has no partitions."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.partitions import ensure_partitions, is_partitioned, partitions
from hatnhan.audit.services import move_anchor, record_event, verify_chain


def _partition_of(event: AuditEvent) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM audit_auditevent WHERE id = %s", [event.pk]
        )
        return cursor.fetchone()[0]


def test_sqlite_has_no_partitions(db):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL partitions the trail (the other test of this file)")
    assert not is_partitioned()
    assert ensure_partitions() == [] and partitions() == []


def test_each_event_lands_in_its_month(tree):
    if connection.vendor != "postgresql":
        pytest.skip("native partitioning is PostgreSQL's")
    assert is_partitioned()
    org = tree["stc"]
    now = dt.datetime.now(dt.UTC)
    month_ago = (now.replace(day=1) - dt.timedelta(days=1)).replace(hour=12)
    ensure_partitions(today=month_ago.date())  # the previous month may predate the migration
    with mock.patch("django.utils.timezone.now", return_value=month_ago):
        earlier = record_event(actor=None, action="test.month", obj=org, organization_path=org.path)
    later = record_event(actor=None, action="test.month", obj=org, organization_path=org.path)
    assert _partition_of(earlier) == f"audit_auditevent_y{month_ago:%Y}m{month_ago:%m}"
    assert _partition_of(later) == f"audit_auditevent_y{now:%Y}m{now:%m}"
    # The months ahead exist before their first event.
    names = [p.name for p in partitions()]
    ahead = now.replace(day=1)
    for _ in range(3):
        ahead = (ahead + dt.timedelta(days=32)).replace(day=1)
        assert f"audit_auditevent_y{ahead:%Y}m{ahead:%m}" in names
    assert names[-1] == "audit_auditevent_default"
    move_anchor()
    assert verify_chain() == []
