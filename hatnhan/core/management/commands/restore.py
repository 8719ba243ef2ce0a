from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatnhan.core.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và tệp đã tải lên từ một bản sao lưu của `hatnhan backup`, "
        "rồi kiểm tra nhật ký thay đổi. THAY THẾ dữ liệu hiện có."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="Tệp .tar.gz do `hatnhan backup` tạo.")
        parser.add_argument(
            "--yes", action="store_true", help="Không hỏi lại trước khi thay thế dữ liệu."
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Chỉ kiểm tra bản sao lưu (mọi tệp, kích thước, mã băm), không khôi phục.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        try:
            manifest = read_manifest(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Bản sao lưu lúc {manifest['created_at']} (UTC), {manifest['engine']}, "
            f"{len(manifest['members'])} tệp: toàn vẹn."
        )
        if options["check_only"]:
            return
        if not options["yes"]:
            answer = input("Dữ liệu hiện có sẽ bị THAY THẾ. Gõ 'khôi phục' để tiếp tục: ")
            if answer.strip() != "khôi phục":
                raise CommandError("Đã hủy: không thay đổi gì.")
        try:
            result = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã khôi phục {result.rows} dòng của {result.tables} bảng và {result.files} tệp."
        )
        call_command("audit", "verify", stdout=self.stdout, stderr=self.stderr)
