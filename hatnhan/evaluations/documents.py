"""The review's outputs: Mẫu 01 (the collective's review report) and a member's self-review
form (HD 43 Mẫu 2A/2B/2C) with the record's figures filled in, both in the HD 36 layout
(core.docx); the Excel lists by level (core.xlsx: typed text stays text)."""

import datetime as dt
from collections.abc import Iterable, Sequence
from io import BytesIO

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font

from hatnhan.core.docx import Heading, Para, PartyDocument, Signer, Table
from hatnhan.core.xlsx import XLSX_CONTENT_TYPE, append_row

from .models import LEVEL_ORDER, Evaluation, Level, Round

FIGURES = [
    ("tasks_due", "Nhiệm vụ đến hạn trong kỳ"),
    ("tasks_done", "Đã hoàn thành, nghiệm thu"),
    ("tasks_on_time", "Hoàn thành đúng hạn"),
    ("tasks_exceeded", "Vượt yêu cầu"),
    ("tasks_met", "Đạt yêu cầu"),
    ("tasks_partly_met", "Đạt một phần"),
    ("tasks_not_met", "Không đạt"),
    ("tasks_overdue", "Quá hạn chưa hoàn thành"),
    ("tasks_extended", "Được gia hạn"),
    ("meetings_present", "Sinh hoạt có mặt"),
    ("meetings_excused", "Vắng có lý do"),
    ("meetings_unexcused", "Vắng không lý do"),
    ("discipline_count", "Kỷ luật trong kỳ"),
]


def level_name(level: str) -> str:
    return str(Level(level).label) if level else "—"


def _score(value: object) -> str:
    return "—" if value is None else str(value)


def _superior(round: Round) -> str:
    parent = round.organization.parent
    return parent.name.upper() if parent else ""


def collective_report(round: Round, rows: Sequence[Evaluation], today: dt.date) -> PartyDocument:
    """Mẫu 01: the collective's report, with the members' levels and the record behind them."""
    members = [r for r in rows if r.member_id]
    reviewed = [r for r in members if not r.excluded]
    counts = {lv: sum(1 for r in reviewed if r.final_level == lv) for lv in LEVEL_ORDER}
    body: list = [
        Para(
            f"Kỳ đánh giá: từ ngày {round.period_start:%d/%m/%Y} đến ngày "
            f"{round.period_end:%d/%m/%Y}. Căn cứ: {round.rulebook.name}."
        ),
        *[Para(f"Lưu ý: {w}", italic=True) for w in round.warnings],
        Heading("I. Kết quả thực hiện nhiệm vụ (theo dữ liệu của hệ thống)"),
        Para(
            f"Tổng số đảng viên: {len(members)}; được đánh giá: {len(reviewed)}; "
            f"không đánh giá: {len(members) - len(reviewed)}."
        ),
        Heading("II. Kết quả xếp loại đảng viên"),
        Table(
            header=["Mức xếp loại", "Số đảng viên"],
            rows=[[level_name(lv), str(counts[lv])] for lv in LEVEL_ORDER],
        ),
        Table(
            header=["STT", "Họ và tên", "Điểm nhiệm vụ", "Tổng điểm", "Đề xuất", "Xếp loại"],
            rows=[
                [
                    str(n),
                    r.member.full_name,
                    _score(r.task_score),
                    _score(r.total_score),
                    level_name(r.proposed_level),
                    r.excluded_reason if r.excluded else level_name(r.final_level),
                ]
                for n, r in enumerate(members, start=1)
            ],
        ),
    ]
    organizations = [r for r in rows if r.organization_id]
    if organizations:
        body += [
            Heading("III. Tự đánh giá, xếp loại tổ chức"),
            Table(
                header=["Tổ chức", "Điểm nhiệm vụ", "Đề xuất", "Xếp loại"],
                rows=[
                    [
                        r.organization.name,
                        _score(r.task_score),
                        level_name(r.proposed_level),
                        level_name(r.final_level),
                    ]
                    for r in organizations
                ],
            ),
        ]
    return PartyDocument(
        superior=_superior(round),
        issuer=round.organization.name.upper(),
        kind="BÁO CÁO",
        title="Kiểm điểm, đánh giá, xếp loại chất lượng tập thể và đảng viên (Mẫu 01)",
        date=today,
        place=settings.DOCUMENT_PLACE,
        body=body,
        signer=Signer(capacity=f"T/M {round.organization.name.upper()}", post="BÍ THƯ", name=""),
        recipients=["Cấp ủy cấp trên", "Lưu"],
    )


def self_review(row: Evaluation, today: dt.date) -> PartyDocument:
    """A member's self-review form (Mẫu 2A/2B/2C), the record's figures filled in."""
    round = row.round
    form = row.self_form or "2B"
    m = row.metrics
    return PartyDocument(
        superior=round.organization.name.upper(),
        issuer=row.unit.name.upper(),
        kind="BẢN KIỂM ĐIỂM CÁ NHÂN",
        title=f"Năm {round.period_end.year} (Mẫu {form})",
        date=today,
        place=settings.DOCUMENT_PLACE,
        body=[
            Para(f"Họ và tên: {row.member.full_name}"),
            Para(f"Chi bộ: {row.unit.name}"),
            Heading("I. Kết quả thực hiện nhiệm vụ được giao (số liệu của hệ thống)"),
            Table(
                header=["Nội dung", "Số lượng"],
                rows=[[label, str(m.get(key, 0))] for key, label in FIGURES],
            ),
            Para(f"Điểm kết quả thực hiện nhiệm vụ (tối đa 70): {_score(row.task_score)}"),
            Heading("II. Ưu điểm"),
            Para(row.self_strengths or "…"),
            Heading("III. Hạn chế, khuyết điểm và nguyên nhân"),
            Para(row.self_weaknesses or "…"),
            Heading("IV. Biện pháp khắc phục"),
            Para(row.self_remedies or "…"),
            Heading("V. Tự nhận mức xếp loại"),
            Para(
                f"Tự chấm tiêu chí chung: {_score(row.self_general_score)}/30. "
                f"Tự xếp loại: {level_name(row.self_level)}."
            ),
        ],
        signer=Signer(post="NGƯỜI TỰ KIỂM ĐIỂM", name=row.member.full_name),
    )


def levels_xlsx(round: Round, rows: Iterable[Evaluation]) -> HttpResponse:
    """One sheet per level (the final one, else the proposal), then the excluded."""
    book = Workbook()
    book.remove(book.active)
    sheets = {}
    header = [
        "STT",
        "Họ và tên / tổ chức",
        "Chi bộ",
        "Điểm nhiệm vụ",
        "Tổng điểm",
        "Đề xuất",
        "Xếp loại",
        "Lý do",
    ]
    for level in [*LEVEL_ORDER, ""]:
        sheet = book.create_sheet(str(Level(level).label)[:31] if level else "Không đánh giá")
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheets[level] = [sheet, 0]
    for row in rows:
        key = "" if row.excluded else (row.final_level or row.proposed_level or Level.NOT_COMPLETED)
        entry = sheets[key]
        entry[1] += 1
        append_row(
            entry[0],
            [
                entry[1],
                str(row),
                row.unit.name,
                float(row.task_score) if row.task_score is not None else None,
                float(row.total_score) if row.total_score is not None else None,
                level_name(row.proposed_level),
                level_name(row.final_level),
                row.excluded_reason or row.decision_reason,
            ],
        )
    out = BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"xep-loai-{round.pk}.xlsx")
    return response
