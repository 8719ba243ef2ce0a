"""A scorecard leaving the system: Excel (core.xlsx: typed text stays text, figures stay
numbers) and Word in the party's layout (core.docx, HD 36). Both are drawn from a `Scorecard`
alone, the same value the page shows, so a file cannot disagree with the screen it was
downloaded from. Like the review's documents (evaluations/documents.py) they are written in
Vietnamese whatever the interface's language: they are the party's papers."""

import datetime as dt
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hatnhan.core.docx import Heading, Para, PartyDocument, Signer, Table
from hatnhan.core.xlsx import XLSX_CONTENT_TYPE, append_row

from .charts import year_before_values
from .numbers import vn_number
from .scorecard import Figure, Scorecard

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# The pages' own words (the msgids of charts.py and the scorecard's table), not new ones.
THIS, BEFORE = "Kỳ này", "Cùng kỳ năm trước"
FIGURE_HEADER = ["Nhóm", "Chỉ tiêu", THIS, "Đơn vị", BEFORE, "Ghi chú"]
# Excel shows the stored number in the reader's own locale (a Vietnamese Excel writes 87,5).
NUMBER_FORMAT = "#,##0.0"
COUNT_FORMAT = "#,##0"


def filename(card: Scorecard, extension: str) -> str:
    who = f"{card.organization_id}-{card.member_id}" if card.member_id else card.organization_id
    period = f"{card.period_start:%Y%m%d}-{card.period_end:%Y%m%d}"
    return f"bang-diem-{card.kind}-{who}-{period}.{extension}"


def period_text(card: Scorecard) -> str:
    return (
        f"{card.period_label} (từ ngày {card.period_start:%d/%m/%Y} "
        f"đến ngày {card.period_end:%d/%m/%Y})"
    )


def fresh_text(card: Scorecard) -> str:
    if card.fresh_as_of is None:
        return "Số liệu tính trực tiếp từ hồ sơ."
    return f"Số liệu tính đến {timezone.localtime(card.fresh_as_of):%H:%M ngày %d/%m/%Y}."


def _unit(figure: Figure) -> str:
    return {"%": "%", "ngày": "ngày"}.get(figure.unit, "")


def _bold_row(sheet) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _number_format(sheet, figure: Figure, columns: range) -> None:
    fmt = COUNT_FORMAT if figure.unit == "" else NUMBER_FORMAT
    for column in columns:
        sheet.cell(row=sheet.max_row, column=column).number_format = fmt


def _trend_figures(card: Scorecard) -> list[Figure]:
    return [f for s in card.sections for f in s.figures if f.trend]


def _months_sheet(sheet, card: Scorecard) -> None:
    """A row per figure, a column per month; when the card's months a year before were read,
    each month is two columns under it (this period, a year before), as the chart's table
    pairs them. A figure whose year before was not read leaves its cells empty, not zero."""
    trends = _trend_figures(card)
    months = sorted({m.month for f in trends for m in f.trend})
    compared = any(f.previous_trend is not None for f in trends)
    if not compared:
        append_row(sheet, ["Chỉ tiêu", "Đơn vị", *(f"{m:%m/%Y}" for m in months)])
        _bold_row(sheet)
    else:
        append_row(
            sheet, ["Chỉ tiêu", "Đơn vị", *(c for m in months for c in (f"{m:%m/%Y}", None))]
        )
        _bold_row(sheet)
        append_row(sheet, [None, None, *(c for _m in months for c in (THIS, BEFORE))])
        _bold_row(sheet)
        for column in ("A", "B"):
            sheet.merge_cells(f"{column}1:{column}2")
        for n in range(len(months)):
            first, second = get_column_letter(3 + 2 * n), get_column_letter(4 + 2 * n)
            sheet.merge_cells(f"{first}1:{second}1")
            sheet[f"{first}1"].alignment = Alignment(horizontal="center")
        for cell in sheet[2]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    per_month = 2 if compared else 1
    for figure in trends:
        values = {m.month: m.value for m in figure.trend}
        row: list = [figure.label, _unit(figure)]
        if compared:
            before = dict(
                zip(
                    (m.month for m in figure.trend),
                    year_before_values(figure.trend, figure.previous_trend or ()),
                    strict=True,
                )
            )
            for m in months:
                row += [values.get(m), before.get(m)]
        else:
            row += [values.get(m) for m in months]
        append_row(sheet, row)
        _number_format(sheet, figure, range(3, 3 + per_month * len(months)))
    sheet.column_dimensions["A"].width = 44
    for n in range(per_month * len(months)):
        sheet.column_dimensions[get_column_letter(3 + n)].width = 10
    if compared:
        sheet.freeze_panes = "C3"


