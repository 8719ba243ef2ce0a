"""Every figure of an organization's scorecard against the hand-counted record of
records.py (and the tasks below), for the year 2026 as on 15/06/2026, with the same period a
year before and the trend by month."""

import datetime as dt
from decimal import Decimal

import pytest

from hatnhan.dashboards import figures, periods
from hatnhan.directives.models import FocusIssue, Resolution, YearTheme
from hatnhan.members.models import CommitteeSeat
from hatnhan.tasks.models import SourceKind, TaskStatus

from . import records
from .conftest import AS_OF

RUBRIC_LEVELS = {"good": 50, "fair": 40, "average": 20}


@pytest.fixture
def stc_record(settings, tree, make_task, make_member, refreshed):
    settings.MEETING_QUALITY = {**settings.MEETING_QUALITY, "levels": RUBRIC_LEVELS}
    cell, stc = tree["stc_cell"], tree["stc"]
    march = dt.date(2026, 3, 31)
    # Due 31/03: on time (3 days to acceptance), late (1 day), still in progress (76 days
    # overdue on 15/06), cancelled (not due).
    make_task(cell, march, submitted=dt.date(2026, 3, 30), accepted=dt.date(2026, 4, 2))
    make_task(cell, march, submitted=dt.date(2026, 4, 5), accepted=dt.date(2026, 4, 6))
    make_task(cell, march, status=TaskStatus.IN_PROGRESS)
    make_task(cell, march, status=TaskStatus.CANCELLED)
    # Due 10/03, an inspection's remediation, not started: 97 days overdue.
    make_task(
        cell,
        dt.date(2026, 3, 10),
        status=TaskStatus.ASSIGNED,
        source_kind=SourceKind.INSPECTION_FINDING,
    )
    make_task(cell, dt.date(2026, 6, 20), status=TaskStatus.ASSIGNED)  # not due yet
    # STC's own: due 15/05, reported 10/05, accepted 20/05 (10 days).
    make_task(
        stc, dt.date(2026, 5, 15), submitted=dt.date(2026, 5, 10), accepted=dt.date(2026, 5, 20)
    )
    # A year before: one on time, one late (each accepted the day after the report).
    make_task(
        cell, dt.date(2025, 3, 15), submitted=dt.date(2025, 3, 14), accepted=dt.date(2025, 3, 15)
    )
    make_task(
        cell, dt.date(2025, 4, 1), submitted=dt.date(2025, 4, 3), accepted=dt.date(2025, 4, 4)
    )
    head = make_member(stc, "Nguyễn Thủ Trưởng")
    CommitteeSeat.objects.create(
        member=head, organization=stc, role="secretary", is_agency_head=True
    )
    records.briefings(stc, head)
    records.meeting(cell, 3, good=True)
    records.meeting(cell, 4, good=False)
    records.meeting(cell, 5, good=False)
    records.case(
        stc, tree["bloc"], closed=False, recorded=[dt.date(2026, 4, 10), dt.date(2026, 4, 20)]
    )
    records.case(stc, tree["bloc"], closed=True, recorded=[dt.date(2026, 5, 5)])
    records.feedback(stc)
    YearTheme.objects.create(
        organization=tree["bloc"], year=2026, title="Kỷ luật, kỷ cương hành chính"
    )
    resolution = Resolution.objects.create(
        organization=stc,
        kind="annual",
        title="Nghị quyết năm 2026",
        adopted_on=dt.date(2026, 1, 5),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    issue = FocusIssue.objects.create(
        resolution=resolution, organization=stc, title="Giải ngân vốn đầu tư công", level="key"
    )
    # The issue's tasks fall due in December: not due by 15/06, so outside the task figures.
    make_task(
        stc,
        dt.date(2026, 12, 31),
        focus_issue=issue,
        submitted=dt.date(2026, 5, 2),
        accepted=dt.date(2026, 5, 3),
    )
    make_task(stc, dt.date(2026, 12, 31), focus_issue=issue, status=TaskStatus.IN_PROGRESS)
    refreshed()
    return {"head": head, "issue": issue}


def _card(org):
    period, _ = periods.parse({"year": "2026"}, AS_OF)
    return figures.organization_scorecard(org, period)


def _figures(card):
    return {f.key: f for s in card.sections for f in s.figures}


def test_every_record_figure(stc_record, tree):
    found = _figures(_card(tree["stc"]))
    values = {k: f.value for k, f in found.items() if not k.startswith(("focus_", "members_"))}
    assert values == {
        "tasks_on_time_rate": Decimal("40.0"),  # 2 of 5
        "tasks_overdue": 2,
        "tasks_overdue_age": Decimal("86.5"),  # (76 + 97) / 2
        "acceptance_delay": Decimal("4.7"),  # (3 + 1 + 10) / 3
        "briefings_on_time_rate": Decimal("20.0"),  # 1 of 5
        "meetings_held": 3,
        "meetings_good_rate": Decimal("33.3"),  # 1 of 3
        "meetings_poor": 2,
        "findings_open": 2,
        "remediation_overdue": 1,
        "feedback_received": 4,
        "feedback_in_time_rate": Decimal("33.3"),  # 1 of 3 due
        "feedback_substantiated": 1,
    }
    assert found["tasks_on_time_rate"].note == "2/5 đúng hạn"
    assert found["findings_open"].note == "trong 3 phát hiện của kỳ"
    assert found["focus_issue_%d" % stc_record["issue"].pk].value == Decimal("50.0")


def test_the_same_period_a_year_before(stc_record, tree):
    found = _figures(_card(tree["stc"]))
    assert found["tasks_on_time_rate"].previous == Decimal("50.0")
    assert found["acceptance_delay"].previous == Decimal("1.0")
    assert found["tasks_overdue"].previous == 0
    assert found["meetings_good_rate"].previous is None  # nothing to count: "—"


def test_trend_by_month(stc_record, tree):
    trend = {
        m.month.month: m.value for m in _figures(_card(tree["stc"]))["tasks_on_time_rate"].trend
    }
    assert len(trend) == 12
    assert trend[3] == Decimal("25.0")  # the cell's four due in March, one on time
    assert trend[5] == Decimal("100.0")
    assert trend[1] is None and trend[12] is None


def test_a_cell_counts_only_its_own_subtree(stc_record, tree):
    found = _figures(_card(tree["stc_cell"]))
    assert found["tasks_on_time_rate"].value == Decimal("25.0")
    assert found["briefings_on_time_rate"].value is None  # the duty is STC's


def test_the_unified_head_is_shown_once_with_both_seats(stc_record, tree):
    period, _ = periods.parse({"year": "2026"}, AS_OF)
    card = figures.head_scorecard(stc_record["head"], period, AS_OF)
    assert card.kind == "head" and card.title == "Nguyễn Thủ Trưởng"
    assert card.subtitle == "Bí thư Đảng bộ Sở Tài chính — Thủ trưởng Sở Tài chính"
    assert _figures(card)["briefings_on_time_rate"].value == Decimal("20.0")
