"""The trend chart: bars for the period's months, the year before as a dashed line, and a
table with the same numbers."""

from decimal import Decimal

from hatnhan.dashboards.charts import trend_chart
from hatnhan.dashboards.numbers import vn_number
from hatnhan.dashboards.tests.chartxml import SVG, elements, svg, table_rows
from hatnhan.dashboards.tests.sample import ON_TIME, ON_TIME_2025, OVERDUE

NB = "\u00a0"


def test_svg_is_an_image_named_by_its_title_and_description():
    chart = trend_chart(ON_TIME, chart_id="c1", previous_trend=ON_TIME_2025)
    root = svg(chart)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Nhiệm vụ hoàn thành đúng hạn"
    assert root.find(f"{SVG}title").get("id") == "c1-title"
    assert "6 tháng" in root.find(f"{SVG}desc").text


def test_bars_are_the_months_with_a_value_and_the_line_the_year_before():
    root = svg(trend_chart(ON_TIME, chart_id="c1", previous_trend=ON_TIME_2025))
    bars = [(b.get("data-month"), b.get("data-value")) for b in elements(root, "rect", "bar")]
    # March 2026 had nothing due: no bar, not a bar of 0.
    assert bars == [
        ("2026-01", "75"),
        ("2026-02", "100"),
        ("2026-04", "50"),
        ("2026-05", "87.5"),
        ("2026-06", "100"),
    ]
    before = [(c.get("data-month"), c.get("data-value")) for c in elements(root, "circle")]
    before = [b for b in before if b[0]]  # the legend's marker carries no data
    assert before == [
        ("2025-03", "66.7"),
        ("2025-04", "80"),
        ("2025-05", "90"),
        ("2025-06", "100"),
    ]
    (line,) = elements(root, "polyline")
    assert line.get("stroke-dasharray")  # dashed: tells the series apart in grayscale


def test_a_rate_is_drawn_on_0_to_100_and_the_bars_heights_follow():
    root = svg(trend_chart(ON_TIME, chart_id="c1"))
    heights = {b.get("data-month"): float(b.get("height")) for b in elements(root, "rect", "bar")}
    plot_h = 240 - 14 - 58
    assert heights["2026-02"] == plot_h
    assert heights["2026-04"] == plot_h / 2
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.endswith("%")]
    assert ticks == [f"0{NB}%", f"25{NB}%", f"50{NB}%", f"75{NB}%", f"100{NB}%"]


def test_table_has_the_same_numbers_as_the_chart():
    chart = trend_chart(ON_TIME, chart_id="c1", previous_trend=ON_TIME_2025)
    root = svg(chart)
    drawn = {
        b.get("data-month"): Decimal(b.get("data-value")) for b in elements(root, "rect", "bar")
    }
    rows = table_rows(chart)
    assert [r[0] for r in rows] == [
        "01/2026",
        "02/2026",
        "03/2026",
        "04/2026",
        "05/2026",
        "06/2026",
    ]
    for month, this_year, _before in rows:
        key = f"{month[3:]}-{month[:2]}"
        assert this_year == (vn_number(drawn[key], "%") if key in drawn else "—")
    assert [r[1] for r in rows] == [
        f"75{NB}%",
        f"100{NB}%",
        "—",
        f"50{NB}%",
        f"87,5{NB}%",
        f"100{NB}%",
    ]
    assert [r[2] for r in rows] == ["—", "—", f"66,7{NB}%", f"80{NB}%", f"90{NB}%", f"100{NB}%"]
    assert chart.rows == tuple(tuple(r) for r in rows)


def test_counts_get_a_whole_axis_above_the_largest_month():
    root = svg(trend_chart(OVERDUE, chart_id="c2"))
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.isdigit()]
    assert ticks == ["0", "1", "2", "3", "4"]
    heights = [float(b.get("height")) for b in elements(root, "rect", "bar")]
    assert heights[3] == 240 - 14 - 58  # April's 4 reaches the top
    assert len(heights) == 6  # a month with 0 overdue is a bar of 0, not a missing month


def test_the_table_laid_across_the_months_keeps_every_number():
    chart = trend_chart(ON_TIME, chart_id="c1", previous_trend=ON_TIME_2025)
    across = chart.across()
    assert across.header == ("Tháng", "T1", "T2", "T3", "T4", "T5", "T6")
    assert across.rows[0] == ("Kỳ này", *(r[1] for r in chart.rows))
    assert across.rows[1] == ("Cùng kỳ năm trước", *(r[2] for r in chart.rows))
    assert table_rows(across) == [list(r) for r in across.rows]


def test_without_the_year_before_there_is_no_line_and_no_column_of_dashes():
    chart = trend_chart(ON_TIME, chart_id="c3")
    root = svg(chart)
    assert elements(root, "polyline") == [] and elements(root, "circle") == []
    assert chart.header == ("Tháng", "Kỳ này")
    assert all(len(r) == 2 for r in table_rows(chart))
    assert "năm trước" not in root.find(f"{SVG}desc").text
    # an empty year before is still a year before: its column says "—"
    assert trend_chart(ON_TIME, chart_id="c4", previous_trend=()).header[-1] == "Cùng kỳ năm trước"
