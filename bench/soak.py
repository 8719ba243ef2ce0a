"""Soak: the app under gunicorn with its worker, many clients of mixed reads and writes for a
bounded time, on loopback — then proof that nothing was lost.

    .venv/bin/python bench/soak.py [--seconds 600] [--clients 20] [--workers 2]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/hn_soak .venv/bin/python bench/soak.py

A scratch database (SQLite under a temporary folder, or BENCH_DATABASE_URL — migrated, filled
with the demo and written to) is served by gunicorn on 127.0.0.1 with DEBUG off, beside
`hatnhan worker`. Each client signs in as a demo account and loops, for the given time: pages
(home, my tasks, the board, the acceptance queue, a member list), API lists, and writes —
progress reports on the member's own tasks and new tasks from secretaries — each write tagged
with a unique marker. After the clients stop:

- every answer with a 5xx status is a failure (the run exits non-zero);
- every acknowledged write (201) must be in the database with its audit event;
- `audit verify` must pass.

Prints medians and p99 per kind of request, and each median as a multiple of the bare
baseline (/healthz/, asked for by the same clients in the same run); writes
bench/out/soak-<engine>.json. Figures are recorded in docs/benchmarks.md.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable

MEMBERS = ["stc.dangvien", "syt.dangvien", "sgtvt.dangvien"]
SECRETARIES = ["stc.bithu", "syt.bithu", "sgtvt.bithu"]
READERS = ["admin", "tung", "kiemtra", "stc.capuy", "syt.capuy", "sgtvt.capuy"]


# The bare baseline, asked for in the same run as everything else (a share of each client's
# requests): on a shared machine only ratios to it compare from one run to the next.
BASELINE = "baseline /healthz/ (bare view)"
BASELINE_SHARE = 0.05


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Not the development key (a server with DEBUG off refuses that one), not a secret either: the
# bench serves loopback only.
BENCH_SECRET_KEY = "hatnhan-bench-loopback-only-" + "0123456789abcdef" * 3


def server_env(database_url: str, media: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        DEBUG="0",
        # The demo's accounts (password "demo"); a production server never has this on.
        HATNHAN_DEMO="1",
        # One key for every run: the demo database is kept between runs (bench/out), and its
        # encrypted fields open only with the field key derived from the key that wrote them
        # (a new random key per run made every sweep fail with DecryptionError).
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", BENCH_SECRET_KEY),
        # Plain HTTP on loopback: the production HTTPS defaults would redirect every request.
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        SECURE_PROXY_SSL_HEADER="",
        CLIENT_IP_HEADER="",
        # Twenty clients from one address are this bench, not an attack.
        API_THROTTLE_USER="1000000/minute",
        API_THROTTLE_ANON="1000000/minute",
        DB_CONN_MAX_AGE="60",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
        SECURITY_LOG_LEVEL="ERROR",
    )
    return env


def setup_django(env: dict[str, str]) -> None:
    """This process reads and checks the same database the server writes."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "hatnhan.settings"
    import django

    django.setup()


def command(*args: str, **options: Any) -> str:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def plan_for(usernames: list[str]) -> dict[str, dict[str, Any]]:
    """Each account's member, organization and open tasks of its own."""
    from hatnhan.accounts.models import User
    from hatnhan.tasks.models import Task

    plan = {}
    for user in User.objects.filter(username__in=usernames).select_related("member"):
        mine = Task.objects.filter(owner=user.member, status__in=["assigned", "in_progress"])
        plan[user.username] = {
            "tasks": list(mine.values_list("pk", flat=True)[:40]),
            "member": user.member_id,
            "organization": user.roles.first().organization_id,
        }
    return plan


