import json
import secrets
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from hatnhan.audit.partitions import ensure_partitions, is_partitioned, partitions
from hatnhan.audit.services import (
    ChainVerification,
    Checkpoint,
    make_checkpoint,
    read_checkpoint,
    rekey_chain,
)
from hatnhan.core.checks import DEVELOPMENT_AUDIT_KEY_MESSAGE, uses_development_audit_key
from hatnhan.core.commands import VietnameseCommand


def _checkpoint(path: str) -> Checkpoint:
    try:
        return read_checkpoint(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp điểm kiểm tra {path}: {exc.strerror}.") from exc
    except ValidationError as exc:
        raise CommandError(f"{path}: {' '.join(exc.messages)}") from exc


class Command(VietnameseCommand):
    help = (
        "Nhật ký thay đổi: `verify` báo mọi sự kiện bị sửa hoặc mất; `checkpoint` in đầu chuỗi "
        "đã ký để cất ngoài máy chủ; `rekey` băm lại bằng khóa các sự kiện cũ (một lần, sau khi "
        "nâng cấp); `keygen` tạo khóa mới; `partitions` tạo các phân vùng theo tháng còn thiếu "
        "(PostgreSQL) và liệt kê chúng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "subcommand",
            choices=["verify", "checkpoint", "rekey", "keygen", "partitions"],
            help=(
                "verify: kiểm tra chuỗi; checkpoint: in đầu chuỗi đã ký; rekey; keygen; "
                "partitions: tạo các phân vùng tháng còn thiếu và liệt kê (PostgreSQL)"
            ),
        )
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="TỆP",
            help="verify: sự kiện ở điểm kiểm tra này phải còn nguyên (lặp lại được)",
        )
        parser.add_argument(
            "--from-checkpoint",
            metavar="TỆP",
            help="verify: chỉ kiểm tra các sự kiện sau điểm kiểm tra này",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] in {"checkpoint", "rekey"} and uses_development_audit_key():
            # A checkpoint signed with a public key proves nothing; keys made with it neither.
            raise CommandError(DEVELOPMENT_AUDIT_KEY_MESSAGE)
        getattr(self, f"_{options['subcommand']}")(options)

    def _verify(self, options: dict[str, Any]) -> None:
        start = _checkpoint(options["from_checkpoint"]) if options["from_checkpoint"] else None
        checkpoints = [_checkpoint(path) for path in options["checkpoint"]]
        verification = ChainVerification(start=start, checkpoints=checkpoints)
        problems = 0
        # Written as found: a broken trail of millions of events is not held in memory.
        for problem in verification:
            problems += 1
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"Nhật ký KHÔNG toàn vẹn: {problems} vấn đề.")
        scope = f" sau {start.described()}" if start else ""
        attested = "".join(f"; khớp {c.described()}" for c in checkpoints)
        self.stdout.write(
            f"Nhật ký toàn vẹn: {verification.checked} sự kiện{scope}, chuỗi băm khớp{attested}."
        )

    def _checkpoint(self, options: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(make_checkpoint(), sort_keys=True))

    def _rekey(self, options: dict[str, Any]) -> None:
        try:
            count = rekey_chain(actor=None)
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(
                "Không băm lại: chuỗi nhật ký có vấn đề, không thay đổi gì."
            ) from exc
        if count:
            self.stdout.write(
                f"Đã băm lại bằng khóa {count} sự kiện cũ. So số này với số sự kiện ghi lần kiểm "
                "tra cuối trước khi nâng cấp, rồi lấy ngay một điểm kiểm tra mới."
            )
        else:
            self.stdout.write("Không có sự kiện nào băm không có khóa: không thay đổi gì.")

    def _keygen(self, options: dict[str, Any]) -> None:
        key_id = timezone.now().strftime("%Y%m%d")
        self.stdout.write(f"AUDIT_KEYS={key_id}:{secrets.token_urlsafe(32)}")
        self.stdout.write(f"AUDIT_CHECKPOINT_KEYS={key_id}:{secrets.token_urlsafe(32)}")

    def _partitions(self, options: dict[str, Any]) -> None:
        if not is_partitioned():
            self.stdout.write("Nhật ký không phân vùng trên cơ sở dữ liệu này (chỉ PostgreSQL).")
            return
        for name in ensure_partitions():
            self.stdout.write(f"Đã tạo phân vùng {name}.")
        for partition in partitions():
            span = f"{partition.start:%m/%Y}" if partition.start else "mặc định (ngoài mọi tháng)"
            self.stdout.write(f"{partition.name}\t{span}\t~{partition.rows} sự kiện")
