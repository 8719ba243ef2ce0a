"""The PostgreSQL national-scale suite in one command (`make bench-national MEMBERS=…`).

    .venv/bin/python bench/national.py --members 20000 [--replica-members 20000] [--seconds 5]

1. a PostgreSQL 15 cluster of its own (bench/replica.py's, on a free port; the machine's
   shared server is never touched), migrated, with `hatnhan synth --members N` loaded (COPY)
   and the pages bench's four accounts;
2. bench/pages.py against it: every page and API list for a member, a cell secretary, a
   grassroots secretary and bloc staff, against the bare view in the same run
   (bench/out/pages-national.json);
3. bench/explain.py on the same database: every query of those pages under EXPLAIN
   (ANALYZE, BUFFERS); a sequential scan of members, tasks or audit events (or a scan of them
   throwing away ≥ 10,000 rows) is a failure (bench/out/explain-national.json);
4. bench/replica.py at --replica-members: the list pages with and without a streaming
   replica (bench/out/replica.json).
Writes bench/out/national.json: the sizes, the load time, the results' file names. Exit
status 1 when the EXPLAIN check failed.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import explain  # noqa: E402
import pages  # noqa: E402
import replica  # noqa: E402
from soak import command, server_env, setup_django  # noqa: E402

OUT = HERE / "out"


def main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--replica-members", type=int, default=None)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--skip-replica", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"members": args.members}
    clusters = replica.Clusters()
    try:
        clusters.up(replica=False)
        clusters.sql("primary", "CREATE DATABASE hatnhan", db="postgres")
        setup_django(server_env(clusters.url("primary"), OUT / "national-media"))
        command("migrate", interactive=False, verbosity=0)
        started = time.perf_counter()
        print(f"national: hatnhan synth --members {args.members} …", flush=True)
        result["synth"] = json.loads(command("synth", members=args.members, json=True))
        result["synth_wall_seconds"] = round(time.perf_counter() - started, 1)
        from django.db import connections

        connections.close_all()
        clusters.sql("primary", "VACUUM ANALYZE")
        result["database_bytes"] = int(
            clusters.sql("primary", "SELECT pg_database_size('hatnhan')")
        )
        pages_result = pages.main(
            [
                "--database-url", clusters.url("primary"), "--label", "national",
                "--seconds", str(args.seconds), "--connections", str(args.connections),
            ]
        )  # fmt: skip
        result["pages"] = {
            "file": "bench/out/pages-national.json",
            "rows": len(pages_result["rows"]),
        }
        print("national: EXPLAIN of every page's queries …", flush=True)
        explain_status = explain.main(["--database-url", clusters.url("primary")])
        explained = json.loads((OUT / "explain-national.json").read_text())
        result["explain"] = {
            "file": "bench/out/explain-national.json",
            "failures": len(explained["failures"]),
            "tables": explained["tables"],
        }
        connections.close_all()
    finally:
        clusters.down()
    if not args.skip_replica:
        replica_members = args.replica_members or args.members
        # A process of its own: this one's Django is set up on the cluster just removed.
        subprocess.run(
            [sys.executable, str(HERE / "replica.py"), "--members", str(replica_members),
             "--seconds", str(args.seconds), "--connections", str(args.connections)],
            check=True,
        )  # fmt: skip
        result["replica"] = {"file": "bench/out/replica.json", "members": replica_members}
    (OUT / "national.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    if explain_status:
        print(f"national: EXPLAIN check failed ({result['explain']['failures']} scans)")
    return result


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1:]).get("explain", {}).get("failures") else 0)
