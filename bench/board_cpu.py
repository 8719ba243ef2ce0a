"""The task board's cost per request in one process (issue 13), at bloc scale on SQLite: CPU
ms (median of `process_time` over --runs requests after two warm-ups), cProfile's function
calls of a request (median of three), its queries and its size, for the four accounts of
bench/pages.py and the pages the board's goal row names (board, new task, organization page).

    .venv/bin/python bench/board_cpu.py [--runs 7] [--pages board,task_create,organization]
    .venv/bin/python bench/board_cpu.py --root /path/to/other/checkout   # another tree's code
    .venv/bin/python bench/board_cpu.py --dump DIR   # each page's HTML, nonce/CSRF blanked

Reads a copy of bench/pages.py's database (bench/out/pages-1.sqlite3, built by
`bench/pages.py --setup-only`), migrated, so that nothing here changes the one the load runs
use. `--root` imports `hatnhan` from another checkout (the same database and settings): run
it and this tree alternately for a before/after on the same minute's machine. `--dump` writes
the pages for a byte-for-byte comparison between two trees. Writes
bench/out/board-cpu-<label>.json. The load itself (wrk, gunicorn) is bench/pages.py's.
"""

import argparse
import cProfile
import itertools
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from pages import PAGES, ROLES  # noqa: E402
from soak import server_env  # noqa: E402

DEFAULT_PAGES = ("board", "task_create", "organization")
# The board's other shapes, for --dump's comparison: grouped, sorted, narrowed to the account's
# organization (which shows bulk reassignment), a page past the first.
PAGES = PAGES | {
    "board_owner": "/tasks/board/?status=&group=owner&ordering=priority",
    "board_focus": "/tasks/board/?group=focus_issue&status=open",
    "board_status": "/tasks/board/?status=&group=status&ordering=-percent&page=2",
    "board_org": "/tasks/board/?organization={org}&overdue=on",
    "board_search": "/tasks/board/?organization={org}&q=ke",
}
# What differs between two renders of the same page: blanked before comparing two trees.
VOLATILE = [
    (re.compile(rb'nonce="[^"]*"'), b'nonce=""'),
    (re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"'), b'name="csrfmiddlewaretoken"'),
    (re.compile(rb'"csrfToken": ?"[^"]*"'), b'"csrfToken": ""'),
    (re.compile(rb'<meta name="csrf-token" content="[^"]*"'), b'<meta name="csrf-token"'),
    (re.compile(rb'"X-CSRFToken": ?"[^"]*"'), b'"X-CSRFToken": ""'),
]


def stable(html: bytes) -> bytes:
    for pattern, blank in VOLATILE:
        html = pattern.sub(blank, html)
    return html


def main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--root", default=str(HERE.parent), help="the checkout whose code runs")
    parser.add_argument("--label", default="", help="bench/out/board-cpu-<label>.json")
    parser.add_argument("--dump", default="", help="write each page's HTML to this folder")
    parser.add_argument(
        "--profile", default="", help="profile ROLE:PAGE (its .prof kept in bench/out)"
    )
    parser.add_argument(
        "--profile-clock",
        choices=["events", "cpu"],
        default="events",
        help="time --profile by profiler events (the same under load) or by CPU time (which "
        "also sees the time spent in C: SQLite's own work, encoders)",
    )
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    sys.path.insert(0, str(root))
    os.chdir(root)
    source = OUT / "pages-1.sqlite3"
    if not source.exists():
        raise SystemExit("bench/out/pages-1.sqlite3 is missing: run bench/pages.py --setup-only")
    label = args.label or ("this" if root == HERE.parent else root.name)
    db = OUT / f"board-cpu-{label}.sqlite3"
    shutil.copyfile(source, db)
    os.environ.update(server_env(f"sqlite:///{db}", OUT / "pages-media"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "hatnhan.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    import hatnhan
    from hatnhan.accounts.models import User
    from hatnhan.core.testing import install_verified_force_login

    assert Path(hatnhan.__file__).resolve().is_relative_to(root), hatnhan.__file__
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    install_verified_force_login()
    pages = [p for p in args.pages.split(",") if p]
    roles = [r for r in args.roles.split(",") if r]

    def own_organization(user: Any) -> int:
        role = user.roles.order_by("pk").first()
        return role.organization_id if role else user.member.organization_id

    def get(client: Client, url: str) -> Any:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        return response

    def count_queries(client: Client, url: str) -> int:
        # By hand: the log is cleared when a request starts, and CaptureQueriesContext's
        # disconnection of that does not hold here (it counted 0).
        connection.ensure_connection()
        connection.force_debug_cursor = True
        try:
            get(client, url)
            return len(connection.queries_log)
        finally:
            connection.force_debug_cursor = False

    targets = []
    for role in roles:
        user = User.objects.get(username=ROLES[role])
        client = Client()
        client.force_login(user)
        for page in pages:
            url = PAGES[page].format(org=own_organization(user))
            if get(client, url).status_code in (403, 404):
                continue  # not this account's page (a plain member has no organization page)
            get(client, url)
            targets.append((role, page, client, url))
    started = os.getloadavg()
    cpu: dict[tuple[str, str], list[float]] = {(r, p): [] for r, p, _c, _u in targets}
    for _ in range(args.runs):  # interleaved: the machine's load falls on every row alike
        for role, page, client, url in targets:
            began = time.process_time()
            get(client, url)
            cpu[role, page].append((time.process_time() - began) * 1000)
    rows = []
    for role, page, client, url in targets:
        queries = count_queries(client, url)
        response = get(client, url)
        # The median of three: once a minute a request also writes the session's last-seen
        # time (core.middleware.SessionLifetimeMiddleware), ~3,000 calls more.
        calls = []
        for _ in range(3):
            profile = cProfile.Profile()
            profile.enable()
            get(client, url)
            profile.disable()
            calls.append(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]
        if args.profile == f"{role}:{page}":
            # Timed by a counter of profiler events, not a clock: "cumtime" is then the calls
            # and returns under a function, the same on a loaded machine as on a quiet one.
            events = (
                cProfile.Profile(itertools.count().__next__, 1e-3)
                if args.profile_clock == "events"
                else cProfile.Profile(time.process_time)
            )
            events.enable()
            get(client, url)
            events.disable()
            events.dump_stats(OUT / f"board-cpu-{role}-{page}.prof")
            pstats.Stats(events).sort_stats("cumulative").print_stats(60)
        if args.dump:
            folder = Path(args.dump)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{role}-{page}.html").write_bytes(stable(response.content))
        rows.append(
            {
                "role": role,
                "page": page,
                "url": url,
                "cpu_ms": round(statistics.median(cpu[role, page]), 2),
                "calls": int(statistics.median(calls)),
                "queries": queries,
                "kb": round(len(response.content) / 1024, 1),
            }
        )
    result = {
        "root": str(root),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average": [started[0], os.getloadavg()[0]],
        "runs": args.runs,
        "rows": rows,
    }
    print(f"{root}: load average {started[0]:.2f} → {os.getloadavg()[0]:.2f}; {args.runs} runs")
    print(f"{'role':22} {'page':13} {'cpu ms':>8} {'calls':>8} {'queries':>7} {'KB':>6}")
    for r in rows:
        print(f"{r['role']:22} {r['page']:13} {r['cpu_ms']:8.1f} {r['calls']:8d}"
              f" {r['queries']:7d} {r['kb']:6.1f}")  # fmt: skip
    (OUT / f"board-cpu-{label}.json").write_text(json.dumps(result, indent=1))
    db.unlink(missing_ok=True)
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
