"""The period picker: month, quarter, year, range (widened to whole months); the current year
by default and when the parameters are invalid."""

import datetime as dt

import pytest

from hatnhan.dashboards.periods import parse

TODAY = dt.date(2026, 8, 14)


@pytest.mark.parametrize(
    ("params", "start", "end", "label"),
    [
        ({}, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "Năm 2026"),
        ({"year": "2025"}, dt.date(2025, 1, 1), dt.date(2025, 12, 31), "Năm 2025"),
        (
            {"period": "quarter", "year": "2026", "quarter": "3"},
            dt.date(2026, 7, 1),
            dt.date(2026, 9, 30),
            "Quý III/2026",
        ),
        (
            {"period": "month", "month": "2024-02"},
            dt.date(2024, 2, 1),
            dt.date(2024, 2, 29),
            "Tháng 2/2024",
        ),
        (
            {"period": "range", "start": "15/03/2026", "end": "10/05/2026"},
            dt.date(2026, 3, 1),
            dt.date(2026, 5, 31),
            "01/03/2026 – 31/05/2026",
        ),
    ],
)
def test_parse(params, start, end, label):
    period, form = parse(params, TODAY)
    assert form.is_valid()
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "năm"},
        {"period": "quarter", "year": "2026"},
        {"period": "month", "month": "2026-13"},
        {"period": "range", "start": "10/05/2026", "end": "15/03/2026"},
        {"period": "range", "start": "01/01/2020", "end": "01/01/2026"},
        {"period": "week"},
    ],
)
def test_invalid_parameters_fall_back_to_the_current_year_and_say_why(params):
    period, form = parse(params, TODAY)
    assert not form.is_valid() and form.errors
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_the_same_period_a_year_before():
    period, _ = parse({"period": "month", "month": "2024-02"}, TODAY)
    before = period.year_before()
    assert (before.start, before.end) == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))
    quarter, _ = parse({"period": "quarter", "year": "2026", "quarter": "1"}, TODAY)
    assert quarter.year_before().label == "Quý I/2025"
    assert len(quarter.months) == 3
