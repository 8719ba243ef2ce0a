"""Benchmark: audited writes in one long transaction (what a large import does), against
plain unaudited saves of the same rows in the same run.

    .venv/bin/python bench/audit_append.py [--rows 4000] [--repeats 3]

The question it answers: does the cost of one audited write stay flat as the transaction
grows? (It did not on PostgreSQL while every event rewrote one chain-head row.) Runs on a
throw-away SQLite database or BENCH_DATABASE_URL. Writes bench/out/audit_append.json.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_members import _setup_django

BATCH = 1000


def _timed_batches(rows: int, write: Any) -> list[float]:
    """Milliseconds per row for each batch of 1,000 rows, all inside one transaction."""
    from django.db import transaction

    per_row: list[float] = []
    with transaction.atomic():
        for start in range(0, rows, BATCH):
            began = time.perf_counter()
            for i in range(start, min(start + BATCH, rows)):
                write(i)
            per_row.append((time.perf_counter() - began) * 1000 / BATCH)
        transaction.set_rollback(True)  # each repeat starts from the same database
    return per_row


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="hatnhan-bench-"))
    _setup_django(workdir)
    from django.db import connection

    from hatnhan.core.text import search_key, vietnamese_sort_key
    from hatnhan.members.models import Member
    from hatnhan.members.services import create_member
    from hatnhan.organizations.services import create_organization

    org = create_organization(
        actor=None, code=f"BENCH{uuid.uuid4().hex[:6]}", name="Chi bộ đo", kind="cell"
    )

    def audited(i: int) -> None:
        create_member(
            actor=None,
            organization=org,
            full_name=f"Nguyễn Văn Số {i}",
            party_card_number=uuid.uuid4().hex[:16],
        )

    def plain(i: int) -> None:
        name = f"Nguyễn Văn Số {i}"
        Member(
            organization=org,
            full_name=name,
            party_card_number=uuid.uuid4().hex[:16],
            sort_key=vietnamese_sort_key(name),
            search_text=search_key(name),
        ).save()

    runs = {"plain save": [], "audited create_member": []}
    for _ in range(args.repeats):
        runs["plain save"].append(_timed_batches(args.rows, plain))
        runs["audited create_member"].append(_timed_batches(args.rows, audited))
    medians = {
        name: [statistics.median(r[b] for r in batches) for b in range(len(batches[0]))]
        for name, batches in runs.items()
    }
    baseline = statistics.median(medians["plain save"])
    print(f"{connection.vendor}, {args.rows} rows in one transaction, medians of {args.repeats}")
    print(
        f"{'writer':<24}{'ms/row, first 1,000':>22}{'ms/row, last 1,000':>22}"
        f"{'last ÷ first':>14}{'× plain save':>14}"
    )
    for name, per_batch in medians.items():
        first, last = per_batch[0], per_batch[-1]
        print(
            f"{name:<24}{first:>22.2f}{last:>22.2f}{last / first:>14.2f}"
            f"{statistics.median(per_batch) / baseline:>14.1f}"
        )
    result = {"database": connection.vendor, "rows": args.rows, "ms_per_row_by_batch": medians}
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "audit_append.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
