"""Reads on a PostgreSQL streaming replica: list pages and the API with and without it.

    .venv/bin/python bench/replica.py [--members 20000] [--seconds 5] [--connections 8]
    .venv/bin/python bench/run.py replica --members 20000

Starts two PostgreSQL 15 clusters of its own in a temporary directory, on free ports (never
the machine's shared server): a primary (`initdb`, `wal_level = replica`) and a streaming
replica of it (`pg_basebackup -R`: the standby's connection settings are written by
PostgreSQL's own tool). Migrates the primary, loads `hatnhan synth --members N` and the
pages bench's four accounts (bench/pages.py), then serves the same gunicorn (2 sync workers,
DEBUG off) twice in one run:
  (a) primary only — DATABASE_URL alone, as today;
  (b) primary + replica — DATABASE_REPLICA_URL too: hatnhan.core.routers sends the reads of
      GET requests to the replica.
For each account and list page (and /api/v1/tasks/) the load generator of bench/pages.py
runs for the given seconds: requests per second, p50, p99 in both, and (b) ÷ (a). Also: the
replica's lag (sampled during the load, and a row written on the primary timed until the
replica shows it), the share of rows the replica returned in (b) (pg_stat_database), and a
read-your-writes check through the app: an organization renamed by a POST, read back at
once by the same browser (sticky: from the primary) and by another account.
Both clusters are stopped and removed at the end, whatever happens. Writes
bench/out/replica.json.

The two clusters and gunicorn share this machine's cores: (b) measures that routing works
and what it costs, not the capacity a second machine would add (docs/production.md).
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import (  # noqa: E402
    BARE,
    PAGES,
    ROLES,
    check,
    own_organization,
    sign_in,
    synth_accounts,
    with_python,
    with_wrk,
)
from soak import ROOT, Client, command, free_port, server_env, setup_django  # noqa: E402

PY = sys.executable
OUT = HERE / "out"
PG_BIN = Path(os.getenv("PG_BIN", "/usr/lib/postgresql/15/bin"))
LIST_PAGES = ["tree", "members", "board", "api_tasks"]
DEFAULT_ROLES = ["grassroots_secretary", "staff"]
STICKY_COOKIE = "hatnhan_primary"


def port_near(preferred: int) -> int:
    """`preferred` when nothing listens there (55432, 55433), else any free port."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            return free_port()


