"""The scorecard as a Word report in the HD 36 layout, read back with python-docx."""

import datetime as dt
from io import BytesIO

import docx
from docx.shared import Pt

from hatnhan.core.docx import render
from hatnhan.dashboards.documents import party_document
from hatnhan.dashboards.tests.sample import SCORECARD

NB = "\u00a0"


def _document():
    doc = party_document(
        SCORECARD,
        issuer="Đảng bộ Sở Tài chính",
        superior="Đảng bộ Khối Các cơ quan tỉnh",
        today=dt.date(2026, 7, 2),
        place="Nghệ An",
    )
    return docx.Document(BytesIO(render(doc)))


def test_the_party_layout():
    document = _document()
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH" in header[0]
    assert "ĐẢNG BỘ SỞ TÀI CHÍNH" in header[0]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header[1]
    assert "Nghệ An, ngày 02 tháng 7 năm 2026" in header[1]
    text = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in text
    kind = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert kind.runs[0].font.size == Pt(16) and kind.runs[0].font.bold


def test_each_section_is_a_table_of_its_figures_with_the_year_before():
    document = _document()
    tasks, feedback = ([[c.text for c in r.cells] for r in t.rows] for t in document.tables[1:3])
    assert tasks == [
        ["Chỉ tiêu", "Kỳ này", "Cùng kỳ năm trước", "Ghi chú"],
        ["Nhiệm vụ hoàn thành đúng hạn", f"87,5{NB}%", f"80{NB}%", "20/23 đúng hạn"],
        ["Nhiệm vụ quá hạn", "3", "5", ""],
        ["Số ngày quá hạn trung bình", f"12,3{NB}ngày", "—", ""],
    ]
    assert feedback[1] == ["Phản ánh của người dân", "1.234", "—", '=HYPERLINK("http://x")']


def test_period_freshness_and_months_are_written_out():
    text = "\n".join(p.text for p in _document().paragraphs)
    assert "Kỳ báo cáo: 6 tháng đầu năm 2026 (từ ngày 01/01/2026 đến ngày 30/06/2026)." in text
    assert "Số liệu tính đến 00:05 ngày 01/07/2026." in text
    assert "I. Nhiệm vụ" in text and "II. Phản ánh" in text and "III. Diễn biến theo tháng" in text
    assert "1. Nhiệm vụ hoàn thành đúng hạn" in text and "2. Nhiệm vụ quá hạn" in text
    # Each figure's months as a table; the year before was not read in this card, so no
    # column of it (rather than one of dashes).
    on_time, overdue = (
        [[c.text for c in r.cells] for r in t.rows] for t in _document().tables[3:5]
    )
    assert overdue == [
        ["Tháng", "Kỳ này"],
        ["01/2026", "1"],
        ["02/2026", "0"],
        ["03/2026", "2"],
        ["04/2026", "4"],
        ["05/2026", "3"],
        ["06/2026", "3"],
    ]
    assert on_time[3:5] == [["03/2026", "—"], ["04/2026", f"50{NB}%"]]
    assert "T/M ĐẢNG BỘ SỞ TÀI CHÍNH" in "\n".join(
        c.text for t in _document().tables for r in t.rows for c in r.cells
    )
