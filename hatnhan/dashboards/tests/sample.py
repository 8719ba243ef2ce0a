"""A scorecard built by hand, with numbers small enough to check on paper: the charts and the
documents are tested against it, independent of how the figures are computed."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from hatnhan.dashboards.scorecard import Figure, MonthValue, Scorecard, Section

MONTHS = [dt.date(2026, m, 1) for m in range(1, 7)]

# Tasks on time: 3/4, 4/4, none due, 1/2, 7/8, 5/5 → 75, 100, —, 50, 87,5, 100 %.
ON_TIME = Figure(
    key="tasks_on_time_rate",
    label="Nhiệm vụ hoàn thành đúng hạn",
    value=Decimal("87.5"),
    unit="%",
    better="higher",
    previous=Decimal("80"),
    trend=tuple(
        MonthValue(m, v)
        for m, v in zip(
            MONTHS,
            [Decimal(75), Decimal(100), None, Decimal(50), Decimal("87.5"), Decimal(100)],
            strict=True,
        )
    ),
    drill_url="/tasks/?organization=7&status=done",
    note="20/23 đúng hạn",
)
# The same months of 2025 (January and February missing: nothing due then).
ON_TIME_2025 = (
    MonthValue(dt.date(2025, 3, 1), Decimal("66.7")),
    MonthValue(dt.date(2025, 4, 1), Decimal(80)),
    MonthValue(dt.date(2025, 5, 1), Decimal(90)),
    MonthValue(dt.date(2025, 6, 1), Decimal(100)),
)
OVERDUE = Figure(
    key="tasks_overdue",
    label="Nhiệm vụ quá hạn",
    value=3,
    unit="",
    better="lower",
    previous=5,
    trend=tuple(MonthValue(m, v) for m, v in zip(MONTHS, [1, 0, 2, 4, 3, 3], strict=True)),
    drill_url="/tasks/?organization=7&overdue=1",
)
OVERDUE_AGE = Figure(
    key="tasks_overdue_age",
    label="Số ngày quá hạn trung bình",
    value=Decimal("12.25"),
    unit="ngày",
    better="lower",
    previous=None,
    trend=(),
    drill_url=None,
)
REPORTS = Figure(
    key="feedback_count",
    label="Phản ánh của người dân",
    value=1234,
    unit="",
    better="",
    previous=None,
    trend=(),
    drill_url="/feedback/?organization=7",
    note='=HYPERLINK("http://x")',
)

SCORECARD = Scorecard(
    kind="organization",
    title="Đảng bộ Sở Tài chính",
    subtitle="Đảng bộ Khối Các cơ quan tỉnh › Đảng bộ Sở Tài chính",
    organization_id=7,
    member_id=None,
    period_start=dt.date(2026, 1, 1),
    period_end=dt.date(2026, 6, 30),
    period_label="6 tháng đầu năm 2026",
    sections=(
        Section(key="tasks", title="Nhiệm vụ", figures=(ON_TIME, OVERDUE, OVERDUE_AGE)),
        Section(key="feedback", title="Phản ánh", figures=(REPORTS,)),
    ),
    fresh_as_of=dt.datetime(2026, 6, 30, 17, 5, tzinfo=dt.UTC),
)

# The same card with the months a year before read, as figures.py reads them: the rate's as
# above; overdue tasks, by month of 2025: 2, 1, 0, 3, 5, 4.
OVERDUE_2025 = tuple(
    MonthValue(dt.date(2025, m, 1), v) for m, v in zip(range(1, 7), [2, 1, 0, 3, 5, 4], strict=True)
)
SCORECARD_WITH_YEAR_BEFORE = replace(
    SCORECARD,
    sections=(
        Section(
            key="tasks",
            title="Nhiệm vụ",
            figures=(
                replace(ON_TIME, previous_trend=ON_TIME_2025),
                replace(OVERDUE, previous_trend=OVERDUE_2025),
                OVERDUE_AGE,
            ),
        ),
        Section(key="feedback", title="Phản ánh", figures=(REPORTS,)),
    ),
)
