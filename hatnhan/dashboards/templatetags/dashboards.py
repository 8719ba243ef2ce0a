"""How a figure's number reads: "—" when there is nothing to count, the unit after it."""

from decimal import Decimal
from typing import Any

from django import template

from hatnhan.dashboards.numbers import vn_number

register = template.Library()

EMPTY = "—"


@register.filter
def figure_value(value: Decimal | int | None, unit: str = "") -> str:
    # One way of writing a figure on every page, chart and document (numbers.py).
    return vn_number(value, unit)


@register.filter
def change(figure: Any) -> str:
    """The figure against the same period a year before: "+3,5" / "−2" / "" when either is
    missing."""
    if figure.value is None or figure.previous is None:
        return ""
    delta = Decimal(figure.value) - Decimal(figure.previous)
    if delta == 0:
        return "±0"
    return ("+" if delta > 0 else "−") + vn_number(abs(delta))


@register.filter
def change_class(figure: Any) -> str:
    """ "better" / "worse" when the figure moved the way it is judged; "" otherwise."""
    if figure.value is None or figure.previous is None or not figure.better:
        return ""
    delta = Decimal(figure.value) - Decimal(figure.previous)
    if delta == 0:
        return ""
    return "better" if (delta > 0) == (figure.better == "higher") else "worse"
