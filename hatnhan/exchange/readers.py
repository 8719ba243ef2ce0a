"""Reading member lists out of the Excel sheets agencies really keep.

Streams the workbook (openpyxl read-only mode: one row at a time, never the whole
sheet in memory) and turns each row into typed values with per-cell errors. Real
sheets are messy; everything below exists because some agency's sheet looks like that:
title rows above the table, a header over two rows with merged cells, header wording
variants, blank rows inside the table, a totals line after it, dates in several forms,
card numbers typed as numbers.
"""

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from hatnhan.core.text import clean_text, search_key
from hatnhan.core.uploads import check_size, check_zip_archive, sniff_kind
from hatnhan.members.models import Gender, MemberStatus

# How far down a sheet the header may start (title rows, the issuing body, dates above it).
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class Column:
    """A column of the import template: the field it fills, its header and the wordings
    agencies use for it (compared without diacritics, case or punctuation)."""

    field: str
    header: str
    aliases: tuple[str, ...]
    required: bool = False
    kind: str = "text"  # text | date | card | gender | status | email | phone | cell
    help: str = ""


# The template's columns, in its order; exports write the same columns.
COLUMNS: tuple[Column, ...] = (
    Column(
        "full_name",
        "Họ và tên",
        ("ho va ten", "ho ten", "ho va ten dang vien", "ho ten dang vien", "ten dang vien"),
        required=True,
        help="Bắt buộc.",
    ),
    Column(
        "date_of_birth",
        "Ngày sinh",
        ("ngay sinh", "ngay thang nam sinh", "sinh ngay", "nam sinh ngay"),
        kind="date",
        help="Ngày/tháng/năm, ví dụ 05/03/1980.",
    ),
    Column(
        "gender",
        "Giới tính",
        ("gioi tinh", "gioi", "nam nu", "phai"),
        kind="gender",
        help="Nam hoặc Nữ.",
    ),
    Column(
        "party_card_number",
        "Số thẻ đảng viên",
        (
            "so the dang vien",
            "so the dang",
            "so the",
            "so the dv",
            "the dang vien",
            "so the dang vien so",
        ),
        required=True,
        kind="card",
        help="Bắt buộc; dùng để nhận ra đảng viên đã có khi nhập lại.",
    ),
    Column(
        "probationary_date",
        "Ngày vào Đảng",
        (
            "ngay vao dang",
            "ngay vao dang du bi",
            "du bi",
            "ngay ket nap",
            "ngay ket nap dang",
            "ngay ket nap vao dang",
            "ngay vao dang dv du bi",
        ),
        kind="date",
        help="Ngày vào Đảng (dự bị).",
    ),
    Column(
        "full_membership_date",
        "Ngày chính thức",
        (
            "ngay chinh thuc",
            "ngay vao dang chinh thuc",
            "chinh thuc",
            "ngay cong nhan chinh thuc",
            "ngay chuyen chinh thuc",
            "ngay dang chinh thuc",
        ),
        kind="date",
        help="Để trống nếu là đảng viên dự bị.",
    ),
    Column(
        "cell",
        "Chi bộ",
        (
            "chi bo",
            "chi bo sinh hoat",
            "sinh hoat tai chi bo",
            "thuoc chi bo",
            "ten chi bo",
            "chi bo truc thuoc",
        ),
        kind="cell",
        help="Tên chi bộ trong tổ chức (không phân biệt hoa thường, có dấu hay không).",
    ),
    Column(
        "post",
        "Chức vụ chính quyền",
        (
            "chuc vu",
            "chuc vu chinh quyen",
            "chuc danh",
            "chuc vu hien nay",
            "chuc vu chinh quyen doan the",
        ),
        help="Ví dụ: Trưởng phòng.",
    ),
    Column(
        "status",
        "Tình trạng",
        ("tinh trang", "tinh trang sinh hoat", "trang thai"),
        kind="status",
        help="Để trống: Đang sinh hoạt (khi thêm mới), giữ nguyên (khi cập nhật).",
    ),
    Column(
        "email", "Thư điện tử", ("email", "e mail", "thu dien tu", "dia chi email"), kind="email"
    ),
    Column(
        "phone", "Điện thoại", ("dien thoai", "so dien thoai", "sdt", "dt", "dtdd"), kind="phone"
    ),
)
COLUMN_BY_FIELD = {c.field: c for c in COLUMNS}
# Columns read and then ignored without a word (the row number).
_IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu", "ghi chu"}
_TOTALS = re.compile(r"^(tong so|tong cong|tong\b|cong$|cong \d)")
_FOOTER = re.compile(r"^(nguoi lap|xac nhan|t m |tm |bi thu\b|.*\bngay \d+ thang \d+ nam \d+)")