class Clusters:
    """A primary and its streaming replica in a temporary directory, run as `postgres`
    (PostgreSQL refuses to run as root)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="hatnhan-replica-"))
        self.primary_port = port_near(55432)
        self.replica_port = port_near(55433 if self.primary_port != 55433 else 55434)
        self.started: list[Path] = []
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres", "postgres")

    def run(self, *args: str) -> str:
        out = subprocess.run([*self.as_user, *args], capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError(f"{' '.join(args)}:\n{out.stdout}\n{out.stderr}")
        return out.stdout

    def _conf(self, data: Path, port: int) -> None:
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\n"
                "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
                "shared_buffers = 128MB\nmax_connections = 60\n"
                # A scratch bench: durability is not what is measured (both runs alike).
                "fsync = off\nfull_page_writes = off\n"
            )

    def start(self, data: Path) -> None:
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(data) + ".log", "-w", "start")
        self.started.append(data)

    def up(self, *, replica: bool = True) -> None:
        primary, standby = self.dir / "primary", self.dir / "replica"
        self.run(
            str(PG_BIN / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        self._conf(primary, self.primary_port)
        self.start(primary)
        if not replica:
            return
        # PostgreSQL's own tool: copies the primary and writes standby.signal and the
        # primary_conninfo the standby streams from (-R).
        self.run(
            str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary_port),
            "-U", "postgres", "-D", str(standby), "-R", "-X", "stream",
        )  # fmt: skip
        with (standby / "postgresql.conf").open("a") as conf:
            conf.write(f"\nport = {self.replica_port}\n")
        self.start(standby)

    def url(self, which: str) -> str:
        port = self.primary_port if which == "primary" else self.replica_port
        return f"postgres://postgres@127.0.0.1:{port}/hatnhan"

    def sql(self, which: str, query: str, db: str = "hatnhan") -> str:
        port = self.primary_port if which == "primary" else self.replica_port
        return self.run(
            "psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", db,
            "-At", "-c", query,
        ).strip()  # fmt: skip

    def down(self) -> None:
        for data in reversed(self.started):
            try:
                self.run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
            except RuntimeError as exc:
                print(f"  could not stop {data}: {exc}", flush=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def replica_rows(clusters: Clusters) -> int:
    return int(
        clusters.sql(
            "replica",
            "SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = 'hatnhan'",
        )
    )


def lag_probe(clusters: Clusters, times: int = 50) -> dict[str, Any]:
    """A row committed on the primary, timed until the replica shows it (two open psycopg
    connections, the replica polled every 0.2 ms)."""
    import psycopg

    with (
        psycopg.connect(clusters.url("primary"), autocommit=True) as primary,
        psycopg.connect(clusters.url("replica"), autocommit=True) as replica,
    ):
        primary.execute("CREATE TABLE IF NOT EXISTS bench_lag (n int PRIMARY KEY)")
        first = primary.execute("SELECT coalesce(max(n), 0) + 1 FROM bench_lag").fetchone()[0]
        seen: list[float] = []
        for n in range(first, first + times):
            primary.execute("INSERT INTO bench_lag VALUES (%s)", [n])
            start = time.perf_counter()
            while not replica.execute("SELECT 1 FROM bench_lag WHERE n = %s", [n]).fetchone():
                time.sleep(0.0002)
            seen.append((time.perf_counter() - start) * 1000)
    seen.sort()
    return {
        "probes": times,
        "visible_after_ms_median": round(statistics.median(seen), 2),
        "visible_after_ms_p99": round(seen[min(len(seen) - 1, int(len(seen) * 0.99))], 2),
        "visible_after_ms_max": round(seen[-1], 2),
    }


class LagSampler(threading.Thread):
    """The replica's reported lag (replica_lag_seconds' query) twice a second while the load
    runs, and the primary's own view of it (pg_stat_replication.replay_lag)."""

    QUERY = (
        "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
        " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
    )

    def __init__(self, clusters: Clusters) -> None:
        super().__init__(daemon=True)
        self.clusters = clusters
        self.samples: list[float] = []
        self.replay_lag: list[float] = []
        self.done = threading.Event()

    def run(self) -> None:
        import psycopg

        with (
            psycopg.connect(self.clusters.url("replica"), autocommit=True) as replica,
            psycopg.connect(self.clusters.url("primary"), autocommit=True) as primary,
        ):
            while not self.done.wait(0.5):
                self.samples.append(float(replica.execute(self.QUERY).fetchone()[0] or 0))
                row = primary.execute(
                    "SELECT EXTRACT(EPOCH FROM replay_lag) FROM pg_stat_replication"
                ).fetchone()
                self.replay_lag.append(float(row[0] or 0) if row else 0.0)

    def stop(self) -> dict[str, Any]:
        self.done.set()
        self.join(timeout=10)
        ms = sorted(x * 1000 for x in self.samples) or [0.0]
        replay = sorted(x * 1000 for x in self.replay_lag) or [0.0]
        return {
            "samples": len(self.samples),
            "replica_reported_ms_median": round(statistics.median(ms), 2),
            "replica_reported_ms_max": round(ms[-1], 2),
            "primary_replay_lag_ms_median": round(statistics.median(replay), 2),
            "primary_replay_lag_ms_max": round(replay[-1], 2),
        }


def reported_lag(clusters: Clusters) -> float:
    return float(
        clusters.sql(
            "replica",
            "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
            " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END",
        )
    )


