"""`hatnhan demo`: the demo dataset (see hatnhan/core/demodata.py), then each app's own.

Every app that has a module ``hatnhan/<app>/demo.py`` adds its part through
``populate(*, rng: random.Random, today: datetime.date, stdout) -> None``, called in
INSTALLED_APPS order after the organizations, members and accounts exist. Each app gets
its own ``random.Random`` seeded from the dataset's seed and the app's label, so one app's
data does not shift when another app changes how much it draws.
"""

import datetime as dt
import importlib
import importlib.util
import random
import time
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import record_event
from hatnhan.core.demodata import (
    DEFAULT_SEED,
    DEMO_PASSWORD,
    ROOT_CODE,
    demo_accounts,
    load_plan,
    make_plan,
)
from hatnhan.organizations.models import Organization


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ “{value}” (cần YYYY-MM-DD).") from exc


def populate_hooks() -> list[tuple[str, Any]]:
    """(app label, populate function) of every installed hatnhan app that has a demo module."""
    hooks = []
    for config in apps.get_app_configs():
        if not config.name.startswith("hatnhan."):
            continue
        module_name = f"{config.name}.demo"
        # find_spec first: an ImportError raised *inside* an existing demo module must surface.
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        populate = getattr(module, "populate", None)
        if callable(populate):
            hooks.append((config.label, populate))
    return hooks


class Command(BaseCommand):
    help = (
        "Nạp bộ dữ liệu minh họa: Đảng bộ Khối Các cơ quan tỉnh Nghệ An, các tổ chức cơ sở đảng, "
        "đảng viên, cấp ủy và tài khoản demo (mật khẩu “demo”)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Không làm gì nếu đã có tổ chức đảng (dùng cho `make demo`).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Hạt giống ngẫu nhiên (mặc định {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Tỉ lệ số đảng viên (1 ≈ 3.000; 0.05 cho kiểm thử nhanh).",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Ngày “hôm nay” của dữ liệu (YYYY-MM-DD); mặc định hôm nay.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0:
            raise CommandError("--scale phải lớn hơn 0.")
        if Organization.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu minh họa.")
                self._print_accounts()
                return
            raise CommandError(
                "Cơ sở dữ liệu đã có tổ chức đảng: dữ liệu minh họa chỉ nạp vào cơ sở dữ liệu "
                "trống (dùng --if-empty để bỏ qua, hoặc xóa var/hatnhan.sqlite3)."
            )
        today = options["today"] or timezone.localdate()
        if isinstance(today, str):  # call_command(today="…") skips argparse's conversion
            today = _date(today)
        seed, scale = options["seed"], options["scale"]
        started = time.monotonic()
        plan = make_plan(seed=seed, scale=scale, today=today)
        with transaction.atomic():
            counts = load_plan(plan, progress=lambda msg: self.stdout.write(f"  … {msg}"))
            for label, populate in populate_hooks():
                app_started = time.monotonic()
                populate(rng=random.Random(f"{seed}:{label}"), today=today, stdout=self.stdout)
                self.stdout.write(f"  … {label}: {time.monotonic() - app_started:.1f} s")
            record_event(
                actor=None,
                action="demo.load",
                obj=Organization.objects.get(code=ROOT_CODE),
                before=None,
                after={"seed": seed, "scale": scale, "today": today, **counts},
                organization_path=Organization.objects.get(code=ROOT_CODE).path,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp dữ liệu minh họa trong {time.monotonic() - started:.1f} s: "
                f"{counts['organizations']} tổ chức, {counts['members']} đảng viên, "
                f"{counts['seats']} chức danh cấp ủy, {counts['accounts']} tài khoản."
            )
        )
        self._print_accounts()

    def _print_accounts(self) -> None:
        accounts = demo_accounts()
        if not accounts:
            return
        self.stdout.write(f"\nTài khoản demo (mật khẩu “{DEMO_PASSWORD}”):")
        width = max(len(a["username"]) for a in accounts)
        for a in accounts:
            who = f" — {a['member']}" if a["member"] else ""
            self.stdout.write(
                f"  {a['username']:<{width}}  {a['role']} @ {a['organization_code']}{who}"
            )
