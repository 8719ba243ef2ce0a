"""Working days: Monday to Friday, except the public holidays kept as data
(organizations.Holiday). Time limits the regulations state in working days count here
(REGULATIONS.md §4: citizens' feedback "in working days with a holiday calendar").

The holiday dates are read once per process and kept: every Holiday write through the
services clears them here and on commit (a signal, so the data migration and the admin's
pages alike), and another process rereads them after HOLIDAY_CACHE_SECONDS at most.
"""

import datetime as dt
import time
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Holiday

# Another worker process learns of a holiday written elsewhere within this long.
HOLIDAY_CACHE_SECONDS = 300
_cache: tuple[float, frozenset[dt.date]] | None = None


def holiday_dates() -> frozenset[dt.date]:
    global _cache
    now = time.monotonic()
    if _cache is None or now - _cache[0] > HOLIDAY_CACHE_SECONDS:
        _cache = (now, frozenset(Holiday.objects.values_list("date", flat=True)))
    return _cache[1]


def clear_cache() -> None:
    global _cache
    _cache = None


@receiver([post_save, post_delete], sender=Holiday, dispatch_uid="workdays.clear_cache")
def _holiday_written(**kwargs: Any) -> None:
    # Now, for the rest of this transaction; and after the commit, in case something read
    # the calendar in between (the written row would otherwise be cached before it is final).
    clear_cache()
    transaction.on_commit(clear_cache)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holiday_dates()


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (n ≥ 0; `day` itself for 0): 3 working days from
    Wednesday 29/04/2026 is Wednesday 06/05/2026, over 30/4, 1/5 and a weekend."""
    if n < 0:
        raise ValueError("add_working_days: n phải không âm. / n must not be negative.")
    holidays = holiday_dates()
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            n -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: 0 when `end` is not after `start`."""
    holidays = holiday_dates()
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            count += 1
    return count
