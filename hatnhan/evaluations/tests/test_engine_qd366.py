"""QĐ 366-QĐ/TW Điều 11 for members: thresholds and conditions, each line explained."""

import datetime as dt
from decimal import Decimal

from hatnhan.evaluations import services
from hatnhan.evaluations.tests.conftest import YEAR, row_of, rule_line


def test_all_on_time_and_met_gives_the_full_70(make_member, make_task, make_round, compute):
    member = make_member(name="Lê Văn Đủ")
    for month in (3, 6, 9):
        make_task(member, dt.date(YEAR, month, 15))
    row = row_of(compute(make_round()), member)
    assert row.task_score == Decimal("70.00")
    assert row.metrics["tasks_due"] == 3
    assert row.metrics["tasks_on_time"] == 3
    assert row.total_score is None  # the committee has not scored the general part
    # No task exceeded: excellent fails on its condition, good is the proposal.
    assert row.proposed_level == "good"
    assert rule_line(row, "level-excellent")["passed"] is False
    assert "vượt" in rule_line(row, "level-excellent")["detail"]
    assert rule_line(row, "level-excellent")["clause"] == "QĐ 366-QĐ/TW Điều 11 khoản 1"


def test_excellent_needs_90_points_and_30_percent_exceeded(
    make_member, make_task, make_round, compute
):
    member = make_member(name="Phạm Xuất Sắc")
    make_task(member, dt.date(YEAR, 3, 1), outcome="exceeded")
    make_task(member, dt.date(YEAR, 4, 1), outcome="met")
    make_task(member, dt.date(YEAR, 5, 1), outcome="met")
    round = compute(make_round())
    row = row_of(round, member)
    reviewed = services.review(actor=None, evaluation=row, general_score=25, comment="Tốt")
    assert reviewed.total_score == Decimal("95.00")
    assert reviewed.proposed_level == "excellent"
    low = services.review(actor=None, evaluation=row, general_score=15)
    assert low.total_score == Decimal("85.00")
    assert low.proposed_level == "good"
    assert rule_line(low, "level-excellent")["passed"] is False


def test_late_and_partly_met_tasks_lower_the_score_and_the_level(
    make_member, make_task, make_round, compute
):
    member = make_member(name="Trần Chậm")
    make_task(member, dt.date(YEAR, 3, 1))
    make_task(member, dt.date(YEAR, 4, 1), submitted=dt.date(YEAR, 4, 10))  # late
    make_task(member, dt.date(YEAR, 5, 1), outcome="partly_met")
    row = row_of(compute(make_round()), member)
    # (1 + 0.5 + 0.5) / 3 × 70
    assert row.task_score == Decimal("46.67")
    assert row.metrics["tasks_done_late"] == 1
    assert row.metrics["tasks_partly_met"] == 1
    # Not every task on time with quality: neither excellent nor good, whatever the score.
    assert rule_line(row, "level-good")["passed"] is False
    assert row.proposed_level == "completed"


def test_below_50_is_not_completed(make_member, make_task, make_round, compute):
    member = make_member(name="Võ Không Đạt")
    make_task(member, dt.date(YEAR, 3, 1), outcome="not_met")
    make_task(member, dt.date(YEAR, 4, 1), status="in_progress")
    row = row_of(compute(make_round()), member)
    assert row.metrics["tasks_overdue"] == 1
    reviewed = services.review(actor=None, evaluation=row, general_score=20)
    assert reviewed.task_score == Decimal("0.00")
    assert reviewed.proposed_level == "not_completed"


def test_an_extended_task_done_by_its_new_date_is_on_time(
    make_member, make_task, make_round, compute
):
    member = make_member(name="Đặng Gia Hạn")
    make_task(
        member,
        dt.date(YEAR, 7, 31),
        original_due=dt.date(YEAR, 6, 30),
        submitted=dt.date(YEAR, 7, 20),
    )
    row = row_of(compute(make_round()), member)
    assert row.metrics["tasks_extended"] == 1
    assert row.metrics["tasks_on_time"] == 1
    assert row.task_score == Decimal("70.00")


def test_only_tasks_due_in_the_period_count(make_member, make_task, make_round, compute):
    member = make_member(name="Ngô Trong Kỳ")
    make_task(member, dt.date(YEAR, 2, 1))
    make_task(member, dt.date(YEAR + 1, 2, 1), status="in_progress")
    quarter = make_round(start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 3, 31))
    row = row_of(compute(quarter), member)
    assert row.metrics["tasks_due"] == 1
