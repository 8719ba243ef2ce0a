"""The calendar of due dates (month grid, navigable) and the in-app notifications."""

import datetime as dt

import pytest
from django.urls import reverse

from hatnhan.tasks.models import Notification

pytestmark = [pytest.mark.django_db]


def test_calendar_month_grid_shows_tasks_on_their_due_day(client, users, make_task, today):
    due = today + dt.timedelta(days=40)
    task = make_task(title="Tổng kết chuyên đề 05", due_date=due)
    client.force_login(users["secretary"])
    url = reverse("tasks:calendar")
    html = client.get(url, {"month": due.strftime("%Y-%m")}).content.decode()
    assert html.count("<tr>") >= 5  # a header row and four to six weeks
    assert task.title in html and reverse("tasks:detail", args=[task.pk]) in html
    assert f"month={(due.replace(day=1) - dt.timedelta(days=1)):%Y-%m}" in html  # previous
    assert due.strftime("%m/%Y") in html
    # Another month does not show it; nonsense falls back to this month.
    other = (due.replace(day=1) + dt.timedelta(days=70)).strftime("%Y-%m")
    assert task.title not in client.get(url, {"month": other}).content.decode()
    for nonsense in ["2026-13", "9999-12", "0001-01", "abc", "2026"]:
        assert client.get(url, {"month": nonsense}).status_code == 200


def test_calendar_mine_only(client, users, make_task, make_member, tree, today):
    someone = make_member(tree["stc_cell"], "Lý Thị Khác")
    mine = make_task(title="Việc của tôi")
    theirs = make_task(title="Việc của người khác", owner=someone)
    client.force_login(users["member"])
    month = (today + dt.timedelta(days=10)).strftime("%Y-%m")
    html = client.get(reverse("tasks:calendar"), {"month": month, "mine": "1"}).content.decode()
    assert mine.title in html and theirs.title not in html


def test_notifications_list_and_mark_read(client, users, task):
    client.force_login(users["member"])
    note = Notification.objects.get(user=users["member"], task=task)
    html = client.get(reverse("tasks:notifications")).content.decode()
    assert note.message in html and 'class="unread"' in html
    client.post(reverse("tasks:notification-read", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is not None
    html = client.get(reverse("tasks:notifications")).content.decode()
    assert '<span class="nav-count"' not in html


def test_mark_all_read(client, users, make_task):
    make_task(title="Một"), make_task(title="Hai")
    client.force_login(users["member"])
    assert Notification.objects.filter(user=users["member"], read_at__isnull=True).count() == 2
    client.post(reverse("tasks:notifications-read-all"))
    assert not Notification.objects.filter(user=users["member"], read_at__isnull=True).exists()


def test_nobody_reads_anothers_notification(client, users, task):
    note = Notification.objects.get(user=users["member"], task=task)
    client.force_login(users["secretary"])  # sees the task, but the notice is not theirs
    assert client.post(reverse("tasks:notification-read", args=[note.pk])).status_code == 404


def test_opening_an_unread_notification_marks_it_read_and_shows_the_task(client, users, task):
    note = Notification.objects.get(user=users["member"], task=task)
    client.force_login(users["member"])
    response = client.post(reverse("tasks:notification-read", args=[note.pk]), {"open": "1"})
    assert response["Location"] == reverse("tasks:detail", args=[task.pk])
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_busy_day_links_to_the_rest_on_the_board(client, users, make_task, today, monkeypatch):
    from hatnhan.tasks.views import calendar_page

    monkeypatch.setattr(calendar_page, "DAY_LIMIT", 2)
    due = today + dt.timedelta(days=3)
    for i in range(5):
        make_task(title=f"Việc trong ngày {i}", due_date=due)
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:calendar"), {"month": due.strftime("%Y-%m")}).content
    html = html.decode()
    assert html.count(">Việc trong ngày") == 2 and "+3 nhiệm vụ khác" in html
    day = due.isoformat()
    board = client.get(reverse("tasks:board"), {"status": "", "due_from": day, "due_to": day})
    assert board.content.decode().count(">Việc trong ngày") == 5
