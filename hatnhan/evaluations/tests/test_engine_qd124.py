"""QĐ 124-QĐ/TW Điều 12 (for 2023–2024): ≥ 50 % exceeded for excellent, the discipline cap
unless self-found, the recent-admission exclusion, the collective's caps."""

import datetime as dt

from hatnhan.discipline.models import DisciplineDecision
from hatnhan.evaluations import services
from hatnhan.evaluations.tests.conftest import row_of, rule_line

Y = 2024


def _round(make_round, **kw):
    return make_round("qd124-2023", start=dt.date(Y, 1, 1), end=dt.date(Y, 12, 31), **kw)


def _discipline(member, *, self_reported: bool, on: dt.date = dt.date(Y, 5, 1)):
    return DisciplineDecision.objects.create(
        number="01-QĐ/CB",
        decided_on=on,
        deciding_body=member.organization,
        member=member,
        organization=member.organization,
        form="reprimand",
        reason="Vi phạm",
        effective_on=on,
        self_reported=self_reported,
    )


def test_excellent_needs_half_exceeded(make_member, make_task, make_round, compute):
    member = make_member(name="Lý Một Nửa")
    make_task(member, dt.date(Y, 3, 1), outcome="exceeded")
    make_task(member, dt.date(Y, 4, 1), outcome="met")
    make_task(member, dt.date(Y, 5, 1), outcome="met")
    row = row_of(compute(_round(make_round)), member)
    row = services.review(actor=None, evaluation=row, general_score=30)
    assert rule_line(row, "level-excellent")["passed"] is False
    assert rule_line(row, "level-excellent")["clause"] == "QĐ 124-QĐ/TW Điều 12 khoản 1"
    assert row.proposed_level == "good"


def test_a_disciplined_member_is_not_completed(make_member, make_task, make_round, compute):
    member = make_member(name="Hà Kỷ Luật")
    make_task(member, dt.date(Y, 3, 1), outcome="exceeded")
    _discipline(member, self_reported=False)
    row = row_of(compute(_round(make_round)), member)
    row = services.review(actor=None, evaluation=row, general_score=30)
    assert row.metrics["discipline_count"] == 1
    assert rule_line(row, "cap-discipline")["passed"] is False
    assert row.proposed_level == "not_completed"


def test_a_self_found_fault_does_not_cap(make_member, make_task, make_round, compute):
    member = make_member(name="Hà Tự Nhận")
    make_task(member, dt.date(Y, 3, 1), outcome="exceeded")
    _discipline(member, self_reported=True)
    row = row_of(compute(_round(make_round)), member)
    row = services.review(actor=None, evaluation=row, general_score=30)
    assert rule_line(row, "cap-discipline")["passed"] is True
    assert row.proposed_level == "excellent"


def test_discipline_outside_the_period_does_not_count(make_member, make_task, make_round, compute):
    member = make_member(name="Hà Năm Trước")
    make_task(member, dt.date(Y, 3, 1))
    _discipline(member, self_reported=False, on=dt.date(Y - 1, 12, 1))
    row = row_of(compute(_round(make_round)), member)
    assert row.metrics["discipline_count"] == 0


def test_members_admitted_less_than_six_months_are_left_out(
    make_member, make_task, make_round, compute
):
    new = make_member(name="Mới Vào", probationary_date=dt.date(Y, 9, 1))
    old = make_member(name="Vào Lâu", probationary_date=dt.date(Y, 5, 1))
    round = compute(_round(make_round))
    assert row_of(round, new).excluded
    assert "6 tháng" in row_of(round, new).excluded_reason
    assert not row_of(round, old).excluded


def test_the_collective_with_few_targets_done_is_not_completed(
    tree, make_member, make_task, make_round, compute
):
    member = make_member(name="Tổ Chức")
    cell = tree["stc_cell"]
    make_task(member, dt.date(Y, 3, 1), organization=cell)
    make_task(member, dt.date(Y, 4, 1), organization=cell, status="in_progress")
    make_task(member, dt.date(Y, 5, 1), organization=cell, status="in_progress")
    round = compute(_round(make_round, subjects="organizations"))
    row = round.evaluations.get(organization=cell)
    assert row.metrics["done_share"] < 0.5
    assert rule_line(row, "org-cap-targets")["passed"] is False
    assert row.proposed_level == "not_completed"
