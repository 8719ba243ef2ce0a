"""`hatnhan worker`: run background tasks (django_tasks_db) and the reminder schedule.

The worker process enqueues the reminder sweep every TASK_REMINDER_SWEEP_SECONDS and runs
whatever is queued (the sweep, imports, reports…). `--once` runs one sweep in this process
and exits, for those who prefer cron; `--no-sweep` only runs the queue."""

import datetime as dt
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections


class Command(BaseCommand):
    help = "Chạy tác vụ nền (hàng đợi trong cơ sở dữ liệu) và lịch nhắc hạn nhiệm vụ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Quét nhắc hạn một lần ngay trong tiến trình này rồi thoát.",
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="Ngày coi là hôm nay (YYYY-MM-DD), dùng với --once.",
        )
        parser.add_argument(
            "--no-sweep",
            action="store_true",
            help="Chỉ chạy hàng đợi, không tự xếp lịch quét nhắc hạn.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Số giây giữa hai lần xếp lịch quét (mặc định theo cấu hình).",
        )
        parser.add_argument("--queue-name", default=None, help="Hàng đợi cần chạy.")
        parser.add_argument(
            "--batch", action="store_true", help="Chạy hết các tác vụ đang chờ rồi thoát."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from hatnhan.tasks.reminders import send_due_reminders, sweep_task

        if options["once"]:
            result = send_due_reminders(today=options["today"])
            self.stdout.write(
                f"Đã quét nhắc hạn: {result.due_soon} sắp đến hạn, {result.due_today} đến hạn, "
                f"{result.overdue} quá hạn, {result.digests} bản tổng hợp, "
                f"{result.occurrences} kỳ mới của nhiệm vụ định kỳ, {result.emailed} thư, "
                f"{result.email_failed} thư gửi lỗi."
            )
            return
        stop = threading.Event()
        if options["batch"] and not options["no_sweep"]:
            sweep_task.enqueue()  # one run of everything queued, the sweep included
        elif not options["no_sweep"]:
            interval = float(options["interval"] or settings.TASK_REMINDER_SWEEP_SECONDS)

            def schedule() -> None:
                # Enqueue, never run here: the queue records every run and its result.
                while not stop.is_set():
                    try:
                        sweep_task.enqueue()
                    except Exception as exc:
                        self.stderr.write(f"Không xếp lịch được lượt quét nhắc hạn: {exc}")
                    finally:
                        close_old_connections()
                    stop.wait(interval)

            threading.Thread(target=schedule, name="hatnhan-sweep-scheduler", daemon=True).start()
        # No autoreload: it would restart the process under the scheduler thread.
        worker_options: dict[str, Any] = {
            "batch": options["batch"],
            "reload": False,
            "verbosity": options["verbosity"],
        }
        if options["queue_name"]:
            worker_options["queue_name"] = options["queue_name"]
        try:
            call_command("db_worker", **worker_options)
        finally:
            stop.set()
