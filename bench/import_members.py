"""Benchmark: importing a generated member list, against the time openpyxl alone takes to
read the same file, in the same run.

    .venv/bin/python bench/import_members.py [--rows 20000] [--repeats 3]

Runs on a throw-away SQLite database (or BENCH_DATABASE_URL, e.g. a scratch PostgreSQL
database — it is migrated and written to). Prints a table of medians and writes
bench/out/import_members.json. Figures are recorded in docs/benchmarks.md. The reader, the
parse, the plan and the import run in rounds (one of each per round), so the machine's load
weighs on each alike; `--clock cpu` times this process's CPU instead of the wall clock.
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
]
CELLS = 12


def _setup_django(workdir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatnhan.settings")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(path: Path, rows: int, seed: int = 2026) -> None:
    """A sheet as an agency keeps it: title rows, a two-row header, dates in several forms."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(["ĐẢNG BỘ SỞ THỬ NGHIỆM"])
    ws.append([None, "DANH SÁCH ĐẢNG VIÊN"])
    ws.append([])
    ws.append(
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Số thẻ đảng viên",
            "Ngày vào Đảng",
            None,
            "Chi bộ",
            "Chức vụ",
        ]
    )
    ws.append([None, None, None, None, None, "Dự bị", "Chính thức", None, None])
    for i in range(1, rows + 1):
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 14000))
        joined = born + dt.timedelta(days=365 * 19 + rng.randrange(0, 2500))
        full = joined + dt.timedelta(days=366) if rng.random() < 0.9 else None
        form = rng.random()
        born_cell: Any = (
            born if form < 0.6 else (born.strftime("%d/%m/%Y") if form < 0.9 else born.isoformat())
        )
        ws.append(
            [
                i,
                f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                born_cell,
                rng.choice(["Nam", "Nữ", "NAM", "nữ"]),
                f"{10_000_000 + i}",
                joined,
                full,
                f"Chi bộ số {rng.randrange(1, CELLS + 1)}",
                rng.choice(["", "Chuyên viên", "Trưởng phòng"]),
            ]
        )
    ws.append([None, f"Tổng số: {rows} đồng chí"])
    wb.save(path)


# Wall time by default; `--clock cpu` takes this process's CPU time instead, which on SQLite
# (the database works inside this process) does not move with other processes' load.
CLOCK = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCK["wall"]


