"""Expressions the ORM lacks, for aggregates over many rows.

`__localdate`: the day a stored instant falls on in the current time zone, fast on SQLite.

Django's `__date` on SQLite calls a Python function per row (`django_datetime_cast_date`,
which parses the text and converts through zoneinfo): over 24,000 tasks it costs twenty
times the rest of the aggregate (docs/benchmarks.md, the year-end review). Where the zone
has had one UTC offset over the years the record can hold — Asia/Ho_Chi_Minh has been UTC+7
since 13/06/1975 — the same day is SQLite's own `date(text, '+25200 seconds')`. Values
outside those years, and zones with daylight saving time, keep Django's function, so the
result is always the one `__date` gives. PostgreSQL's `AT TIME ZONE` is already native:
there `__localdate` is `__date`.

`InIds`: a column among many ids, bound as one parameter.
"""

import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.db.models import DateTimeField, F, Lookup
from django.db.models.functions import TruncDate

# The years in which a zone's offset is checked, and the only ones the fast path takes.
FIRST_YEAR, END_YEAR = 1976, 2101


@functools.cache
def fixed_offset(tzname: str) -> int | None:
    """The zone's one offset from UTC in seconds over FIRST_YEAR..END_YEAR, or None when it
    changes there. Checked on the 1st and 15th of every month: daylight saving time and
    any change of offset last longer than a fortnight."""
    try:
        zone = zoneinfo.ZoneInfo(tzname)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    offsets = {
        dt.datetime(year, month, day, 12, tzinfo=dt.UTC).astimezone(zone).utcoffset()
        for year in range(FIRST_YEAR, END_YEAR)
        for month in range(1, 13)
        for day in (1, 15)
    }
    if len(offsets) != 1:
        return None
    (offset,) = offsets
    return int(offset.total_seconds()) if offset is not None else None


class LocalDate(TruncDate):
    lookup_name = "localdate"

    def as_sqlite(self, compiler, connection, **extra_context):  # type: ignore[no-untyped-def]
        fallback, fallback_params = super().as_sql(compiler, connection, **extra_context)
        offset = fixed_offset(self.get_tzname()) if self.get_tzname() else None
        if offset is None:
            return fallback, fallback_params
        lhs, params = compiler.compile(self.lhs)
        # Stored as 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC; the fraction cannot move a day
        # over a whole-second offset, and SQLite's date() takes only the first 19 characters.
        # The year is compared as text: the column's NUMERIC affinity would turn a bare
        # '1976' into a number, which every text sorts after.
        sql = (
            f"CASE WHEN substr({lhs}, 1, 4) >= %s AND substr({lhs}, 1, 4) < %s "
            f"THEN date(substr({lhs}, 1, 19), %s) ELSE {fallback} END"
        )
        return sql, (
            *params,
            str(FIRST_YEAR),
            *params,
            str(END_YEAR),
            *params,
            f"{offset:+d} seconds",
            *fallback_params,
        )


class InIds(Lookup):
    """`column IN (ids)` without Django's per-id work: `__in` prepares every id through the
    field and binds one parameter each, which at 500 ids a batch and six sources a round is
    more Python than the queries take. On PostgreSQL the ids are one array parameter
    (`= ANY`); on SQLite they are written into the statement as integer literals (each
    passed through int(), so nothing but digits reaches the SQL), where the planner sees the
    list's size as it does for `__in` (a `json_each` parameter hides it, and SQLite then
    scans the period's whole date range for every batch).

    Used as a condition: `.filter(InIds("owner_id", ids))` (a lookup, so that SQLite gets a
    bare condition rather than `(…) = true`, which no index serves)."""

    lookup_name = "in_ids"
    prepare_rhs = False

    def __init__(self, column: str, ids: Iterable[int]) -> None:
        super().__init__(F(column), [int(pk) for pk in ids])

    def get_prep_lookup(self) -> list[int]:
        return self.rhs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} IN ({', '.join(map(str, self.rhs)) or 'NULL'})", tuple(params)

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", (*params, self.rhs)


def register() -> None:
    DateTimeField.register_lookup(LocalDate)
