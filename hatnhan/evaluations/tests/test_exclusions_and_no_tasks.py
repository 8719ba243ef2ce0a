"""Who is reviewed, and a member with no task in the period (never silently full marks)."""

import datetime as dt
from decimal import Decimal

from hatnhan.evaluations.tests.conftest import YEAR, row_of, rule_line


def test_suspended_and_exempt_members_are_excluded_with_the_reason(
    make_member, make_round, compute
):
    suspended = make_member(name="Tạm Đình Chỉ", status="suspended")
    exempt = make_member(name="Miễn Sinh Hoạt", status="exempt")
    moved = make_member(name="Đã Chuyển", status="transferred_out")
    round = compute(make_round())
    for member in (suspended, exempt):
        row = row_of(round, member)
        assert row.excluded
        assert "miễn" in row.excluded_reason
        assert row.proposed_level == ""
    assert not round.evaluations.filter(member=moved).exists()


def test_qd366_keeps_recent_members_unless_the_setting_says(
    settings, make_member, make_round, compute
):
    new = make_member(name="Mới Vào", probationary_date=dt.date(YEAR, 10, 1))
    assert not row_of(compute(make_round()), new).excluded
    settings.EVALUATION_QD366_EXCLUDE_RECENT = True
    assert row_of(compute(make_round()), new).excluded


def test_no_task_leaves_the_task_part_to_the_committee(make_member, make_round, compute):
    member = make_member(name="Không Nhiệm Vụ")
    row = row_of(compute(make_round()), member)
    assert row.task_score is None
    assert row.proposed_level == ""
    assert rule_line(row, "no-tasks")["passed"] is False


def test_no_task_points_is_a_setting(settings, make_member, make_round, compute):
    settings.EVALUATION_NO_TASK_POINTS = "35"
    member = make_member(name="Không Nhiệm Vụ")
    row = row_of(compute(make_round()), member)
    assert row.task_score == Decimal("35.00")
    # With no task, no share of tasks on time: good and excellent cannot be met.
    assert rule_line(row, "level-good")["passed"] is False