def _median_time(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        start = clock()
        result = fn()
        times.append(clock() - start)
    return statistics.median(times), result


def _interleaved(
    steps: dict[str, Callable[[], Any]], repeats: int
) -> tuple[dict[str, float], dict[str, Any], dict[str, list[float]]]:
    """Each round runs every step once, in turn: a change of the machine's load during the
    run weighs on all steps alike instead of on whichever step was running then. Medians,
    the last results, and every round's times."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    results: dict[str, Any] = {}
    for _ in range(repeats):
        for name, fn in steps.items():
            start = clock()
            results[name] = fn()
            times[name].append(clock() - start)
    return {name: statistics.median(t) for name, t in times.items()}, results, times


def _peak(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(rows: int = 20_000, repeats: int = 3) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="hatnhan-bench-"))
    _setup_django(workdir)
    import openpyxl
    from django.db import connection, transaction

    from hatnhan.exchange.readers import MemberSheetReader
    from hatnhan.exchange.services import apply_import, plan_import
    from hatnhan.organizations.models import OrganizationKind
    from hatnhan.organizations.services import create_organization

    sheet = workdir / "members.xlsx"
    generate(sheet, rows)
    org = create_organization(
        actor=None,
        code="BENCH",
        name="Đảng bộ Sở Thử nghiệm",
        kind=OrganizationKind.GRASSROOTS_COMMITTEE,
    )
    for n in range(1, CELLS + 1):
        create_organization(
            actor=None,
            code=f"BENCH-{n}",
            name=f"Chi bộ số {n}",
            kind=OrganizationKind.CELL,
            parent=org,
        )

    def reader_alone() -> int:
        wb = openpyxl.load_workbook(sheet, read_only=True)
        count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
        wb.close()
        return count

    def read_and_parse() -> int:
        return sum(1 for _ in MemberSheetReader(sheet))

    def plan() -> Any:
        return plan_import(actor=None, organization=org, source=sheet, source_name=sheet.name)

    class Rollback(Exception):
        pass

    def apply_rolled_back() -> Any:
        p = plan()
        assert not p.errors, [str(e) for e in p.errors[:5]]
        try:
            with transaction.atomic():
                result = apply_import(actor=None, plan=p)
                raise Rollback
        except Rollback:
            return result

    medians, results, rounds = _interleaved(
        {
            "reader_alone": reader_alone,
            "read_and_parse": read_and_parse,
            "plan": plan,
            "import": apply_rolled_back,
        },
        repeats,
    )
    t_reader, t_parse, t_plan, t_import = (
        medians[k] for k in ("reader_alone", "read_and_parse", "plan", "import")
    )
    assert results["read_and_parse"] == rows, results["read_and_parse"]
    assert results["plan"].counts()["create"] == rows, results["plan"].counts()
    assert results["import"].created == rows
    # Once for real, then the same file again: every row unchanged, nothing written.
    apply_import(actor=None, plan=plan())
    t_reimport, replan = _median_time(lambda: apply_import(actor=None, plan=plan()), repeats)
    assert replan.unchanged == rows and replan.created == replan.updated == 0

    peak_reader = _peak(reader_alone)
    peak_plan = _peak(plan)
    peak_full_load = _peak(lambda: openpyxl.load_workbook(sheet).close())

    def figures(seconds: float) -> dict[str, float]:
        return {
            "seconds": round(seconds, 3),
            "rows_per_second": round(rows / seconds),
            "x_reader": round(seconds / t_reader, 2),
        }

    report = {
        "rows": rows,
        "repeats": repeats,
        "file_bytes": sheet.stat().st_size,
        "database": connection.vendor,
        "python": platform.python_version(),
        "openpyxl": openpyxl.__version__,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU",
        "reader_alone": figures(t_reader),
        "read_and_parse": figures(t_parse),
        "plan": figures(t_plan),
        "import": figures(t_import),
        "reimport_unchanged": figures(t_reimport),
        "peak_memory_mb": {
            "reader_alone": round(peak_reader / 2**20, 1),
            "plan": round(peak_plan / 2**20, 1),
            "openpyxl_full_load_for_comparison": round(peak_full_load / 2**20, 1),
        },
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # Each round's import against the same round's reader: how much the ratio moved.
        "import_x_reader_by_round": [
            round(i / r, 2) for i, r in zip(rounds["import"], rounds["reader_alone"], strict=True)
        ],
        "seconds_by_round": {k: [round(x, 3) for x in v] for k, v in rounds.items()},
    }
    return report


def print_report(report: dict[str, Any]) -> None:
    print(
        f"import_members: {report['rows']} rows, {report['file_bytes'] / 2**20:.1f} MB, "
        f"{report['database']}, medians of {report['repeats']}, {report.get('clock', 'wall')} time"
    )
    print(f"{'step':<22}{'seconds':>10}{'rows/s':>10}{'× reader':>10}")
    for key in ("reader_alone", "read_and_parse", "plan", "import", "reimport_unchanged"):
        f = report[key]
        print(f"{key:<22}{f['seconds']:>10.2f}{f['rows_per_second']:>10}{f['x_reader']:>10.2f}")
    peaks = report["peak_memory_mb"]
    print("peak traced memory (MB): " + ", ".join(f"{k} {v}" for k, v in peaks.items()))
    print(f"process max RSS: {report['max_rss_mb']} MB")
    print(
        "import × reader, round by round: "
        + ", ".join(map(str, report["import_x_reader_by_round"]))
    )


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCK),
        default="wall",
        help="cpu: this process's CPU time (SQLite: steady on a shared machine)",
    )
    args = parser.parse_args(argv)
    global clock
    clock = CLOCK[args.clock]
    report = run(rows=args.rows, repeats=args.repeats)
    report["clock"] = args.clock
    print_report(report)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "import_members.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
