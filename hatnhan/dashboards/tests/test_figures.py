"""Every figure of an organization's scorecard against the hand-counted record of records.py
and conftest.stc_record, for the year 2026 as on 15/06/2026, with the same period a year
before and the trend by month."""

from decimal import Decimal

from hatnhan.dashboards import figures, periods

from .conftest import AS_OF


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
    assert found[f"focus_issue_{stc_record['issue'].pk}"].value == Decimal("50.0")


def test_the_organization_is_named_with_the_tree_above_it(stc_record, tree):
    card = _card(tree["stc"])
    assert card.title == "Đảng bộ Sở Tài chính"
    assert card.subtitle == "Đảng bộ Khối Các cơ quan tỉnh › Sở Tài chính"


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
