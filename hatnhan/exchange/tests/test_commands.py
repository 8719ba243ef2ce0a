"""`hatnhan import-members` / `hatnhan export-members`: counts on success, every error with its
row in Vietnamese and a non-zero exit otherwise."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hatnhan.cli import main
from hatnhan.members.models import Member

from .conftest import write
from .sheets import row, simple

pytestmark = pytest.mark.django_db


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run the real `hatnhan` entry point in-process; returns (exit code, stdout, stderr)."""
    # run_from_argv closes every connection when done; keep the test's own.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)

    def run(*args: str) -> tuple[int, str, str]:
        try:
            main(["hatnhan", *args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_import_prints_counts_and_exits_zero(cli, tree, tmp_path):
    path = write(tmp_path, simple(row(1, "Nguyễn Văn An", "1001"), row(2, "Lê Văn Bảo", "1002")))
    code, out, err = cli("import-members", str(path), "--organization", "stc")
    assert code == 0, err
    assert "Thêm mới 2, cập nhật 0, không thay đổi 0 đảng viên" in out
    assert Member.objects.count() == 2
    code, out, err = cli("import-members", str(path), "--organization", "STC")
    assert code == 0 and "Thêm mới 0, cập nhật 0, không thay đổi 2" in out


def test_import_errors_print_every_row_and_exit_non_zero(cli, tree, tmp_path):
    path = write(
        tmp_path,
        simple(
            row(1, "Nguyễn Văn An", "1001", born="31/02/1990"),
            row(2, "Lê Văn Bảo", "1001"),
            row(3, "Trần Văn Cường", "1003", cell="Chi bộ Không Có"),
        ),
    )
    code, _out, err = cli("import-members", str(path), "--organization", "STC")
    assert code != 0
    assert "dòng 2, cột C (“Ngày sinh”): Ngày không có thật" in err
    assert "dòng 3, cột “Số thẻ đảng viên”: Số thẻ đảng viên 1001 trùng với dòng 2" in err
    assert "dòng 4, cột “Chi bộ”: Không có chi bộ" in err
    assert "Không nhập: 3 lỗi" in err
    assert Member.objects.count() == 0


def test_dry_run_changes_nothing(cli, tree, tmp_path):
    path = write(tmp_path, simple(row(1, "Nguyễn Văn An", "1001", cell="Chi bộ Mới")))
    code, out, err = cli(
        "import-members", str(path), "--organization", "STC", "--dry-run", "--create-cells"
    )
    assert code == 0, err
    assert "sẽ thêm mới 1" in out and "tạo 1 chi bộ" in out
    assert Member.objects.count() == 0
    assert not tree["stc"].children.filter(name="Chi bộ Mới").exists()


def test_create_cells_flag(cli, tree, tmp_path):
    path = write(tmp_path, simple(row(1, "Nguyễn Văn An", "1001", cell="Chi bộ Mới")))
    code, _out, err = cli("import-members", str(path), "--organization", "STC", "--create-cells")
    assert code == 0, err
    assert Member.objects.get().organization.name == "Chi bộ Mới"


def test_file_refusals_exit_non_zero(cli, tree, tmp_path):
    path = write(tmp_path, b"Ho va ten,So the\nAn,1\n", name="list.csv")
    code, _out, err = cli("import-members", str(path), "--organization", "STC")
    assert code != 0 and "CSV" in err


def test_unknown_organization_and_missing_file(tree, tmp_path):
    with pytest.raises(CommandError, match="Không có tổ chức mã"):
        call_command("import_members", str(tmp_path / "x.xlsx"), organization="NOPE")
    with pytest.raises(CommandError, match="Không có tệp"):
        call_command("import_members", str(tmp_path / "x.xlsx"), organization="STC")


def test_export_members_command(cli, tree, make_member, tmp_path):
    make_member(tree["stc_cell"], "Nguyễn Văn An")
    make_member(tree["syt_cell"], "Lê Văn Bảo")
    out_path = tmp_path / "stc.xlsx"
    code, out, err = cli("export-members", "--organization", "STC", "--output", str(out_path))
    assert code == 0, err
    assert "Đã xuất 1 đảng viên" in out
    from openpyxl import load_workbook

    ws = load_workbook(out_path).active
    assert next(c.value for c in ws[2]) == "Nguyễn Văn An"
    assert ws.max_row == 2
