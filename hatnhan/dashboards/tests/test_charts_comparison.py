"""Organizations side by side on one figure: bars in the given order, outliers hatched and
marked, the table with the same numbers and each organization's link."""

from decimal import Decimal

from hatnhan.dashboards.charts import Bar, comparison_chart
from hatnhan.dashboards.numbers import vn_number
from hatnhan.dashboards.tests.chartxml import SVG, elements, svg, table, table_rows

NB = "\u00a0"
ITEMS = [
    Bar("Đảng bộ Sở Tài chính", Decimal("92.5"), "/dashboards/organizations/1/"),
    Bar("Đảng bộ Sở Y tế", Decimal(80), "/dashboards/organizations/2/"),
    Bar("Đảng bộ Sở Giao thông vận tải", Decimal(40), "/dashboards/organizations/3/", True),
    Bar("Chi bộ Văn phòng", None, None),
]


def test_bars_follow_the_order_and_the_values():
    chart = comparison_chart(chart_id="b", title="Đúng hạn", unit="%", items=ITEMS)
    root = svg(chart)
    assert root.get("role") == "img"
    bars = elements(root, "rect", "bar")
    assert [b.get("data-value") for b in bars] == ["92.5", "80", "40"]
    # 0..100 over the plot's 640 − 230 − 70 = 340 units
    assert [float(b.get("width")) for b in bars] == [314.5, 272.0, 136.0]


def test_the_outlier_is_marked_by_pattern_and_sign_not_colour_alone():
    root = svg(comparison_chart(chart_id="b", title="Đúng hạn", unit="%", items=ITEMS))
    (outlier,) = elements(root, "rect", "outlier")
    assert outlier.get("fill") == "url(#b-hatch)"
    assert root.find(f"{SVG}defs/{SVG}pattern").get("id") == "b-hatch"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert f"40{NB}% !" in texts
    assert f"80{NB}%" in texts


def test_table_has_the_same_numbers_and_the_links():
    chart = comparison_chart(chart_id="b", title="Đúng hạn", unit="%", items=ITEMS)
    drawn = [Decimal(b.get("data-value")) for b in elements(svg(chart), "rect", "bar")]
    rows = table_rows(chart)
    assert [r[1] for r in rows[:3]] == [vn_number(v, "%") for v in drawn]
    assert rows == [
        ["Đảng bộ Sở Tài chính", f"92,5{NB}%", ""],
        ["Đảng bộ Sở Y tế", f"80{NB}%", ""],
        ["Đảng bộ Sở Giao thông vận tải", f"40{NB}%", "Có"],
        ["Chi bộ Văn phòng", "—", ""],
    ]
    links = [a.get("href") for a in table(chart).iter("a")]
    assert links == [i.url for i in ITEMS[:3]]


def test_a_long_name_is_shortened_on_the_chart_but_whole_in_its_title_and_table():
    name = "Đảng bộ Trung tâm Phục vụ hành chính công và Xúc tiến đầu tư tỉnh"
    chart = comparison_chart(chart_id="b", title="Quá hạn", unit="", items=[Bar(name, 3)])
    label = next(t for t in svg(chart).iter(f"{SVG}text") if t.find(f"{SVG}title") is not None)
    assert label.find(f"{SVG}title").text == name
    assert label.find(f"{SVG}title").tail.endswith("…")
    assert table_rows(chart)[0][0] == name
