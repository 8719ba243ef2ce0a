"""Which figures the printed page draws: each section's first figure with something in some
month, then the next ones, four at most."""

import dataclasses
import datetime as dt

from hatnhan.dashboards.printing import chosen_figures
from hatnhan.dashboards.scorecard import MonthValue, Section
from hatnhan.dashboards.tests.sample import ON_TIME, OVERDUE, OVERDUE_AGE, SCORECARD

EMPTY = dataclasses.replace(
    OVERDUE, key="empty", trend=tuple(MonthValue(dt.date(2026, m, 1), 0) for m in (1, 2))
)
NONE = dataclasses.replace(
    ON_TIME, key="none", trend=tuple(MonthValue(dt.date(2026, m, 1), None) for m in (1, 2))
)


def _keys(sections) -> list[str]:
    card = dataclasses.replace(SCORECARD, sections=tuple(sections))
    return [f.key for f in chosen_figures(card)]


def test_each_sections_lead_first_and_empty_months_skipped():
    sections = [
        Section("a", "A", (NONE, ON_TIME, OVERDUE)),
        Section("b", "B", (EMPTY, OVERDUE_AGE)),  # nothing drawable
        Section("c", "C", (dataclasses.replace(OVERDUE, key="c1"),)),
    ]
    assert _keys(sections) == ["tasks_on_time_rate", "c1", "tasks_overdue"]


def test_four_at_most():
    many = [Section(str(i), str(i), (dataclasses.replace(OVERDUE, key=f"k{i}"),)) for i in range(6)]
    assert _keys(many) == ["k0", "k1", "k2", "k3"]
