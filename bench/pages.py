"""Pages and API lists near the bare server: throughput and latency of the busiest reads,
each against the bare /healthz/ view measured by the same server in the same run.

    .venv/bin/python bench/run.py pages [--scale 1] [--seconds 5] [--connections 8]
    .venv/bin/python bench/pages.py --pages board,api_tasks --roles staff --fresh

gunicorn (2 sync workers, DEBUG off) serves a SQLite copy of the bloc-scale demo
(`hatnhan demo --scale`, kept as bench/out/pages-<scale>.sqlite3 so that a second run skips
the load; --fresh rebuilds it). For each account — a plain member, a cell secretary (made
here: the demo has none), a grassroots secretary and bloc staff — and each page, `wrk` (one
thread per core, 8 connections; a small Python load generator with as many threads when wrk
is not installed) runs for the given seconds; the table shows requests per second, p50, p99,
and rps as a share of the bare view's (measured at the start and at the end; the mean of
both). Loopback only, bounded in time. Writes bench/out/pages-sqlite.json (--label names another).

Goal (issue 13): every row p99 ≤ 100 ms and ≥ 0.05× bare.
"""

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from soak import ROOT, Client, NoRedirect, command, free_port, server_env, setup_django  # noqa: E402

PY = sys.executable
OUT = HERE / "out"
GOAL_P99_MS = 100.0
GOAL_RATIO = 0.05

# Who: the demo's accounts, and one cell secretary that setup() adds.
ROLES = {
    "member": "stc.dangvien",
    "cell_secretary": "bench.chibo",
    "grassroots_secretary": "stc.bithu",
    "staff": "tung",
}
# What: path templates; {org} is the account's own organization.
PAGES = {
    "board": "/tasks/board/",
    "task_create": "/tasks/new/?organization={org}",
    "api_tasks": "/api/v1/tasks/",
    "calendar": "/tasks/calendar/",
    "organization": "/organizations/{org}/",
    "tree": "/organizations/",
    "members": "/members/",
}
BARE = "/healthz/"