def workbook(card: Scorecard) -> bytes:
    """Two sheets: the figures with the same period a year before, and the figures by month."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Bảng điểm"
    append_row(sheet, [card.title])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, [card.subtitle])
    append_row(sheet, ["Kỳ", period_text(card)])
    append_row(sheet, [fresh_text(card)])
    append_row(sheet, [])
    append_row(sheet, FIGURE_HEADER)
    _bold_row(sheet)
    for section in card.sections:
        for figure in section.figures:
            append_row(
                sheet,
                [
                    section.title,
                    figure.label,
                    figure.value,
                    _unit(figure),
                    figure.previous,
                    figure.note,
                ],
            )
            _number_format(sheet, figure, range(3, 6, 2))
    for column, width in zip("ABCDEF", (18, 44, 12, 8, 18, 30), strict=True):
        sheet.column_dimensions[column].width = width

    _months_sheet(book.create_sheet("Theo tháng"), card)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(card: Scorecard) -> HttpResponse:
    response = HttpResponse(workbook(card), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename(card, "xlsx"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _numeral(n: int) -> str:
    return ROMAN[n] if n < len(ROMAN) else str(n + 1)


def _months_table(figure: Figure) -> Table:
    """The figure's months as the page's table beside its chart writes them (charts.py): the
    month, this period, and the same month a year before when it was read."""
    values = [vn_number(m.value, figure.unit) for m in figure.trend]
    months = [f"{m.month:%m/%Y}" for m in figure.trend]
    if figure.previous_trend is None:
        return Table(
            header=["Tháng", THIS], rows=[list(r) for r in zip(months, values, strict=True)]
        )
    before = year_before_values(figure.trend, figure.previous_trend)
    return Table(
        header=["Tháng", THIS, BEFORE],
        rows=[
            [month, value, vn_number(was, figure.unit)]
            for month, value, was in zip(months, values, before, strict=True)
        ],
    )


def party_document(
    card: Scorecard, *, issuer: str, superior: str, today: dt.date, place: str
) -> PartyDocument:
    """The scorecard as a report in the HD 36 layout: one table per section (this period,
    the same period a year before, the note), then each figure's months beside the same months
    a year before."""
    body: list = [Para(f"Kỳ báo cáo: {period_text(card)}.")]
    if card.subtitle:
        body.append(Para(card.subtitle))
    body.append(Para(fresh_text(card), italic=True))
    for n, section in enumerate(card.sections):
        body += [
            Heading(f"{_numeral(n)}. {section.title}"),
            Table(
                header=["Chỉ tiêu", THIS, BEFORE, "Ghi chú"],
                rows=[
                    [
                        f.label,
                        vn_number(f.value, f.unit),
                        vn_number(f.previous, f.unit),
                        f.note,
                    ]
                    for f in section.figures
                ],
            ),
        ]
    trends = _trend_figures(card)
    if trends:
        body.append(Heading(f"{_numeral(len(card.sections))}. Diễn biến theo tháng"))
        for n, figure in enumerate(trends, start=1):
            body += [Para(f"{n}. {figure.label}", bold=True), _months_table(figure)]
    signer = None
    if card.kind == "organization":
        signer = Signer(capacity=f"T/M {issuer.upper()}", post="BÍ THƯ", name="")
    return PartyDocument(
        superior=superior,
        issuer=issuer,
        kind="BÁO CÁO",
        title=f"Kết quả thực hiện nhiệm vụ: {card.title}, {card.period_label}",
        date=today,
        place=place,
        body=body,
        signer=signer,
        recipients=["Cấp ủy cấp trên", "Lưu"],
    )
