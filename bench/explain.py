"""EXPLAIN every query of the pages bench on a PostgreSQL `hatnhan synth` database.

    .venv/bin/python bench/explain.py --database-url postgres://…/natpages_100k
        [--pages board,api_tasks] [--roles member,staff] [--repeat 7] [--verbose]

For each account of bench/pages.py (`synth_accounts`: a plain member, a cell secretary, a
grassroots secretary, bloc staff) and each page of its PAGES, one request through Django's
test client in this process records every SQL statement the page runs (with its parameters,
through `connection.execute_wrapper`); every SELECT is then run again under
`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`. Reported: any sequential scan of the watched
tables (members, tasks and their records, audit events: `--tables`), and any other scan of
them that reads and throws away `--max-discarded` rows or more (an index walked in order
under a filter that rejects nearly every row grows with the table as a sequential scan
does) — on tables of `--min-rows` rows or more, since reading the whole of a small table
is the right plan; per page the queries' SQL and planning time; the tables' sizes. Exit
status 1 when any such scan is found (issue 13: "EXPLAIN of every page's queries shows no
sequential scan of members, tasks or audit events"). With --repeat N, each page is also
requested N more times and the median in-process time is shown (a test client, no server:
the time of the view and its queries).

Writes bench/out/explain-<label>.json. Reads only (EXPLAIN ANALYZE of a SELECT writes nothing;
the pages' own writes — session, last-seen — are not explained).
"""

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pages  # noqa: E402
from soak import server_env, setup_django  # noqa: E402

OUT = HERE / "out"
# The tables the issue names, and the task's records that grow with them.
WATCHED = (
    "members_member",
    "tasks_task",
    "tasks_taskcoworker",
    "tasks_progressupdate",
    "tasks_acceptance",
    "audit_auditevent",
)


def seq_scans(plan: dict[str, Any], max_discarded: int) -> list[dict[str, Any]]:
    """Every Seq Scan node of a plan (JSON format), and every other scan that reads and
    throws away at least `max_discarded` rows (an index walked in order under a filter that
    rejects nearly every row grows with the table just as a sequential scan does)."""
    found = []
    loops = plan.get("Actual Loops") or 0
    discarded = (
        plan.get("Rows Removed by Filter", 0) + plan.get("Rows Removed by Index Recheck", 0)
    ) * max(loops, 1)
    kind = plan.get("Node Type", "")
    if kind == "Seq Scan" or (plan.get("Relation Name") and discarded >= max_discarded):
        found.append(
            {
                "table": plan.get("Relation Name"),
                "node": kind + (f" {plan['Index Name']}" if plan.get("Index Name") else ""),
                "rows": plan.get("Actual Rows"),
                "removed": discarded,
                "loops": loops,
                "filter": plan.get("Filter", ""),
            }
        )
    for child in plan.get("Plans", []):
        found += seq_scans(child, max_discarded)
    return found


def table_sizes(cursor: Any, tables: list[str]) -> dict[str, dict[str, int]]:
    cursor.execute(
        "SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid) "
        "FROM pg_class c WHERE c.relname = ANY(%s) AND c.relkind IN ('r', 'p')",
        [tables],
    )
    return {name: {"rows": rows, "bytes": size} for name, rows, size in cursor.fetchall()}


def literal_sql(cursor: Any, sql: str, params: Any) -> str:
    """The statement with its parameters in place, to paste into psql."""
    text = cursor.mogrify(sql, params) if params is not None else sql
    return text.decode() if isinstance(text, bytes) else text


