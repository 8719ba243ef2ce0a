from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from hatnhan.accounts.models import RoleName
from hatnhan.accounts.services import create_user
from hatnhan.core.commands import required, service_error
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization


class Command(BaseCommand):
    help = (
        "Tạo tài khoản giữ một vai trò trong một tổ chức: `hatnhan create-user TÊN_ĐĂNG_NHẬP "
        "--role VAI_TRÒ --organization MÃ [--member ID] [--password MẬT_KHẨU]`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="tên đăng nhập")
        parser.add_argument("--role", help="vai trò: " + ", ".join(RoleName.values))
        parser.add_argument("--organization", help="mã tổ chức nơi giữ vai trò")
        parser.add_argument("--member", help="id của đảng viên sở hữu tài khoản")
        parser.add_argument(
            "--password",
            help="mật khẩu (bỏ trống: tài khoản chưa đăng nhập được, đặt sau bằng changepassword)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = required(options, "username", "TÊN_ĐĂNG_NHẬP", "tên đăng nhập")
        role = required(options, "role", "--role", "vai trò (" + ", ".join(RoleName.values) + ")")
        code = required(options, "organization", "--organization", "mã tổ chức")
        organization = Organization.objects.filter(code__iexact=code.strip()).first()
        if organization is None:
            raise CommandError(f"Không có tổ chức mã “{code}” (--organization).")
        member = None
        if options["member"]:
            try:
                member = Member.objects.get(pk=int(options["member"]))
            except (ValueError, Member.DoesNotExist):
                raise CommandError(
                    f"Không có đảng viên id “{options['member']}” (--member)."
                ) from None
            if not member.organization.path.startswith(organization.path):
                raise CommandError(
                    f"Đảng viên {member} không thuộc {organization.code} hoặc cấp dưới của nó."
                )
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
        self.stdout.write(
            f"Đã tạo tài khoản {user.username}: {RoleName(role).label} @ {organization.code}."
        )
        if not options["password"]:
            self.stdout.write(
                f"Chưa có mật khẩu; đặt bằng `hatnhan changepassword {user.username}`."
            )