def serve(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "hatnhan.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + BARE, timeout=2)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def browser_cookie(base: str, username: str) -> str:
    """The session cookie only: signing in is a POST, whose sticky cookie would keep the
    measured reads on the primary for the first seconds."""
    cookie = sign_in(base, username)
    return "; ".join(c for c in cookie.split("; ") if not c.startswith(STICKY_COOKIE + "="))


def measure_all(
    base: str, roles: list[str], pages: list[str], args: Any, measure: Any, clusters: Clusters
) -> dict[str, Any]:
    from django.db import connections

    cookies = {role: browser_cookie(base, ROLES[role]) for role in roles}
    tokens = {role: command("token", ROLES[role]).strip() for role in roles}
    orgs = {role: own_organization(ROLES[role]) for role in roles}
    connections.close_all()
    time.sleep(1.5)  # a backend's counters reach pg_stat_database at most once a second
    before_rows = replica_rows(clusters)
    sampler = LagSampler(clusters)
    sampler.start()
    bare = measure(base + BARE, {}, args.seconds, args.connections)
    rows, lags = [], []
    for role in roles:
        for page in pages:
            url = base + PAGES[page].format(org=orgs[role])
            if page.startswith("api_"):
                headers = {"Authorization": f"Token {tokens[role]}", "Accept": "application/json"}
            else:
                headers = {"Cookie": cookies[role]}
            status = check(url, headers)
            if status in (403, 404):
                continue
            assert status == 200, f"{url} as {role}: {status}"
            result = measure(url, headers, args.seconds, args.connections)
            lags.append(reported_lag(clusters))  # just after the load, before it drains
            rows.append({"role": role, "page": page, **result})
            print(f"  {role:22} {page:10} {result['rps']:7.1f} rps  p50 {result['p50_ms']:7.1f}"
                  f"  p99 {result['p99_ms']:7.1f} ms", flush=True)  # fmt: skip
    lag_under_load = sampler.stop()
    time.sleep(1.5)
    return {
        "bare": bare,
        "rows": rows,
        "lag_under_load": lag_under_load,
        "replica_rows_read": replica_rows(clusters) - before_rows,
        "lag_seconds_during_load_max": round(max(lags, default=0.0), 4),
    }


def read_your_writes(base: str, clusters: Clusters) -> dict[str, Any]:
    """Rename the grassroots secretary's organization through the page, read it back."""
    import re

    from hatnhan.organizations.models import Organization

    writer = Client(base, ROLES["grassroots_secretary"], token="")
    writer.login()
    org = Organization.objects.get(pk=own_organization(ROLES["grassroots_secretary"]))
    status, body = writer.request("GET", f"/organizations/{org.pk}/edit/")
    assert status == 200, f"edit page: {status}"
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    new_name = f"{org.name} (đổi {int(time.time())})"
    form = {
        "code": org.code, "name": new_name, "kind": org.kind, "agency_name": org.agency_name,
        "is_active": "on", "parent": org.parent_id or "", "csrfmiddlewaretoken": csrf,
    }  # fmt: skip
    status, _ = writer.request(
        "POST",
        f"/organizations/{org.pk}/edit/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": base + "/"},
    )
    assert status == 302, f"rename refused: {status}"
    sticky = any(c.name == STICKY_COOKIE for c in writer.jar)
    status, page = writer.request("GET", f"/organizations/{org.pk}/")
    writer_sees = status == 200 and new_name.encode() in page
    reader = Client(base, ROLES["staff"], token="")
    reader.login()
    for cookie in list(reader.jar):
        if cookie.name == STICKY_COOKIE:  # signing in was a write of its own
            reader.jar.clear(cookie.domain, cookie.path, cookie.name)
    status, page = reader.request("GET", f"/organizations/{org.pk}/")
    return {
        "sticky_cookie_set": sticky,
        "writer_reads_new_name_at_once": writer_sees,
        "other_account_reads_new_name": status == 200 and new_name.encode() in page,
        # The new name contains the old one: "old" means the old name and not the new.
        "other_account_reads_old_name": status == 200
        and org.name.encode() in page
        and new_name.encode() not in page,
    }


def read_your_writes_paused(base: str, clusters: Clusters) -> dict[str, Any]:
    """The same with the replica's replay paused (pg_wal_replay_pause): the replica is then
    behind for certain, so the writer seeing the new name proves the primary served it, and
    another account seeing the old one proves the replica served that."""
    clusters.sql("replica", "SELECT pg_wal_replay_pause()")
    try:
        return read_your_writes(base, clusters)
    finally:
        clusters.sql("replica", "SELECT pg_wal_replay_resume()")


