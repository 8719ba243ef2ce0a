"""Bad input gets a clear Vietnamese refusal, located by sheet row and column, and changes
nothing."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.exchange.services import apply_import
from hatnhan.members.models import Member

from .sheets import HEADER, row, simple, to_bytes, workbook, xlsx

pytestmark = pytest.mark.django_db


def _errors(plan) -> list[str]:
    return [str(e) for e in plan.errors]


def _refused_and_unchanged(plan) -> None:
    """A plan with errors: applying it raises and writes nothing."""
    members, events = Member.objects.count(), AuditEvent.objects.count()
    assert plan.errors
    with pytest.raises(ValidationError):
        apply_import(actor=None, plan=plan)
    assert Member.objects.count() == members
    assert AuditEvent.objects.count() == events


def test_impossible_date_is_refused_with_row_and_column(plan_for):
    plan = plan_for(
        simple(row(1, "Nguyễn Văn An", "1001"), row(2, "Lê Văn Bảo", "1002", born="31/02/1990"))
    )
    assert len(plan.errors) == 1
    error = plan.errors[0]
    assert error.row == 3 and error.column.startswith("C")
    assert "Ngày không có thật" in error.message and "31/02/1990" in error.message
    assert str(error).startswith("Trang “Sheet1”, dòng 3, cột C")
    _refused_and_unchanged(plan)
    assert not Member.objects.filter(party_card_number="1001").exists()  # all or nothing


@pytest.mark.parametrize("text", ["13/13/1990", "1990-02-30", "5/3/90", "tháng 3 năm 1990"])
def test_unreadable_dates_are_refused(plan_for, text):
    plan = plan_for(simple(row(1, "Nguyễn Văn An", "1001", born=text)))
    assert plan.errors and plan.errors[0].row == 2
    _refused_and_unchanged(plan)


def test_card_number_twice_in_the_file(plan_for):
    plan = plan_for(
        simple(
            row(1, "Nguyễn Văn An", "1001"),
            row(2, "Lê Văn Bảo", "2002"),
            row(3, "Trần Văn Cường", "1001"),
        )
    )
    assert _errors(plan) == [
        "Trang “Sheet1”, dòng 4, cột “Số thẻ đảng viên”: Số thẻ đảng viên 1001 trùng với dòng 2."
    ]
    _refused_and_unchanged(plan)


def test_card_number_of_a_member_the_user_cannot_reach(plan_for, tree, users, make_member):
    make_member(tree["syt_cell"], "Phạm Thị Dung", party_card_number="SYT0001")
    plan = plan_for(simple(row(1, "Phạm Thị Dung", "SYT0001")), actor=users["secretary"])
    [error] = plan.errors
    assert "ngoài phạm vi quyền của đồng chí" in error.message
    assert "Phạm Thị Dung" not in error.message and "Y tế" not in error.message  # no leak
    with pytest.raises(ValidationError):
        apply_import(actor=users["secretary"], plan=plan)
    assert Member.objects.get(party_card_number="SYT0001").organization == tree["syt_cell"]


def test_card_number_of_another_organization_even_when_reachable(
    plan_for, tree, users, make_member
):
    make_member(tree["syt_cell"], "Phạm Thị Dung", party_card_number="SYT0001")
    plan = plan_for(simple(row(1, "Phạm Thị Dung", "SYT0001")), actor=users["staff"])
    [error] = plan.errors
    assert "chuyển sinh hoạt" in error.message
    _refused_and_unchanged(plan)


def test_missing_required_column(plan_for):
    plan = plan_for(
        xlsx(
            [
                ["STT", "Họ và tên", "Ngày sinh", "Chi bộ", "Giới tính"],
                [1, "Nguyễn Văn An", "01/01/1980", "Chi bộ Phòng Ngân sách", "Nam"],
            ]
        )
    )
    assert _errors(plan) == ["Trang “Sheet1”, dòng 1: Thiếu cột bắt buộc “Số thẻ đảng viên”."]
    _refused_and_unchanged(plan)


def test_missing_required_value_in_a_row(plan_for):
    plan = plan_for(
        simple(row(1, "Nguyễn Văn An", "1001"), row(2, "Lê Văn Bảo", None), row(3, None, "1003"))
    )
    assert [(e.row, e.message) for e in plan.errors] == [
        (3, "Thiếu số thẻ đảng viên."),
        (4, "Thiếu họ và tên."),
    ]
    _refused_and_unchanged(plan)


def test_no_table_at_all(plan_for):
    plan = plan_for(xlsx([["Danh sách"], ["Nguyễn Văn An", "1001"]]))
    assert "Không tìm thấy bảng danh sách" in _errors(plan)[0]
    _refused_and_unchanged(plan)


def test_empty_workbook(plan_for):
    plan = plan_for(xlsx([]))
    assert _errors(plan) == ["Tệp không có dữ liệu (trang tính trống)."]


def test_header_without_rows(plan_for):
    plan = plan_for(xlsx([HEADER, [], [None, "Tổng số: 0 đồng chí"]]))
    assert "không có dòng đảng viên nào" in _errors(plan)[0]


def test_empty_file(plan_for):
    with pytest.raises(ValidationError, match="rỗng"):
        plan_for(b"")


@pytest.mark.parametrize(
    "data,name,expected",
    [
        (b"%PDF-1.4 not a sheet", "list.xlsx", "không phải sổ làm việc Excel"),
        (b"\x00\x01garbage" * 50, "list.xlsx", "không phải sổ làm việc Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "list.xls", "lưu thành"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "renamed.xlsx", ".xls"),
        ("Họ và tên,Số thẻ\nNguyễn Văn An,1001\n".encode(), "list.csv", "CSV"),
        ("Họ và tên;Số thẻ\nNguyễn Văn An;1001\n".encode(), "list.xlsx", "CSV"),
    ],
)
def test_files_that_are_not_xlsx_workbooks_say_what_to_do(plan_for, data, name, expected):
    with pytest.raises(ValidationError) as info:
        plan_for(data, name=name)
    assert expected.lower() in " ".join(info.value.messages).lower()
    assert Member.objects.count() == 0


def test_a_zip_that_is_not_a_workbook(plan_for):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError, match=r"\.xlsx"):
        plan_for(out.getvalue())


def test_corrupt_workbook(plan_for):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-really/>")
    with pytest.raises(ValidationError, match="hỏng"):
        plan_for(out.getvalue())


def test_zip_bomb_is_refused_before_reading(plan_for, settings):
    # A sheet padded with a huge run of one byte: tiny compressed, enormous uncompressed.
    wb_bytes = simple(row(1, "Nguyễn Văn An", "1001"))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(wb_bytes)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        bomb.writestr("xl/media/padding.bin", b"\0" * (30 * 1024 * 1024))
    with pytest.raises(ValidationError, match="bom nén"):
        plan_for(out.getvalue())
    assert Member.objects.count() == 0


def test_too_many_entries_is_refused(plan_for, settings):
    settings.UPLOAD_ZIP_MAX_ENTRIES = 5
    with pytest.raises(ValidationError, match="thành phần"):
        plan_for(simple(row(1, "Nguyễn Văn An", "1001")))


def test_file_over_the_size_setting(plan_for, settings):
    settings.EXCHANGE_IMPORT_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="quá lớn"):
        plan_for(simple(row(1, "Nguyễn Văn An", "1001")))


def test_rows_over_the_row_setting(plan_for, settings):
    settings.EXCHANGE_IMPORT_MAX_ROWS = 2
    plan = plan_for(simple(*(row(i, f"Người Số {i}", f"C{i}") for i in range(1, 4))))
    assert _errors(plan)[-1] == (
        "Trang “Sheet1”, dòng 4: Tệp có hơn 2 dòng, vượt giới hạn mỗi lần nhập: chia thành "
        "nhiều tệp nhỏ hơn."
    )
    assert len(plan.rows) == 2  # reading stopped there


def test_formulas_instead_of_values(plan_for):
    wb = workbook(
        [
            HEADER,
            row(1, "Nguyễn Văn An", "1001"),
            row(2, "=UPPER(B2)", "1002", born="=DATE(1980,1,2)"),
        ]
    )
    plan = plan_for(to_bytes(wb))
    assert [(e.row, e.column[:1]) for e in plan.errors] == [(3, "B"), (3, "C")]
    assert all("công thức" in e.message for e in plan.errors)
    _refused_and_unchanged(plan)


def test_a_formula_in_the_row_number_column_is_harmless(do_import):
    wb = workbook([HEADER, ["=ROW()-1", *row(1, "Nguyễn Văn An", "1001")[1:]]])
    _plan, result = do_import(to_bytes(wb))
    assert result.created == 1


def test_unknown_cell_without_create_cells(plan_for):
    plan = plan_for(simple(row(1, "Nguyễn Văn An", "1001", cell="Chi bộ Phòng Thanh tra")))
    assert "Không có chi bộ “Chi bộ Phòng Thanh tra”" in _errors(plan)[0]
    assert "tạo các chi bộ có trong tệp mà tổ chức chưa có" in _errors(plan)[0]
    assert "--" not in _errors(plan)[0]  # a web page shows it: no command-line flags


def test_cell_of_another_organization_is_not_matched(plan_for):
    plan = plan_for(simple(row(1, "Nguyễn Văn An", "1001", cell="Chi bộ Văn phòng")))
    assert "Không có chi bộ" in _errors(plan)[0]


@pytest.mark.parametrize(
    "values,expected",
    [
        ({"gender": "Khác"}, "Giới tính “Khác” không rõ"),
        ({"born": dt.date(2090, 1, 1)}, "Ngày sinh phải trước ngày hôm nay."),
        ({"born": dt.date(2000, 1, 1), "joined": dt.date(2010, 1, 1)}, "đủ 18 tuổi"),
        ({"joined": dt.date(2010, 1, 1), "full": dt.date(2009, 1, 1)}, "Ngày chính thức phải sau"),
        ({"joined": None}, "Có ngày chính thức thì phải có ngày vào Đảng."),
    ],
)
def test_member_rules_are_checked_in_the_preview(plan_for, values, expected):
    plan = plan_for(simple(row(1, "Nguyễn Văn An", "1001", **values)))
    assert len(plan.errors) == 1 and expected in plan.errors[0].message
    assert plan.errors[0].row == 2


def test_bad_email_and_status(plan_for):
    plan = plan_for(
        xlsx(
            [
                ["Họ và tên", "Số thẻ", "Chi bộ", "Email", "Tình trạng"],
                ["Nguyễn Văn An", "1001", "Phòng Ngân sách", "an@", "Nghỉ"],
            ]
        )
    )
    assert [e.column[:1] for e in plan.errors] == ["D", "E"]


def test_member_below_the_totals_line_is_not_dropped_silently(plan_for):
    plan = plan_for(
        simple(
            row(1, "Nguyễn Văn An", "1001"),
            [None, "Tổng số: 1 đồng chí"],
            row(2, "Lê Văn Bảo", "1002"),
        )
    )
    assert "dưới dòng tổng cộng" in _errors(plan)[0]


def test_every_error_is_reported_not_only_the_first(plan_for):
    plan = plan_for(
        simple(*(row(i, f"Người Số {i}", f"C{i}", born="31/02/1990") for i in range(1, 51)))
    )
    assert len(plan.errors) == 50
    assert [e.row for e in plan.errors] == list(range(2, 52))
