"""Lists out to Excel: what the user may see, through the same restriction as the page.

Member lists use the import template's columns, so an exported file imports back with
no change. Workbooks are written in openpyxl's write-only mode (rows streamed to disk),
so a large export never holds the sheet in memory.
"""

import datetime as dt
import functools
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from hatnhan.core.filters import FilterSet, filter_list
from hatnhan.core.restrict import VIEW
from hatnhan.core.xlsx import XLSX_CONTENT_TYPE, safe_value
from hatnhan.members.filters import MemberFilter, SeatFilter
from hatnhan.members.models import CommitteeSeat, Gender, Member, MemberStatus
from hatnhan.organizations.filters import OrganizationFilter
from hatnhan.organizations.models import Organization

from .readers import COLUMNS, Column

DATE_FORMAT = "DD/MM/YYYY"
XLSX_MIME = XLSX_CONTENT_TYPE
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
_WIDTHS = {
    "full_name": 28,
    "party_card_number": 16,
    "cell": 30,
    "post": 24,
    "status": 18,
    "email": 28,
    "phone": 14,
    "gender": 9,
}


# --- What the user may see ------------------------------------------------------------------


def members_for_export(request: HttpRequest) -> tuple[FilterSet, QuerySet[Member]]:
    """The member list page's rows, by the page's own filters (members.filters)."""
    filterset, rows = filter_list(
        MemberFilter,
        request,
        Member.objects.restrict(request.user, VIEW).select_related("organization"),
    )
    return filterset, rows.order_by("sort_key", "id")


def organizations_for_export(request: HttpRequest) -> tuple[FilterSet, QuerySet[Organization]]:
    filterset, rows = filter_list(
        OrganizationFilter,
        request,
        Organization.objects.restrict(request.user, VIEW).select_related("parent"),
    )
    return filterset, rows.order_by("path")


def seats_for_export(request: HttpRequest) -> tuple[FilterSet, QuerySet[CommitteeSeat]]:
    filterset, rows = filter_list(
        SeatFilter,
        request,
        CommitteeSeat.objects.restrict(request.user, VIEW).select_related(
            "organization", "member", "term"
        ),
    )
    return filterset, rows.order_by("organization__path", "role", "member__sort_key", "id")


# --- Writing ----------------------------------------------------------------------------------


def _header(ws: Any, labels: Iterable[str]) -> None:
    cells = []
    for label in labels:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    ws.append(cells)


def _value(ws: Any, value: Any) -> Any:
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return safe_value(ws, value)


def _table_sheet(
    wb: Workbook, title: str, headers: list[str], widths: list[int], rows: Iterable[list[Any]]
) -> Any:
    ws = wb.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    _header(ws, headers)
    for row in rows:
        ws.append([_value(ws, v) for v in row])
    return ws