class Client:
    """One person at a browser (session cookie, CSRF) who also holds an API token."""

    def __init__(self, base: str, username: str, token: str) -> None:
        self.base = base
        self.username = username
        self.token = token
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(
        self, method: str, path: str, *, data: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, data=data, method=method)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def login(self) -> None:
        status, body = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert status == 200 and token, f"login page: {status}"
        form = urllib.parse.urlencode(
            {
                "username": self.username,
                "password": "demo",
                "csrfmiddlewaretoken": token.group(1).decode(),
            }
        ).encode()
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            data=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.base + "/accounts/login/",
            },
        )
        assert status == 302, f"{self.username} could not sign in: {status}"
        self.second_step()

    def second_step(self) -> None:
        """The two-factor code, computed from the account's authenticator as the person's
        phone would (the demo gives every required role one): when asked for."""
        status, body = self.request("GET", "/accounts/2fa/")
        if status != 200:
            return  # no code asked (a member without an authenticator)
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from hatnhan.accounts import mfa

        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        device = TOTPDevice.objects.get(user__username=self.username, confirmed=True)
        form = urllib.parse.urlencode(
            {"code": mfa.next_code(device), "csrfmiddlewaretoken": token.group(1).decode()}
        ).encode()
        status, _ = self.request(
            "POST",
            "/accounts/2fa/",
            data=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.base + "/accounts/2fa/",
            },
        )
        assert status == 302, f"{self.username}: two-factor code refused: {status}"

    def api(self, method: str, path: str, payload: dict | None = None) -> tuple[int, Any]:
        headers = {"Authorization": f"Token {self.token}", "Accept": "application/json"}
        data = None
        if payload is not None:
            data = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        status, body = self.request(method, path, data=data, headers=headers)
        try:
            return status, json.loads(body) if body else None
        except ValueError:
            return status, body[:200]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.errors: list[str] = []
        self.acknowledged: list[dict[str, Any]] = []

    def timed(self, kind: str, call: Any) -> tuple[int, Any]:
        start = time.perf_counter()
        try:
            status, body = call()
        except Exception as exc:  # a dropped connection is a failure too
            status, body = 599, repr(exc)
        elapsed = time.perf_counter() - start
        with self.lock:
            self.times[kind].append(elapsed)
            self.statuses[kind][status] += 1
            if status >= 500:
                self.errors.append(f"{kind}: {status} {str(body)[:300]}")
        return status, body


def run_client(
    client: Client, role: str, rec: Recorder, until: float, rng: random.Random, own_tasks: list[int]
) -> None:
    pages = ["/", "/tasks/", "/tasks/board/", "/tasks/awaiting/", "/members/"]
    percent: dict[int, int] = {}
    while time.monotonic() < until:
        roll = rng.random()
        if rng.random() < BASELINE_SHARE:
            # The same server, the same moment, doing nothing: what every figure is set against.
            rec.timed(BASELINE, lambda: client.request("GET", "/healthz/"))
        elif role == "member" and own_tasks and roll < 0.3:
            task = rng.choice(own_tasks)
            percent[task] = min(95, percent.get(task, 5) + 1)
            marker = f"soak-{uuid.uuid4().hex}"
            status, body = rec.timed(
                "write: progress (API)",
                lambda t=task, m=marker: client.api(
                    "POST", f"/api/v1/tasks/{t}/progress/", {"percent": percent[t], "note": m}
                ),
            )
            if status == 201:
                with rec.lock:
                    rec.acknowledged.append({"kind": "progress", "marker": marker})
        elif role == "secretary" and roll < 0.15:
            marker = f"soak-{uuid.uuid4().hex}"
            payload = dict(client.task_template, title=f"Nhiệm vụ kiểm thử tải {marker}")  # type: ignore[attr-defined]
            status, body = rec.timed(
                "write: new task (API)", lambda p=payload: client.api("POST", "/api/v1/tasks/", p)
            )
            if status == 201:
                with rec.lock:
                    rec.acknowledged.append({"kind": "task", "id": body["id"], "marker": marker})
        elif roll < 0.65:
            path = rng.choice(pages)
            rec.timed(f"page {path}", lambda p=path: client.request("GET", p))
        else:
            path = rng.choice(["/api/v1/tasks/", "/api/v1/members/", "/api/v1/organizations/"])
            rec.timed(f"api {path}", lambda p=path: client.api("GET", p))


def verify(acknowledged: list[dict[str, Any]]) -> list[str]:
    """Every acknowledged write in the database with its audit event; the chain intact."""
    from django.core.management import CommandError

    from hatnhan.audit.models import AuditEvent
    from hatnhan.tasks.models import ProgressUpdate, Task

    problems = []
    markers = {a["marker"] for a in acknowledged if a["kind"] == "progress"}
    found = dict(ProgressUpdate.objects.filter(note__in=markers).values_list("note", "pk"))
    for marker in markers - set(found):
        problems.append(f"acknowledged progress report {marker} is missing")
    audited = set(
        AuditEvent.objects.filter(
            object_type="tasks.progressupdate", object_id__in=[str(pk) for pk in found.values()]
        ).values_list("object_id", flat=True)
    )
    problems += [
        f"progress {pk} has no audit event" for pk in found.values() if str(pk) not in audited
    ]
    task_ids = {a["id"] for a in acknowledged if a["kind"] == "task"}
    present = set(Task.objects.filter(pk__in=task_ids).values_list("pk", flat=True))
    problems += [f"acknowledged task {pk} is missing" for pk in task_ids - present]
    audited = set(
        AuditEvent.objects.filter(
            object_type="tasks.task", object_id__in=[str(pk) for pk in task_ids]
        ).values_list("object_id", flat=True)
    )
    problems += [f"task {pk} has no audit event" for pk in task_ids if str(pk) not in audited]
    try:
        command("audit", "verify")
    except CommandError as exc:
        problems.append(f"audit verify: {exc}")
    return problems


