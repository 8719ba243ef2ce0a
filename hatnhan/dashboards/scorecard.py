"""What a scorecard is, as plain values: the contract between the figures, the pages, the
charts and the exports. No database access here, so the charts and the documents can be
drawn from any scorecard (a test's hand-made one included)."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class MonthValue:
    month: date  # first day of the month
    value: Decimal | int | None


@dataclass(frozen=True)
class Figure:
    key: str  # stable id, e.g. "tasks_on_time_rate"
    label: str  # translated label
    value: Decimal | int | None  # None = nothing to count in the period (shown as "—")
    unit: str  # "%" for rates (value 0..100), "" for counts, "ngày" for days
    better: str  # "higher" | "lower" | "" (neutral)
    previous: Decimal | int | None  # same period one year before
    trend: tuple[MonthValue, ...]  # one per month of the period (oldest first)
    drill_url: str | None  # the list page, filtered to exactly the records counted
    note: str = ""  # e.g. "3/4 đúng hạn"
    # The same months a year before, one per month of that period (oldest first); None when
    # they were not read (a chart then shows no year-before line, rather than one of dashes).
    previous_trend: tuple[MonthValue, ...] | None = None


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Scorecard:
    kind: str  # "organization" | "head" | "member"
    title: str  # e.g. "Đảng bộ Sở Tài chính" or the head's member name
    subtitle: str  # seats held, organization path
    organization_id: int
    member_id: int | None
    period_start: date
    period_end: date
    period_label: str  # "Năm 2026", "Quý III/2026", "01/03/2026 – 15/05/2026"
    sections: tuple[Section, ...]
    fresh_as_of: datetime | None  # when the pre-aggregates were last refreshed (aware, UTC)
