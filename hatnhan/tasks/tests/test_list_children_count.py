"""The shared list's children count (a subquery per row, not a GROUP BY over the visible
set): each row its own children, the same in the board, the API and the calendar's rows."""

import pytest
from django.urls import reverse

from hatnhan.tasks import selectors

pytestmark = [pytest.mark.django_db]


def test_each_row_counts_its_own_children_whoever_reads(users, make_task):
    parent = make_task(title="Việc lớn")
    for i in range(3):
        make_task(title=f"Việc con {i}", parent=parent)
    lone = make_task(title="Việc lẻ")
    for role in ("secretary", "staff"):
        rows = {t.pk: t.child_count for t in selectors.task_list(users[role])}
        assert rows[parent.pk] == 3 and rows[lone.pk] == 0, role
        # No row is repeated by the count (the rows are the visible tasks, once each).
        assert len(rows) == selectors.visible_tasks(users[role]).count()


def test_the_board_shows_the_count_and_leaves_long_text_out_of_its_rows(client, users, make_task):
    parent = make_task(title="Việc lớn", description="Mô tả dài không hiện trên bảng")
    make_task(title="Việc con", parent=parent)
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:board")).content.decode()
    assert "(1 việc con)" in html
    page_row = selectors.for_page(selectors.task_list(users["secretary"])).get(pk=parent.pk)
    assert "description" in page_row.get_deferred_fields()