def setup(scale: float) -> None:
    """Migrate, load the demo at `scale` when the database is new, add the cell secretary."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hatnhan.accounts import mfa
    from hatnhan.accounts.models import RoleName, User
    from hatnhan.accounts.services import create_user
    from hatnhan.members.models import CommitteeSeat
    from hatnhan.organizations.models import Organization

    command("migrate", interactive=False, verbosity=0)
    command("demo", if_empty=True, scale=scale)
    if User.objects.filter(username=ROLES["cell_secretary"]).exists():
        return
    stc = Organization.objects.get(code="STC")
    # A cell of the grassroots secretary's organization, its sitting secretary if it has one.
    cell = (
        Organization.objects.filter(parent=stc, kind="cell").order_by("path").first()
        or Organization.objects.filter(path__startswith=stc.path).exclude(pk=stc.pk).first()
    )
    seat = (
        CommitteeSeat.objects.filter(organization=cell, role="secretary", end_date__isnull=True)
        .select_related("member")
        .first()
    )
    member = seat.member if seat else cell.members.order_by("pk").first()
    if member is not None and User.objects.filter(member=member).exists():
        member = None
    user = create_user(
        actor=None,
        username=ROLES["cell_secretary"],
        role=RoleName.SECRETARY,
        organization=cell,
        member=member,
        password="demo",
        check_password=False,
    )
    # The demo's authenticator, as its secretaries have (the bench answers the code itself).
    TOTPDevice.objects.create(user=user, name=mfa.DEVICE_NAME, key=mfa.DEMO_KEY_HEX, confirmed=True)


def synth_accounts() -> None:
    """The same four accounts on a `hatnhan synth` dataset (it has none): bloc staff in the
    first upper committee (~4,000 members, a bloc's size), the secretary of its first
    grassroots organization and of that one's first cell, a member of that cell. Password
    "demo" and the demo's authenticator, as setup() gives the cell secretary."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hatnhan.accounts import mfa
    from hatnhan.accounts.models import RoleName, User
    from hatnhan.accounts.services import create_user
    from hatnhan.organizations.models import Organization, OrganizationKind

    if User.objects.filter(username=ROLES["staff"]).exists():
        return
    root = Organization.objects.get(parent=None, kind=OrganizationKind.BLOC_COMMITTEE)
    bloc = Organization.objects.filter(parent=root).order_by("path").first() or root
    grassroots = Organization.objects.filter(
        path__startswith=bloc.path, kind=OrganizationKind.GRASSROOTS_COMMITTEE
    ).order_by("path")[0]
    cell = Organization.objects.filter(parent=grassroots).order_by("path")[0]
    people = iter(cell.members.order_by("pk")[:3])
    for role, username, organization, member in [
        ("staff", ROLES["staff"], bloc, None),
        ("grassroots_secretary", ROLES["grassroots_secretary"], grassroots, next(people)),
        ("cell_secretary", ROLES["cell_secretary"], cell, next(people)),
        ("member", ROLES["member"], cell, next(people)),
    ]:
        user = create_user(
            actor=None,
            username=username,
            role={"staff": RoleName.STAFF, "member": RoleName.MEMBER}.get(role, RoleName.SECRETARY),
            organization=organization,
            member=member,
            password="demo",
            check_password=False,
        )
        TOTPDevice.objects.create(
            user=user, name=mfa.DEVICE_NAME, key=mfa.DEMO_KEY_HEX, confirmed=True
        )


def own_organization(username: str) -> int:
    from hatnhan.accounts.models import User

    user = User.objects.get(username=username)
    role = user.roles.order_by("pk").first()
    return role.organization_id if role else user.member.organization_id


def sign_in(base: str, username: str) -> str:
    """A browser's session cookie for the account (two-factor step included)."""
    client = Client(base, username, token="")
    client.login()
    return "; ".join(f"{c.name}={c.value}" for c in client.jar)


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def with_wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> dict:
    threads = min(connections, os.cpu_count() or 1)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    args += ["--timeout", "10s"]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.M))
    if "99" not in latency:
        raise RuntimeError(f"wrk said:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: .*", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": round(_ms(latency["50"]), 1),
        "p99_ms": round(_ms(latency["99"]), 1),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def with_python(url: str, headers: dict[str, str], seconds: int, connections: int) -> dict:
    """wrk's measurement with threads: each a connection at a time, for `seconds`."""
    parsed = urllib.parse.urlsplit(url)
    times: list[float] = []
    bad = [0]
    lock = threading.Lock()
    until = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < until:
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
            start = time.perf_counter()
            conn.request("GET", parsed.path + (f"?{parsed.query}" if parsed.query else ""),
                         headers=headers)  # fmt: skip
            resp = conn.getresponse()
            resp.read()
            elapsed = time.perf_counter() - start
            conn.close()
            with lock:
                times.append(elapsed)
                bad[0] += resp.status >= 400

    began = time.monotonic()
    workers = [threading.Thread(target=loop) for _ in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.monotonic() - began
    times.sort()
    return {
        "rps": round(len(times) / wall, 2),
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000, 1),
        "requests": len(times),
        "non_2xx": bad[0],
        "socket_errors": "",
    }


def check(url: str, headers: dict[str, str]) -> int:
    """One request first: a page that answers an error would be measured as fast."""
    req = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(NoRedirect())  # a redirect to sign-in is no page
    try:
        with opener.open(req, timeout=60) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--fresh", action="store_true", help="rebuild the demo database")
    parser.add_argument("--python-load", action="store_true", help="do not use wrk")
    parser.add_argument("--label", default="sqlite", help="bench/out/pages-<label>.json")
    parser.add_argument("--setup-only", action="store_true", help="only build the database")
    parser.add_argument(
        "--database-url",
        default="",
        help="an existing `hatnhan synth` database (PostgreSQL) instead of the SQLite demo",
    )
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    roles = [r for r in args.roles.split(",") if r]
    measure = with_python if args.python_load or not shutil.which("wrk") else with_wrk
    OUT.mkdir(parents=True, exist_ok=True)
    if args.database_url:
        env = server_env(args.database_url, OUT / "pages-media")
        print(f"pages: the synthetic dataset in {args.database_url} …", flush=True)
        setup_django(env)
        synth_accounts()
    else:
        db = OUT / f"pages-{args.scale:g}.sqlite3"
        if args.fresh:
            db.unlink(missing_ok=True)
        env = server_env(f"sqlite:///{db}", OUT / "pages-media")
        print(f"pages: demo at scale {args.scale:g} in {db.name} …", flush=True)
        setup_django(env)
        setup(args.scale)
    if args.setup_only:
        return {}
    from django.db import connections

    from hatnhan.members.models import Member
    from hatnhan.tasks.models import Task

    dataset = {"members": Member.objects.count(), "tasks": Task.objects.count()}
    orgs = {role: own_organization(ROLES[role]) for role in roles}
    tokens = {role: command("token", ROLES[role]).strip() for role in roles}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    connections.close_all()
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "hatnhan.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    rows: list[dict[str, Any]] = []
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + BARE, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        cookies = {role: sign_in(base, ROLES[role]) for role in roles}
        connections.close_all()
        bare_before = measure(base + BARE, {}, args.seconds, args.connections)
        for role in roles:
            for page in pages:
                url = base + PAGES[page].format(org=orgs[role])
                if page.startswith("api_"):
                    headers = {
                        "Authorization": f"Token {tokens[role]}",
                        "Accept": "application/json",
                    }
                else:
                    headers = {"Cookie": cookies[role]}
                status = check(url, headers)
                if status in (403, 404):
                    # Not this account's page (a plain member sees no organization page).
                    print(f"  {role:22} {page:13} {status}: not visible, skipped", flush=True)
                    continue
                assert status == 200, f"{url} as {role}: {status}"
                result = measure(url, headers, args.seconds, args.connections)
                rows.append({"role": role, "page": page, **result})
                print(f"  {role:22} {page:13} {result['rps']:8.1f} rps  p50 {result['p50_ms']:7.1f}"
                      f"  p99 {result['p99_ms']:7.1f} ms", flush=True)  # fmt: skip
        bare_after = measure(base + BARE, {}, args.seconds, args.connections)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    bare_rps = (bare_before["rps"] + bare_after["rps"]) / 2
    for r in rows:
        r["ratio"] = round(r["rps"] / bare_rps, 4)
        r["meets_goal"] = r["p99_ms"] <= GOAL_P99_MS and r["ratio"] >= GOAL_RATIO
    result = {
        "engine": connections["default"].vendor,
        "scale": args.scale,
        "dataset": dataset,
        "load": measure.__name__.removeprefix("with_"),
        "seconds": args.seconds,
        "connections": args.connections,
        "gunicorn_workers": args.workers,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "bare": {"before": bare_before, "after": bare_after, "rps": round(bare_rps, 1)},
        "rows": rows,
    }
    print(
        f"\nbare {BARE}: {bare_before['rps']:.0f} rps before, {bare_after['rps']:.0f} after "
        f"(p99 {bare_before['p99_ms']} / {bare_after['p99_ms']} ms); {dataset['members']} "
        f"members, {dataset['tasks']} tasks; load by {result['load']}"
    )
    print(f"{'role':22} {'page':13} {'rps':>8} {'p50 ms':>8} {'p99 ms':>8} {'× bare':>8}  goal")
    for r in rows:
        print(
            f"{r['role']:22} {r['page']:13} {r['rps']:8.1f} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f}"
            f" {r['ratio']:8.4f}  {'yes' if r['meets_goal'] else 'no'}"
            + (f"  ({r['non_2xx']} non-2xx)" if r["non_2xx"] else "")
        )
    (OUT / f"pages-{args.label}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
