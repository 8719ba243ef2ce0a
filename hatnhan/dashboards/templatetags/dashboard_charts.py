"""The scorecards' charts and numbers in templates: `{{ value|vn_number:unit }}` and
`{% figure_chart figure previous_card %}` (the chart with its table)."""

from decimal import Decimal

from django import template

from hatnhan.dashboards import numbers, printing
from hatnhan.dashboards.charts import Chart
from hatnhan.dashboards.scorecard import Figure, Scorecard

register = template.Library()


@register.filter
def vn_number(value: Decimal | int | None, unit: str = "") -> str:
    return numbers.vn_number(value, unit)


@register.simple_tag
def figure_chart(figure: Figure, previous: Scorecard | None = None) -> Chart:
    return printing.figure_chart(figure, previous)
