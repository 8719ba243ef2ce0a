"""Benchmark: `hatnhan synth` on PostgreSQL, the tuple generator against the instance-by-instance
one it replaced (loaded from git at --baseline-rev), in the same run.

    .venv/bin/python bench/synth.py --members 20000 100000 [--variants baseline tuples …]
        [--server postgres://postgres@127.0.0.1:5432] [--prefix synthfast_bench]

Each run gets a database of its own, copied from a migrated template (`<prefix>_tmpl`), and
runs in a process of its own; every database it made is dropped at the end. Variants:
- `baseline`: the generator at --baseline-rev (model instances, `record_events`);
- `tuples`: rows as tuples, indexes and foreign keys kept, no ANALYZE;
- `tuples+rebuild`: the same, indexes and foreign keys dropped for the load and rebuilt;
- `default`: what `hatnhan synth` does at that size (rebuild from 10,000 members, ANALYZE).
For each: rows/s, wall seconds, the Python process's CPU seconds and the PostgreSQL backend's
(read from /proc: both on this machine), peak RSS, the load average before and after; and,
for the same size, when `baseline` ran, whether every other variant wrote the same rows
(md5 of each table without the run's own timestamps). Writes bench/out/synth.json.
"""

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
TODAY = dt.date(2026, 12, 1)
# Per table, the columns stamped with the moment of the run; the rest is seed and size.
STAMPED = {
    "organizations_organization": ("created_at", "updated_at"),
    "members_member": ("created_at", "updated_at"),
    "members_committeeseat": ("created_at", "updated_at"),
    "tasks_task": ("updated_at",),
    "tasks_progressupdate": (),
    "tasks_acceptance": (),
    "audit_auditevent": ("created_at", "prev_hash", "hash"),
}


def _psql(server: str, sql: str, db: str = "postgres") -> str:
    done = subprocess.run(
        ["psql", f"{server}/{db}", "-Atqc", sql], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child(variant: str, members: int, seed: int, baseline_rev: str) -> dict[str, Any]:
    """One run, in this process, on DATABASE_URL."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatnhan.settings")
    import django

    django.setup()
    from django.db import connection

    from hatnhan.exchange import synth

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    options: dict[str, Any] = {}
    if variant == "baseline":
        source = subprocess.run(
            ["git", "show", f"{baseline_rev}:hatnhan/exchange/synth.py"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        module = types.ModuleType("synth_baseline")
        exec(compile(source, f"{baseline_rev}:synth.py", "exec"), module.__dict__)
        run, describe = module.synthesize, module.describe
    else:
        run, describe = synth.synthesize, synth.describe
        if variant == "tuples":
            options = {"rebuild_indexes": False, "analyze": False}
        elif variant == "tuples+rebuild":
            options = {"rebuild_indexes": True, "analyze": False}
    backend_before = _cpu_seconds(backend)
    cpu_before = time.process_time()
    start = time.perf_counter()
    counts = run(members=members, seed=seed, today=TODAY, progress=lambda _: None, **options)
    elapsed = time.perf_counter() - start
    result = describe(counts, elapsed)
    result["python_cpu_seconds"] = round(time.process_time() - cpu_before, 1)
    result["postgres_cpu_seconds"] = round(_cpu_seconds(backend) - backend_before, 1)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def fingerprint(server: str, db: str) -> dict[str, str]:
    prints = {}
    for table, stamped in STAMPED.items():
        columns = _psql(
            server,
            "SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) "
            f"FROM information_schema.columns WHERE table_name = '{table}' "
            + "".join(f"AND column_name <> '{c}' " for c in stamped),
            db,
        )
        prints[table] = _psql(
            server,
            f"SELECT md5(string_agg(md5(({columns})::text), '' ORDER BY id)) FROM {table}",
            db,
        )
    return prints


def main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[20_000])
    parser.add_argument(
        "--variants", nargs="+", default=["baseline", "tuples", "tuples+rebuild", "default"]
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--prefix", default="synthfast_bench")
    parser.add_argument("--baseline-rev", default="0bb192c")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.members[0], args.seed, args.baseline_rev)))
        return {}
    OUT.mkdir(parents=True, exist_ok=True)
    template = f"{args.prefix}_tmpl"
    made = [template]
    env = dict(os.environ, DATABASE_URL=f"{args.server}/{template}")
    result: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.node()}, {os.cpu_count()} CPUs, {platform.python_version()}",
        "postgres": _psql(args.server, "SHOW server_version"),
        "runs": [],
    }
    try:
        _psql(args.server, f"DROP DATABASE IF EXISTS {template}")
        _psql(args.server, f"CREATE DATABASE {template}")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
        for members in args.members:
            prints: dict[str, dict[str, str]] = {}
            for variant in args.variants:
                db = f"{args.prefix}_{members}_{variant.replace('+', '_')}"
                _psql(args.server, f"DROP DATABASE IF EXISTS {db}")
                _psql(args.server, f"CREATE DATABASE {db} TEMPLATE {template}")
                made.append(db)
                load = os.getloadavg()[0]
                print(f"synth {members} {variant} (load {load:.2f}) …", flush=True)
                done = subprocess.run(
                    [sys.executable, __file__, "--child", variant, "--members", str(members),
                     "--seed", str(args.seed), "--baseline-rev", args.baseline_rev],
                    cwd=ROOT, env=dict(env, DATABASE_URL=f"{args.server}/{db}"), check=True,
                    capture_output=True, text=True,
                )  # fmt: skip
                run = json.loads(done.stdout.strip().splitlines()[-1])
                run.update(
                    members_asked=members,
                    variant=variant,
                    load_before=round(load, 2),
                    load_after=round(os.getloadavg()[0], 2),
                    database_mb=round(
                        int(_psql(args.server, f"SELECT pg_database_size('{db}')")) / 2**20
                    ),
                )
                result["runs"].append(run)
                print(
                    f"  {run['rows']:,} rows in {run['seconds']} s: {run['rows_per_second']:,} "
                    f"rows/s (python {run['python_cpu_seconds']} s, postgres "
                    f"{run['postgres_cpu_seconds']} s CPU), {run['load_seconds']}",
                    flush=True,
                )
                (OUT / "synth.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
                if "baseline" in args.variants:
                    prints[variant] = fingerprint(args.server, db)
                _psql(args.server, f"DROP DATABASE {db}")
                made.remove(db)
            if "baseline" in prints:
                for variant, found in prints.items():
                    same = found == prints["baseline"]
                    for run in result["runs"]:
                        if run["members_asked"] == members and run["variant"] == variant:
                            run["same_rows_as_baseline"] = same
                    if not same:
                        differ = [t for t in found if found[t] != prints["baseline"][t]]
                        print(f"  {variant}: rows differ from baseline in {differ}", flush=True)
    finally:
        for db in made:
            _psql(args.server, f"DROP DATABASE IF EXISTS {db}")
    (OUT / "synth.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
