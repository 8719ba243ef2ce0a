"""Any task list as an Excel workbook: Vietnamese headers, dates as real date cells shown
dd/mm/yyyy. The rows come from the same restricted selector as the page that offers it."""

import datetime as dt
from collections.abc import Iterable
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from hatnhan.core.people import person_name
from hatnhan.core.xlsx import XLSX_CONTENT_TYPE, append_row

from .models import Task, TaskStatus
from .selectors import filed_by, last_submission

XLSX_TYPE = XLSX_CONTENT_TYPE
DATE_FORMAT = "DD/MM/YYYY"


def _columns() -> list[tuple[str, int]]:
    """(header, width) of each column, translated at request time."""
    return [
        (_("STT"), 6),
        (_("Nhiệm vụ"), 48),
        (_("Kết quả cần đạt"), 40),
        (_("Tổ chức"), 28),
        (_("Người chịu trách nhiệm"), 24),
        (_("Người phối hợp"), 28),
        (_("Người giao"), 24),
        (_("Ngày bắt đầu"), 13),
        (_("Hạn hoàn thành"), 13),
        (_("Hạn ban đầu"), 13),
        (_("Trạng thái"), 16),
        (_("Tiến độ (%)"), 10),
        (_("Quá hạn"), 9),
        (_("Ngày báo cáo hoàn thành"), 13),
        (_("Người báo cáo hoàn thành"), 32),
        (_("Số ngày chờ nghiệm thu"), 12),
        (_("Kết quả nghiệm thu"), 18),
        (_("Người nghiệm thu"), 24),
        (_("Vấn đề trọng tâm"), 32),
        (_("Mức ưu tiên"), 12),
    ]


# The columns holding dates (1-based), shown dd/mm/yyyy.
DATE_COLUMNS = (8, 9, 10, 14)


def tasks_workbook(tasks: Iterable[Task], *, title: str, today: dt.date | None = None) -> bytes:
    today = today or timezone.localdate()
    book = Workbook()
    sheet = book.active
    sheet.title = (title or "Nhiem vu")[:31]
    columns = _columns()
    sheet.append([header for header, _w in columns])
    for index, (_h, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for number, task in enumerate(tasks, start=1):
        report = last_submission(task)
        append_row(
            sheet,
            [
                number,
                task.title,
                task.expected_result,
                task.organization.name,
                task.owner.full_name,
                ", ".join(m.full_name for m in task.coworkers.all()),
                person_name(task.assigned_by),
                task.start_date,
                task.due_date,
                task.original_due_date,
                task.get_status_display(),
                task.percent,
                # The owner's lateness only; the acceptor's delay has its own column.
                _("Có") if task.overdue_on(today) else "",
                task.submitted_on,
                filed_by(report) if report is not None else "",
                task.awaiting_days_on(today),
                task.get_outcome_display() if task.status == TaskStatus.DONE else "",
                person_name(task.accepted_by) if task.status == TaskStatus.DONE else "",
                task.focus_issue.title if task.focus_issue_id else "",
                task.get_priority_display(),
            ],
        )
        row = number + 1  # (sheet.max_row would rescan every cell: quadratic on big lists)
        for column in DATE_COLUMNS:
            sheet.cell(row=row, column=column).number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def tasks_workbook_response(
    tasks: Iterable[Task], *, title: str, today: dt.date | None = None
) -> HttpResponse:
    today = today or timezone.localdate()
    content = tasks_workbook(tasks, title=title, today=today)
    name = f"{slugify(title) or 'nhiem-vu'}-{today:%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
