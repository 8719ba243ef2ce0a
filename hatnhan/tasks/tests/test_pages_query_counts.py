"""The board and "My tasks" pages run the same number of SQL queries for 5 tasks as for 50."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.directives import services as directive_services
from hatnhan.tasks.tests.conftest import awaiting

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def focus(users, tree, today):
    resolution = directive_services.create_resolution(
        actor=users["secretary"],
        organization=tree["stc"],
        kind="monthly",
        title="Nghị quyết tháng",
        adopted_on=today,
        period_start=today,
        period_end=today,
    )
    return directive_services.create_focus_issue(
        actor=users["secretary"], resolution=resolution, title="Cải cách hành chính", level="key"
    )


def _add(make_task, make_member, tree, focus, users, n, start):
    helper = make_member(tree["stc_cell"], f"Người phối hợp {start}")
    for i in range(start, start + n):
        task = make_task(
            title=f"Nhiệm vụ {i}",
            coworkers=[helper],
            focus_issue=focus if i % 2 else None,
            organization=tree["stc_cell"] if i % 3 else tree["stc"],
        )
        if i % 5 == 0:
            awaiting(task, users)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("secretary", "/tasks/board/"),
        ("secretary", "/tasks/board/?status=&group=owner&sort=priority"),
        ("secretary", "/tasks/board/?group=focus_issue&status=open"),
        ("member", "/tasks/"),
        ("committee", "/tasks/awaiting/"),
        ("secretary", "/tasks/calendar/?month={due_month}"),
    ],
)
def test_page_queries_do_not_grow_with_tasks(
    client, users, tree, make_task, make_member, focus, role, url, today
):
    # make_task's tasks fall due in ten days: the calendar shows that month.
    url = url.format(due_month=(today + dt.timedelta(days=10)).strftime("%Y-%m"))
    client.force_login(users[role])
    _add(make_task, make_member, tree, focus, users, 5, 0)
    few, html_few = _queries(client, url)
    _add(make_task, make_member, tree, focus, users, 45, 5)
    many, html_many = _queries(client, url)
    assert many <= few, (few, many)
    # And the page really shows more tasks now (the calendar counts them; a day lists a few).
    if "calendar" in url:
        assert "50 nhiệm vụ đến hạn" in html_many
    else:
        assert html_many.count("Nhiệm vụ 4") > html_few.count("Nhiệm vụ 4")