def main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="hatnhan-soak-"))
    database_url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir / 'soak.sqlite3'}")
    engine = "postgresql" if database_url.startswith("postgres") else "sqlite"
    env = server_env(database_url, workdir / "media")
    print(f"soak on {engine}: migrate and load the demo …", flush=True)
    setup_django(env)
    if engine == "postgresql":
        command("flush", interactive=False)  # a scratch database: start from nothing
    command("migrate", interactive=False, verbosity=0)
    command("demo", if_empty=True)
    tokens = {u: command("token", u).strip() for u in MEMBERS + SECRETARIES + READERS}
    plan = plan_for(MEMBERS + SECRETARIES)
    from django.db import connections

    connections.close_all()  # nothing of this process holds the database during the run
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "hatnhan.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    worker = subprocess.Popen([PY, "manage.py", "worker"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        people = [(u, "member") for u in MEMBERS] + [(u, "secretary") for u in SECRETARIES]
        people += [(u, "reader") for u in READERS]
        clients = []
        for i in range(args.clients):
            username, role = people[i % len(people)]
            client = Client(base, username, tokens[username])
            client.login()
            if role == "secretary":
                info = plan[username]
                client.task_template = {  # type: ignore[attr-defined]
                    "organization": info["organization"],
                    "expected_result": "Kết quả kiểm thử tải",
                    "assignee": info["member"],
                    "due_date": time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400)),
                }
            # Members of one account split its tasks, so two clients never race on one percent.
            tasks = plan.get(username, {}).get("tasks", [])
            share = [
                t for j, t in enumerate(tasks) if j % args.clients == i % args.clients
            ] or tasks
            clients.append((client, role, share))
        connections.close_all()  # the two-factor codes read the devices: let go again
        rec = Recorder()
        until = time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(
                target=run_client, args=(c, role, rec, until, random.Random(args.seed + i), share)
            )
            for i, (c, role, share) in enumerate(clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    finally:
        for proc in (server, worker):
            proc.send_signal(signal.SIGTERM)
        for proc in (server, worker):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    problems = verify(rec.acknowledged)
    rows = []
    for kind in sorted(rec.times):
        times = sorted(rec.times[kind])
        rows.append(
            {
                "kind": kind,
                "requests": len(times),
                "median_ms": round(statistics.median(times) * 1000, 1),
                "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000, 1),
                "statuses": dict(rec.statuses[kind]),
            }
        )
    base = next((r for r in rows if r["kind"] == BASELINE), None)
    for r in rows:
        r["median_ratio"] = round(r["median_ms"] / base["median_ms"], 1) if base else None
    total = sum(r["requests"] for r in rows)
    result = {
        "engine": engine,
        "seconds": args.seconds,
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "requests": total,
        "rps": round(total / wall, 1),
        "server_errors": len(rec.errors),
        "acknowledged_writes": len(rec.acknowledged),
        "lost_or_unaudited": problems,
        "rows": rows,
    }
    print(f"{'kind':38} {'n':>7} {'median ms':>10} {'× bare':>7} {'p99 ms':>8}  statuses")
    for r in rows:
        figures = f"{r['requests']:>7} {r['median_ms']:>10} {r['median_ratio']:>7} {r['p99_ms']:>8}"
        print(f"{r['kind']:38} {figures}  {r['statuses']}")
    print(
        f"{total} requests in {wall:.0f} s ({result['rps']} rps), {len(rec.errors)} server errors, "
        f"{len(rec.acknowledged)} acknowledged writes, {len(problems)} lost or unaudited"
    )
    for line in rec.errors[:10] + problems[:10]:
        print("  !", line)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"soak-{engine}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    if rec.errors or problems:
        raise SystemExit(1)
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
