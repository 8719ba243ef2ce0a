"""Benchmark: the audit trail at scale on PostgreSQL, partitioned by month.

    .venv/bin/python bench/audit_trail.py [--events 1000000] [--months 24] [--keep]

Loads a valid keyed chain of `--events` events spread over `--months` months (COPY, in
chunks), in two steps: a tenth first, then the rest. After each step `hatnhan audit verify`
runs in a child process whose peak resident memory is read (`ru_maxrss`): a verify that
streams holds the same memory for a trail ten times longer. Then a signed checkpoint is taken,
1 % more events are appended, and `audit verify --from-checkpoint` checks only those (the
resume). Last, the queries the trail serves, timed against the same queries on an
unpartitioned copy of the same rows in the same run: the chain's end (every append reads it),
one month of events, one object's history, and a page of the newest events.

Runs on BENCH_DATABASE_URL, or on a scratch database it makes on 127.0.0.1:5432 (dropped
at the end unless --keep). Writes bench/out/audit_trail.json.
"""

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHUNK = 50_000
KEYS = {
    "AUDIT_KEYS": f"bench:{uuid.uuid4().hex}{uuid.uuid4().hex}",
    "AUDIT_CHECKPOINT_KEYS": f"bench:{uuid.uuid4().hex}{uuid.uuid4().hex}",
}


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True
    )


def _load(first_seq: int, count: int, start: dt.datetime, step: dt.timedelta) -> float:
    """Append `count` chained events after `first_seq - 1`; seconds taken."""
    from hatnhan.audit.models import AuditEvent
    from hatnhan.audit.services import _chain_end, signing_key
    from hatnhan.core.bulk import load_rows, reset_sequence

    began = time.perf_counter()
    key_id, secret = signing_key()
    seq, prev = _chain_end()
    assert seq == first_seq - 1
    for offset in range(0, count, CHUNK):
        rows = []
        for _ in range(offset, min(offset + CHUNK, count)):
            seq += 1
            event = AuditEvent(
                pk=seq,
                created_at=start + step * (seq - 1),
                actor_name="bench",
                action="member.update",
                object_type="members.member",
                object_id=str(seq % 50_000),
                object_repr=f"Đảng viên {seq % 50_000}",
                organization_path=f"/1/{seq % 97}/",
                filed_path=f"/1/{seq % 97}/",
                before={"phone": str(seq)},
                after={"phone": str(seq + 1)},
                request_id="",
                seq=seq,
                prev_hash=prev,
                key_id=key_id,
            )
            event.hash = prev = event.keyed_hash(secret)
            rows.append(event)
        load_rows(rows)
    reset_sequence(AuditEvent)
    from hatnhan.audit.services import move_anchor

    move_anchor()
    return time.perf_counter() - began


def _manage(*args: str) -> tuple[float, int, str]:
    """Seconds, the child's peak RSS in MB (the largest child so far: run smallest first),
    and its output."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=os.environ | KEYS,
    )
    seconds = time.perf_counter() - began
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return seconds, peak, done.stdout.strip()


def _timed(sql: str, params: list[Any], repeats: int = 7) -> float:
    from django.db import connection

    runs = []
    with connection.cursor() as cursor:
        for _ in range(repeats):
            began = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            runs.append((time.perf_counter() - began) * 1000)
    return statistics.median(runs)


def _plan(sql: str, params: list[Any]) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    scratch = None
    if not os.environ.get("BENCH_DATABASE_URL"):
        scratch = f"hn_bench_audit_{os.getpid()}"
        _psql(f'CREATE DATABASE "{scratch}"')
        os.environ["BENCH_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{scratch}"
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatnhan.settings")
    os.environ.update(KEYS)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from hatnhan.audit.partitions import ensure_partitions, partitions

    try:
        if connection.vendor != "postgresql":
            raise SystemExit("The audit trail bench needs PostgreSQL (BENCH_DATABASE_URL).")
        call_command("migrate", verbosity=0)
        now = dt.datetime.now(dt.UTC)
        start = (now.replace(day=1) - dt.timedelta(days=31 * (args.months - 1))).replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        step = (now - start) / args.events
        ensure_partitions(today=start.date())
        result: dict[str, Any] = {
            "events": args.events,
            "partitions": len(partitions()),
            "load_seconds": {},
            "verify": {},
        }
        tenth = args.events // 10
        result["load_seconds"]["tenth"] = _load(1, tenth, start, step)
        seconds, peak, _ = _manage("audit", "verify")
        result["verify"][str(tenth)] = {"seconds": seconds, "peak_rss_mb": peak}
        result["load_seconds"]["rest"] = _load(tenth + 1, args.events - tenth, start, step)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE audit_auditevent")
        seconds, peak, _ = _manage("audit", "verify")
        result["verify"][str(args.events)] = {"seconds": seconds, "peak_rss_mb": peak}
        _, _, checkpoint = _manage("audit", "checkpoint")
        path = HERE / "out" / "audit_trail.checkpoint.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(checkpoint, encoding="utf-8")
        more = max(1, args.events // 100)
        _load(args.events + 1, more, start, step)
        seconds, peak, said = _manage("audit", "verify", "--from-checkpoint", str(path))
        result["verify"]["resume"] = {"events": more, "seconds": seconds, "said": said}

        month = (now.replace(day=1) - dt.timedelta(days=200)).replace(day=1)
        month_end = (month + dt.timedelta(days=32)).replace(day=1)
        queries = {
            "chain end": ("SELECT seq, hash FROM {t} ORDER BY seq DESC LIMIT 1", []),
            "one month, counted": (
                "SELECT count(*) FROM {t} WHERE created_at >= %s AND created_at < %s",
                [month, month_end],
            ),
            "one object's history": (
                "SELECT id FROM {t} WHERE object_type = %s AND object_id = %s ORDER BY id DESC",
                ["members.member", "4242"],
            ),
            "newest page of a subtree": (
                "SELECT id FROM {t} WHERE filed_path LIKE %s ORDER BY id DESC LIMIT 50",
                ["/1/5/%"],
            ),
        }
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_plain AS SELECT * FROM audit_auditevent")
            for column in ("seq", "created_at", "filed_path varchar_pattern_ops", "id"):
                cursor.execute(f"CREATE INDEX ON bench_plain ({column})")
            cursor.execute("CREATE INDEX ON bench_plain (object_type, object_id)")
            cursor.execute("ANALYZE bench_plain")
        result["queries_ms"] = {}
        for name, (sql, params) in queries.items():
            partitioned = _timed(sql.format(t="audit_auditevent"), params)
            plain = _timed(sql.format(t="bench_plain"), params)
            plan = _plan(sql.format(t="audit_auditevent"), params)
            result["queries_ms"][name] = {
                "partitioned": round(partitioned, 2),
                "unpartitioned": round(plain, 2),
                "ratio": round(partitioned / plain, 2) if plain else None,
                "partitions_read": plan.count(" on audit_auditevent_"),
            }
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('bench_plain')")
            result["table_mb"] = cursor.fetchone()[0] // (1024 * 1024)
            cursor.execute("DROP TABLE bench_plain")
    finally:
        connection.close()
        if scratch and not args.keep:
            _psql(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    out = HERE / "out" / "audit_trail.json"
    out.write_text(json.dumps(result, indent=2, default=str))
    print(json.dumps(result, indent=2, default=str))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
