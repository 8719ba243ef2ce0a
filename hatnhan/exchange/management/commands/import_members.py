"""`hatnhan import-members FILE --organization CODE [--create-cells] [--dry-run]
[--conflicts refuse|skip|update]`."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatnhan.exchange.services import PlannedRow, import_members
from hatnhan.exchange.services.applying import CONFLICT_CHOICES
from hatnhan.organizations.models import Organization


def organization_by_code(code: str) -> Organization:
    org = Organization.objects.filter(code__iexact=code.strip()).first()
    if org is None:
        raise CommandError(f"Không có tổ chức mã “{code}”.")
    return org


class Command(BaseCommand):
    help = "Nhập danh sách đảng viên từ tệp Excel (.xlsx) vào một tổ chức."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp .xlsx")
        parser.add_argument("--organization", required=True, help="mã tổ chức, ví dụ STC")
        parser.add_argument(
            "--create-cells",
            action="store_true",
            help="tạo các chi bộ có trong tệp mà tổ chức chưa có",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ kiểm tra và báo sẽ làm gì, không ghi gì"
        )
        parser.add_argument(
            "--conflicts",
            choices=CONFLICT_CHOICES,
            default="refuse",
            help=(
                "dòng có số thẻ của một đảng viên khác tên hoặc ngày sinh: refuse (mặc định) — "
                "không nhập gì; skip — bỏ qua các dòng đó; update — vẫn cập nhật theo tệp"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organization = organization_by_code(options["organization"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không có tệp “{path}”.")
        try:
            plan, result = import_members(
                actor=None,
                organization=organization,
                source=path,
                create_cells=options["create_cells"],
                dry_run=options["dry_run"],
                source_name=path.name,
                conflicts=options["conflicts"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError("Không nhập: tệp bị từ chối, không có thay đổi nào.") from exc
        for warning in plan.warnings:
            self.stdout.write(f"Lưu ý: {warning}")
        if plan.errors:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Không nhập: {len(plan.errors)} lỗi, không có thay đổi nào. Sửa tệp rồi nhập lại."
            )
        counts = plan.counts()
        for row in plan.conflicts:
            self.stderr.write(_conflict(row))
        if result is None and plan.conflicts and options["conflicts"] == "refuse":
            raise CommandError(
                f"Không nhập: {len(plan.conflicts)} dòng có số thẻ đảng viên của một đảng viên "
                "khác tên hoặc ngày sinh, không có thay đổi nào. Sửa số thẻ trong tệp, hoặc chạy "
                "lại với --conflicts=skip (bỏ qua các dòng đó) hay --conflicts=update (vẫn cập "
                "nhật các đảng viên đó theo tệp)."
            )
        if result is None:
            self.stdout.write(
                f"Chạy thử (không ghi gì): sẽ thêm mới {counts['create']}, cập nhật "
                f"{counts['update']}, giữ nguyên {counts['unchanged']} đảng viên; tạo "
                f"{counts['new_cells']} chi bộ; {counts['conflict']} dòng trùng số thẻ với "
                "đảng viên khác."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"Đã nhập {path.name} vào {organization.name}: {result}")
        )


def _conflict(row: PlannedRow) -> str:
    def who(name: str, born: Any) -> str:
        return f"{name} (sinh {born:%d/%m/%Y})" if born else name

    return (
        f"Trang “{row.sheet}”, dòng {row.row}: số thẻ {row.party_card_number} là của đồng chí "
        f"{who(row.stored_name, row.stored_born)}, dòng này ghi {who(row.full_name, row.born)}."
    )
