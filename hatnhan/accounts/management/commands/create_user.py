from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from hatnhan.accounts.models import RoleName
from hatnhan.accounts.services import create_user
from hatnhan.core.commands import VietnameseCommand, required, service_error
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization


def find_member(value: str) -> Member:
    """A member by party card number (what the operator has on paper), else by internal id;
    a value that is one member's card number and another's id is refused as ambiguous."""
    value = value.strip()
    by_card = Member.objects.filter(party_card_number__iexact=value).first()
    by_id = Member.objects.filter(pk=int(value)).first() if value.isdigit() else None
    if by_card and by_id and by_card.pk != by_id.pk:
        raise CommandError(
            f"“{value}” vừa là số thẻ của đồng chí {by_card} vừa là id của đồng chí {by_id} "
            f"(--member): ghi số thẻ đầy đủ khác, hoặc id dạng “#{by_id.pk}”."
        )
    if value.startswith("#") and value[1:].isdigit():
        by_id = Member.objects.filter(pk=int(value[1:])).first()
    member = by_card or by_id
    if member is None:
        raise CommandError(f"Không có đảng viên số thẻ hoặc id “{value}” (--member).")
    return member


class Command(VietnameseCommand):
    help = (
        "Tạo tài khoản giữ một vai trò trong một tổ chức: `hatnhan create-user TÊN_ĐĂNG_NHẬP "
        "--role VAI_TRÒ --organization MÃ [--member SỐ_THẺ] [--password MẬT_KHẨU]`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", metavar="TÊN_ĐĂNG_NHẬP", help="tên đăng nhập")
        parser.add_argument(
            "--role", metavar="VAI_TRÒ", help="vai trò: " + ", ".join(RoleName.values)
        )
        parser.add_argument("--organization", metavar="MÃ", help="mã tổ chức nơi giữ vai trò")
        parser.add_argument(
            "--member",
            metavar="SỐ_THẺ",
            help="đảng viên sở hữu tài khoản: số thẻ đảng viên (hoặc id, dạng #123)",
        )
        parser.add_argument(
            "--password",
            metavar="MẬT_KHẨU",
            help="mật khẩu (bỏ trống: tài khoản chưa đăng nhập được, đặt sau bằng changepassword)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = required(options, "username", "TÊN_ĐĂNG_NHẬP", "tên đăng nhập")
        role = required(options, "role", "--role", "vai trò (" + ", ".join(RoleName.values) + ")")
        code = required(options, "organization", "--organization", "mã tổ chức")
        organization = Organization.objects.filter(code__iexact=code.strip()).first()
        if organization is None:
            raise CommandError(f"Không có tổ chức mã “{code}” (--organization).")
        member = find_member(options["member"]) if options["member"] else None
        try:
            with transaction.atomic():
                user = create_user(
                    actor=None,
                    username=username,
                    role=role,
                    organization=organization,
                    member=member,
                    password=options["password"] or None,
                )
        except (ValidationError, PermissionDenied) as exc:
            raise service_error(exc) from exc
        owner = f" (đồng chí {member})" if member else ""
        self.stdout.write(
            f"Đã tạo tài khoản {user.username}{owner}: "
            f"{RoleName(role).label} @ {organization.code}."
        )
        if not options["password"]:
            self.stdout.write(
                f"Chưa có mật khẩu; đặt bằng `hatnhan changepassword {user.username}`."
            )
