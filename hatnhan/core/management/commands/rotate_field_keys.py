from typing import Any

from django.core.management.base import CommandParser

from hatnhan.core import crypto
from hatnhan.core.commands import VietnameseCommand


class Command(VietnameseCommand):
    help = (
        "Mã hóa lại mọi trường mã hóa bằng khóa mới nhất (khóa đầu của HATNHAN_FIELD_KEYS): "
        "`hatnhan rotate-field-keys` (docs/production.md, mục 8)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--chunk",
            type=int,
            default=crypto.ROTATION_CHUNK,
            help="số dòng mỗi giao dịch (mặc định %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = crypto.rotate_keys(chunk_size=max(1, options["chunk"]))
        for label, rows in counts.items():
            self.stdout.write(f"  {label}: {rows} dòng")
        self.stdout.write(
            f"Đã mã hóa lại {sum(counts.values())} dòng của {len(counts)} bảng bằng khóa mới nhất."
        )
