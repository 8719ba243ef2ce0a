"""A name from the record cannot break out of the SVG or its table: markup is text, and the
characters XML cannot hold are dropped."""

import dataclasses
from decimal import Decimal

from hatnhan.dashboards.charts import Bar, TreeNode, comparison_chart, tree_map, trend_chart
from hatnhan.dashboards.tests.chartxml import SVG, svg, table, table_rows
from hatnhan.dashboards.tests.sample import ON_TIME

EVIL = 'Chi bộ "A" & <B></text><script>alert(1)</script>\x01'
SHOWN = 'Chi bộ "A" & <B></text><script>alert(1)</script>'


def _no_markup(root) -> None:
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert "script" not in tags
    assert "B" not in tags


def test_organization_names_are_text_in_the_chart_and_the_table():
    for chart in (
        comparison_chart(chart_id="x", title=EVIL, unit="%", items=[Bar(EVIL, Decimal(5))]),
        tree_map(chart_id="x", title=EVIL, unit="%", better="", nodes=[TreeNode(EVIL, 0, 5)]),
    ):
        root = svg(chart)  # parses: nothing was closed early
        _no_markup(root)
        _no_markup(table(chart))
        assert root.find(f"{SVG}title").text == SHOWN
        assert table_rows(chart)[0][0] == SHOWN
        assert "<script>" not in str(chart)


def test_a_figure_label_is_text_too():
    chart = trend_chart(dataclasses.replace(ON_TIME, label=EVIL), chart_id='"><x')
    root = svg(chart)
    _no_markup(root)
    assert root.find(f"{SVG}title").text == SHOWN
    assert root.get("id") == '"><x-svg'


def test_a_template_writes_the_chart_as_markup_and_its_names_as_text():
    from django.template import Context, Template

    chart = comparison_chart(chart_id="x", title="T", unit="", items=[Bar(EVIL, 1)])
    html = Template("{{ chart }}").render(Context({"chart": chart}))
    assert html.startswith('<figure class="chart" id="x"><svg')
    assert "<script>" not in html and "&lt;script&gt;" in html
