"""The audit trail partitioned by month on PostgreSQL (native range partitioning).

At national scale the trail reaches a hundred million events. One partition per calendar month
(UTC) keeps each month's indexes small enough to stay in memory, lets a month be detached and
archived whole (`ALTER TABLE … DETACH PARTITION`), and lets the planner skip months a query's
time range excludes. A DEFAULT partition takes any event no month partition covers, so an
insert never fails for want of a partition; :func:`ensure_partitions` (run by the worker's
daily sweep, and by `hatnhan audit partitions`) creates the months ahead and moves rows out of
DEFAULT into the months they belong to. SQLite has no partitioning: every function here is a
no-op there.

What partitioning costs (docs/decisions.md, "The audit trail partitioned by month"):
PostgreSQL's unique constraints on a partitioned table must contain the partition key, so
`seq` and `hash` are unique together with `created_at` only; one position in the chain is
guaranteed by the chain's lock (services._lock_chain), and a duplicate would still be found
by `audit verify` as a fork.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

TABLE = "audit_auditevent"
DEFAULT = f"{TABLE}_default"
# Months created ahead of the current one: the sweep runs daily, so one would do; three leave
# room for a worker stopped for weeks.
AHEAD = 3
# Names the advisory lock that serializes partition creation (any constant, not the chain's).
_LOCK_KEY = 0x61756469747061  # "auditpa"


@dataclass(frozen=True)
class Partition:
    name: str
    start: dt.date | None  # None: the DEFAULT partition
    end: dt.date | None
    rows: int  # the planner's estimate (pg_class.reltuples), not a count


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _name(month: dt.date) -> str:
    return f"{TABLE}_y{month.year:04d}m{month.month:02d}"


def _bound(month: dt.date) -> str:
    return f"{month.isoformat()} 00:00:00+00"


def is_partitioned(conn: BaseDatabaseWrapper = connection) -> bool:
    if conn.vendor != "postgresql":
        return False
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [TABLE]
        )
        return cursor.fetchone() is not None


def partitions(conn: BaseDatabaseWrapper = connection) -> list[Partition]:
    """The trail's partitions, months in order, DEFAULT last."""
    if not is_partitioned(conn):
        return []
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reltuples FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(%s) "
            "ORDER BY c.relname",
            [TABLE],
        )
        found = cursor.fetchall()
    out, default = [], None
    for name, rows in found:
        estimate = max(int(rows), 0)
        if name == DEFAULT:
            default = Partition(name, None, None, estimate)
            continue
        month = dt.date(int(name[-7:-3]), int(name[-2:]), 1)
        out.append(Partition(name, month, _next(month), estimate))
    return out + ([default] if default else [])


def _create_month(cursor: CursorWrapper, month: dt.date) -> None:
    """One month's partition. Rows of that month already in DEFAULT move into it first, in
    the same transaction: PostgreSQL refuses a new partition whose range DEFAULT holds rows."""
    name, start, end = _name(month), _bound(month), _bound(_next(month))
    in_range = f"created_at >= '{start}' AND created_at < '{end}'"
    cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {DEFAULT} WHERE {in_range})")
    if cursor.fetchone()[0]:
        cursor.execute(
            f"CREATE TABLE {name} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
        )
        cursor.execute(f"INSERT INTO {name} SELECT * FROM {DEFAULT} WHERE {in_range}")
        # Bookkeeping inside the database, not a change to the record: the same rows, moved.
        cursor.execute(f"DELETE FROM {DEFAULT} WHERE {in_range}")
        cursor.execute(
            f"ALTER TABLE {TABLE} ATTACH PARTITION {name} FOR VALUES FROM ('{start}') TO ('{end}')"
        )
    else:
        cursor.execute(
            f"CREATE TABLE {name} PARTITION OF {TABLE} FOR VALUES FROM ('{start}') TO ('{end}')"
        )


def ensure_partitions(
    *, today: dt.date | None = None, ahead: int = AHEAD, conn: BaseDatabaseWrapper = connection
) -> list[str]:
    """Create the month partitions missing from the earliest event (or this month) to `ahead`
    months after this one; return the names created. Safe to run any number of times."""
    if not is_partitioned(conn):
        return []
    today = today or timezone.now().astimezone(dt.UTC).date()
    have = {p.start for p in partitions(conn) if p.start}
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT min(created_at) FROM {DEFAULT}")
        oldest = cursor.fetchone()[0]
    first = _month(today)
    if have:
        first = min(first, min(have))
    if oldest is not None:
        first = min(first, _month(oldest.astimezone(dt.UTC).date()))
    last = _month(today)
    for _ in range(ahead):
        last = _next(last)
    if have:  # no gap between the months asked for and those there already
        last = max(last, max(have))
    created = []
    month = first
    while month <= last:
        if month not in have:
            with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
                # Two workers sweeping at a month's turn: the second waits, then finds it made.
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
                cursor.execute("SELECT to_regclass(%s) IS NULL", [_name(month)])
                if cursor.fetchone()[0]:
                    _create_month(cursor, month)
                    created.append(_name(month))
        month = _next(month)
    return created


# --- the migration --------------------------------------------------------------------------
def _indexes(cursor: CursorWrapper, table: str) -> list[tuple[str, str, bool]]:
    """(name, definition, backs a constraint) of a table's indexes."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef, c.conname IS NOT NULL FROM pg_indexes i "
        "LEFT JOIN pg_constraint c ON c.conname = i.indexname AND c.conrelid = to_regclass(%s) "
        "WHERE i.schemaname = current_schema() AND i.tablename = %s",
        [table, table],
    )
    return cursor.fetchall()


def _rebuild(schema_editor: BaseDatabaseSchemaEditor, *, partitioned: bool) -> None:
    """Copy the trail into a new table, partitioned by month or plain, with the same columns,
    identity, checks and index names (later migrations find them by name)."""
    conn = schema_editor.connection
    if conn.vendor != "postgresql" or is_partitioned(conn) == partitioned:
        return
    old = f"{TABLE}_before_rebuild"
    with conn.cursor() as cursor:
        indexes = _indexes(cursor, TABLE)
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {old}")
        for name, _definition, _constraint in indexes:
            cursor.execute(f'ALTER INDEX "{name}" RENAME TO "{name[:50]}_{len(name)}_old"')
        tail = " PARTITION BY RANGE (created_at)" if partitioned else ""
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {old} INCLUDING DEFAULTS INCLUDING IDENTITY "
            f"INCLUDING CONSTRAINTS){tail}"
        )
        # A unique constraint of a partitioned table must contain the partition key.
        key = ", created_at" if partitioned else ""
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id{key})")
        for name, definition, constraint in indexes:
            if name == f"{TABLE}_pkey":
                continue
            column = definition[definition.rindex("(") + 1 : definition.rindex(")")]
            if constraint:
                column = column.replace(", created_at", "")
                cursor.execute(
                    f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" UNIQUE ({column}{key})'
                )
            else:
                cursor.execute(definition)
        if partitioned:
            cursor.execute(f"CREATE TABLE {DEFAULT} PARTITION OF {TABLE} DEFAULT")
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {old}")
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), "
            f"coalesce(max(id), 0) + 1, false) FROM {TABLE}"
        )
        cursor.execute(f"DROP TABLE {old}")
    if partitioned:
        # The months the copied events fall in leave DEFAULT, and the months ahead are made.
        ensure_partitions(conn=conn)


def partition_by_month(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rebuild(schema_editor, partitioned=True)


def unpartition(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rebuild(schema_editor, partitioned=False)
