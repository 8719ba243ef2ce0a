"""Real sheets are messy: each mess the issue names, built here, imports without editing."""

import datetime as dt
import unicodedata

import pytest

from hatnhan.members.models import Gender, Member

from .sheets import HEADER, row, simple, to_bytes, workbook, xlsx

pytestmark = pytest.mark.django_db


def _members() -> dict[str, Member]:
    return {m.party_card_number: m for m in Member.objects.all()}


def test_title_rows_above_the_table(do_import, tree):
    data = xlsx(
        [
            ["ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
            ["ĐẢNG BỘ SỞ TÀI CHÍNH"],
            [],
            [None, "DANH SÁCH ĐẢNG VIÊN NĂM 2026"],
            [],
            HEADER,
            row(1, "Nguyễn Văn An", "1001"),
        ]
    )
    plan, result = do_import(data)
    assert result.created == 1
    assert plan.rows[0].row == 7  # the sheet's own row number
    assert _members()["1001"].organization == tree["stc_cell"]


def test_two_row_header_with_merged_cells(do_import):
    wb = workbook(
        [
            ["STT", "Họ và tên", "Ngày sinh", "Số thẻ đảng viên", "Ngày vào Đảng", None, "Chi bộ"],
            [None, None, None, None, "Dự bị", "Chính thức", None],
            [
                1,
                "Trần Văn Bình",
                dt.date(1985, 2, 3),
                "2001",
                dt.date(2010, 1, 15),
                dt.date(2011, 1, 15),
                "Chi bộ Phòng Ngân sách",
            ],
            [
                2,
                "Lê Thị Cúc",
                dt.date(1990, 6, 7),
                "2002",
                dt.date(2020, 3, 2),
                None,
                "Chi bộ Phòng Ngân sách",
            ],
        ]
    )
    ws = wb.active
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1", "G1:G2"):
        ws.merge_cells(cells)
    do_import(to_bytes(wb))
    members = _members()
    assert members["2001"].probationary_date == dt.date(2010, 1, 15)
    assert members["2001"].full_membership_date == dt.date(2011, 1, 15)
    assert members["2002"].probationary_date == dt.date(2020, 3, 2)
    assert members["2002"].is_probationary


@pytest.mark.parametrize(
    "name_header,card_header",
    [
        ("Họ tên", "Số thẻ Đảng viên"),
        ("HỌ VÀ TÊN", "SỐ THẺ ĐẢNG VIÊN"),
        ("Ho va ten", "So the dang vien"),
        ("  họ   và tên ", "số thẻ"),
        (
            unicodedata.normalize("NFD", "Họ và tên"),
            unicodedata.normalize("NFD", "Số thẻ đảng viên"),
        ),
    ],
)
def test_header_wording_variants(do_import, name_header, card_header):
    header = [name_header, card_header, "CHI BỘ"]
    do_import(xlsx([header, ["Phạm Văn Dũng", "3001", "Chi bộ Phòng Ngân sách"]]))
    assert _members()["3001"].full_name == "Phạm Văn Dũng"


def test_blank_rows_inside_and_totals_line_after(do_import):
    data = simple(
        row(1, "Nguyễn Văn An", "1001"),
        [],
        [None, None, None, None, None],
        row(2, "Lê Thị Hoa", "1002", gender="Nữ"),
        [None, "Tổng số: 2 đồng chí"],
        [],
        [None, None, None, None, None, "Nghệ An, ngày 05 tháng 3 năm 2026"],
        [None, None, None, None, None, "T/M CHI ỦY"],
        [None, None, None, None, None, "BÍ THƯ"],
    )
    _plan, result = do_import(data)
    assert result.created == 2
    assert set(_members()) == {"1001", "1002"}


def test_names_in_nfd_and_with_stray_spaces_are_cleaned(do_import):
    nfd = unicodedata.normalize("NFD", "Nguyễn  Thị   Ánh ")
    do_import(simple(row(1, "  " + nfd, "4001")))
    member = _members()["4001"]
    assert member.full_name == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", member.full_name)


@pytest.mark.parametrize(
    "cell,expected",
    [
        (dt.date(1982, 11, 4), dt.date(1982, 11, 4)),
        (dt.datetime(1982, 11, 4, 0, 0), dt.date(1982, 11, 4)),
        (30259, dt.date(1982, 11, 4)),  # an Excel serial number in a General cell
        (30259.0, dt.date(1982, 11, 4)),
        ("04/11/1982", dt.date(1982, 11, 4)),
        ("4/11/1982", dt.date(1982, 11, 4)),
        ("1982-11-04", dt.date(1982, 11, 4)),
        ("04-11-1982", dt.date(1982, 11, 4)),
        ("04.11.1982", dt.date(1982, 11, 4)),
        (" 4/11/1982 ", dt.date(1982, 11, 4)),
        ("03/05/1990", dt.date(1990, 5, 3)),  # day first: never read as March 5
        ("12/01/1990", dt.date(1990, 1, 12)),
    ],
)
def test_dates_in_every_form_day_first(do_import, cell, expected):
    do_import(simple(row(1, "Hoàng Văn Em", "5001", born=cell, joined=None, full=None)))
    assert _members()["5001"].date_of_birth == expected


def test_card_numbers_typed_as_numbers(do_import):
    wb = workbook(
        [
            HEADER,
            row(1, "Vũ Văn Phúc", 12345678.0),
            row(2, "Đỗ Thị Giang", 87654321),
            row(3, "Bùi Văn Hải", 1234567),
        ]
    )
    wb.active["E4"].number_format = "00000000"  # a zero-padded number keeps its zeros
    do_import(to_bytes(wb))
    assert set(_members()) == {"12345678", "87654321", "01234567"}


@pytest.mark.parametrize(
    "written,expected",
    [
        ("Nam", Gender.MALE),
        ("NAM", Gender.MALE),
        ("nam", Gender.MALE),
        ("Nữ", Gender.FEMALE),
        ("NỮ", Gender.FEMALE),
        ("nu", Gender.FEMALE),
        (" nữ ", Gender.FEMALE),
    ],
)
def test_gender_in_any_case(do_import, written, expected):
    do_import(simple(row(1, "Ngô Văn Khoa", "6001", gender=written)))
    assert _members()["6001"].gender == expected


@pytest.mark.parametrize(
    "written",
    [
        "Chi bộ Phòng Ngân sách",
        "CHI BỘ PHÒNG NGÂN SÁCH",
        "chi bo phong ngan sach",
        "Phòng Ngân sách",
        "  Chi   bộ phòng ngân SÁCH",
        "STC-NS",
    ],
)
def test_cell_names_in_any_case_match_the_organizations_cells(do_import, tree, written):
    do_import(simple(row(1, "Lý Văn Long", "7001", cell=written)))
    assert _members()["7001"].organization == tree["stc_cell"]


def test_column_numbering_row_under_the_header_is_skipped(do_import):
    data = xlsx(
        [
            HEADER,
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
            row(1, "Mai Văn Minh", "8001"),
        ]
    )
    _plan, result = do_import(data)
    assert result.created == 1


def test_columns_in_another_order_and_unknown_columns(do_import):
    data = xlsx(
        [
            ["Số thẻ", "Quê quán", "Chi bộ", "Họ và tên", "Giới tính"],
            ["9001", "Nghệ An", "Chi bộ Phòng Ngân sách", "Đinh Thị Nga", "Nữ"],
        ]
    )
    plan, result = do_import(data)
    assert result.created == 1
    assert any("Quê quán" in w for w in plan.warnings)  # said, not silently dropped


def test_members_in_a_grassroots_cell_need_no_cell_column(do_import, tree):
    from hatnhan.organizations.models import OrganizationKind
    from hatnhan.organizations.services import create_organization

    cell = create_organization(
        actor=None,
        code="SXD",
        name="Chi bộ Sở Xây dựng",
        kind=OrganizationKind.GRASSROOTS_CELL,
        parent=tree["bloc"],
    )
    do_import(
        xlsx([["Họ và tên", "Số thẻ đảng viên"], ["Cao Văn Quân", "9101"]]), organization=cell
    )
    assert _members()["9101"].organization == cell


def test_row_estimate_for_the_background_decision(tmp_path):
    import io

    from hatnhan.exchange.readers import estimate_rows

    data = simple(*(row(i, f"Người Số {i}", f"E{i}") for i in range(1, 41)))
    assert estimate_rows(io.BytesIO(data)) == 41
    path = tmp_path / "list.xlsx"
    path.write_bytes(data)
    assert estimate_rows(path) == 41


def test_one_table_per_sheet_is_read_from_every_sheet(do_import, plan_for, tree):
    from openpyxl import Workbook

    from hatnhan.organizations.models import OrganizationKind
    from hatnhan.organizations.services import create_organization

    create_organization(
        actor=None,
        code="STC-TT",
        name="Chi bộ Thanh tra",
        kind=OrganizationKind.CELL,
        parent=tree["stc"],
    )
    wb = Workbook()
    wb.active.title = "Ngân sách"
    for r in (HEADER, row(1, "Nguyễn Văn An", "1001")):
        wb.active.append(r)
    second = wb.create_sheet("Thanh tra")
    for r in (HEADER, row(1, "Lê Văn Bảo", "1002", cell="Chi bộ Thanh tra")):
        second.append(r)
    wb.create_sheet("Ghi chú").append(["Danh sách cập nhật tháng 3"])
    plan, result = do_import(to_bytes(wb))
    assert result.created == 2
    assert any("Ghi chú" in w for w in plan.warnings)
    second.append(row(2, "Trần Văn Cường", "1001", cell="Chi bộ Thanh tra"))
    plan = plan_for(to_bytes(wb))
    assert [str(e) for e in plan.errors] == [
        "Trang “Thanh tra”, dòng 3, cột “Số thẻ đảng viên”: Số thẻ đảng viên 1001 trùng với "
        "dòng 2 trang “Ngân sách”."
    ]
