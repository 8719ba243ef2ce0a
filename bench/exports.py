"""Benchmark: the member list export at the size of the bloc (31,560 members), before and
after background exports, in the same run.

    .venv/bin/python bench/exports.py [--members 31560] [--repeats 3]

"before": the request writes the whole workbook (what `/exchange/members.xlsx` did for any
size); "after": what the request does now past EXCHANGE_EXPORT_BACKGROUND_ROWS (count the
rows, queue a job) and, separately, the background task's time to write the same file.
Throw-away SQLite database unless BENCH_DATABASE_URL names a scratch one. Writes
bench/out/exports.json.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from import_members import CELLS, FAMILY, GIVEN, MIDDLE, _setup_django  # noqa: E402


def _median(fn: Any, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(members: int = 31_560, repeats: int = 3) -> dict[str, Any]:
    import datetime as dt

    workdir = Path(tempfile.mkdtemp(prefix="hatnhan-bench-"))
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    _setup_django(workdir)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from hatnhan.accounts.services import create_user
    from hatnhan.exchange import exports
    from hatnhan.exchange.models import ExportJob
    from hatnhan.exchange.services.exporting import run_export
    from hatnhan.members.models import Member
    from hatnhan.members.services import create_members
    from hatnhan.organizations.models import OrganizationKind
    from hatnhan.organizations.services import create_organization

    settings.ALLOWED_HOSTS = ["*"]
    settings.HATNHAN_MFA_REQUIRED_ROLES = []  # the bench signs in without a second factor
    # A small trial run still goes through the background path.
    settings.EXCHANGE_EXPORT_BACKGROUND_ROWS = min(
        settings.EXCHANGE_EXPORT_BACKGROUND_ROWS, members // 2
    )
    rng = random.Random(2026)
    org = create_organization(
        actor=None, code="BENCH", name="Đảng bộ Thử nghiệm", kind=OrganizationKind.BLOC_COMMITTEE
    )
    cells = [
        create_organization(
            actor=None,
            code=f"BENCH-{n}",
            name=f"Chi bộ số {n}",
            kind=OrganizationKind.CELL,
            parent=org,
        )
        for n in range(1, CELLS + 1)
    ]
    for start in range(0, members, 5000):
        rows = []
        for i in range(start, min(members, start + 5000)):
            born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 14000))
            rows.append(
                (
                    cells[i % CELLS],
                    {
                        "full_name": " ".join(rng.choice(part) for part in (FAMILY, MIDDLE, GIVEN)),
                        "party_card_number": f"{20_000_000 + i}",
                        "date_of_birth": born,
                        "probationary_date": born + dt.timedelta(days=365 * 20),
                        "full_membership_date": born + dt.timedelta(days=365 * 21),
                        "post": rng.choice(["", "Chuyên viên", "Trưởng phòng"]),
                    },
                )
            )
        create_members(actor=None, rows=rows)
    user = create_user(
        actor=None,
        username="bench_admin",
        role="admin",
        organization=org,
        password="bench-password-1",
        check_password=False,
    )
    queryset = Member.objects.select_related("organization").order_by("sort_key", "id")

    def before() -> None:
        exports.export_members(queryset.iterator(chunk_size=2000)).close()

    client = Client()
    client.force_login(user)

    def after_request() -> None:
        response = client.get("/exchange/members.xlsx", secure=True)
        assert "/exchange/exports/" in response.get("Location", ""), response.get("Location")

    t_before = _median(before, repeats)
    t_request = _median(after_request, repeats)
    job = ExportJob.objects.order_by("-pk").first()
    t_task = _median(lambda: run_export(job.pk), repeats)
    report = {
        "members": Member.objects.count(),
        "repeats": repeats,
        "database": connection.vendor,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU",
        "threshold_rows": settings.EXCHANGE_EXPORT_BACKGROUND_ROWS,
        "before_request_seconds": round(t_before, 3),
        "after_request_seconds": round(t_request, 4),
        "after_background_task_seconds": round(t_task, 3),
        "request_speedup": round(t_before / t_request, 1),
    }
    return report


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=31_560)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    report = run(members=args.members, repeats=args.repeats)
    for key, value in report.items():
        print(f"{key:<32}{value}")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "exports.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
