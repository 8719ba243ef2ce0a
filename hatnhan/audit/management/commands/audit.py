from typing import Any

from django.core.management.base import CommandError, CommandParser

from hatnhan.audit.services import verify_chain
from hatnhan.core.commands import VietnameseCommand


class Command(VietnameseCommand):
    help = "Kiểm tra nhật ký thay đổi: `hatnhan audit verify` báo mọi sự kiện bị sửa hoặc mất."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=["verify"], help="verify: kiểm tra chuỗi băm")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify_chain()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Nhật ký KHÔNG toàn vẹn: {len(problems)} vấn đề.")
        from hatnhan.audit.models import AuditEvent

        self.stdout.write(
            f"Nhật ký toàn vẹn: {AuditEvent.objects.count()} sự kiện, chuỗi băm khớp."
        )
