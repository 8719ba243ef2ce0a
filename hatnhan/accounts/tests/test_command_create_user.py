"""`hatnhan create-user USERNAME --role ROLE --organization CODE [--member ID] [--password …]`."""

import io

import pytest
from django.core.management import CommandError, call_command

from hatnhan.accounts.models import Role, User
from hatnhan.audit.models import AuditEvent
from hatnhan.core.restrict import reach


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("create_user", *args, stdout=out)
    return out.getvalue()


def test_creates_an_account_with_its_role(tree):
    output = run(
        "stc_bithu", "--role", "secretary", "--organization", "stc", "--password", "Hat-nhan-2026!"
    )
    user = User.objects.get(username="stc_bithu")
    assert "Đã tạo tài khoản stc_bithu: Bí thư @ STC." in output
    assert user.check_password("Hat-nhan-2026!")
    assert list(Role.objects.filter(user=user).values_list("role", "organization__code")) == [
        ("secretary", "STC")
    ]
    assert reach(user, "change") == [tree["stc"].path]
    assert AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).exists()


def test_member_account_without_password(tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    output = run(
        "cuong", "--role", "member", "--organization", "STC-NS", "--member", str(member.pk)
    )
    user = User.objects.get(username="cuong")
    assert user.member == member and not user.has_usable_password()
    assert "changepassword cuong" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--role", "boss", "--organization", "STC"], "Vai trò “boss” không có"),
        (["x", "--role", "secretary", "--organization", "NOPE"], "Không có tổ chức mã “NOPE”"),
        (["x", "--organization", "STC"], "Thiếu --role"),
        (["x", "--role", "secretary"], "Thiếu --organization"),
        (["--role", "secretary", "--organization", "STC"], "Thiếu TÊN_ĐĂNG_NHẬP"),
        (["x", "--role", "member", "--organization", "STC"], "member: Vai trò đảng viên cần"),
        (
            ["x", "--role", "member", "--organization", "STC", "--member", "999999"],
            "Không có đảng viên số thẻ hoặc id “999999”",
        ),
        (
            ["x", "--role", "secretary", "--organization", "STC", "--password", "123"],
            "password: Mật khẩu quá ngắn: cần ít nhất 8 ký tự. Mật khẩu này quá phổ biến.",
        ),
        (["x", "--role", "secretary", "--organization", "STC", "--bogus"], "không hiểu tham số"),
        (["x", "--role", "secretary", "--organization"], "--organization cần một giá trị"),
        (["stc_secretary", "--role", "secretary", "--organization", "STC"], "đã có"),
    ],
)
def test_bad_arguments_refuse_in_vietnamese_and_write_nothing(users, args, message):
    before = (User.objects.count(), Role.objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert message in str(refused.value)
    assert (User.objects.count(), Role.objects.count(), AuditEvent.objects.count()) == before


def test_member_of_another_organization_is_refused(tree, make_member):
    syt_member = make_member(tree["syt_cell"], "Hoàng Văn Em")
    with pytest.raises(CommandError, match="không thuộc STC"):
        run("em", "--role", "member", "--organization", "STC", "--member", str(syt_member.pk))
    assert not User.objects.filter(username="em").exists()


def test_member_by_party_card_number(tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường", party_card_number="93.001234")
    output = run("cuong", "--role", "member", "--organization", "STC", "--member", "93.001234")
    assert User.objects.get(username="cuong").member == member
    assert "Đã tạo tài khoản cuong (đồng chí Lê Văn Cường): Đảng viên @ STC." in output


def test_member_by_id_written_with_a_hash(tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    run("cuong", "--role", "member", "--organization", "STC", "--member", f"#{member.pk}")
    assert User.objects.get(username="cuong").member == member


def test_a_value_that_is_one_card_and_another_id_is_refused(tree, make_member):
    first = make_member(tree["stc_cell"], "Lê Văn Cường")
    make_member(tree["stc_cell"], "Phạm Thị Dung", party_card_number=str(first.pk))
    with pytest.raises(CommandError, match="vừa là số thẻ của đồng chí Phạm Thị Dung"):
        run("x", "--role", "member", "--organization", "STC", "--member", str(first.pk))
    assert not User.objects.filter(username="x").exists()


def test_help_is_vietnamese_throughout():
    from django.core.management import load_command_class

    command = load_command_class("hatnhan.accounts", "create_user")
    text = command.create_parser("hatnhan", "create-user").format_help()
    assert text.startswith("cách dùng: hatnhan create-user")
    assert "tùy chọn:" in text and "in hướng dẫn này rồi thoát" in text
    assert "số thẻ đảng viên" in text
    for english in ("usage:", "options:", "show this help", "Verbosity level", "Don't color"):
        assert english not in text


def test_from_the_command_line_a_refusal_reads_vietnamese(db, capsys):
    from django.core.management import load_command_class

    command = load_command_class("hatnhan.accounts", "create_user")
    argv = ["hatnhan", "create_user", "x", "--role", "admin", "--organization", "NOPE"]
    with pytest.raises(SystemExit) as exited:
        command.run_from_argv(argv)
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "Lỗi: Không có tổ chức mã “NOPE”" in err and "CommandError" not in err
    command = load_command_class("hatnhan.accounts", "create_user")
    with pytest.raises(SystemExit) as exited:
        command.run_from_argv([*argv, "--bogus"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "cách dùng:" in err and "lỗi: không hiểu tham số: --bogus" in err
