"""The reports' Excel export: the board's rows under its filters, never who reported."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from openpyxl import Workbook

from hatnhan.core.xlsx import XLSX_CONTENT_TYPE, append_row

from .models import FeedbackReport

HEADERS = [
    "Mã tiếp nhận",
    "Tổ chức tiếp nhận",
    "Nội dung phản ánh",
    "Trạng thái",
    "Ngày tiếp nhận",
    "Hạn phân loại",
    "Hạn trả lời",
    "Ngày trả lời",
    "Phản ánh đúng",
    "Thủ tục hành chính",
    "Cán bộ bị phản ánh",
]


def _date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def reports_xlsx(reports: QuerySet[FeedbackReport], *, today: dt.date) -> HttpResponse:
    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet("Phản ánh")
    append_row(sheet, HEADERS)
    for r in reports.iterator():
        substantiated = (
            "" if r.substantiated is None else ("Đúng" if r.substantiated else "Không đúng")
        )
        append_row(
            sheet,
            [
                r.receipt_code,
                r.organization.name,
                r.get_category_display(),
                r.get_status_display(),
                _date(r.received_on),
                _date(r.triage_due),
                _date(r.answer_due),
                _date(r.answered_on),
                substantiated,
                r.procedure,
                r.official,
            ],
        )
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="phan-anh-{today:%Y%m%d}.xlsx"'
    book.save(response)
    return response
