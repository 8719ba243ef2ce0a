import datetime as dt

from hatnhan.tasks import services
from hatnhan.tasks.models import Task
from hatnhan.tasks.selectors import task_metrics

from .conftest import awaiting


def test_metrics_count_outcomes_cancelled_and_late(make_task, users, today):
    a, b, c, d = (make_task(title=f"Việc {i}") for i in range(4))
    for task, outcome in ((a, "exceeded"), (b, "met")):
        awaiting(task, users)
        services.accept_task(actor=users["secretary"], task=task, outcome=outcome)
    services.cancel_task(actor=users["secretary"], task=c, reason="Không cần")
    # b was accepted after its due date: late. d is open past its due date: late too.
    Task.objects.filter(pk=b.pk).update(
        due_date=today - dt.timedelta(days=2), start_date=today - dt.timedelta(days=9)
    )
    Task.objects.filter(pk=d.pk).update(
        due_date=today - dt.timedelta(days=1), start_date=today - dt.timedelta(days=9)
    )
    m = task_metrics(Task.objects.all(), today=today)
    assert (m.total, m.done, m.exceeded, m.met, m.cancelled, m.open) == (4, 2, 1, 1, 1, 1)
    assert m.late == 2 and m.assessed == 3
    assert round(m.share(m.done), 2) == 0.67
