"""`hatnhan demo`: the demo dataset, each app's own part of it, loaded in layer order.

The command only orchestrates: every installed hatnhan app that has a module
``hatnhan/<app>/demo.py`` adds its part, the apps ordered by hatnhan.core.layers (the
organizations before the members they hold, the record after the foundation). A demo module
provides

* ``populate(*, rng: random.Random, today: datetime.date, stdout[, scale: float])``, which
  writes the app's part through its services and may return counts for the summary
  (``{"members": 3156}``); ``scale`` is passed to the apps that take it;
* optionally ``loaded() -> bool``: the app's part is already in the database (then the command
  refuses, or with --if-empty does nothing);
* optionally ``describe(*, stdout)``: what to print for the person who loaded it (the accounts);
* optionally ``finished(*, summary)``: called once every part is loaded, with the seed, scale,
  today and counts (the organizations file the load as an audit event).

Each app gets its own ``random.Random`` seeded from the dataset's seed and the app's label, so
one app's data does not shift when another app changes how much it draws.
"""

import datetime as dt
import importlib
import importlib.util
import inspect
import random
import time
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from hatnhan.core.layers import rank

DEFAULT_SEED = 2017  # the year of the article


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ “{value}” (cần YYYY-MM-DD).") from exc


def demo_modules() -> list[tuple[str, ModuleType]]:
    """(app label, demo module) of every installed hatnhan app that has one, in layer order
    (an app outside the layers' table last, in INSTALLED_APPS order)."""
    found = []
    for position, config in enumerate(apps.get_app_configs()):
        if not config.name.startswith("hatnhan."):
            continue
        module_name = f"{config.name}.demo"
        # find_spec first: an ImportError raised *inside* an existing demo module must surface.
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if callable(getattr(module, "populate", None)):
            found.append((rank(config.label) or (99, position), config.label, module))
    return [(label, module) for _, label, module in sorted(found, key=lambda f: f[0])]


def _hooks(name: str) -> list[tuple[str, Any]]:
    return [
        (label, getattr(module, name))
        for label, module in demo_modules()
        if callable(getattr(module, name, None))
    ]


def populate_hooks() -> list[tuple[str, Any]]:
    """(app label, populate function), in the order they run."""
    return _hooks("populate")


def _populate(populate: Any, **kwargs: Any) -> dict[str, int]:
    if "scale" not in inspect.signature(populate).parameters:
        kwargs.pop("scale")
    return populate(**kwargs) or {}


class Command(BaseCommand):
    help = (
        "Nạp bộ dữ liệu minh họa: Đảng bộ Khối Các cơ quan tỉnh Nghệ An, các tổ chức cơ sở đảng, "
        "đảng viên, cấp ủy và tài khoản demo (mật khẩu “demo”)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Không làm gì nếu đã có dữ liệu (dùng cho `make demo`).",
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
        if any(loaded() for _, loaded in _hooks("loaded")):
            if options["if_empty"]:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu minh họa.")
                self._describe()
                return
            raise CommandError(
                "Cơ sở dữ liệu đã có dữ liệu: dữ liệu minh họa chỉ nạp vào cơ sở dữ liệu "
                "trống (dùng --if-empty để bỏ qua, hoặc xóa var/hatnhan.sqlite3)."
            )
        today = options["today"] or timezone.localdate()
        if isinstance(today, str):  # call_command(today="…") skips argparse's conversion
            today = _date(today)
        seed, scale = options["seed"], options["scale"]
        started = time.monotonic()
        counts: dict[str, int] = {}
        with transaction.atomic():
            for label, populate in populate_hooks():
                app_started = time.monotonic()
                counts |= _populate(
                    populate,
                    rng=random.Random(f"{seed}:{label}"),
                    today=today,
                    stdout=self.stdout,
                    scale=scale,
                )
                self.stdout.write(f"  … {label}: {time.monotonic() - app_started:.1f} s")
            summary = {"seed": seed, "scale": scale, "today": today, **counts}
            for _, finished in _hooks("finished"):
                finished(summary=summary)
        self.stdout.write(
            self.style.SUCCESS(f"Đã nạp dữ liệu minh họa trong {time.monotonic() - started:.1f} s.")
        )
        self._describe()

    def _describe(self) -> None:
        for _, describe in _hooks("describe"):
            describe(stdout=self.stdout)