def norm_header(value: Any) -> str:
    """A header cell as compared: no diacritics, case or punctuation."""
    return _norm_text(str(value))


_PUNCTUATION = re.compile(r"[^a-z0-9]+")


# Sheets repeat their words: the gender and status of every row, the headers and totals
# looked for on every sheet. Each distinct text is normalized once.
@functools.lru_cache(maxsize=4096)
def _norm_text(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", search_key(text)).split())


_ALIASES: dict[str, Column] = {alias: c for c in COLUMNS for alias in c.aliases}


@dataclass(frozen=True)
class ImportProblem:
    """One refusal, located as the user sees it in Excel (sheet, row number, column)."""

    message: str
    row: int | None = None
    column: str = ""
    sheet: str = ""

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"trang “{self.sheet}”")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        prefix = ", ".join(where)
        return f"{prefix[:1].upper()}{prefix[1:]}: {self.message}" if prefix else self.message

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "text": str(self),
        }


@dataclass
class Record:
    """One member row: typed values of the non-blank cells, and the problems found in it."""

    sheet: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)


class CellProblem(Exception):
    pass


# --- The file itself ------------------------------------------------------------------------


def check_workbook_file(stream: IO[bytes], name: str = "") -> None:
    """Refuse, before anything parses it, a file that is not a sane .xlsx workbook."""
    check_size(stream, max_bytes=settings.EXCHANGE_IMPORT_MAX_BYTES, label="Tệp")
    kind = sniff_kind(stream)
    suffix = Path(name).suffix.lower()
    if kind == "ole" or suffix == ".xls":
        raise ValidationError(
            "Tệp .xls (Excel 97–2003) không được hỗ trợ. Mở tệp bằng Excel hoặc LibreOffice, "
            "chọn “Lưu thành” (Save As) kiểu “Sổ làm việc Excel (.xlsx)” rồi tải lên tệp mới."
        )
    if kind == "xlsx":
        check_zip_archive(stream)
        return
    position = stream.tell()
    head = stream.read(2048)
    stream.seek(position)
    if suffix in {".csv", ".txt"} or _looks_like_csv(head):
        raise ValidationError(
            "Tệp CSV không được hỗ trợ vì mất định dạng ngày và số thẻ. Mở tệp bằng Excel, "
            "chọn “Lưu thành” kiểu “Sổ làm việc Excel (.xlsx)” rồi tải lên tệp mới."
        )
    if suffix == ".ods" or kind == "zip":
        raise ValidationError(
            "Tệp không phải sổ làm việc Excel (.xlsx). Nếu là tệp LibreOffice (.ods), "
            "hãy lưu lại dạng .xlsx."
        )
    raise ValidationError("Tệp không phải sổ làm việc Excel (.xlsx): không đọc được.")


def _looks_like_csv(head: bytes) -> bool:
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(("," in line or ";" in line or "\t" in line) for line in lines[:3])


def open_workbook(source: str | Path | IO[bytes]) -> Any:
    """The workbook in read-only (streaming) mode, formulas kept as formulas so we can refuse
    them. Raises ValidationError for a file openpyxl cannot read."""
    try:
        return openpyxl.load_workbook(source, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, zipfile, XML errors)
        raise ValidationError(
            "Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx: không đọc được."
        ) from exc


