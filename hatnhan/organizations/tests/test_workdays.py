"""Working days (hatnhan.organizations.workdays): Monday to Friday less the holidays the data
migration loads for 2026 and 2027; the calendar follows every holiday write."""

import datetime as dt

import pytest

from hatnhan.organizations.models import Holiday
from hatnhan.organizations.services import add_holiday, remove_holiday
from hatnhan.organizations.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db

D = dt.date


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(D(2026, 4, 29))  # a Wednesday
    assert not is_working_day(D(2026, 4, 30))  # 30/4
    assert not is_working_day(D(2026, 5, 1))  # 1/5
    assert not is_working_day(D(2026, 5, 2))  # Saturday
    assert not is_working_day(D(2026, 5, 3))  # Sunday
    assert not is_working_day(D(2026, 4, 27))  # Giỗ Tổ observed
    assert not is_working_day(D(2026, 2, 17))  # Tết


def test_the_clock_runs_across_a_holiday():
    # 29/04/2026 + 3 working days: 30/4, 1/5 and the weekend are skipped.
    assert add_working_days(D(2026, 4, 29), 3) == D(2026, 5, 6)
    assert add_working_days(D(2026, 4, 29), 1) == D(2026, 5, 4)
    assert add_working_days(D(2026, 4, 29), 0) == D(2026, 4, 29)


def test_the_clock_runs_across_tet():
    # Friday 13/02/2026: the next working day is Monday 23/02, after Tết's break.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 4, 29), -1)


def test_working_days_between_counts_the_half_open_span():
    assert working_days_between(D(2026, 4, 29), D(2026, 5, 6)) == 3
    assert working_days_between(D(2026, 4, 29), D(2026, 4, 29)) == 0
    assert working_days_between(D(2026, 5, 6), D(2026, 4, 29)) == 0
    # (start, end]: the start day never counts, the end day does.
    assert working_days_between(D(2026, 5, 4), D(2026, 5, 5)) == 1


def test_every_year_loaded_lists_no_weekend(no_holidays):
    assert not Holiday.objects.exists()
    assert add_working_days(D(2026, 4, 29), 3) == D(2026, 5, 4)


def test_the_data_migration_loads_both_years():
    years = {d.year for d in Holiday.objects.values_list("date", flat=True)}
    assert years == {2026, 2027}
    assert not [h for h in Holiday.objects.all() if h.date.weekday() >= 5]


def test_the_calendar_follows_a_holiday_written(tree):
    day = D(2026, 6, 1)  # a Monday
    assert is_working_day(day)  # cached now
    holiday = add_holiday(actor=None, date=day, name="Ngày nghỉ thử")
    assert not is_working_day(day)
    remove_holiday(actor=None, holiday=holiday)
    assert is_working_day(day)


def test_the_calendar_is_read_once(django_assert_num_queries):
    is_working_day(D(2026, 6, 1))
    with django_assert_num_queries(0):
        assert working_days_between(D(2026, 1, 1), D(2027, 12, 31)) > 400
