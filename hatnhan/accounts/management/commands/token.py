from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from hatnhan.accounts.models import User
from hatnhan.accounts.services import api_token
from hatnhan.core.commands import VietnameseCommand, required, service_error


class Command(VietnameseCommand):
    help = (
        "In mã API của một tài khoản (tạo nếu chưa có): `hatnhan token TÊN_ĐĂNG_NHẬP`. "
        "Dùng trong tiêu đề `Authorization: Token <mã>`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", metavar="TÊN_ĐĂNG_NHẬP", help="tên đăng nhập")

    def handle(self, *args: Any, **options: Any) -> None:
        username = required(options, "username", "TÊN_ĐĂNG_NHẬP", "tên đăng nhập")
        user = User.objects.filter(username__iexact=username.strip()).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{user.username}” đã bị khóa; không cấp mã API.")
        # Only the key on stdout, so that scripts can capture it.
        try:
            key = api_token(actor=None, user=user)
        except ValidationError as exc:
            raise service_error(exc) from exc
        self.stdout.write(key)
