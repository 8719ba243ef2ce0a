"""How a figure's number reads: "—" when there is nothing to count, the unit after it."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


@register.simple_tag
def bloc_cell(cell: Any, organization_id: int, org_base: str, query: str) -> str:
    """One cell of the bloc's table, in Python: fifty rows of thirteen figures are most of the
    page's rendering time as template conditions. A count of zero lists nothing, so links
    nowhere; a rate always lists its denominator."""
    text = figure_value(cell.value)
    if cell.value is not None and (cell.value != 0 or cell.definition.unit == "%"):
        url = f"{org_base}{organization_id}/drill/{cell.key}/?{query}"
        text = format_html('<a href="{}">{}</a>', url, text)
    badge = ""
    if cell.verdict == "bad":
        badge = format_html(' <span class="badge badge-red">▼ {}</span>', _("cần xem"))
    elif cell.verdict == "good":
        badge = mark_safe(' <span class="badge badge-ok">▲</span>')
    elif cell.mark:
        badge = mark_safe(' <span class="badge">◆</span>')
    css = f"value outlier-{cell.verdict}" if cell.verdict else "value"
    # data-key: which figure the cell is, for the page's tests and the browser journey
    return format_html('<td class="{}" data-key="{}">{}{}</td>', css, cell.key, text, badge)


@register.filter
def own_prefix(section_key: str) -> str:
    """The ids' prefix of a section's figures: the head's page shows their own tasks above
    their organization's, under the same keys, and an id may appear once on a page."""
    return "own-" if section_key == "own" else ""
