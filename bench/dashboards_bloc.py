"""The bloc dashboard in one process, at bloc scale on SQLite: a cache miss (the table and the
tree map computed and rendered) against a hit (dashboards/fragments.py) and the bare /healthz/
view, interleaved in the same run, for bloc staff (`tung`) and a grassroots secretary
(`stc.bithu`). Wall and CPU medians, queries and cProfile's function calls per request.

    .venv/bin/python bench/dashboards_bloc.py [--runs 30]

Reads a copy of bench/pages.py's database (bench/out/pages-1.sqlite3: `bench/pages.py
--setup-only` builds it), migrated, so that nothing here changes the one the load runs use.
Writes bench/out/dashboards-bloc.json. The load itself (wrk, gunicorn) is bench/pages.py's:
`bench/pages.py --pages dashboard --roles staff,grassroots_secretary`.
"""

import argparse
import cProfile
import json
import os
import platform
import pstats
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from soak import BENCH_SECRET_KEY  # noqa: E402

ACCOUNTS = {"staff": "tung", "grassroots_secretary": "stc.bithu"}
URL = "/dashboards/?year=2026"
BARE = "/healthz/"


def main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    source = OUT / "pages-1.sqlite3"
    if not source.exists():
        raise SystemExit("bench/out/pages-1.sqlite3 is missing: run bench/pages.py --setup-only")
    db = OUT / "dashboards-bloc.sqlite3"
    shutil.copyfile(source, db)
    os.environ.update(
        DATABASE_URL=f"sqlite:///{db}",
        DJANGO_SETTINGS_MODULE="hatnhan.settings",
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        LOG_LEVEL="ERROR",
        SECURITY_LOG_LEVEL="ERROR",
    )
    # The key bench/pages.py builds its database with: its encrypted fields open.
    os.environ.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hatnhan.accounts.models import User
    from hatnhan.core.testing import install_verified_force_login
    from hatnhan.dashboards import fragments

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    install_verified_force_login()
    cache = caches[fragments.ALIAS]

    def once(client: Client, url: str, miss: bool) -> tuple[float, float, int]:
        if miss:
            cache.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (
            (time.perf_counter() - wall) * 1000,
            (time.process_time() - cpu) * 1000,
            len(response.content),
        )

    def calls(client: Client, url: str, miss: bool) -> int:
        if miss:
            cache.clear()
        else:
            client.get(url)
        profile = cProfile.Profile()
        profile.enable()
        client.get(url)
        profile.disable()
        return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]

    def queries(client: Client, url: str, miss: bool) -> int:
        if miss:
            cache.clear()
        else:
            client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    rows = []
    started = os.getloadavg()
    for role, username in ACCOUNTS.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        kinds = {"bare": (BARE, False), "miss": (URL, True), "hit": (URL, False)}
        for url, miss in kinds.values():  # warm up: templates, URL resolvers, connections
            once(client, url, miss)
        times: dict[str, list[tuple[float, float, int]]] = {k: [] for k in kinds}
        for _ in range(args.runs):  # interleaved, so the machine's load falls on all three
            for kind, (url, miss) in kinds.items():
                times[kind].append(once(client, url, miss))
        for kind, (url, miss) in kinds.items():
            wall = [t[0] for t in times[kind]]
            row = {
                "role": role,
                "request": kind,
                "wall_ms": round(statistics.median(wall), 2),
                "cpu_ms": round(statistics.median(t[1] for t in times[kind]), 2),
                "bytes": times[kind][-1][2],
                "queries": queries(client, url, miss),
                "calls": calls(client, url, miss),
            }
            rows.append(row)
    bare = {r["role"]: r for r in rows if r["request"] == "bare"}
    for r in rows:
        r["x_bare_cpu"] = round(r["cpu_ms"] / bare[r["role"]]["cpu_ms"], 1)
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average": [started, os.getloadavg()],
        "runs": args.runs,
        "rows": rows,
    }
    print(f"load average {started[0]:.2f} → {os.getloadavg()[0]:.2f}; {args.runs} runs each")
    print(f"{'role':22} {'request':8} {'wall ms':>8} {'cpu ms':>8} {'× bare':>7} {'queries':>8}"
          f" {'calls':>8} {'bytes':>8}")  # fmt: skip
    for r in rows:
        print(f"{r['role']:22} {r['request']:8} {r['wall_ms']:8.1f} {r['cpu_ms']:8.1f}"
              f" {r['x_bare_cpu']:7.1f} {r['queries']:8d} {r['calls']:8d}"
              f" {r['bytes']:8d}")  # fmt: skip
    (OUT / "dashboards-bloc.json").write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
