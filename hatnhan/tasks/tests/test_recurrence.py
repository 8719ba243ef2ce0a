import datetime as dt

from hatnhan.tasks import services
from hatnhan.tasks.models import Task

from .conftest import awaiting


def test_done_monthly_task_creates_the_next_occurrence_once(make_task, users, today):
    task = make_task(recurrence="monthly", due_date=today + dt.timedelta(days=5))
    awaiting(task, users)
    services.accept_task(actor=users["secretary"], task=task, outcome="met")
    nxt = Task.objects.get(previous_occurrence=task)
    assert nxt.status == "assigned" and nxt.recurrence == "monthly"
    assert nxt.original_due_date == services.add_months(task.original_due_date, 1)
    assert nxt.owner == task.owner and nxt.assigned_by == users["secretary"]
    assert services.create_next_occurrence(actor=None, task=task) is None
    assert Task.objects.filter(previous_occurrence=task).count() == 1


def test_quarterly_keeps_schedule_even_after_extension(make_task, users, today):
    task = make_task(recurrence="quarterly", due_date=today + dt.timedelta(days=5))
    ext = services.request_extension(
        actor=users["member"],
        task=task,
        requested_due_date=task.due_date + dt.timedelta(days=20),
        reason="Chậm",
    )
    services.decide_extension(actor=users["secretary"], extension=ext, grant=True)
    nxt = services.create_next_occurrence(actor=None, task=task)
    assert nxt.due_date == services.add_months(task.original_due_date, 3)


def test_scheduled_job_creates_occurrence_when_period_starts(make_task, today):
    task = make_task(recurrence="monthly")
    start, _ = services.next_period(task)
    assert services.create_due_occurrences(today=start - dt.timedelta(days=1)) == 0
    assert services.create_due_occurrences(today=start) == 1
    assert services.create_due_occurrences(today=start) == 0  # once


def test_cancelled_series_stops(make_task, users):
    task = make_task(recurrence="monthly")
    services.cancel_task(actor=users["secretary"], task=task, reason="Thôi định kỳ")
    start, _ = services.next_period(task)
    assert services.create_due_occurrences(today=start) == 0


def test_non_recurring_task_has_no_next(task, users):
    awaiting(task, users)
    services.accept_task(actor=users["secretary"], task=task, outcome="met")
    assert not Task.objects.filter(previous_occurrence=task).exists()


def test_add_months_clamps_month_end():
    assert services.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert services.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
