"""record_events: a batch chained in one pass, interleaving safely with single events."""

import pytest
from django.db import transaction

from hatnhan.audit.models import AuditChainHead, AuditEvent
from hatnhan.audit.services import EventSpec, move_anchor, record_event, record_events, verify_chain
from hatnhan.core.testing import run_concurrently
from hatnhan.organizations.models import Organization


def _specs(org: Organization, n: int) -> list[EventSpec]:
    return [
        EventSpec(action="test.bulk", obj=org, organization_path=org.path, after={"i": i})
        for i in range(n)
    ]


def test_a_batch_follows_the_chain_and_verifies(tree):
    org = tree["stc"]
    before = AuditEvent.objects.count()
    record_event(actor=None, action="test.one", obj=org, organization_path=org.path)
    events = record_events(actor=None, events=_specs(org, 5))
    record_event(actor=None, action="test.two", obj=org, organization_path=org.path)
    move_anchor()
    assert AuditEvent.objects.count() == before + 7
    assert [e.after for e in AuditEvent.objects.filter(action="test.bulk").order_by("seq")] == [
        {"i": i} for i in range(5)
    ]
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + 5))
    assert verify_chain() == []


def test_no_events_writes_nothing(tree):
    before = AuditEvent.objects.count()
    assert record_events(actor=None, events=[]) == []
    assert AuditEvent.objects.count() == before


def test_an_event_filed_nowhere_refuses_the_whole_batch(tree):
    org = tree["stc"]
    before = AuditEvent.objects.count()
    specs = [*_specs(org, 2), EventSpec(action="test.bulk", obj=org, organization_path="")]
    with pytest.raises(ValueError):
        record_events(actor=None, events=specs)
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_concurrent_batches_and_single_events_keep_one_chain(tree):
    org = tree["stc"]

    def batch() -> None:
        with transaction.atomic():
            record_events(actor=None, events=_specs(org, 50))

    def single() -> None:
        with transaction.atomic():
            for _ in range(5):
                record_event(actor=None, action="test.one", obj=org, organization_path=org.path)

    results = run_concurrently(batch, single, batch)
    assert results == [None, None, None]
    assert AuditEvent.objects.filter(action="test.bulk").count() == 100
    assert verify_chain() == []
    assert AuditChainHead.objects.get(pk=1).count == AuditEvent.objects.count()
