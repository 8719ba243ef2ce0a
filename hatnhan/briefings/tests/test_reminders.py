"""Late and missing briefings reminded like tasks: BRIEFING_DUE before the due date and
BRIEFING_LATE after it, to the head and the secretary, each once (tasks.reminders.alert)."""

import datetime as dt

import pytest

from hatnhan.briefings import services
from hatnhan.briefings.tests.conftest import CONTENT, at
from hatnhan.tasks.models import Notification
from hatnhan.tasks.reminders import send_due_reminders

pytestmark = pytest.mark.django_db


def _alerts(kind):
    return sorted(
        Notification.objects.filter(kind=kind).values_list(
            "user__username", "reminder_date", "about_ref"
        )
    )


def test_due_soon_once_to_head_and_secretary(duty, users, head_user):
    """QĐ 138 Art. 11 periods; BRIEFING_REMINDER_DAYS_BEFORE (7) ahead of 15/07/2026."""
    send_due_reminders(today=dt.date(2026, 7, 8), email=False)
    send_due_reminders(today=dt.date(2026, 7, 10), email=False)
    ref = f"briefings.briefingduty:{duty.pk}"
    assert _alerts("briefing_due") == [
        ("stc_head", dt.date(2026, 7, 15), ref),
        ("stc_secretary", dt.date(2026, 7, 15), ref),
    ]


def test_late_once_after_the_due_date(duty, users, head_user):
    send_due_reminders(today=dt.date(2026, 7, 16), email=False)
    send_due_reminders(today=dt.date(2026, 7, 30), email=False)
    assert [u for u, *_ in _alerts("briefing_late")] == ["stc_head", "stc_secretary"]
    note = Notification.objects.filter(kind="briefing_late").first()
    assert note.target_url == f"/briefings/duties/{duty.pk}/"


def test_nothing_once_filed(duty, head_user):
    services.file_briefing(
        actor=head_user,
        duty=duty,
        period_start=dt.date(2026, 1, 1),
        now=at(dt.date(2026, 7, 1)),
        **CONTENT,
    )
    send_due_reminders(today=dt.date(2026, 7, 10), email=False)
    send_due_reminders(today=dt.date(2026, 7, 20), email=False)
    assert not Notification.objects.filter(kind__in=["briefing_due", "briefing_late"]).exists()


def test_requested_briefing_reminded_too(duty, users, head_user, today):
    asked = services.request_briefing(
        actor=users["secretary"],
        duty=duty,
        due_date=today + dt.timedelta(days=2),
        request_note="Thu ngân sách",
    )
    send_due_reminders(today=today, email=False)
    send_due_reminders(today=today + dt.timedelta(days=3), email=False)
    refs = {
        (kind, ref)
        for kind, ref in Notification.objects.filter(about_ref=asked.ref).values_list(
            "kind", "about_ref"
        )
    }
    assert refs == {("briefing_due", asked.ref), ("briefing_late", asked.ref)}
