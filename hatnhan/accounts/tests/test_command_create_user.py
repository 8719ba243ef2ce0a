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
            "Không có đảng viên id “999999”",
        ),
        (["x", "--role", "secretary", "--organization", "STC", "--password", "123"], "password:"),
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
