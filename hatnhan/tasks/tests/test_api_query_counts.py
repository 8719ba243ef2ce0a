"""The task list's query count does not grow with the number of tasks."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from hatnhan.tasks.selectors import my_tasks, task_list


def _make_many(make_task, make_member, tree, n):
    helpers = [make_member(tree["stc_cell"], f"Người phối hợp {i}") for i in range(2)]
    for i in range(n):
        make_task(
            title=f"Nhiệm vụ {i}",
            coworkers=helpers,
            organization=tree["stc_cell"] if i % 2 else tree["stc"],
        )


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_task_list_api_queries_do_not_grow(
    make_task, make_member, users, tree, django_assert_max_num_queries
):
    for user in (users["secretary"], users["member"]):
        client = APIClient()
        client.force_authenticate(user)
        _make_many(make_task, make_member, tree, 2)
        client.get("/api/v1/tasks/")  # the user's roles are read once and kept
        few = _count(lambda: client.get("/api/v1/tasks/"))  # noqa: B023
        _make_many(make_task, make_member, tree, 12)
        with django_assert_max_num_queries(few):
            response = client.get("/api/v1/tasks/")
        assert response.json()["count"] >= 14


def _board(user):
    return [
        (
            t.owner.full_name,
            t.organization.name,
            t.focus_issue,
            [c.full_name for c in t.coworkers.all()],
        )
        for t in task_list(user)
    ]


def _mine(user, today):
    groups = my_tasks(user, today=today)
    rows = groups.overdue + groups.due_soon + groups.in_hand + groups.recently_closed
    return [(t.owner.full_name, [c.full_name for c in t.coworkers.all()]) for t in rows]


def test_board_and_my_tasks_selectors_do_not_grow(
    make_task, make_member, users, tree, django_assert_max_num_queries
):
    today = dt.date.today()
    _make_many(make_task, make_member, tree, 2)
    _board(users["secretary"]), _mine(users["member"], today)  # roles read once and kept
    board_few = _count(lambda: _board(users["secretary"]))
    mine_few = _count(lambda: _mine(users["member"], today))
    _make_many(make_task, make_member, tree, 12)
    with django_assert_max_num_queries(board_few):
        assert len(_board(users["secretary"])) == 14
    with django_assert_max_num_queries(mine_few):
        assert len(_mine(users["member"], today)) == 14
