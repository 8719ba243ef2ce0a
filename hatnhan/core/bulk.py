"""Inserting many rows of one model fast: what `QuerySet.bulk_create` does for plain values,
without its per-value expression handling (which costs ten times the database's own work on
a 20,000-row import, docs/benchmarks.md).

Rows are already validated by the caller's service; only plain Python values are taken (no
expressions, no unsaved related objects). Each row gets its primary key back (`RETURNING`,
which PostgreSQL and SQLite ≥ 3.35 both have), as after `bulk_create`.
"""

import operator
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models

# Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535.
_MAX_PARAMS = 30_000


def _same(value: Any) -> Any:
    return value


def _text(value: Any) -> Any:
    # Choices (str enums) and lazy strings as plain str: what the drivers take as they are.
    return value if value is None or type(value) is str else str(value)


def _converter(field: models.Field) -> Callable[[Any], Any]:
    if isinstance(field, models.CharField | models.TextField):
        return _text
    if isinstance(field, models.ForeignKey):
        return _converter(field.target_field)
    if isinstance(field, models.IntegerField | models.BooleanField):
        return _same
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return lambda value: field.get_db_prep_save(value, connection)


def insert_rows(
    objs: Sequence[models.Model],
    *,
    unique_fields: Sequence[str] = (),
    update_fields: Sequence[str] = (),
) -> None:
    """Insert `objs` (all of one model; their primary keys are not written) and set their
    primary keys. With `unique_fields` (a unique constraint's fields) a row that clashes on
    them updates `update_fields` of the row already there instead (ON CONFLICT DO UPDATE,
    which SQLite and PostgreSQL both have), and gets that row's primary key."""
    if not objs:
        return
    model = type(objs[0])
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
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            chunk = objs[start : start + per_statement]
            params: list[Any] = []
            for obj in chunk:
                for field in stamped:
                    field.pre_save(obj, add=True)
                row = values_of(obj)
                row = list(row) if len(fields) > 1 else [row]
                for i, fn in convert:
                    row[i] = fn(row[i])
                params += row
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
                + ", ".join([one] * len(chunk))
                + upsert
                + f" RETURNING {quote(pk.column)}",
                params,
            )
            # Both databases return the rows of a multi-row VALUES in its order (Django's
            # bulk_create relies on the same).
            for obj, (key,) in zip(chunk, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, key)
                obj._state.adding = False
                obj._state.db = connection.alias


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
