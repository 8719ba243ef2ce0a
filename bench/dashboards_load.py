"""The bloc dashboard under load with and without its fragment cache, in the same run: two
gunicorn servers (2 sync workers each, DEBUG off) on the same SQLite copy of the bloc-scale
demo, one with the cache as configured, one with Django's dummy cache (every request a miss:
the page as it was before the cache), measured alternately in rounds with the bare /healthz/
view, so that the shared machine's load falls on all of them alike.

    .venv/bin/python bench/dashboards_load.py [--rounds 4] [--seconds 5] [--connections 8]

Accounts: bloc staff (`tung`) and a grassroots secretary (`stc.bithu`), as in bench/pages.py
(whose database, bench/out/pages-1.sqlite3, this reads; `bench/pages.py --setup-only` builds
it). Each row's figures are the medians over the rounds; "× bare" is the page's rps over the
bare view's in the same round. Writes bench/out/dashboards-load.json.

Goal (issue 14): the bloc dashboard p99 ≤ 100 ms at bloc scale on SQLite under this load.
"""

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import BARE, OUT, PY, ROLES, check, setup, sign_in, with_wrk  # noqa: E402
from soak import ROOT, free_port, server_env, setup_django  # noqa: E402

ACCOUNTS = ["staff", "grassroots_secretary"]
PAGE = "/dashboards/?year=2026"
# A signed-in page with the same layout and little else (a form of two fields): what any page
# costs under this load, the floor under the dashboard's figures.
REFERENCE = "/accounts/password/"
GOAL_P99_MS = 100.0
DUMMY = "django.core.cache.backends.dummy.DummyCache"


def start(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "hatnhan.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(base + BARE, timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    return server, base


def main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    db = OUT / "pages-1.sqlite3"
    if not db.exists():
        raise SystemExit("bench/out/pages-1.sqlite3 is missing: run bench/pages.py --setup-only")
    env = server_env(f"sqlite:///{db}", OUT / "pages-media")
    setup_django(env)
    setup(1.0)  # migrates (the cache's generation counter) and adds nothing new
    from django.db import connections

    connections.close_all()
    variants = {"cached": env, "uncached": {**env, "DASHBOARDS_CACHE_BACKEND": DUMMY}}
    servers = {name: start(e, args.workers) for name, e in variants.items()}
    samples: dict[tuple[str, str], list[dict[str, Any]]] = {}
    bare: list[float] = []
    loads = [os.getloadavg()[0]]
    try:
        # One sign-in serves both servers: the sessions are in the shared database and both
        # have the same SECRET_KEY.
        cookies = {r: sign_in(servers["cached"][1], ROLES[r]) for r in ACCOUNTS}
        for name, (_server, base) in servers.items():
            for role in ACCOUNTS:
                status = check(base + PAGE, {"Cookie": cookies[role]})
                assert status == 200, f"{name} {role}: {status}"
        for n in range(args.rounds):
            round_bare = with_wrk(servers["cached"][1] + BARE, {}, args.seconds, args.connections)
            bare.append(round_bare["rps"])
            for role in ACCOUNTS:
                for name, (_server, base) in servers.items():
                    headers = {"Cookie": cookies[role]}
                    result = with_wrk(base + PAGE, headers, args.seconds, args.connections)
                    result["ratio"] = result["rps"] / round_bare["rps"]
                    samples.setdefault((role, name), []).append(result)
                    print(f"  round {n + 1} {role:22} {name:9} {result['rps']:7.1f} rps"
                          f"  p50 {result['p50_ms']:6.1f}  p99 {result['p99_ms']:6.1f} ms"
                          f"  (bare {round_bare['rps']:.0f} rps)", flush=True)  # fmt: skip
            headers = {"Cookie": cookies["staff"]}
            result = with_wrk(servers["cached"][1] + REFERENCE, headers, args.seconds,
                              args.connections)  # fmt: skip
            result["ratio"] = result["rps"] / round_bare["rps"]
            samples.setdefault(("staff", "reference"), []).append(result)
            print(f"  round {n + 1} {'staff':22} reference {result['rps']:7.1f} rps"
                  f"  p50 {result['p50_ms']:6.1f}  p99 {result['p99_ms']:6.1f} ms",
                  flush=True)  # fmt: skip
            loads.append(os.getloadavg()[0])
    finally:
        for server, _base in servers.values():
            server.send_signal(signal.SIGTERM)
        for server, _base in servers.values():
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    rows = []
    for (role, name), found in samples.items():
        row = {
            "role": role,
            "variant": name,
            "rps": round(statistics.median(r["rps"] for r in found), 1),
            "p50_ms": round(statistics.median(r["p50_ms"] for r in found), 1),
            "p99_ms": round(statistics.median(r["p99_ms"] for r in found), 1),
            "p99_ms_worst": max(r["p99_ms"] for r in found),
            "ratio": round(statistics.median(r["ratio"] for r in found), 4),
            "non_2xx": sum(r["non_2xx"] for r in found),
        }
        row["meets_goal"] = row["p99_ms"] <= GOAL_P99_MS if name != "reference" else None
        rows.append(row)
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average_1min": loads,
        "rounds": args.rounds,
        "seconds": args.seconds,
        "connections": args.connections,
        "gunicorn_workers": args.workers,
        "bare_rps": bare,
        "rows": rows,
    }
    print(f"\nbare {BARE} rps by round: {', '.join(f'{b:.0f}' for b in bare)}; load average "
          f"{', '.join(f'{x:.1f}' for x in loads)}")  # fmt: skip
    print(f"{'role':22} {'variant':9} {'rps':>7} {'p50 ms':>7} {'p99 ms':>7} {'worst':>7} "
          f"{'× bare':>7}  goal")  # fmt: skip
    for r in rows:
        print(f"{r['role']:22} {r['variant']:9} {r['rps']:7.1f} {r['p50_ms']:7.1f} "
              f"{r['p99_ms']:7.1f} {r['p99_ms_worst']:7.1f} {r['ratio']:7.4f}  "
              f"{ {True: 'yes', False: 'no', None: ''}[r['meets_goal']]}")  # fmt: skip
    (OUT / "dashboards-load.json").write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
