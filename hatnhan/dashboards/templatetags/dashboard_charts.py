"""The scorecards' charts and numbers in templates: `{{ value|vn_number:unit }}` and
`{% figure_chart figure %}` (the chart with its table; the dashed line is the figure's months
a year before, `Figure.previous_trend`)."""

from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse

from hatnhan.dashboards import numbers, printing
from hatnhan.dashboards.charts import Bar, Chart, TreeNode, comparison_chart, tree_map
from hatnhan.dashboards.scorecard import Figure

register = template.Library()


@register.filter
def vn_number(value: Decimal | int | None, unit: str = "") -> str:
    return numbers.vn_number(value, unit)


@register.simple_tag
def figure_chart(figure: Figure, prefix: str = "") -> Chart | str:
    """The figure's trend chart with its table laid across the months (three rows beside the
    figure rather than a row per month); nothing when no month has anything (every month
    "—" or 0: the figure's own cell already says it). `prefix` keeps the ids apart where a
    page shows a key twice (the head's own tasks above their organization's)."""
    if not any(m.value for m in figure.trend):
        return ""
    return printing.figure_chart(figure, prefix=prefix).across()


def _scorecard_url(organization_id: int, query: str) -> str:
    return f"{reverse('dashboards:organization', args=[organization_id])}?{query}"


@register.simple_tag
def bloc_comparison(bloc: Any, query: str) -> Chart:
    """The organizations of the bloc's table on its sorted figure (else the map's), in the
    table's order, outliers (outliers.py's rule, either side) hatched and marked."""
    keys = [d.key for d in bloc.columns]
    key = bloc.sort or bloc.color.key
    i = keys.index(key)
    d = bloc.columns[i]
    bars = [
        Bar(
            row.organization.name,
            row.cells[i].value,
            _scorecard_url(row.organization.pk, query),
            bool(row.cells[i].mark),
        )
        for row in bloc.rows
    ]
    return comparison_chart(chart_id="bloc-compare", title=str(d.label), unit=d.unit, items=bars)


@register.simple_tag
def bloc_tree_map(bloc: Any, query: str) -> Chart:
    """The map of the tree (bloc.tree, to its shown depth) coloured by the chosen figure."""
    nodes: list[TreeNode] = []
    stack = [bloc.tree]
    while stack:  # pre-order, children in the tree's order
        node = stack.pop()
        url = _scorecard_url(node.organization.pk, query)
        nodes.append(TreeNode(node.organization.name, node.level, node.value, url))
        stack.extend(reversed(node.children))
    d = bloc.color
    return tree_map(
        chart_id="bloc-map", title=str(d.label), unit=d.unit, better=d.better, nodes=nodes
    )
