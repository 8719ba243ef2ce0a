"""A chart of nothing still parses, says so, and its table shows dashes."""

import dataclasses
import datetime as dt

from hatnhan.dashboards.charts import Bar, comparison_chart, tree_map, trend_chart
from hatnhan.dashboards.scorecard import MonthValue
from hatnhan.dashboards.tests.chartxml import SVG, elements, svg, table_rows
from hatnhan.dashboards.tests.sample import ON_TIME, OVERDUE_AGE


def _says_no_data(root) -> bool:
    return any(t.get("class") == "no-data" for t in root.iter(f"{SVG}text"))


def test_trend_without_months():
    chart = trend_chart(OVERDUE_AGE, chart_id="e1")
    root = svg(chart)
    assert _says_no_data(root)
    assert elements(root, "rect", "bar") == []
    assert table_rows(chart) == []


def test_trend_whose_months_are_all_none():
    figure = dataclasses.replace(
        ON_TIME, trend=tuple(MonthValue(dt.date(2026, m, 1), None) for m in (1, 2, 3))
    )
    chart = trend_chart(figure, chart_id="e2", previous_trend=())
    root = svg(chart)
    assert _says_no_data(root)
    assert elements(root, "rect", "bar") == []
    assert [r[1:] for r in table_rows(chart)] == [["—", "—"]] * 3


def test_comparison_and_tree_map_of_nothing():
    for chart in (
        comparison_chart(chart_id="e3", title="Tỷ lệ", unit="%", items=[]),
        comparison_chart(chart_id="e4", title="Tỷ lệ", unit="%", items=[Bar("A", None)]),
        tree_map(chart_id="e5", title="Tỷ lệ", unit="%", better="higher", nodes=[]),
    ):
        root = svg(chart)
        assert _says_no_data(root)
        assert elements(root, "rect", "bar") == []
