"""Reminders with a fake clock: `today` is passed in, nothing sleeps."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from hatnhan.tasks import services
from hatnhan.tasks.models import Notification, NotificationKind
from hatnhan.tasks.reminders import send_due_reminders

from .conftest import awaiting


@pytest.fixture(autouse=True)
def schedule(settings):
    settings.TASK_REMINDER_DAYS_BEFORE = [3, 1]
    settings.TASK_OVERDUE_REMIND_EVERY_DAYS = 7
    settings.TASK_DIGEST_WEEKDAY = 0  # Monday


@pytest.fixture
def owner_email(users):
    users["member"].email = "binh@example.vn"
    users["member"].save(update_fields=["email"])
    return users["member"]


def reminders(user, kind):
    return Notification.objects.filter(user=user, kind=kind)


def test_due_soon_reminders_on_the_configured_days_once(task, users, owner_email):
    due = task.due_date
    assert send_due_reminders(today=due - dt.timedelta(days=5)).due_soon == 0
    assert send_due_reminders(today=due - dt.timedelta(days=3)).due_soon == 1
    assert send_due_reminders(today=due - dt.timedelta(days=3)).due_soon == 0  # once
    assert send_due_reminders(today=due - dt.timedelta(days=2)).due_soon == 0
    assert send_due_reminders(today=due - dt.timedelta(days=1)).due_soon == 1
    assert reminders(users["member"], NotificationKind.DUE_SOON).count() == 2
    sent = [m for m in mail.outbox if "đến hạn" in m.subject]
    assert len(sent) == 2 and sent[0].to == ["binh@example.vn"]
    assert "Còn 3 ngày" in sent[0].subject


def test_on_the_day_once(task, users, owner_email):
    send_due_reminders(today=task.due_date)
    send_due_reminders(today=task.due_date)
    assert reminders(users["member"], NotificationKind.DUE_TODAY).count() == 1
    note = reminders(users["member"], NotificationKind.DUE_TODAY).get()
    assert note.emailed_at is not None and note.task == task


def test_overdue_then_every_seven_days(task, users, owner_email):
    due = task.due_date
    assert send_due_reminders(today=due + dt.timedelta(days=1)).overdue == 1
    for day in range(2, 8):
        assert send_due_reminders(today=due + dt.timedelta(days=day)).overdue == 0
    assert send_due_reminders(today=due + dt.timedelta(days=8)).overdue == 1
    assert reminders(users["member"], NotificationKind.OVERDUE).count() == 2


def test_no_reminder_once_accepted_or_awaiting(task, users):
    awaiting(task, users)
    assert send_due_reminders(today=task.due_date).due_today == 0
    services.accept_task(actor=users["secretary"], task=task, outcome="met")
    assert send_due_reminders(today=task.due_date + dt.timedelta(days=1)).overdue == 0


def test_owner_without_account_gets_nothing_and_nothing_breaks(make_task, make_member, tree):
    no_account = make_member(tree["stc_cell"], "Trịnh Văn Minh")
    task = make_task(owner=no_account)
    result = send_due_reminders(today=task.due_date)
    assert result.due_today == 0 and not result.errors


def test_schedule_is_a_setting(task, users, settings):
    settings.TASK_REMINDER_DAYS_BEFORE = [5]
    assert send_due_reminders(today=task.due_date - dt.timedelta(days=5)).due_soon == 1
    assert send_due_reminders(today=task.due_date - dt.timedelta(days=3)).due_soon == 0


def _next_weekday(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def test_weekly_digest_to_assigner_and_secretary_once(task, users, today, tree):
    monday = _next_weekday(task.due_date + dt.timedelta(days=1), 0)
    users["secretary"].email = "bithu@example.vn"
    users["secretary"].save(update_fields=["email"])
    result = send_due_reminders(today=monday)
    assert result.digests == 1  # the secretary is also the assigner: one digest
    digest = Notification.objects.get(kind=NotificationKind.WEEKLY_DIGEST)
    assert digest.user == users["secretary"] and "Quá hạn: 1" in digest.message
    assert send_due_reminders(today=monday).digests == 0
    assert any(m.to == ["bithu@example.vn"] and "Tổng hợp tuần" in m.subject for m in mail.outbox)
    # Not on other weekdays.
    assert send_due_reminders(today=monday + dt.timedelta(days=1)).digests == 0
    # The other organization's secretary has nothing open: no digest. (Other alerts may be
    # theirs: a week into the next month, their cell's missing meeting.)
    assert not Notification.objects.filter(
        user=users["other"], kind=NotificationKind.WEEKLY_DIGEST
    ).exists()


def test_worker_once_runs_the_sweep(task, users):
    from io import StringIO

    out = StringIO()
    call_command("worker", "--once", "--today", task.due_date.isoformat(), stdout=out)
    assert "1 đến hạn" in out.getvalue()
    assert reminders(users["member"], NotificationKind.DUE_TODAY).count() == 1


@pytest.mark.django_db(transaction=True)
def test_worker_batch_runs_the_queued_sweep(settings, tree, users, make_task):
    """The real queue: the worker enqueues the sweep in the database and runs it."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_task()
    call_command("worker", "--batch", verbosity=0)
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert result.return_value["due_soon"] == 0


def test_in_process_sweep_only_in_a_demo_server_process():
    from hatnhan.tasks.apps import runs_reminders_in_process as runs

    child = {"RUN_MAIN": "true"}
    assert runs(["manage.py", "runserver", "0:8000"], child, demo=True)
    assert not runs(["manage.py", "runserver"], {}, demo=True)  # the autoreloader's parent
    assert runs(["manage.py", "runserver", "--noreload"], {}, demo=True)
    assert runs(["gunicorn", "hatnhan.wsgi"], {}, demo=True)
    assert not runs(["manage.py", "runserver"], child, demo=False)
    assert not runs(["pytest"], child, demo=True)
    assert not runs(
        ["manage.py", "runserver"], {**child, "HATNHAN_REMINDERS_IN_PROCESS": "0"}, demo=True
    )


@pytest.mark.django_db(transaction=True)
def test_in_process_thread_sweeps_and_stops(tree, users, make_task):
    from hatnhan.tasks.reminders import start_in_process

    task = make_task()
    Notification.objects.all().delete()
    from hatnhan.tasks.models import Task

    Task.objects.filter(pk=task.pk).update(due_date=task.start_date)  # due today
    sweep = start_in_process(interval=3600)
    try:
        assert sweep.swept.wait(timeout=30), "the sweep thread did not run"
    finally:
        sweep.stop.set()
    assert Notification.objects.filter(kind=NotificationKind.DUE_TODAY, task=task).exists()
