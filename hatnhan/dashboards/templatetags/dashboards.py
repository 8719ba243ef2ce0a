"""How a figure's number reads: "—" when there is nothing to count, the unit after it."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

EMPTY = "—"


@register.filter
def figure_value(value: Decimal | int | None, unit: str = "") -> str:
    if value is None:
        return EMPTY
    text = number_format(value, decimal_pos=1 if isinstance(value, Decimal) else None)
    if unit == "%":
        return f"{text}%"
    if unit == "ngày":
        return _("%(n)s ngày") % {"n": text}
    return text


@register.filter
def change(figure: Any) -> str:
    """The figure against the same period a year before: "+3,5" / "−2" / "" when either is
    missing."""
    if figure.value is None or figure.previous is None:
        return ""
    delta = Decimal(figure.value) - Decimal(figure.previous)
    if delta == 0:
        return "±0"
    text = number_format(abs(delta), decimal_pos=1 if delta != delta.to_integral() else 0)
    return ("+" if delta > 0 else "−") + text


@register.filter
def change_class(figure: Any) -> str:
    """ "better" / "worse" when the figure moved the way it is judged; "" otherwise."""
    if figure.value is None or figure.previous is None or not figure.better:
        return ""
    delta = Decimal(figure.value) - Decimal(figure.previous)
    if delta == 0:
        return ""
    return "better" if (delta > 0) == (figure.better == "higher") else "worse"
