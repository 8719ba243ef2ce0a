"""Excel exports of task lists: Vietnamese headers, real date cells shown dd/mm/yyyy, and
only the rows the page itself would show."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hatnhan.tasks.xlsx import XLSX_TYPE

pytestmark = [pytest.mark.django_db]


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    return load_workbook(BytesIO(response.content)).active


def test_board_export_has_vietnamese_headers_and_date_cells(client, users, make_task, today):
    task = make_task(title="Kiểm tra việc niêm yết TTHC")
    client.force_login(users["secretary"])
    sheet = _sheet(client.get(reverse("tasks:board") + "?format=xlsx"))
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["STT", "Nhiệm vụ", "Kết quả cần đạt"]
    assert "Hạn hoàn thành" in headers and "Người chịu trách nhiệm" in headers
    row = list(sheet[2])
    assert row[1].value == task.title
    due = row[headers.index("Hạn hoàn thành")]
    assert isinstance(due.value, dt.datetime | dt.date)  # a real date cell, not text
    value = due.value.date() if isinstance(due.value, dt.datetime) else due.value
    assert value == task.due_date
    assert due.number_format == "DD/MM/YYYY"
    assert row[headers.index("Trạng thái")].value == "Đã giao"


def test_export_follows_the_filters_and_the_restriction(client, users, make_task):
    make_task(title="Việc của phòng A")
    make_task(title="Việc khác")
    client.force_login(users["secretary"])
    sheet = _sheet(client.get(reverse("tasks:board") + "?q=phong+a&format=xlsx"))
    assert [r[1].value for r in sheet.iter_rows(min_row=2)] == ["Việc của phòng A"]
    client.force_login(users["other"])
    sheet = _sheet(client.get(reverse("tasks:board") + "?status=&format=xlsx"))
    assert sheet.max_row == 1  # headers only: another organization's tasks never leave


def test_my_tasks_and_awaiting_export(client, users, make_task, today):
    make_task(title="Viết báo cáo chuyên đề", due_date=today + dt.timedelta(days=2))
    client.force_login(users["member"])
    sheet = _sheet(client.get(reverse("tasks:my-tasks") + "?format=xlsx"))
    assert [r[1].value for r in sheet.iter_rows(min_row=2)] == ["Viết báo cáo chuyên đề"]
    client.force_login(users["committee"])
    sheet = _sheet(client.get(reverse("tasks:awaiting") + "?format=xlsx"))
    assert sheet.max_row == 1


def test_formula_like_text_is_exported_as_text(client, users, make_task):
    """Issue 8: a title typed as "=HYPERLINK(…)" must not become a live formula."""
    title = '=HYPERLINK("http://evil.example","Bấm")'
    make_task(title=title, expected_result="+1 phòng đạt chuẩn")
    client.force_login(users["secretary"])
    sheet = _sheet(client.get(reverse("tasks:board") + "?format=xlsx"))
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    for value in (title, "+1 phòng đạt chuẩn"):
        [cell] = [c for c in cells if c.value == value]
        assert cell.data_type == "s" and cell.quotePrefix
