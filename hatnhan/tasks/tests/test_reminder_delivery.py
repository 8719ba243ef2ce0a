"""A reminder e-mail that fails is recorded as failed, sent again with backoff, given up on
after the configured attempts, and shown to the staff who lead the task's organization."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hatnhan.accounts.services import create_user
from hatnhan.core.testing import run_concurrently
from hatnhan.tasks import reminders
from hatnhan.tasks.models import EmailStatus, Notification, NotificationKind
from hatnhan.tasks.reminders import send_due_reminders

T0 = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def schedule(settings):
    settings.TASK_REMINDER_DAYS_BEFORE = [3, 1]
    settings.TASK_DIGEST_WEEKDAY = 7  # never: only owners' reminders here
    settings.TASK_REMINDER_EMAIL_ATTEMPTS = 3
    settings.TASK_REMINDER_EMAIL_RETRY_MINUTES = [15, 60]


@pytest.fixture
def owner_email(users):
    users["member"].email = "binh@example.vn"
    users["member"].save(update_fields=["email"])
    return users["member"]


class MailServer:
    """The SMTP server as the sweep sees it: down (every send refused) or up."""

    def __init__(self, monkeypatch):
        self.down = False
        self.tries = 0
        real = reminders.EmailMessage.send

        def send(message, *args, **kwargs):
            self.tries += 1
            if self.down:
                raise smtplib.SMTPRecipientsRefused({"binh@example.vn": (550, b"Mailbox full")})
            return real(message, *args, **kwargs)

        monkeypatch.setattr(reminders.EmailMessage, "send", send)


@pytest.fixture
def server(monkeypatch):
    return MailServer(monkeypatch)


def due_today(user):
    return Notification.objects.get(user=user, kind=NotificationKind.DUE_TODAY)


def test_a_failed_send_is_recorded_as_failed_with_the_error_not_as_sent(
    task, users, owner_email, server
):
    server.down = True
    result = send_due_reminders(today=task.due_date, now=T0)
    assert (result.due_today, result.emailed, result.email_failed) == (1, 0, 1)
    note = due_today(users["member"])
    assert note.email_status == EmailStatus.RETRYING and note.emailed_at is None
    assert note.email_attempts == 1 and "Mailbox full" in note.email_error
    assert note.email_retry_at == T0 + dt.timedelta(minutes=15)
    assert not mail.outbox


def test_the_retry_waits_its_delay_then_sends_once(task, users, owner_email, server):
    server.down = True
    send_due_reminders(today=task.due_date, now=T0)
    server.down = False
    assert send_due_reminders(today=task.due_date, now=T0 + dt.timedelta(minutes=10)).emailed == 0
    later = T0 + dt.timedelta(minutes=16)
    assert send_due_reminders(today=task.due_date, now=later).emailed == 1
    for hours in (1, 5, 30):
        assert (
            send_due_reminders(today=task.due_date, now=T0 + dt.timedelta(hours=hours)).emailed == 0
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["binh@example.vn"]
    assert "Hôm nay đến hạn" in mail.outbox[0].subject and task.title in mail.outbox[0].body
    note = due_today(users["member"])
    assert (note.email_status, note.email_attempts, note.emailed_at) == ("sent", 2, later)
    assert note.email_error == "" and note.email_retry_at is None
    assert Notification.objects.filter(user=users["member"]).count() == 2  # assigned + due


def test_it_gives_up_after_the_configured_attempts(task, users, owner_email, server):
    server.down = True
    for minutes in (0, 14, 15, 16, 74, 75, 76, 600, 6000):
        send_due_reminders(today=task.due_date, now=T0 + dt.timedelta(minutes=minutes))
    assert server.tries == 3  # at 0, after 15 minutes, then after 60 more
    note = due_today(users["member"])
    assert (note.email_status, note.email_attempts, note.email_retry_at) == ("failed", 3, None)
    server.down = False
    send_due_reminders(today=task.due_date, now=T0 + dt.timedelta(days=3))
    assert server.tries == 3 and not mail.outbox


def test_a_successful_send_goes_once_and_is_not_retried(task, users, owner_email, server):
    send_due_reminders(today=task.due_date, now=T0)
    send_due_reminders(today=task.due_date, now=T0 + dt.timedelta(days=1))
    assert server.tries == 1 and len(mail.outbox) == 1
    assert due_today(users["member"]).email_status == EmailStatus.SENT


def test_without_an_address_nothing_is_tried(task, users, server):
    send_due_reminders(today=task.due_date, now=T0)
    assert server.tries == 0
    assert due_today(users["member"]).email_status == EmailStatus.NONE


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_retrying_at_once_send_it_once(make_task, users, owner_email, server):
    task = make_task()
    server.down = True
    send_due_reminders(today=task.due_date, now=T0)
    server.down = False
    later = T0 + dt.timedelta(minutes=20)
    results = run_concurrently(
        lambda: send_due_reminders(today=task.due_date, now=later),
        lambda: send_due_reminders(today=task.due_date, now=later),
    )
    assert sorted(r.emailed for r in results) == [0, 1], results
    assert len(mail.outbox) == 1 and server.tries == 2


# --- what staff see --------------------------------------------------------------------------


def fail_reminders(tasks, server):
    server.down = True
    for task in tasks:
        send_due_reminders(today=task.due_date, now=T0)


def test_staff_see_undelivered_reminders_of_their_organization(
    client, task, users, owner_email, server
):
    fail_reminders([task], server)
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:notifications")).content.decode()
    assert 'id="undelivered"' in html
    assert "Trần Thị Bình" in html and "Mailbox full" in html  # the member, by name
    local = timezone.localtime(T0 + dt.timedelta(minutes=15))
    assert f"gửi lại lúc {local:%d/%m/%Y %H:%M}" in html  # local time, not UTC
    # The other organization's secretary does not.
    client.force_login(users["other"])
    html = client.get(reverse("tasks:notifications")).content.decode()
    assert 'id="undelivered"' not in html and "Mailbox full" not in html


def test_a_member_sees_only_their_own_notices_failed_state(
    client, make_task, make_member, tree, users, owner_email, server
):
    someone = make_member(tree["stc_cell"], "Lý Thị Khác")
    account = create_user(
        actor=None,
        username="stc_khac",
        role="member",
        organization=tree["stc_cell"],
        member=someone,
        password="demo",
        check_password=False,
    )
    account.email = "khac@example.vn"
    account.save(update_fields=["email"])
    mine = make_task(title="Việc của tôi")
    theirs = make_task(title="Việc của đồng chí Khác", owner=someone)
    fail_reminders([mine, theirs], server)
    client.force_login(users["member"])
    html = client.get(reverse("tasks:notifications")).content.decode()
    assert 'id="undelivered"' not in html and theirs.title not in html
    assert mine.title in html and "Gửi thư lỗi, sẽ gửi lại" in html


def test_the_undelivered_list_costs_the_same_queries_for_more_rows(
    client, make_task, users, owner_email, server
):
    def queries():
        client.force_login(users["secretary"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("tasks:notifications")).status_code == 200
        return len(ctx.captured_queries)

    fail_reminders([make_task(title="Việc 1")], server)
    few = queries()
    fail_reminders([make_task(title=f"Việc {i}") for i in range(2, 7)], server)
    assert Notification.objects.filter(email_status=EmailStatus.RETRYING).count() == 6
    assert queries() == few
