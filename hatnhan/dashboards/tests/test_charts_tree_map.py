"""The tree coloured by a figure: five equal steps between the smallest and the largest
value, the worst darkest and hatched, the table saying each organization's step."""

from decimal import Decimal

from hatnhan.dashboards.charts import SCALE, TreeNode, scale_steps, tree_map
from hatnhan.dashboards.tests.chartxml import elements, svg, table, table_rows

NB = "\u00a0"
# 0, 25, 50, 75, 100: one organization in each step of width 20.
NODES = [
    TreeNode("Đảng bộ Khối", 0, Decimal(50), "/dashboards/organizations/1/"),
    TreeNode("Đảng bộ Sở Tài chính", 1, Decimal(100), "/dashboards/organizations/2/"),
    TreeNode("Chi bộ Văn phòng", 2, Decimal(0), None),
    TreeNode("Đảng bộ Sở Y tế", 1, Decimal(75), None),
    TreeNode("Đảng bộ Sở Giao thông vận tải", 1, Decimal(25), None),
    TreeNode("Chi bộ mới", 1, None, None),
]


def test_steps_are_equal_parts_of_the_range():
    assert scale_steps([Decimal(0), Decimal(100), None], "higher") == [
        (0, 20),
        (20, 40),
        (40, 60),
        (60, 80),
        (80, 100),
    ]
    assert scale_steps([3, 3], "higher")[0] == (3, 4)  # one value: still five steps
    assert scale_steps([None], "higher") == []


def test_higher_is_better_the_lowest_is_the_worst_step():
    root = svg(tree_map(chart_id="t", title="Đúng hạn", unit="%", better="higher", nodes=NODES))
    tiles = elements(root, "rect", "tile")
    assert [t.get("data-step") for t in tiles] == ["2", "4", "0", "3", "1", ""]
    assert tiles[2].get("fill") == "url(#t-worst)"  # the worst step is hatched
    assert tiles[1].get("fill") == SCALE[4]
    assert tiles[5].get("fill") == "url(#t-none)"  # nothing to count: its own pattern


def test_lower_is_better_turns_the_scale_round():
    root = svg(tree_map(chart_id="t", title="Quá hạn", unit="", better="lower", nodes=NODES))
    assert [t.get("data-step") for t in elements(root, "rect", "tile")] == [
        "2",
        "0",
        "4",
        "1",
        "3",
        "",
    ]


def test_depth_indents_and_links_lead_to_the_organization():
    chart = tree_map(chart_id="t", title="Đúng hạn", unit="%", better="higher", nodes=NODES)
    tiles = elements(svg(chart), "rect", "tile")
    assert [int(t.get("x")) for t in tiles] == [8, 26, 44, 26, 26, 26]
    anchors = [a.get("href") for a in svg(chart).iter("{http://www.w3.org/2000/svg}a")]
    assert anchors == ["/dashboards/organizations/1/", "/dashboards/organizations/2/"]
    assert [a.get("href") for a in table(chart).iter("a")] == anchors


def test_table_has_the_same_numbers_and_steps():
    chart = tree_map(chart_id="t", title="Đúng hạn", unit="%", better="higher", nodes=NODES)
    tiles = elements(svg(chart), "rect", "tile")
    rows = table_rows(chart)
    assert [r[2] for r in rows] == [
        str(int(t.get("data-step")) + 1) if t.get("data-step") else "" for t in tiles
    ]
    assert rows[:3] == [
        ["Đảng bộ Khối", f"50{NB}%", "3"],
        ["— Đảng bộ Sở Tài chính", f"100{NB}%", "5"],
        ["— — Chi bộ Văn phòng", f"0{NB}%", "1"],
    ]
    assert rows[5] == ["— Chi bộ mới", "—", ""]
