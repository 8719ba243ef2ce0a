"""Inserting many rows of one model fast: what `QuerySet.bulk_create` does for plain values,
without its per-value expression handling (which costs ten times the database's own work on
a 20,000-row import, docs/benchmarks.md).

Rows are already validated by the caller's service; only plain Python values are taken (no
expressions, no unsaved related objects). Each row gets its primary key back (`RETURNING`,
which PostgreSQL and SQLite ≥ 3.35 both have), as after `bulk_create`.
"""

import contextlib
import datetime as dt
import json
import operator
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection, models

# Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535.
_MAX_PARAMS = 30_000


def _same(value: Any) -> Any:
    return value


def _text(value: Any) -> Any:
    # Choices (str enums) and lazy strings as plain str: what the drivers take as they are.
    return value if value is None or type(value) is str else str(value)


class JSONText(str):
    """A JSON document already encoded (as a JSONField encodes it: `json.dumps` with the
    field's encoder), written to a JSONField column as it is: a caller that needs the text
    anyway (to compare or hash it) does not pay for the encoding twice."""


def _json_text(value: JSONText) -> Any:
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        return Jsonb(value, dumps=str)
    return str(value)


def _converter(field: models.Field) -> Callable[[Any], Any]:
    if isinstance(field, models.JSONField):
        prep = field.get_db_prep_save
        return lambda value: (
            _json_text(value) if type(value) is JSONText else prep(value, connection)
        )
    if isinstance(field, models.CharField | models.TextField):
        return _text
    if isinstance(field, models.ForeignKey):
        return _converter(field.target_field)
    if isinstance(field, models.IntegerField | models.BooleanField):
        return _same
    if isinstance(field, models.DateTimeField):
        return _last_of(connection.ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return lambda value: field.get_db_prep_save(value, connection)


def _last_of(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert`, remembering its last value: the rows of one insert share their moments
    (the stamps below, an event chunk's time), and converting an aware datetime costs a
    time-zone conversion each time."""
    last: list[Any] = [_last_of, None]  # a first value that no row holds

    def converted(value: Any) -> Any:
        if value is not last[0]:  # the same object, so the same (immutable) moment
            last[0], last[1] = value, convert(value)
        return last[1]

    return converted


def insert_rows(
    objs: Sequence[Any],
    *,
    model: type[models.Model] | None = None,
    unique_fields: Sequence[str] = (),
    update_fields: Sequence[str] = (),
) -> None:
    """Insert `objs` (all of one model; their primary keys are not written) and set their
    primary keys. `objs` may be plain objects with the model's attnames, given `model`. With
    `unique_fields` (a unique constraint's fields) a row that clashes on
    them updates `update_fields` of the row already there instead (ON CONFLICT DO UPDATE,
    which SQLite and PostgreSQL both have), and gets that row's primary key."""
    if not objs:
        return
    model = model or type(objs[0])
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    # auto_now / auto_now_add: what Model.save would set.
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    # One attrgetter per row and a converter only where the driver needs one: the per-value
    # generator this replaced cost more than the database's insert on a 20,000-row import.
    values_of = operator.attrgetter(*(f.attname for f in fields))
    convert = [(i, fn) for i, fn in enumerate(map(_converter, fields)) if fn is not _same]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, _MAX_PARAMS // len(fields))
    pk = meta.pk
    upsert = ""
    if unique_fields:
        column = lambda name: quote(meta.get_field(name).column)  # noqa: E731
        upsert = (
            f" ON CONFLICT ({', '.join(column(n) for n in unique_fields)}) DO UPDATE SET "
            + ", ".join(f"{column(n)} = EXCLUDED.{column(n)}" for n in update_fields)
        )
    if connection.vendor == "postgresql":
        # One array per column (`unnest`), as Django's own bulk_create does on PostgreSQL: a
        # VALUES list binds a parameter per value, and the driver's client-side binding splits
        # the statement at each (1.6 s of a 3,000-row, 33-column upsert, more than the
        # database's work).
        json_columns = {i for i, f in enumerate(fields) if isinstance(f, models.JSONField)}
        convert = [
            (i, _json_as_text(f) if i in json_columns else fn)
            for i, (f, fn) in enumerate(zip(fields, map(_converter, fields), strict=True))
            if fn is not _same
        ]
        arrays = ", ".join(
            "%s::text[]" if i in json_columns else f"%s::{f.db_type(connection)}[]"
            for i, f in enumerate(fields)
        )
        picked = ", ".join(
            f"{quote(f.column)}::jsonb" if i in json_columns else quote(f.column)
            for i, f in enumerate(fields)
        )
        statement = (
            f"INSERT INTO {quote(meta.db_table)} ({columns}) SELECT {picked} FROM "
            f"unnest({arrays}) AS rows ({columns}){upsert} RETURNING {quote(pk.column)}"
        )
        per_statement = len(objs)
    # One moment for the whole insert, as Model.save would set it (pre_save) on the first row:
    # the rows are written together, and PostgreSQL's own now() is one moment per transaction.
    stamps = [(f.attname, f.pre_save(objs[0], add=True)) for f in stamped]
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            chunk = objs[start : start + per_statement]
            rows = []
            for obj in chunk:
                for attname, moment in stamps:
                    setattr(obj, attname, moment)
                row = values_of(obj)
                row = list(row) if len(fields) > 1 else [row]
                for i, fn in convert:
                    row[i] = fn(row[i])
                rows.append(row)
            if connection.vendor == "postgresql":
                cursor.execute(statement, [list(column) for column in zip(*rows, strict=True)])
            else:
                cursor.execute(
                    f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
                    + ", ".join([one] * len(chunk))
                    + upsert
                    + f" RETURNING {quote(pk.column)}",
                    [value for row in rows for value in row],
                )
            # Both databases return the rows of a multi-row VALUES, and of unnest, in their
            # order (Django's bulk_create relies on the same).
            for obj, (key,) in zip(chunk, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, key)
                if (state := getattr(obj, "_state", None)) is not None:
                    state.adding = False
                    state.db = connection.alias


def _json_as_text(field: models.JSONField) -> Callable[[Any], Any]:
    """A JSON column's value as its text, for a text[] that the statement casts to jsonb."""

    def convert(value: Any) -> Any:
        if value is None or type(value) is JSONText:
            return value if value is None else str(value)
        return json.dumps(field.get_prep_value(value), cls=field.encoder)

    return convert


def load_rows(objs: Sequence[models.Model]) -> None:
    """Load `objs` (one model, primary keys already chosen by the caller) as fast as the
    database takes rows: COPY on PostgreSQL, multi-row inserts elsewhere. For generated
    datasets (`hatnhan synth`); the caller moves the id sequence past them
    (:func:`reset_sequence`)."""
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    fields = list(meta.concrete_fields)
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    convert = [(f.attname, _converter(f)) for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)

    def values(obj: models.Model) -> list[Any]:
        for field in stamped:
            field.pre_save(obj, add=True)
        return [fn(getattr(obj, attname)) for attname, fn in convert]

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
                for obj in objs:
                    copy.write_row(values(obj))
            return
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        per_statement = max(1, _MAX_PARAMS // len(fields))
        for start in range(0, len(objs), per_statement):
            chunk = objs[start : start + per_statement]
            params = [value for obj in chunk for value in values(obj)]
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
                + ", ".join([one] * len(chunk)),
                params,
            )


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys drawn from the model's PostgreSQL id sequence, as an insert would
    draw them: safe beside concurrent inserts, for rows then loaded by COPY (:func:`load_rows`)
    with their ids already set."""
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, count],
        )
        return [row[0] for row in cursor.fetchall()]


def next_id(model: type[models.Model]) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequence(model: type[models.Model]) -> None:
    """Move PostgreSQL's id sequence past rows loaded with explicit ids (SQLite needs none)."""
    if connection.vendor != "postgresql":
        return
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), "
            f"COALESCE((SELECT MAX({connection.ops.quote_name(pk)}) FROM "
            f"{connection.ops.quote_name(table)}), 1))",
            [table, pk],
        )


def datetime_text(value: dt.datetime) -> str:
    """An aware datetime as the text the database stores for it (UTC), for rows given to
    :func:`load_tuples` without a converter per value."""
    utc = value.astimezone(dt.UTC)
    if connection.vendor == "postgresql":
        return utc.isoformat(sep=" ")
    # What Django's SQLite backend stores: naive UTC, str() of the datetime.
    return str(utc.replace(tzinfo=None))


def default_values(
    model: type[models.Model], given: Sequence[str], now: dt.datetime
) -> dict[str, Any]:
    """The other concrete columns of `model` (by attname) with what a new instance would
    store: its field defaults, `now` for auto_now(_add) fields, as database values."""
    blank = model()
    values: dict[str, Any] = {}
    for field in model._meta.concrete_fields:
        if field.attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values[field.attname] = datetime_text(now)
            continue
        value = getattr(blank, field.attname)
        if isinstance(value, dt.datetime):
            value = datetime_text(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif value is not None and not isinstance(value, bool | int | str):
            value = field.get_db_prep_save(value, connection)
        elif isinstance(value, str):
            value = str(value)  # choices (str enums) as plain text
        values[field.attname] = value
    return values


def load_tuples(model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Load rows given as tuples in `columns` (attnames) order, their values already what the
    database stores (str, int, bool, None; dates and datetimes as text, see
    :func:`datetime_text`): COPY on PostgreSQL, one `executemany` elsewhere. For generated
    datasets, where a model instance per row costs more than the database's own work
    (docs/benchmarks.md); primary keys are chosen by the caller (:func:`reset_sequence`)."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    names = ", ".join(quote(meta.get_field(_field_name(meta, c)).column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({names}) FROM STDIN") as copy:
                write = copy.write_row
                for row in rows:
                    write(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})", rows)


def _field_name(meta: Any, attname: str) -> str:
    for field in meta.concrete_fields:
        if field.attname == attname:
            return field.name
    raise LookupError(attname)


@contextlib.contextmanager
def without_secondary_indexes(
    tables: Sequence[type[models.Model]], timings: dict[str, float]
) -> Iterator[None]:
    """Inside a transaction on PostgreSQL: drop the tables' secondary indexes, unique and
    foreign-key constraints (not the primary keys, nor an index a foreign key elsewhere
    needs), run the block, then create them again from their own definitions, as a restore
    of a dump does: building an index once over all rows is cheaper than keeping it up to
    date row by row, and a foreign key added to a full table is checked with one join instead
    of a deferred trigger event per row (kept in memory to the commit). The tables are
    locked (ACCESS EXCLUSIVE) until the transaction ends. Elsewhere, or on a partitioned
    table, nothing is dropped. `timings["indexes"]` gets the seconds spent rebuilding."""
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("Indexes are dropped inside a transaction only: all or nothing.")
    names = [m._meta.db_table for m in tables]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relname = ANY(%s) AND t.relkind = 'r' AND c.contype IN ('f', 'u')
              AND NOT EXISTS (
                SELECT 1 FROM pg_constraint f
                WHERE f.contype = 'f' AND f.conindid = c.conindid AND c.contype = 'u')
            ORDER BY c.contype, c.conname
            """,
            [names],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s) AND t.relkind = 'r' AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """,
            [names],
        )
        indexes = cursor.fetchall()
        for table, name, _kind, _definition in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    start = time.perf_counter()
    with connection.cursor() as cursor:
        # Index builds sort in memory when they can; the default 64 MB spills to disk.
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for kind in ("u", "f"):  # a foreign key may need a unique constraint made here
            for table, name, contype, definition in constraints:
                if contype == kind:
                    cursor.execute(
                        f"ALTER TABLE {table} ADD CONSTRAINT "
                        f"{connection.ops.quote_name(name)} {definition}"
                    )
    timings["indexes"] = timings.get("indexes", 0.0) + time.perf_counter() - start
