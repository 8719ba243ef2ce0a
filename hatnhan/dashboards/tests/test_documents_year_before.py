"""The scorecard's Excel and Word files show each month beside the same month a year before,
as the page's chart table does: against the hand-made card (tests/sample.py) and against
hand-counted records fetched through the export links (conftest.stc_record)."""

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO

import docx
from django.urls import reverse
from openpyxl import load_workbook

from hatnhan.core.docx import render
from hatnhan.dashboards.documents import party_document, workbook
from hatnhan.dashboards.figures import DEFINITIONS
from hatnhan.dashboards.tests.sample import SCORECARD_WITH_YEAR_BEFORE

NB = "\u00a0"
BEFORE = "Cùng kỳ năm trước"
ON_TIME = next(str(d.label) for d in DEFINITIONS if d.key == "tasks_on_time_rate")


def _months_sheet(content: bytes):
    return load_workbook(BytesIO(content))["Theo tháng"]


def _word(content: bytes) -> docx.Document:
    return docx.Document(BytesIO(content))


def _month_tables(document) -> dict[str, list[list[str]]]:
    """Each figure's months table under its numbered name ("1. Nhiệm vụ ...")."""
    names = [p.text.split(". ", 1)[1] for p in document.paragraphs if re.match(r"\d+\. ", p.text)]
    tables = [
        [[c.text for c in r.cells] for r in t.rows]
        for t in document.tables
        if t.rows[0].cells[0].text == "Tháng"
    ]
    return dict(zip(names[-len(tables) :], tables, strict=True))


def test_the_months_sheet_pairs_each_month_with_the_year_before():
    sheet = _months_sheet(workbook(SCORECARD_WITH_YEAR_BEFORE))
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    months = ["01/2026", "02/2026", "03/2026", "04/2026", "05/2026", "06/2026"]
    assert rows[0] == ["Chỉ tiêu", "Đơn vị", *(c for m in months for c in (m, None))]
    assert rows[1] == [None, None, *(["Kỳ này", BEFORE] * 6)]
    # 2026: 75, 100, —, 50, 87,5, 100; 2025: —, —, 66,7, 80, 90, 100.
    assert rows[2][:8] == ["Nhiệm vụ hoàn thành đúng hạn", "%", 75, None, 100, None, None, 66.7]
    assert rows[2][8:] == [50, 80, 87.5, 90, 100, 100]
    assert rows[3] == ["Nhiệm vụ quá hạn", None, 1, 2, 0, 1, 2, 0, 4, 3, 3, 5, 3, 4]
    assert Decimal(str(rows[2][7])) == Decimal("66.7")
    assert sheet["H3"].data_type == "n" and sheet["H3"].number_format == "#,##0.0"
    assert sheet["D4"].number_format == "#,##0"
    assert "C1:D1" in {str(r) for r in sheet.merged_cells.ranges}


def test_the_word_months_tables_have_the_year_before_column():
    document = _word(
        render(
            party_document(
                SCORECARD_WITH_YEAR_BEFORE,
                issuer="Đảng bộ Sở Tài chính",
                superior="Đảng bộ Khối Các cơ quan tỉnh",
                today=dt.date(2026, 7, 2),
                place="Nghệ An",
            )
        )
    )
    tables = _month_tables(document)
    assert tables["Nhiệm vụ hoàn thành đúng hạn"] == [
        ["Tháng", "Kỳ này", BEFORE],
        ["01/2026", f"75{NB}%", "—"],
        ["02/2026", f"100{NB}%", "—"],
        ["03/2026", "—", f"66,7{NB}%"],
        ["04/2026", f"50{NB}%", f"80{NB}%"],
        ["05/2026", f"87,5{NB}%", f"90{NB}%"],
        ["06/2026", f"100{NB}%", f"100{NB}%"],
    ]
    assert tables["Nhiệm vụ quá hạn"][1] == ["01/2026", "1", "2"]


def test_the_exports_show_the_records_a_year_before(client, users, tree, stc_record):
    """conftest.stc_record: STC's cell's task due 15/03/2025 done on time (March 2025: 100 %)
    and the one due 01/04/2025 late (April 2025: 0 %); nothing due in May 2025 ("—")."""
    client.force_login(users["staff"])
    period = {"year": "2026"}
    url = reverse("dashboards:organization-xlsx", args=[tree["stc"].pk])
    sheet = _months_sheet(client.get(url, period).content)
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == ON_TIME)
    march = header.index("03/2026")
    assert sheet.cell(row=2, column=march + 2).value == BEFORE
    assert row[march + 1] == 100  # March 2025
    assert row[march + 3] == 0  # April 2025
    assert row[march + 5] is None  # May 2025
    url = reverse("dashboards:organization-docx", args=[tree["stc"].pk])
    months = {r[0]: r for r in _month_tables(_word(client.get(url, period).content))[ON_TIME]}
    assert months["Tháng"][2] == BEFORE
    assert months["03/2026"][2] == f"100{NB}%"
    assert months["04/2026"][2] == f"0{NB}%"
    assert months["05/2026"][2] == "—"
