"""A record app's sweep (registered with tasks.reminders) alerts about its own records once
per day it names, e-mails the alert, and the notice opens the record it is about."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from hatnhan.tasks import reminders
from hatnhan.tasks.models import Notification, NotificationKind
from hatnhan.tasks.reminders import send_due_reminders

DAY = dt.date(2026, 11, 30)


@pytest.fixture
def sweep(users, monkeypatch):
    """A stand-in record app: each sweep alerts the secretary about meeting 7 of November."""
    secretary = users["secretary"]
    secretary.email = "thu@example.vn"
    secretary.save(update_fields=["email"])
    monkeypatch.setattr(reminders, "_sweeps", [])

    def missing_meeting(today: dt.date, result: reminders.SweepResult) -> None:
        reminders.alert(
            user=secretary,
            kind=NotificationKind.MEETING_MISSING,
            about_ref="meetings.meeting:7",
            day=DAY,
            message="Chi bộ chưa sinh hoạt định kỳ tháng 11/2026.",
            link="/meetings/7/",
            result=result,
        )

    reminders.register_sweep(missing_meeting)
    reminders.register_sweep(missing_meeting)  # ready() may run twice: registered once
    return secretary


def test_each_alert_goes_out_once_however_often_the_sweep_runs(sweep):
    first = send_due_reminders(today=DAY)
    second = send_due_reminders(today=DAY + dt.timedelta(days=1))

    assert (first.alerts, second.alerts) == (1, 0)
    note = Notification.objects.get(user=sweep, kind=NotificationKind.MEETING_MISSING)
    assert (note.about_ref, note.task_id) == ("meetings.meeting:7", None)
    assert [m.to for m in mail.outbox] == [["thu@example.vn"]]
    assert "sinh hoạt định kỳ" in mail.outbox[0].subject


def test_opening_the_notice_leads_to_the_record_it_is_about(sweep, client):
    send_due_reminders(today=DAY, email=False)
    note = Notification.objects.get(user=sweep)
    client.force_login(sweep)

    page = client.get(reverse("tasks:notifications"))
    opened = client.post(reverse("tasks:notification-read", args=[note.pk]), {"open": "1"})

    assert "Chi bộ chưa sinh hoạt định kỳ tháng 11/2026." in page.text
    assert opened.status_code == 302 and opened["Location"] == "/meetings/7/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_the_api_names_the_record_a_notice_is_about(sweep, client):
    send_due_reminders(today=DAY, email=False)
    client.force_login(sweep)

    body = client.get("/api/v1/notifications/").json()

    assert [(n["about_ref"], n["link"], n["task"]) for n in body["results"]] == [
        ("meetings.meeting:7", "/meetings/7/", None)
    ]
