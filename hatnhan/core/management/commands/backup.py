import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatnhan.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và tệp đã tải lên vào một tệp lưu trữ: "
        "`hatnhan backup --output /backup/` (docs/production.md, mục 7)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            default=".",
            help="Tệp lưu trữ mới, hoặc thư mục để đặt hatnhan-YYYYMMDDTHHMMSSZ.tar.gz vào.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.is_dir():
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            output = output / f"hatnhan-{stamp}.tar.gz"
        try:
            manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = sum(1 for name in manifest["members"] if name.startswith("media/"))
        self.stdout.write(
            f"Đã sao lưu {sum(manifest['tables'].values())} dòng của {len(manifest['tables'])} "
            f"bảng và {files} tệp vào {output}"
        )
