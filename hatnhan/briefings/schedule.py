"""The periods a briefing duty asks for (QĐ 138-QĐ/TW 2023, Art. 11: every six months by
default), with their due dates. Pure date arithmetic: no query."""

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from .models import FREQUENCY_MONTHS


class Scheduled(Protocol):
    """What the schedule reads of a duty (a BriefingDuty, or a stand-in in tests)."""

    frequency: str
    due_days_after_period: int
    starts_on: dt.date


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def periods_of_year(frequency: str, due_days: int, year: int) -> list[Period]:
    """The year's periods, calendar-aligned (months, quarters, halves), each due `due_days`
    after it ends."""
    months = FREQUENCY_MONTHS[frequency]
    found = []
    for first in range(1, 13, months):
        start = dt.date(year, first, 1)
        end = _month_end(year, first + months - 1)
        found.append(Period(start, end, end + dt.timedelta(days=due_days)))
    return found


def duty_periods(duty: Scheduled, year: int) -> list[Period]:
    """A duty's periods in `year`: those ending on or after the day the duty applies from."""
    return [
        p
        for p in periods_of_year(duty.frequency, duty.due_days_after_period, year)
        if p.end >= duty.starts_on
    ]


def periods_due_between(duty: Scheduled, first: dt.date, last: dt.date) -> list[Period]:
    """The duty's periods whose due date falls in [first, last]."""
    found = []
    for year in range(first.year - 1, last.year + 1):
        found += [p for p in duty_periods(duty, year) if first <= p.due <= last]
    return found