def estimate_rows(source: str | Path | IO[bytes]) -> int:
    """Rows the sheets declare (their stored dimensions), without reading them."""
    workbook = open_workbook(source)
    try:
        declared = [ws.max_row for ws in workbook.worksheets]
    finally:
        workbook.close()
    if all(rows is not None for rows in declared):
        return sum(declared)
    # A writer that stores no size: guess from the file (a member row is some 40 bytes zipped).
    if hasattr(source, "seek"):
        position = source.tell()  # type: ignore[union-attr]
        source.seek(0, 2)  # type: ignore[union-attr]
        size = source.tell()  # type: ignore[union-attr]
        source.seek(position)  # type: ignore[union-attr]
    else:
        size = Path(source).stat().st_size  # type: ignore[arg-type]
    return max(sum(rows or 0 for rows in declared), size // 40)


def count_rows(source: str | Path | IO[bytes], *, up_to: int) -> int:
    """Member rows in a workbook, counted exactly while there are at most `up_to`: the
    non-blank rows under each sheet's table header. Blank rows that carry only formatting
    (the downloaded template has hundreds) and sheets with no member table (its instructions)
    count nothing. A larger file is not read through: its declared size stands in."""
    budget = max(5000, 10 * up_to)  # rows looked at, blank ones too, before guessing instead
    counted = scanned = 0
    workbook = open_workbook(source)
    try:
        for ws in workbook.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            ws.reset_dimensions()
            in_table = False
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                scanned += 1
                if scanned > budget:
                    break
                if not in_table:
                    in_table = _is_header(list(values))
                    if not in_table and number >= HEADER_SCAN_ROWS:
                        break
                elif any(not _blank(v) for v in values):
                    counted += 1
                    if counted > up_to:
                        break
            if counted > up_to or scanned > budget:
                break
    finally:
        workbook.close()
    if counted <= up_to and scanned <= budget:
        return counted
    if hasattr(source, "seek"):
        source.seek(0)  # type: ignore[union-attr]
    return max(counted, estimate_rows(source))


# --- Cells to values ------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


# ASCII digits only: `\d` and str.isdigit() also take "٣" or "²", which int() then reads as
# a number or refuses with a ValueError; such a cell is refused like any unreadable date.
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$", re.ASCII)
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$", re.ASCII)


def _digits(text: str) -> bool:
    """Whether the text is a number written in ASCII digits (what int() reads as such)."""
    return text.isascii() and text.isdigit()


def parse_date(value: Any, *, epoch: dt.datetime | None = None) -> dt.date:
    """A date from a date cell, an Excel serial number, or text dd/mm/yyyy, d/m/yyyy or
    yyyy-mm-dd. Day first always: 03/05/1990 is 3 May, never March 5."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, epoch)
    text = _text(value)
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            raise CellProblem(f"Năm phải ghi đủ 4 chữ số: “{text}”.")
        return _make_date(year, month, day, text)
    if match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, text)
    if _digits(text) and 4 < len(text) < 8:
        return _serial(int(text), epoch)
    raise CellProblem(
        f"Không đọc được ngày “{text}”: ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980."
    )


def _make_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellProblem(f"Ngày không có thật: “{text}”.") from None


def _serial(number: float, epoch: dt.datetime | None) -> dt.date:
    # Serials for 1/1/1900..31/12/2100 only; anything else is a number typed in a date column.
    if not 1 <= number <= 73415:
        raise CellProblem(f"Không đọc được ngày: {_text(number)} không phải một ngày.")
    converted = from_excel(number, epoch) if epoch else from_excel(number)
    return converted.date() if isinstance(converted, dt.datetime) else converted


def parse_card(value: Any, number_format: str | None = None) -> str:
    """A party card number, as text. Typed as a number it loses nothing: 12345678.0 is
    '12345678', and a zero-padded number format (00000000) gives back its leading zeros."""
    if isinstance(value, bool):
        raise CellProblem("Số thẻ đảng viên không hợp lệ.")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellProblem(f"Số thẻ đảng viên không hợp lệ: {value}.")
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if number_format and set(number_format) == {"0"}:
            text = text.zfill(len(number_format))
        return text
    if isinstance(value, dt.date):
        raise CellProblem("Số thẻ đảng viên bị định dạng thành ngày; định dạng ô là Văn bản.")
    text = "".join(_text(value).split())
    if len(text) > 32:
        raise CellProblem("Số thẻ đảng viên dài quá 32 ký tự.")
    return text


_GENDERS = {
    "nam": Gender.MALE,
    "male": Gender.MALE,
    "m": Gender.MALE,
    "nu": Gender.FEMALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
}


def parse_gender(value: Any) -> str:
    key = norm_header(value)
    if key in _GENDERS:
        return _GENDERS[key]
    raise CellProblem(f"Giới tính “{_text(value)}” không rõ: ghi Nam hoặc Nữ.")


_STATUSES = {norm_header(label): value for value, label in MemberStatus.choices} | {
    norm_header(value): value for value in MemberStatus.values
}


def parse_status(value: Any) -> str:
    key = norm_header(value)
    if key in _STATUSES:
        return _STATUSES[key]
    allowed = ", ".join(str(label) for _, label in MemberStatus.choices)
    raise CellProblem(f"Tình trạng “{_text(value)}” không có; ghi một trong: {allowed}.")


def parse_cell(
    column: Column, value: Any, number_format: str | None, epoch: dt.datetime | None
) -> Any:
    if column.kind == "date":
        return parse_date(value, epoch=epoch)
    if column.kind == "card":
        return parse_card(value, number_format)
    if column.kind == "gender":
        return parse_gender(value)
    if column.kind == "status":
        return parse_status(value)
    if isinstance(value, dt.date):
        raise CellProblem("Ô này phải là chữ, không phải ngày.")
    text = _text(value)
    if column.kind == "email":
        try:
            validate_email(text)
        except ValidationError:
            raise CellProblem(f"Thư điện tử “{text}” không hợp lệ.") from None
    return text


# --- Finding the table ----------------------------------------------------------------------


def _label_column(*labels: Any) -> Column | None:
    key = norm_header(" ".join(str(x) for x in labels if x not in (None, "")))
    return _ALIASES.get(key)


def _is_header(values: list[Any]) -> bool:
    found = {c.field for v in values if isinstance(v, str) and (c := _label_column(v))}
    return len(found) >= 2 and bool(found & {"full_name", "party_card_number"})


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class Table:
    """Where a sheet's member table is: the header rows, and which column fills which field."""

    sheet: str
    header_row: int
    columns: dict[int, Column]  # 0-based column index -> template column
    labels: dict[int, str]  # 0-based index -> the header as written (for messages)
    ignored: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    def column_name(self, index: int) -> str:
        return f"{get_column_letter(index + 1)} (“{self.labels.get(index, '')}”)"


def _map_header(sheet: str, row_number: int, top: list[Any], bottom: list[Any] | None) -> Table:
    """Map header cells to columns. With a second header row, a merged top cell's value
    (read-only mode gives it only at its first column) is carried rightwards over the
    columns whose top cell is empty: "Ngày vào Đảng" over "Dự bị" / "Chính thức"."""
    width = max(len(top), len(bottom or []))
    columns: dict[int, Column] = {}
    labels: dict[int, str] = {}
    ignored: list[str] = []
    carry: Any = None
    for i in range(width):
        upper = top[i] if i < len(top) else None
        lower = bottom[i] if bottom and i < len(bottom) else None
        if not _blank(upper):
            carry = upper
        elif not _blank(lower):
            upper = carry
        if _blank(upper) and _blank(lower):
            continue
        parts = [p for p in (upper, lower) if not _blank(p)]
        label = " ".join(_text(p) for p in parts)
        column = _label_column(*parts) or (_label_column(lower) if not _blank(lower) else None)
        if column is None and len(parts) == 2:
            column = _label_column(upper)
        labels[i] = label
        if column is None:
            if norm_header(label) not in _IGNORED_HEADERS:
                ignored.append(label)
            continue
        columns[i] = column
    table = Table(
        sheet=sheet, header_row=row_number, columns=columns, labels=labels, ignored=ignored
    )
    seen: dict[str, int] = {}
    for i, column in sorted(columns.items()):
        if column.field in seen:
            table.problems.append(
                ImportProblem(
                    f"Hai cột cùng là “{column.header}”: {table.column_name(seen[column.field])} "
                    f"và {table.column_name(i)}; giữ một cột.",
                    row=row_number,
                    sheet=sheet,
                )
            )
        seen[column.field] = i
    for column in COLUMNS:
        if column.required and column.field not in seen:
            table.problems.append(
                ImportProblem(f"Thiếu cột bắt buộc “{column.header}”.", row=row_number, sheet=sheet)
            )
    return table


def _is_sub_header(top: list[Any], candidate: list[Any]) -> bool:
    """Whether the row under the header is the header's second line: every non-empty cell is
    text that, alone or under its (merged) top cell, names a column."""
    carry: Any = None
    useful = False
    for i, value in enumerate(candidate):
        upper = top[i] if i < len(top) else None
        if not _blank(upper):
            carry = upper
        if _blank(value):
            continue
        if not isinstance(value, str):
            return False
        under = upper if not _blank(upper) else carry
        if _label_column(under, value) or _label_column(value):
            useful = True
        elif not _blank(upper):
            return False
    return useful


def _is_numbering(values: list[Any]) -> bool:
    """The "(1) (2) (3)…" line official forms put under the header."""
    numbers = []
    for value in values:
        if _blank(value):
            continue
        text = _text(value).strip("()")
        if not _digits(text) or len(text) > 4:  # a column number, not a card or a phone
            return False
        numbers.append(int(text))
    return len(numbers) >= 3 and numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def _card_value(values: list[Any], table: Table) -> bool:
    index = next((i for i, c in table.columns.items() if c.field == "party_card_number"), None)
    return index is not None and index < len(values) and not _blank(values[index])


def _is_end(values: list[Any], table: Table) -> bool:
    """The totals line ("Tổng số: 25 đồng chí") or the signature block after the table."""
    if _card_value(values, table):
        return False
    texts = [norm_header(v) for v in values if isinstance(v, str) and v.strip()][:3]
    return any(_TOTALS.match(t) or _FOOTER.match(t) for t in texts)


# --- Reading ----------------------------------------------------------------------------------

ProgressCallback = Callable[[int], None]


class MemberSheetReader:
    """Streams member records out of every sheet that holds a member table.

    `problems` collects file- and sheet-level refusals (no table, missing column);
    each Record carries its own cell problems. `ignored_columns` and `skipped_sheets`
    say what was left aside, for the preview."""

    def __init__(self, source: str | Path | IO[bytes]) -> None:
        self.source = source
        self.problems: list[ImportProblem] = []
        self.ignored_columns: list[str] = []
        self.skipped_sheets: list[str] = []
        self.sheets: list[str] = []  # titles read, in workbook order
        self.rows_read = 0

    def __iter__(self) -> Iterator[Record]:
        workbook = open_workbook(self.source)
        try:
            epoch = getattr(workbook, "epoch", None)
            found = False
            for ws in workbook.worksheets:
                if getattr(ws, "sheet_state", "visible") != "visible":
                    continue
                self.sheets.append(ws.title)
                ws.reset_dimensions()  # some writers store a wrong size; read every row there is
                try:
                    table_found = yield from self._sheet(ws, epoch)
                except (ValidationError, GeneratorExit):
                    raise
                except Exception as exc:  # broken sheet XML found half-way through
                    raise ValidationError(
                        f"Trang “{ws.title}” bị hỏng, không đọc hết được: lưu lại tệp bằng Excel "
                        "rồi tải lên lại."
                    ) from exc
                found = found or table_found
            if not found and not self.problems:
                if self.rows_read == 0:
                    self.problems.append(ImportProblem("Tệp không có dữ liệu (trang tính trống)."))
                else:
                    self.problems.append(
                        ImportProblem(
                            "Không tìm thấy bảng danh sách: cần một dòng tiêu đề có các cột "
                            "“Họ và tên” và “Số thẻ đảng viên” (tải mẫu để xem)."
                        )
                    )
        finally:
            workbook.close()

    def _sheet(self, ws: Any, epoch: Any) -> Iterator[Record]:
        title = ws.title
        table: Table | None = None
        header_values: list[Any] = []
        stage = "scan"
        data_rows = 0
        end_row = header_row = 0
        for number, cells in enumerate(ws.iter_rows(), start=1):
            values = [c.value for c in cells]
            if any(not _blank(v) for v in values):
                self.rows_read += 1
            if stage == "scan":
                if _is_header(values):
                    header_values = values
                    stage = "after_header"
                    header_row = number
                elif number >= HEADER_SCAN_ROWS:
                    break
                continue
            if stage == "after_header":
                stage = "numbering"
                if _is_sub_header(header_values, values):
                    table = self._table(title, header_row, header_values, values)
                    continue
                table = self._table(title, header_row, header_values, None)
            if table is None or table.problems:
                return True
            if stage == "numbering":
                stage = "data"
                if _is_numbering(values):
                    continue
            if all(_blank(v) for v in values):
                continue
            if stage == "ended":
                if _card_value(values, table):
                    self.problems.append(
                        ImportProblem(
                            f"Có đảng viên nằm dưới dòng tổng cộng/chữ ký (dòng {end_row}): đưa "
                            "dòng này lên trong bảng.",
                            row=number,
                            sheet=title,
                        )
                    )
                continue
            if _is_end(values, table):
                stage, end_row = "ended", number
                continue
            record = self._record(title, number, cells, table, epoch)
            if record is not None:
                data_rows += 1
                yield record
        if stage == "after_header":  # the header was the last row
            table = self._table(title, header_row, header_values, None)
        if table is None:
            if stage == "scan":
                self.skipped_sheets.append(title)
            return stage != "scan"
        if not table.problems and data_rows == 0:
            self.problems.append(
                ImportProblem(
                    "Bảng không có dòng đảng viên nào dưới dòng tiêu đề.",
                    sheet=title,
                    row=table.header_row,
                )
            )
        return True

    def _table(self, title: str, row: int, top: list[Any], bottom: list[Any] | None) -> Table:
        table = _map_header(title, row, top, bottom)
        self.problems.extend(table.problems)
        self.ignored_columns.extend(f"{title}: {label}" for label in table.ignored)
        return table

    def _record(
        self, title: str, number: int, cells: tuple[Any, ...], table: Table, epoch: Any
    ) -> Record | None:
        record = Record(sheet=title, row=number)
        for index, column in table.columns.items():
            if index >= len(cells):
                continue
            cell = cells[index]
            value = cell.value
            if _blank(value):
                continue
            # Only a formula cell is a formula: text that begins with "=" (how exports write
            # such a value, see core.xlsx) is text, and imports back as the same text.
            if getattr(cell, "data_type", None) == "f":
                record.problems.append(
                    ImportProblem(
                        f"Ô chứa công thức ({_text(value)[:40]}) thay vì giá trị. "
                        "Trong Excel, chép cột rồi “Dán đặc biệt → Giá trị” "
                        "(Paste Special → Values) trước khi nhập.",
                        row=number,
                        column=table.column_name(index),
                        sheet=title,
                    )
                )
                continue
            # Only a card number typed as a number reads its cell's format (its leading
            # zeros); looking it up costs openpyxl a style lookup per cell.
            number_format = (
                getattr(cell, "number_format", None)
                if column.kind == "card" and isinstance(value, int | float)
                else None
            )
            try:
                record.values[column.field] = parse_cell(column, value, number_format, epoch)
            except CellProblem as problem:
                record.problems.append(
                    ImportProblem(
                        str(problem), row=number, column=table.column_name(index), sheet=title
                    )
                )
        if not record.values and not record.problems:
            return None  # only a row number, or text in columns we do not read
        for column in COLUMNS:
            if (
                column.required
                and column.field not in record.values
                and not any(p.column.startswith(_letter(table, column)) for p in record.problems)
            ):
                index = next((i for i, c in table.columns.items() if c is column), None)
                record.problems.append(
                    ImportProblem(
                        f"Thiếu {column.header.lower()}.",
                        row=number,
                        column=table.column_name(index) if index is not None else column.header,
                        sheet=title,
                    )
                )
        return record


def _letter(table: Table, column: Column) -> str:
    index = next((i for i, c in table.columns.items() if c is column), None)
    return get_column_letter(index + 1) if index is not None else "?"
