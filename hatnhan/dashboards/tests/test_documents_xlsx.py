"""The scorecard's Excel file, opened again: the figures are numbers, typed text stays text."""

from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from hatnhan.dashboards.documents import filename, workbook
from hatnhan.dashboards.tests.sample import SCORECARD


def _book():
    return load_workbook(BytesIO(workbook(SCORECARD)))


def test_figures_sheet_has_every_figure_with_the_year_before():
    sheet = _book()["Bảng điểm"]
    assert sheet["A1"].value == "Đảng bộ Sở Tài chính"
    assert sheet["B3"].value == "6 tháng đầu năm 2026 (từ ngày 01/01/2026 đến ngày 30/06/2026)"
    # 17:05 UTC is 00:05 the next day in Hà Nội (UTC+7)
    assert sheet["A4"].value == "Số liệu tính đến 00:05 ngày 01/07/2026."
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
    assert rows[0] == ["Nhóm", "Chỉ tiêu", "Kỳ này", "Đơn vị", "Cùng kỳ năm trước", "Ghi chú"]
    assert rows[1:] == [
        ["Nhiệm vụ", "Nhiệm vụ hoàn thành đúng hạn", 87.5, "%", 80, "20/23 đúng hạn"],
        ["Nhiệm vụ", "Nhiệm vụ quá hạn", 3, None, 5, None],
        ["Nhiệm vụ", "Số ngày quá hạn trung bình", 12.25, "ngày", None, None],
        ["Phản ánh", "Phản ánh của người dân", 1234, None, None, '=HYPERLINK("http://x")'],
    ]
    assert sheet["C7"].data_type == "n"
    assert sheet["F10"].data_type == "s"  # a note that looks like a formula stays text
    assert sheet["C7"].number_format == "#,##0.0"
    assert sheet["C8"].number_format == "#,##0"


def test_months_sheet_has_each_trend_under_its_month():
    sheet = _book()["Theo tháng"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [
        ["Chỉ tiêu", "Đơn vị", "01/2026", "02/2026", "03/2026", "04/2026", "05/2026", "06/2026"],
        ["Nhiệm vụ hoàn thành đúng hạn", "%", 75, 100, None, 50, 87.5, 100],
        ["Nhiệm vụ quá hạn", None, 1, 0, 2, 4, 3, 3],
    ]
    assert Decimal(str(rows[1][6])) == Decimal("87.5")


def test_file_name_says_whose_and_which_period():
    assert filename(SCORECARD, "xlsx") == "bang-diem-organization-7-20260101-20260630.xlsx"
