import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from hatnhan.core.commands import VietnameseCommand
from hatnhan.core.routers import replica_lag_seconds


class Command(VietnameseCommand):
    help = (
        "Độ trễ của bản sao chỉ đọc (DATABASE_REPLICA_URL), tính bằng giây: "
        "`hatnhan replica-lag` (docs/production.md, “Triển khai toàn quốc”)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        lag = replica_lag_seconds()
        if lag is None:
            raise CommandError("Chưa cấu hình bản sao (DATABASE_REPLICA_URL).")
        if options["json"]:
            self.stdout.write(json.dumps({"replica_lag_seconds": lag}))
        else:
            self.stdout.write(f"Bản sao chậm {lag:.3f} giây so với máy chủ chính.")
