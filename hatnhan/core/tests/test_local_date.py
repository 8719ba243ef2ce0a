"""`__localdate` gives the day `__date` gives, on both databases, at the edges of a local day."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from hatnhan.core.expressions import fixed_offset

UTC = dt.UTC
EDGES = [
    dt.datetime(2026, 3, 1, 16, 59, 59, 999999, tzinfo=UTC),  # 23:59:59.999999 in Hà Nội
    dt.datetime(2026, 3, 1, 17, 0, 0, tzinfo=UTC),  # 00:00 the next local day
    dt.datetime(2024, 2, 28, 17, 30, tzinfo=UTC),  # into a leap day
    dt.datetime(2026, 12, 31, 17, 0, 1, tzinfo=UTC),  # into a new year
    dt.datetime(1970, 6, 1, 16, 30, tzinfo=UTC),  # before the checked years: Django's way
    dt.datetime(2150, 1, 1, 18, tzinfo=UTC),  # after them: Django's way
]


@pytest.fixture
def accounts(db):
    User = get_user_model()
    return [User.objects.create(username=f"u{i}", date_joined=when) for i, when in enumerate(EDGES)]


def _days(zone: str) -> tuple[list, list]:
    User = get_user_model()
    with timezone.override(zone):
        rows = User.objects.filter(username__startswith="u").order_by("pk")
        fast = list(rows.annotate(day=F("date_joined__localdate")).values_list("day", flat=True))
        django = list(rows.annotate(day=F("date_joined__date")).values_list("day", flat=True))
    return fast, django


def test_the_local_day_of_every_edge(accounts):
    fast, django = _days("Asia/Ho_Chi_Minh")
    expected = [w.astimezone(timezone.get_default_timezone()).date() for w in EDGES]
    assert fast == expected == django


def test_a_zone_with_daylight_saving_time_gives_the_same_days(accounts):
    fast, django = _days("Europe/Paris")
    assert fast == django


def test_filters_compare_the_local_day_with_a_date_column(accounts):
    User = get_user_model()
    day = dt.date(2026, 3, 2)
    assert set(
        User.objects.filter(date_joined__localdate=day).values_list("username", flat=True)
    ) == {"u1"}
    assert User.objects.filter(date_joined__localdate__lt=day).count() == 3


def test_a_missing_instant_has_no_day(db):
    User = get_user_model()
    User.objects.create(username="u-none", date_joined=EDGES[0], last_login=None)
    assert User.objects.filter(last_login__localdate__isnull=True).count() == 1


def test_only_a_zone_of_one_offset_takes_the_fast_way():
    assert fixed_offset("Asia/Ho_Chi_Minh") == 7 * 3600
    assert fixed_offset("UTC") == 0
    assert fixed_offset("Europe/Paris") is None
    assert fixed_offset("No/Such_Zone") is None


def test_sqlite_computes_the_day_without_calling_python(accounts):
    """Within the checked years the day is SQLite's own date(): the Python function Django
    registers is replaced by one that fails, and the query still answers."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL converts natively")

    def refuse(*args):
        raise AssertionError("django_datetime_cast_date called")

    User = get_user_model()
    connection.ensure_connection()
    connection.connection.create_function("django_datetime_cast_date", 3, refuse)
    try:
        days = list(
            User.objects.filter(date_joined__year__gte=1976, date_joined__year__lt=2101)
            .order_by("pk")
            .values_list("date_joined__localdate", flat=True)
        )
    finally:
        from django.db.backends.sqlite3._functions import _sqlite_datetime_cast_date

        connection.connection.create_function(
            "django_datetime_cast_date", 3, _sqlite_datetime_cast_date, deterministic=True
        )
    assert days == [w.astimezone(timezone.get_default_timezone()).date() for w in EDGES[:4]]