def main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", default=",".join(LIST_PAGES))
    parser.add_argument("--roles", default=",".join(DEFAULT_ROLES))
    parser.add_argument("--python-load", action="store_true", help="do not use wrk")
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    roles = [r for r in args.roles.split(",") if r]
    measure = with_python if args.python_load or not shutil.which("wrk") else with_wrk
    OUT.mkdir(parents=True, exist_ok=True)
    clusters = Clusters()
    result: dict[str, Any] = {}
    try:
        print(f"replica: clusters in {clusters.dir} on ports {clusters.primary_port} "
              f"(primary) and {clusters.replica_port} (replica) …", flush=True)  # fmt: skip
        started = time.perf_counter()
        clusters.up()
        clusters.sql("primary", "CREATE DATABASE hatnhan", db="postgres")
        primary_env = server_env(clusters.url("primary"), OUT / "replica-media")
        setup_django(primary_env)
        command("migrate", interactive=False, verbosity=0)
        load_started = time.perf_counter()
        command("synth", members=args.members)
        synth_accounts()
        load_seconds = time.perf_counter() - load_started
        from django.db import connections

        from hatnhan.members.models import Member
        from hatnhan.tasks.models import Task

        dataset = {"members": Member.objects.count(), "tasks": Task.objects.count()}
        connections.close_all()
        clusters.sql("primary", "CHECKPOINT")
        database_bytes = int(clusters.sql("primary", "SELECT pg_database_size('hatnhan')"))
        lag_idle = lag_probe(clusters)
        print(f"  dataset {dataset} loaded in {load_seconds:.0f} s; the replica shows a row "
              f"{lag_idle['visible_after_ms_median']} ms after its commit", flush=True)  # fmt: skip
        runs = {}
        for label, env in [
            ("primary_only", primary_env),
            ("with_replica", {**primary_env, "DATABASE_REPLICA_URL": clusters.url("replica")}),
        ]:
            print(f"== {label}", flush=True)
            server, base = serve(env, args.workers)
            try:
                runs[label] = measure_all(base, roles, pages, args, measure, clusters)
                if label == "with_replica":
                    runs[label]["read_your_writes"] = read_your_writes(base, clusters)
                    runs[label]["read_your_writes_replay_paused"] = read_your_writes_paused(
                        base, clusters
                    )
            finally:
                stop(server)
        lag_after = lag_probe(clusters)
        result = {
            "engine": "postgresql 15 (two local clusters: primary + streaming replica)",
            "members_requested": args.members,
            "dataset": dataset,
            "load_seconds": round(load_seconds, 1),
            "database_bytes": database_bytes,
            "load": measure.__name__.removeprefix("with_"),
            "seconds": args.seconds,
            "connections": args.connections,
            "gunicorn_workers": args.workers,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}",
            "lag": {"idle": lag_idle, "after_load": lag_after},
            "runs": runs,
            "total_seconds": round(time.perf_counter() - started, 1),
        }
        a, b = runs["primary_only"], runs["with_replica"]
        result["comparison"] = [
            {
                "role": ra["role"],
                "page": ra["page"],
                "rps_primary": ra["rps"],
                "rps_replica": rb["rps"],
                "rps_ratio": round(rb["rps"] / ra["rps"], 3) if ra["rps"] else None,
                "p50_primary": ra["p50_ms"],
                "p50_replica": rb["p50_ms"],
                "p99_primary": ra["p99_ms"],
                "p99_replica": rb["p99_ms"],
            }
            for ra, rb in zip(a["rows"], b["rows"], strict=True)
        ]
        print(f"\n{'role':22} {'page':10} {'rps a':>8} {'rps b':>8} {'b÷a':>6} "
              f"{'p50 a':>7} {'p50 b':>7} {'p99 a':>7} {'p99 b':>7}")  # fmt: skip
        for r in result["comparison"]:
            print(f"{r['role']:22} {r['page']:10} {r['rps_primary']:8.1f} {r['rps_replica']:8.1f}"
                  f" {r['rps_ratio']:6.2f} {r['p50_primary']:7.1f} {r['p50_replica']:7.1f}"
                  f" {r['p99_primary']:7.1f} {r['p99_replica']:7.1f}")  # fmt: skip
        print(f"bare: {a['bare']['rps']:.0f} rps (a), {b['bare']['rps']:.0f} rps (b); rows read "
              f"on the replica: {a['replica_rows_read']} (a), {b['replica_rows_read']} (b); "
              f"read-your-writes: {b['read_your_writes']}, replay paused: "
              f"{b['read_your_writes_replay_paused']}")  # fmt: skip
        (OUT / "replica.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django may not be set up yet: the clusters go regardless
            pass
        clusters.down()
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
