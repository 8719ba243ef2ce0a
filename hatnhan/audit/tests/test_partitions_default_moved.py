"""An event of a month without a partition waits in DEFAULT (the insert never fails);
ensure_partitions then makes that month and moves the event into it, losing nothing, and
a second run makes nothing."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.partitions import DEFAULT, ensure_partitions, partitions
from hatnhan.audit.services import move_anchor, record_event, verify_chain

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="native partitioning is PostgreSQL's"
)


def _rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_a_month_without_partition_is_made_and_filled(tree):
    org = tree["stc"]
    first = partitions()[0].start
    before = (first - dt.timedelta(days=1)).replace(day=10)  # the month before the first one
    moment = dt.datetime(before.year, before.month, 10, 8, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        event = record_event(actor=None, action="test.old", obj=org, organization_path=org.path)
    assert _rows(DEFAULT) == 1
    made = ensure_partitions()
    name = f"audit_auditevent_y{before:%Y}m{before:%m}"
    assert made == [name]
    assert _rows(DEFAULT) == 0 and _rows(name) == 1
    assert AuditEvent.objects.get(pk=event.pk).hash == event.hash
    assert ensure_partitions() == []
    move_anchor()
    assert verify_chain() == []
