"""Benchmark: a review round over every member of a scaled dataset, against a bare SQL
aggregate of the same task table in the same run.

    .venv/bin/python bench/evaluations.py [--members 3000] [--tasks 8] [--repeats 3] [--profile]
        [--subjects members|organizations|both] [--cell-size 30]

The dataset (written in bulk, not through the services: the subject is the computation) is
one grassroots organization with cells of `--cell-size` members, each member owning
`--tasks` tasks due in 2025 with mixed outcomes, lateness and extensions. Timed:
`engine.compute` of a fresh round (every source: tasks, meetings, discipline; the rows
written), then a recomputation (rows updated), against one `GROUP BY owner` count of the
tasks due in the period. `--subjects both` also rates every cell and the grassroots
organization. Runs on a throw-away SQLite database or BENCH_DATABASE_URL. Writes
bench/out/evaluations.json.
"""

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_members import _setup_django


def _dataset(members: int, tasks: int, cell_size: int = 30) -> Any:
    from django.utils import timezone

    from hatnhan.core.text import search_key, vietnamese_sort_key
    from hatnhan.members.models import Member
    from hatnhan.organizations.services import create_organization
    from hatnhan.tasks.models import Task

    rng = random.Random(2025)
    root = create_organization(
        actor=None,
        code=f"B{uuid.uuid4().hex[:6]}",
        name="Đảng bộ đo",
        kind="grassroots_committee",
    )
    cells = [
        create_organization(
            actor=None,
            code=f"C{uuid.uuid4().hex[:6]}",
            name=f"Chi bộ {i}",
            kind="cell",
            parent=root,
        )
        for i in range(max(1, members // cell_size))
    ]
    people = []
    for i in range(members):
        name = f"Nguyễn Văn Số {i}"
        people.append(
            Member(
                organization=cells[i % len(cells)],
                full_name=name,
                party_card_number=uuid.uuid4().hex[:16],
                sort_key=vietnamese_sort_key(name),
                search_text=search_key(name),
                probationary_date=dt.date(2010, 1, 1),
            )
        )
    Member.objects.bulk_create(people, batch_size=1000)
    people = list(Member.objects.filter(organization__path__startswith=root.path))
    rows = []
    for member in people:
        for _ in range(tasks):
            due = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
            done = rng.random() < 0.85
            late = rng.random() < 0.15
            sub = due + dt.timedelta(days=rng.randrange(1, 9) if late else -rng.randrange(5))
            at = timezone.make_aware(dt.datetime(sub.year, sub.month, sub.day, 10))
            rows.append(
                Task(
                    organization=member.organization,
                    title="Nhiệm vụ",
                    expected_result="Kết quả",
                    owner=member,
                    start_date=dt.date(2024, 12, 1),
                    due_date=due,
                    original_due_date=due - dt.timedelta(days=10 * (rng.random() < 0.1)),
                    status="done" if done else "in_progress",
                    outcome=rng.choice(["exceeded", "met", "met", "partly_met", "not_met"])
                    if done
                    else "",
                    submitted_at=at if done else None,
                    accepted_at=at if done else None,
                )
            )
    Task.objects.bulk_create(rows, batch_size=2000)
    return root


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--tasks", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--subjects",
        choices=["members", "organizations", "both"],
        default="members",
        help="what the round rates (organizations: the cells and the grassroots committee)",
    )
    parser.add_argument(
        "--cell-size", type=int, default=30, help="members per cell (fewer: more organizations)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also print where one recomputation spends its time"
    )
    parser.add_argument(
        "--sort", default="cumulative", help="the profile's order (cumulative, tottime, ncalls)"
    )
    parser.add_argument(
        "--clock",
        choices=["wall", "cpu"],
        default="wall",
        help="time by the wall clock, or by this process's CPU time (on SQLite the database "
        "works inside the process, so the figure does not move with other processes' load)",
    )
    args = parser.parse_args(argv)
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    workdir = Path(tempfile.mkdtemp(prefix="hatnhan-bench-"))
    _setup_django(workdir)
    from django.db import connection
    from django.db.models import Count

    from hatnhan.evaluations import engine, services
    from hatnhan.tasks.models import Task

    root = _dataset(args.members, args.tasks, args.cell_size)
    today = dt.date(2026, 1, 20)

    def bare() -> None:
        list(
            Task.objects.filter(
                due_date__gte=dt.date(2025, 1, 1), due_date__lte=dt.date(2025, 12, 31)
            )
            .order_by()
            .values("owner_id")
            .annotate(n=Count("pk"))
        )

    from hatnhan.evaluations.metrics import _tasks_by
    from hatnhan.members.models import Member

    ids = list(
        Member.objects.filter(organization__path__startswith=root.path).values_list("pk", flat=True)
    )
    runs: dict[str, list[float]] = {
        "bare aggregate": [],
        "engine task aggregate": [],
        "round (fresh)": [],
        "round (redo)": [],
    }
    for _ in range(args.repeats):
        began = clock()
        bare()
        runs["bare aggregate"].append(clock() - began)
        began = clock()
        probe = services.create_round(
            actor=None,
            organization=root,
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            rulebook="qd366-2025",
        )
        _tasks_by(probe, "owner_id", ids, today)
        runs["engine task aggregate"].append(clock() - began)
        round = services.create_round(
            actor=None,
            organization=root,
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            rulebook="qd366-2025",
            subjects=args.subjects,
        )
        began = clock()
        engine.compute(round, today=today)
        runs["round (fresh)"].append(clock() - began)
        began = clock()
        engine.compute(round, today=today)
        runs["round (redo)"].append(clock() - began)
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(engine.compute, round, today=today)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats(args.sort).print_stats(45)
    medians = {k: statistics.median(v) for k, v in runs.items()}
    result = {
        "database": connection.vendor,
        "clock": args.clock,
        "members": args.members,
        "subjects": args.subjects,
        "cell size": args.cell_size,
        "tasks": args.members * args.tasks,
        "seconds": medians,
        "ratio fresh": medians["round (fresh)"] / medians["bare aggregate"],
        "ratio redo": medians["round (redo)"] / medians["bare aggregate"],
    }
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "evaluations.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