def vietnamese(function: Any) -> Any:
    """Files are Vietnamese whatever the page's language: they are imported back."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with translation.override("vi"):
            return function(*args, **kwargs)

    return wrapper


def _save(wb: Workbook) -> IO[bytes]:
    """The workbook in a temporary file (spilled to disk when large), rewound for reading."""
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    wb.save(out)
    out.seek(0)
    return out


@functools.cache
def _label(choices: type[Gender] | type[MemberStatus], value: str, language: str) -> str:
    # Once per value and language, not once per row: 31,560 rows translated the same labels.
    return str(choices(value).label) if value else ""


def member_row(member: Member) -> list[Any]:
    language = translation.get_language()
    values: dict[str, Any] = {
        "full_name": member.full_name,
        "date_of_birth": member.date_of_birth,
        "gender": _label(Gender, member.gender, language),
        "party_card_number": member.party_card_number or "",
        "probationary_date": member.probationary_date,
        "full_membership_date": member.full_membership_date,
        "cell": member.organization.name,
        "post": member.post,
        "status": _label(MemberStatus, member.status, language),
        "email": member.email,
        "phone": member.phone,
    }
    return [values[c.field] for c in COLUMNS]


def _member_widths() -> list[int]:
    return [_WIDTHS.get(c.field, 14) for c in COLUMNS]


MEMBER_SHEET = "Danh sách đảng viên"


@vietnamese
def export_members(members: Iterable[Member]) -> IO[bytes]:
    wb = Workbook(write_only=True)
    rows = (member_row(m) for m in members)
    _table_sheet(wb, MEMBER_SHEET, [c.header for c in COLUMNS], _member_widths(), rows)
    return _save(wb)


@vietnamese
def export_organizations(organizations: Iterable[Organization]) -> IO[bytes]:
    wb = Workbook(write_only=True)
    headers = [
        "Mã",
        "Tên tổ chức",
        "Loại",
        "Tổ chức cấp trên",
        "Cơ quan, đơn vị lãnh đạo",
        "Đang hoạt động",
        "Cấp",
    ]
    rows = (
        [
            o.code,
            o.name,
            str(o.get_kind_display()),
            o.parent.name if o.parent else "",
            o.agency_name,
            "Có" if o.is_active else "Không",
            o.depth,
        ]
        for o in organizations
    )
    _table_sheet(wb, "Tổ chức đảng", headers, [14, 40, 24, 36, 30, 12, 6], rows)
    return _save(wb)


@vietnamese
def export_seats(seats: Iterable[CommitteeSeat]) -> IO[bytes]:
    wb = Workbook(write_only=True)
    headers = [
        "Tổ chức",
        "Mã tổ chức",
        "Chức danh",
        "Họ và tên",
        "Số thẻ đảng viên",
        "Nhiệm kỳ",
        "Từ ngày",
        "Đến ngày",
        "Đồng thời là thủ trưởng",
    ]
    rows = (
        [
            s.organization.name,
            s.organization.code,
            str(s.get_role_display()),
            s.member.full_name,
            s.member.party_card_number or "",
            s.term.name if s.term else "",
            s.start_date,
            s.end_date,
            "Có" if s.is_agency_head else "",
        ]
        for s in seats
    )
    _table_sheet(wb, "Cấp ủy", headers, [36, 12, 22, 28, 16, 14, 12, 12, 12], rows)
    return _save(wb)


@vietnamese
def template_workbook() -> IO[bytes]:
    """The blank import template: the columns, an example-free table, and instructions."""
    wb = Workbook()
    ws = wb.active
    ws.title = MEMBER_SHEET
    ws.append([c.header for c in COLUMNS])
    for i, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _WIDTHS.get(column.field, 14)
        area = f"{letter}2:{letter}5000"
        # Formats on the columns, not on hundreds of empty cells: blank formatted rows would
        # make the sheet declare rows nobody filled in (a template with four members
        # showed "0 / 525 dòng" and waited for a background worker).
        if column.kind == "date":
            ws.column_dimensions[letter].number_format = DATE_FORMAT
        elif column.kind in {"card", "phone"}:
            # Text cells: leading zeros stay, nothing turns into 1.2E+07.
            ws.column_dimensions[letter].number_format = "@"
        choices = _choices(column)
        if choices:
            validation = DataValidation(
                type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
            )
            validation.error = "Chọn một giá trị trong danh sách."
            ws.add_data_validation(validation)
            validation.add(area)
    ws.freeze_panes = "A2"
    guide = wb.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 90
    guide.append(["HƯỚNG DẪN ĐIỀN DANH SÁCH ĐẢNG VIÊN"])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append([f"Mẫu tải về ngày {timezone.localdate():%d/%m/%Y}."])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    for cell in guide[4]:
        cell.font = _HEADER_FONT
    for column in COLUMNS:
        choices = _choices(column)
        text = column.help + (f" Giá trị: {', '.join(choices)}." if choices else "")
        guide.append([column.header, "Có" if column.required else "", text.strip()])
    guide.append([])
    for line in _GUIDE_NOTES:
        guide.append([line])
    return _save(wb)


def _choices(column: Column) -> list[str]:
    if column.kind == "gender":
        return [str(label) for _, label in Gender.choices]
    if column.kind == "status":
        return [str(label) for _, label in MemberStatus.choices]
    return []


_GUIDE_NOTES = [
    "Mỗi dòng một đảng viên, bắt đầu từ dòng 2 của trang “Danh sách đảng viên”.",
    "Có thể dùng danh sách sẵn có: dòng tiêu đề văn bản phía trên, tiêu đề cột hai dòng "
    "(gộp ô), dòng trống và dòng “Tổng số” cuối bảng đều được chấp nhận.",
    "Ngày ghi dạng ngày/tháng/năm (05/03/1980) hoặc để ô kiểu Ngày; không ghi tháng trước.",
    "Nhập lại cùng tệp không thay đổi gì; đảng viên đã có được nhận ra theo số thẻ đảng viên "
    "và chỉ các ô thay đổi được cập nhật.",
    "Ô để trống không xóa dữ liệu đã có trong hệ thống.",
    "Không dùng công thức: chép rồi “Dán đặc biệt → Giá trị” trước khi tải lên.",
    "Tệp phải là .xlsx; tệp .xls hoặc .csv: mở bằng Excel rồi lưu lại dạng .xlsx.",
    "Có bất kỳ lỗi nào thì không dòng nào được nhập; sửa lỗi theo số dòng, cột được báo "
    "rồi tải lên lại.",
]


def filename(stem: str) -> str:
    return f"{stem}-{timezone.localdate():%Y%m%d}.xlsx"


@dataclass(frozen=True)
class Export:
    """One list out to Excel: its rows for a request (restricted and filtered as the page),
    how they are written, and the file's name."""

    rows: Callable[[HttpRequest], tuple[FilterSet, QuerySet[Any]]]
    write: Callable[[Iterable[Any]], IO[bytes]]
    stem: str


EXPORTS: dict[str, Export] = {
    "members": Export(members_for_export, export_members, "dang-vien"),
    "organizations": Export(organizations_for_export, export_organizations, "to-chuc-dang"),
    "seats": Export(seats_for_export, export_seats, "cap-uy"),
}