class Recorder:
    """Collects (sql, params) of the statements a request runs."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Any]] = []

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not many:
            self.statements.append((sql, params))
        return execute(sql, params, many, context)


def client_for(role: str, page: str) -> Any:
    """A test client signed in as the account: a token for the API (as bench/pages.py), a
    session marked two-factor verified for pages (hatnhan.core.testing)."""
    from django.test import Client

    from hatnhan.accounts.models import User
    from hatnhan.core.testing import install_verified_force_login

    install_verified_force_login()
    user = User.objects.get(username=pages.ROLES[role])
    if page.startswith("api_"):
        from hatnhan.accounts.services import api_token

        key = api_token(actor=None, user=user)
        return Client(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT="application/json")
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--pages", default=",".join(pages.DEFAULT_PAGES))
    parser.add_argument("--roles", default=",".join(pages.ROLES))
    parser.add_argument("--tables", default=",".join(WATCHED))
    parser.add_argument(
        "--max-discarded",
        type=int,
        default=10_000,
        help="flag any scan of a watched table that throws away this many rows",
    )
    parser.add_argument(
        "--min-rows",
        type=int,
        default=50_000,
        help="check only watched tables of at least this many rows (pg_class.reltuples)",
    )
    parser.add_argument("--repeat", type=int, default=0, help="median of N timed requests")
    parser.add_argument("--label", default="national")
    parser.add_argument("--verbose", action="store_true", help="print every query and plan")
    args = parser.parse_args(argv)
    named = [t for t in args.tables.split(",") if t]
    OUT.mkdir(parents=True, exist_ok=True)
    setup_django(server_env(args.database_url, OUT / "pages-media"))
    from django.db import connection

    assert connection.vendor == "postgresql", "EXPLAIN (ANALYZE, BUFFERS) needs PostgreSQL"
    pages.synth_accounts()
    with connection.cursor() as cursor:
        sizes = table_sizes(cursor, [*named, "organizations_organization"])
    # Reading the whole of a small table is the right plan (a test-sized dataset, or a bloc
    # whose reach is the table): only tables of --min-rows or more are held to the rule.
    watched = [t for t in named if sizes.get(t, {}).get("rows", 0) >= args.min_rows]
    small = sorted(set(named) - set(watched))
    if small:
        print(f"not checked (under {args.min_rows:,} rows): {', '.join(small)}")
    print("tables: " + ", ".join(
        f"{t} {s['rows']:,} rows {s['bytes'] / 2**20:.0f} MB" for t, s in sorted(sizes.items())
    ), flush=True)  # fmt: skip
    rows: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for role in [r for r in args.roles.split(",") if r]:
        org = pages.own_organization(pages.ROLES[role])
        for page in [p for p in args.pages.split(",") if p]:
            url = pages.PAGES[page].format(org=org)
            client = client_for(role, page)
            recorder = Recorder()
            with connection.execute_wrapper(recorder):
                started = time.perf_counter()
                response = client.get(url)
                first_ms = (time.perf_counter() - started) * 1000
            if response.status_code in (403, 404):
                print(f"  {role:22} {page:13} {response.status_code}: not visible, skipped")
                continue
            assert response.status_code == 200, f"{url} as {role}: {response.status_code}"
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            queries = []
            with connection.cursor() as cursor:
                for sql, params in recorder.statements:
                    if not sql.lstrip().upper().startswith("SELECT"):
                        continue
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
                    raw = cursor.fetchone()[0]
                    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]
                    scans = seq_scans(plan["Plan"], args.max_discarded)
                    bad = [s for s in scans if s["table"] in watched]
                    query = {
                        "sql": literal_sql(cursor, sql, params),
                        "planning_ms": plan.get("Planning Time"),
                        "execution_ms": plan.get("Execution Time"),
                        "shared_hit": plan["Plan"].get("Shared Hit Blocks", 0),
                        "shared_read": plan["Plan"].get("Shared Read Blocks", 0),
                        "seq_scans": scans,
                        "plan": plan["Plan"],
                    }
                    queries.append(query)
                    for scan in bad:
                        failures.append({"role": role, "page": page, **scan,
                                         "sql": query["sql"][:300]})  # fmt: skip
                    if args.verbose:
                        took = f"{query['execution_ms']:.1f} ms (+{query['planning_ms']:.1f})"
                        print(f"\n--- {role} {page}: {took}\n{query['sql']}")
            slowest = max(queries, key=lambda q: q["execution_ms"], default=None)
            row = {
                "role": role,
                "page": page,
                "queries": len(recorder.statements),
                "selects": len(queries),
                "sql_ms": round(sum(q["execution_ms"] for q in queries), 1),
                "planning_ms": round(sum(q["planning_ms"] for q in queries), 1),
                "slowest_ms": round(slowest["execution_ms"], 1) if slowest else 0.0,
                "first_ms": round(first_ms, 1),
                "median_ms": round(statistics.median(times), 1) if times else None,
                "seq_scans": sorted({s["table"] for q in queries for s in q["seq_scans"]}),
                "details": queries,
            }
            rows.append(row)
            flagged = [t for t in row["seq_scans"] if t in watched]
            print(
                f"  {role:22} {page:13} {row['queries']:3} queries  sql {row['sql_ms']:7.1f} ms"
                f" (+{row['planning_ms']:5.1f} plan, slowest {row['slowest_ms']:6.1f})"
                + (f"  request {row['median_ms']:7.1f} ms" if times else "")
                + (f"  SCANS {', '.join(flagged)}" if flagged else ""),
                flush=True,
            )
    result = {"tables": sizes, "watched": watched, "rows": rows, "failures": failures}
    (OUT / f"explain-{args.label}.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1, default=str)
    )
    if failures:
        print(f"\n{len(failures)} scan(s) of watched tables growing with the table:")
        for f in failures:
            print(
                f"  {f['role']:22} {f['page']:13} {f['node']} on {f['table']} (rows {f['rows']},"
                f" discarded {f['removed']}, loops {f['loops']}) filter: {f['filter'][:160]}"
            )
        return 1
    if not watched:
        print(f"\nnothing checked: every watched table has fewer than {args.min_rows:,} rows")
        return 0
    print("\nno sequential scan (nor a scan discarding ≥ "
          f"{args.max_discarded:,} rows) of " + ", ".join(watched))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
