"""`is_overdue` means the owner is late: not reported done by the due date in force, or
reported after it. Work reported on time and waiting for the acceptor is not overdue; it
shows how long it has waited (the acceptor's delay) — on every page, filter, count,
reminder, export and API field."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from hatnhan.tasks import services
from hatnhan.tasks.filters import TaskFilter
from hatnhan.tasks.models import Notification, Task
from hatnhan.tasks.reminders import send_due_reminders
from hatnhan.tasks.selectors import rollup, task_list, task_metrics

from .conftest import awaiting, docx, png

pytestmark = [pytest.mark.django_db]


def at_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def reported(task, users, *, due: dt.date, submitted: dt.date):
    """A task reported done by its owner on `submitted`, due on `due` (dates set on the rows:
    the services only ever write today's)."""
    awaiting(task, users)
    Task.objects.filter(pk=task.pk).update(
        start_date=due - dt.timedelta(days=30),
        due_date=due,
        original_due_date=due,
        submitted_at=at_noon(submitted),
    )
    task.refresh_from_db()
    return task


@pytest.fixture
def on_time(task, users, today):
    """Reported two days before its due date, 107 days ago; the acceptor has not decided."""
    return reported(
        task, users, due=today - dt.timedelta(days=105), submitted=today - dt.timedelta(days=107)
    )


@pytest.fixture
def late(make_task, users, today):
    """Reported three days after its due date, ten days ago."""
    task = make_task(title="Báo cáo muộn")
    return reported(
        task, users, due=today - dt.timedelta(days=13), submitted=today - dt.timedelta(days=10)
    )


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_work_reported_on_time_and_waiting_is_not_overdue(on_time, today):
    assert not on_time.is_overdue and not on_time.submitted_late
    assert on_time.awaiting_acceptance_days == 107
    assert not Task.objects.overdue(today).filter(pk=on_time.pk).exists()


def test_work_reported_after_the_due_date_is_overdue(late, today):
    assert late.is_overdue and late.submitted_late and late.late_days == 3
    assert Task.objects.overdue(today).filter(pk=late.pk).exists()


def test_the_due_date_in_force_is_the_extended_one(task, users, today):
    """Reported after the original date but before the granted extension: on time."""
    reported(task, users, due=today - dt.timedelta(days=5), submitted=today - dt.timedelta(days=4))
    Task.objects.filter(pk=task.pk).update(due_date=today - dt.timedelta(days=2))
    task.refresh_from_db()
    assert task.was_extended and not task.is_overdue and not task.submitted_late


def test_not_reported_past_the_due_date_is_overdue(task, today):
    Task.objects.filter(pk=task.pk).update(
        start_date=today - dt.timedelta(days=20), due_date=today - dt.timedelta(days=1)
    )
    task.refresh_from_db()
    assert task.is_overdue and task.awaiting_acceptance_days is None


def test_member_sees_the_acceptors_delay_not_quá_hạn(client, on_time, users):
    client.force_login(users["member"])
    html = client.get(reverse("tasks:my-tasks")).content.decode()
    assert "Chờ nghiệm thu 107 ngày" in html
    assert "Quá hạn 105 ngày" not in html and 'is-overdue" id="task-card' not in html
    page = client.get(reverse("tasks:detail", args=[on_time.pk])).content.decode()
    assert "Chờ nghiệm thu 107 ngày" in page and "Quá hạn" not in page


def test_late_report_is_shown_as_the_owners_lateness(client, late, users):
    client.force_login(users["member"])
    page = client.get(reverse("tasks:detail", args=[late.pk])).content.decode()
    assert "Báo cáo muộn 3 ngày" in page and "Chờ nghiệm thu 10 ngày" in page


def test_board_filter_and_counts(on_time, late, users, today):
    request = RequestFactory().get("/")
    request.user = users["secretary"]
    visible = task_list(users["secretary"])
    overdue = TaskFilter({"overdue": "true"}, queryset=visible, request=request).qs
    assert [t.pk for t in overdue] == [late.pk]
    not_overdue = TaskFilter({"overdue": "false"}, queryset=visible, request=request).qs
    assert [t.pk for t in not_overdue] == [on_time.pk]
    assert rollup(Task.objects.all(), today=today).overdue == 1


def test_metrics_count_the_owners_lateness_not_the_acceptors(on_time, late, users, today):
    services.accept_task(actor=users["secretary"], task=on_time, outcome="met")
    services.accept_task(actor=users["secretary"], task=late, outcome="met")
    assert task_metrics(Task.objects.all(), today=today).late == 1


def test_api_fields(on_time, late, users):
    client = api(users["secretary"])
    data = client.get(f"/api/v1/tasks/{on_time.pk}/").json()
    assert (data["is_overdue"], data["submitted_late"], data["awaiting_acceptance_days"]) == (
        False,
        False,
        107,
    )
    data = client.get(f"/api/v1/tasks/{late.pk}/").json()
    assert (data["is_overdue"], data["submitted_late"], data["awaiting_acceptance_days"]) == (
        True,
        True,
        10,
    )
    rows = client.get("/api/v1/tasks/?overdue=true").json()["results"]
    assert [r["id"] for r in rows] == [late.pk]


def test_export_keeps_lateness_and_waiting_apart(client, on_time, late, users):
    client.force_login(users["secretary"])
    response = client.get(reverse("tasks:awaiting"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    rows = {
        row["Nhiệm vụ"]: row
        for row in (
            dict(zip(headers, [c.value for c in r], strict=True))
            for r in sheet.iter_rows(min_row=2)
        )
    }
    assert rows[on_time.title]["Quá hạn"] in (None, "")
    assert rows[on_time.title]["Số ngày chờ nghiệm thu"] == 107
    assert rows[late.title]["Quá hạn"] == "Có"
    assert rows[late.title]["Số ngày chờ nghiệm thu"] == 10


def test_weekly_digest_does_not_call_waiting_work_overdue(on_time, users, today, settings):
    settings.TASK_DIGEST_WEEKDAY = today.weekday()
    send_due_reminders(today=today, email=False)
    digest = Notification.objects.get(user=users["secretary"], kind="weekly_digest")
    assert "Quá hạn: 0" in digest.message
    assert "Chờ nghiệm thu: 1 (lâu nhất đã chờ 107 ngày)" in digest.message


def test_queue_shows_each_items_own_age(client, on_time, late, users):
    client.force_login(users["committee"])
    html = client.get(reverse("tasks:awaiting")).content.decode()
    assert "Chờ nghiệm thu 107 ngày" in html and "Chờ nghiệm thu 10 ngày" in html


def test_queue_shows_the_report_and_its_evidence(client, task, users):
    services.report_progress(
        actor=users["member"], task=task, percent=50, note="Nửa đầu", files=[png("hien-truong.png")]
    )
    services.report_progress(
        actor=users["member"],
        task=task,
        percent=100,
        note="Đã niêm yết đủ 30 thủ tục",
        files=[docx("Bien ban.docx")],
        submit=True,
    )
    image, document = task.evidence.order_by("id")
    client.force_login(users["committee"])
    html = client.get(reverse("tasks:awaiting")).content.decode()
    assert "Đã niêm yết đủ 30 thủ tục" in html
    assert f'<img src="/files/evidence/{image.pk}/"' in html
    assert f'href="/files/evidence/{document.pk}/" download>Bien ban.docx</a>' in html
    assert "byte" in html  # the size beside the file's name


def test_queue_with_reports_and_evidence_is_constant_query(client, make_task, users):
    def add(n):
        for i in range(n):
            task = make_task(title=f"Việc {i}")
            services.report_progress(
                actor=users["member"],
                task=task,
                percent=100,
                note=f"Báo cáo {i}",
                files=[png(), docx()],
                submit=True,
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(reverse("tasks:awaiting")).content.decode()
        return len(ctx.captured_queries), html.count('<img src="/files/evidence/')

    client.force_login(users["committee"])
    add(2)
    few, images_few = count()
    add(8)
    many, images_many = count()
    assert (images_few, images_many) == (2, 10)
    assert many <= few, (few, many)
