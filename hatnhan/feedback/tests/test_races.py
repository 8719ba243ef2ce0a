"""Two handlers triage the same report at once: one wins, the other is told it is taken,
and the record shows one triage."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import run_concurrently
from hatnhan.feedback import services
from hatnhan.feedback.models import FeedbackReport, Status


@pytest.mark.django_db(transaction=True)
def test_two_handlers_triage_at_once(report, users):
    results = run_concurrently(
        lambda: services.triage_report(actor=users["secretary"], report=report, note="A"),
        lambda: services.triage_report(actor=users["committee"], report=report, note="B"),
    )
    won = [r for r in results if isinstance(r, FeedbackReport)]
    lost = [r for r in results if isinstance(r, ValidationError)]
    assert len(won) == 1 and len(lost) == 1, results
    assert "đã được phân loại" in str(lost[0])
    report.refresh_from_db()
    assert report.status == Status.TRIAGED
    assert report.triage_note == won[0].triage_note
    assert AuditEvent.objects.filter(action="feedback_report.triage").count() == 1
