"""Sub-tasks: the parent's progress is the mean of its children's."""

from hatnhan.tasks import services
from hatnhan.tasks.models import Task
from hatnhan.tasks.selectors import rollup

from .conftest import awaiting


def test_parent_percent_is_mean_of_children(make_task, users):
    parent = make_task(title="Cải cách hành chính quý I")
    a = make_task(parent=parent, title="Rà soát quy trình")
    b = make_task(parent=parent, title="Công khai TTHC")
    services.report_progress(actor=users["member"], task=a, percent=40, note="x")
    services.report_progress(actor=users["member"], task=b, percent=80, note="y")
    parent.refresh_from_db()
    assert parent.percent == 60


def test_done_child_counts_full_and_cancelled_child_is_left_out(make_task, users):
    parent = make_task()
    a = make_task(parent=parent, title="A")
    b = make_task(parent=parent, title="B")
    c = make_task(parent=parent, title="C")
    services.report_progress(actor=users["member"], task=a, percent=90, note="x")
    awaiting(Task.objects.get(pk=a.pk), users)
    services.accept_task(actor=users["secretary"], task=a, outcome="met")
    services.report_progress(actor=users["member"], task=b, percent=50, note="x")
    services.cancel_task(actor=users["secretary"], task=c, reason="Không cần nữa")
    parent.refresh_from_db()
    assert parent.percent == 75  # (100 + 50) / 2


def test_rollup_reaches_grandparents(make_task, users):
    top = make_task(title="Đầu mối")
    mid = make_task(parent=top, title="Giữa")
    leaf = make_task(parent=mid, title="Lá")
    services.report_progress(actor=users["member"], task=leaf, percent=50, note="x")
    top.refresh_from_db()
    mid.refresh_from_db()
    assert (mid.percent, top.percent) == (50, 50)


def test_parent_report_keeps_the_rolled_up_percent(make_task, users):
    parent = make_task()
    child = make_task(parent=parent, title="Con")
    services.report_progress(actor=users["member"], task=child, percent=20, note="x")
    services.report_progress(actor=users["member"], task=parent, percent=90, note="Tổng hợp")
    parent.refresh_from_db()
    assert parent.percent == 20


def test_cancelling_parent_cancels_open_children(make_task, users):
    parent = make_task()
    child = make_task(parent=parent, title="Con")
    services.cancel_task(actor=users["secretary"], task=parent, reason="Đổi kế hoạch")
    child.refresh_from_db()
    assert child.status == "cancelled" and "Đổi kế hoạch" in child.cancel_reason


def test_rollup_summary_counts(make_task, users, today):
    a, b = make_task(), make_task(title="Khác")
    services.report_progress(actor=users["member"], task=a, percent=30, note="x")
    summary = rollup(Task.objects.filter(pk__in=[a.pk, b.pk]), today=today)
    assert summary.total == 2 and summary.mean_percent == 15
    assert summary.by_status == {"in_progress": 1, "assigned": 1}
