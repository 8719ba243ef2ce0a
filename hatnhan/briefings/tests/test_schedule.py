"""The periods a duty asks for and when each is due (QĐ 138-QĐ/TW 2023, Art. 11)."""

import datetime as dt
from types import SimpleNamespace

from hatnhan.briefings.schedule import duty_periods, periods_of_year


def test_semiannual_two_halves_due_after_each():
    """QĐ 138 Art. 11: every six months; due the set number of days after the half ends."""
    halves = periods_of_year("semiannual", 15, 2026)
    assert [(p.start, p.end, p.due) for p in halves] == [
        (dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 15)),
        (dt.date(2026, 7, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 15)),
    ]


def test_quarterly_and_monthly():
    """Organizations that choose it brief quarterly or monthly (a setting per organization)."""
    assert len(periods_of_year("quarterly", 0, 2026)) == 4
    months = periods_of_year("monthly", 0, 2026)
    assert len(months) == 12
    assert months[1].end == dt.date(2026, 2, 28) == months[1].due


def test_periods_before_the_duty_applies_are_not_owed():
    duty = SimpleNamespace(
        frequency="quarterly", due_days_after_period=10, starts_on=dt.date(2026, 5, 1)
    )
    assert [p.start.month for p in duty_periods(duty, 2026)] == [4, 7, 10]
