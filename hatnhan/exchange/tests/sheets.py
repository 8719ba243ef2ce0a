"""Building workbooks in tests: every mess and refusal is a sheet made here, not a fixture file."""

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook

HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số thẻ đảng viên",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Chi bộ",
    "Chức vụ chính quyền",
]


def row(
    n: int,
    name: str,
    card: str,
    cell: str = "Chi bộ Phòng Ngân sách",
    *,
    born: Any = dt.date(1980, 1, 2),
    gender: Any = "Nam",
    joined: Any = dt.date(2005, 5, 19),
    full: Any = dt.date(2006, 5, 19),
    post: str = "",
) -> list[Any]:
    return [n, name, born, gender, card, joined, full, cell, post]


def workbook(rows: Iterable[Iterable[Any]], *, title: str = "Sheet1") -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(list(r))
    return wb


def to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx(rows: Iterable[Iterable[Any]], **kwargs: Any) -> bytes:
    return to_bytes(workbook(rows, **kwargs))


def simple(*members: list[Any]) -> bytes:
    return xlsx([HEADER, *members])
