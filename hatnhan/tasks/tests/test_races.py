"""Two users at once, on two real database connections: the roll-up loses no update, task
writes that lock several rows cannot deadlock, and a recurring task's next occurrence is
made once. Each test widens the window the race needs (a pause at the worst moment), so it
fails when the lock is missing rather than only when the timing is unlucky."""

import datetime as dt
import threading
import time
from types import ModuleType

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.core.restrict import restrict
from hatnhan.core.testing import run_concurrently
from hatnhan.tasks import services
from hatnhan.tasks.models import ExtensionRequest, Task

pytestmark = pytest.mark.django_db(transaction=True)
PAUSE = 0.4


def paused(monkeypatch, name: str, *, before: bool = False, per_thread: bool = False):
    """Make services.<name> pause (before or after it runs): in every thread, or with
    `per_thread` only in threads that set `.slow` on the returned object. The name is
    patched in every module of the services package that binds it, where its callers look it
    up."""
    modules = [
        module
        for module in vars(services).values()
        if isinstance(module, ModuleType) and module.__name__.startswith(services.__name__)
    ]
    real = next(getattr(m, name) for m in modules if hasattr(m, name))
    local = threading.local()

    def wrapper(*args, **kwargs):
        slow = not per_thread or getattr(local, "slow", False)
        if slow and before:
            time.sleep(PAUSE)
        result = real(*args, **kwargs)
        if slow and not before:
            time.sleep(PAUSE)
        return result

    for module in modules:
        if getattr(module, name, None) is real:
            monkeypatch.setattr(module, name, wrapper)
    return local


def test_two_sub_tasks_reporting_at_once_both_count_and_the_rollup_is_audited(
    make_task, users, monkeypatch
):
    parent = make_task(title="Cải cách hành chính quý I")
    a = make_task(parent=parent, title="Rà soát quy trình")
    b = make_task(parent=parent, title="Công khai TTHC")
    # Each reader of the siblings dawdles before writing what it computed.
    paused(monkeypatch, "rolled_up_percent")
    member = users["member"]
    results = run_concurrently(
        lambda: services.report_progress(actor=member, task=a, percent=40, note="x"),
        lambda: services.report_progress(actor=member, task=b, percent=80, note="y"),
    )
    assert not [r for r in results if isinstance(r, BaseException)], results
    parent.refresh_from_db()
    assert parent.percent == 60
    events = restrict(
        AuditEvent.objects.filter(
            action="task.rollup", object_type="tasks.task", object_id=str(parent.pk)
        ),
        users["secretary"],
    )
    # 20 or 40 first (whichever sub-task went first), then 60: each report rolled up once.
    assert [e.after["percent"] for e in events.order_by("seq")] in ([20, 60], [40, 60])
    assert {e.actor_id for e in events} == {member.pk}
    assert not restrict(events, users["other"]).exists()


def test_granting_an_extension_while_the_task_is_cancelled_cannot_deadlock(
    task, extension, users, monkeypatch
):
    """Before: the decision locked the request then the task, the cancellation the task then
    the request — PostgreSQL killed one of them (a 500)."""
    slow = paused(monkeypatch, "_locked", before=True, per_thread=True)
    secretary, committee = users["secretary"], users["committee"]

    def decide():
        slow.slow = True  # the old decision paused here holding the request's lock
        return services.decide_extension(actor=secretary, extension=extension, grant=True)

    def cancel():
        time.sleep(PAUSE / 2)
        return services.cancel_task(actor=committee, task=task, reason="Đổi kế hoạch")

    decided, cancelled = run_concurrently(decide, cancel)
    assert isinstance(cancelled, Task), cancelled
    # Whichever went second saw the first's result: a decided request is not decided again.
    assert isinstance(decided, (ExtensionRequest, ValidationError)), decided
    task.refresh_from_db()
    request = ExtensionRequest.objects.get(pk=extension.pk)
    if isinstance(decided, ExtensionRequest):  # the decision went first: the cancel follows
        assert request.status == "granted" and task.due_date == request.requested_due_date
        assert task.status == "cancelled"
    else:  # the cancellation went first and refused the pending request
        assert request.status == "refused" and task.status == "cancelled"
        assert task.due_date == request.previous_due_date


def test_a_sub_task_report_while_its_parent_is_cancelled_cannot_deadlock(
    make_task, users, monkeypatch
):
    """Before: the report locked the sub-task then (rolling up) the parent, the cancellation
    the parent then the sub-task."""
    parent = make_task(title="Kế hoạch quý")
    child = make_task(parent=parent, title="Việc con")
    slow = paused(monkeypatch, "_check_files", before=True, per_thread=True)
    member, secretary = users["member"], users["secretary"]

    def report():
        slow.slow = True
        return services.report_progress(actor=member, task=child, percent=50, note="Nửa")

    def cancel():
        time.sleep(PAUSE / 2)
        return services.cancel_task(actor=secretary, task=parent, reason="Đổi kế hoạch")

    reported, cancelled = run_concurrently(report, cancel)
    assert isinstance(cancelled, Task), cancelled
    # The report went first (its lock on the parent made the cancellation wait) or, refused
    # on a cancelled task, changed nothing.
    assert not isinstance(reported, BaseException) or isinstance(reported, ValidationError)
    child.refresh_from_db()
    assert child.status == "cancelled"


@pytest.mark.parametrize("twice", ["two workers", "the sweep and an acceptance"])
def test_the_next_occurrence_is_made_once_when_asked_twice_at_once(
    make_task, users, today, monkeypatch, twice
):
    task = make_task(recurrence="monthly", due_date=today + dt.timedelta(days=5))
    # Both callers find no next occurrence yet, then dawdle before making theirs.
    paused(monkeypatch, "next_period")
    if twice == "two workers":
        calls = [lambda: services.create_next_occurrence(actor=None, task=task)] * 2
    else:
        from .conftest import awaiting

        awaiting(task, users)
        start, _ = services.next_period(task)
        calls = [
            lambda: services.create_due_occurrences(today=start),
            lambda: services.accept_task(actor=users["secretary"], task=task, outcome="met"),
        ]
    results = run_concurrently(*calls)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Task.objects.filter(previous_occurrence=task).count() == 1
    assert AuditEvent.objects.filter(action="task.recur").count() == 1
