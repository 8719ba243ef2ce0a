"""Overdue triage and answers are flagged up the tree by the reminder sweep, once per
period, naming no reporter."""

import datetime as dt

import pytest

from hatnhan.feedback import services
from hatnhan.tasks.models import Notification, NotificationKind
from hatnhan.tasks.reminders import send_due_reminders

from .conftest import PLANTED

pytestmark = pytest.mark.django_db


def test_overdue_triage_alerts_the_agency_and_the_bloc(file_report, users):
    report, _ = file_report(
        reporter_contact=PLANTED, now=dt.datetime(2026, 4, 29, 3, tzinfo=dt.UTC)
    )
    send_due_reminders(today=dt.date(2026, 5, 12), email=False)
    assert not Notification.objects.filter(kind=NotificationKind.FEEDBACK).exists()
    send_due_reminders(today=dt.date(2026, 5, 13), email=False)
    alerted = set(
        Notification.objects.filter(kind=NotificationKind.FEEDBACK).values_list(
            "user__username", flat=True
        )
    )
    assert alerted == {"admin", "staff", "stc_secretary", "stc_committee"}
    note = Notification.objects.filter(kind=NotificationKind.FEEDBACK).first()
    assert report.receipt_code in note.message and PLANTED not in note.message
    send_due_reminders(today=dt.date(2026, 5, 14), email=False)
    assert Notification.objects.filter(kind=NotificationKind.FEEDBACK).count() == 4


def test_overdue_answer_alerts_and_an_answer_stops_it(report, users, settings):
    settings.FEEDBACK_ANSWER_WORKING_DAYS = 1
    services.triage_report(actor=users["secretary"], report=report, today=dt.date(2026, 6, 1))
    send_due_reminders(today=dt.date(2026, 6, 3), email=False)
    assert Notification.objects.filter(kind=NotificationKind.FEEDBACK).count() == 4
    services.answer_report(actor=users["secretary"], report=report, answer="Đã trả lời.")
    Notification.objects.all().delete()
    send_due_reminders(today=dt.date(2026, 6, 20), email=False)
    assert not Notification.objects.filter(kind=NotificationKind.FEEDBACK).exists()


def test_a_pending_identity_request_tells_the_custodian_once(report, users, custodian):
    services.request_identity(actor=users["secretary"], report=report, reason="Xác minh")
    send_due_reminders(today=dt.date(2026, 6, 1), email=False)
    send_due_reminders(today=dt.date(2026, 6, 2), email=False)
    notes = Notification.objects.filter(user=custodian, kind=NotificationKind.FEEDBACK)
    assert notes.count() == 1
    assert report.receipt_code in notes.get().message and PLANTED not in notes.get().message
