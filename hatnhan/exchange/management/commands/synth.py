"""`hatnhan synth --members N --seed S`: a generated dataset of N members for scale trials."""

import datetime as dt
import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hatnhan.exchange.synth import describe, synthesize


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu thử (tổ chức, đảng viên, cấp ủy, một năm nhiệm vụ với báo cáo tiến độ "
        "và nghiệm thu, nhật ký) với số đảng viên cho trước; cùng --seed thì cùng dữ liệu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, required=True, help="số đảng viên")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="ngày “hôm nay” (yyyy-mm-dd)"
        )
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument(
            "--indexes",
            choices=("auto", "keep", "rebuild"),
            default="auto",
            help=(
                "PostgreSQL: bỏ chỉ mục phụ và khóa ngoại khi nạp rồi tạo lại (rebuild), giữ "
                "nguyên (keep), hay tự chọn theo cỡ dữ liệu (auto)"
            ),
        )
        parser.add_argument(
            "--no-analyze", action="store_true", help="PostgreSQL: không ANALYZE sau khi nạp"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["members"] <= 0:
            raise CommandError("--members phải lớn hơn 0.")
        today = options["today"] or dt.date(2026, 12, 1)
        start = time.perf_counter()
        counts = synthesize(
            members=options["members"],
            seed=options["seed"],
            today=today,
            progress=lambda line: self.stderr.write(f"  … {line}"),
            rebuild_indexes={"auto": None, "keep": False, "rebuild": True}[options["indexes"]],
            analyze=not options["no_analyze"],
        )
        report = describe(counts, time.perf_counter() - start)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write(
                f"Đã sinh {report['rows']} dòng trong {report['seconds']} giây "
                f"({report['rows_per_second']} dòng/giây): {report}"
            )
