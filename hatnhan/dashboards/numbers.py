"""Figures written the Vietnamese way, in both languages of the interface (as dates are,
hatnhan/formats): decimal comma, a dot between thousands, one decimal at most, the unit after
a no-break space ("87,5 %", "1.234", "12 ngày"), "—" for nothing to count. Every page, chart
and document of the dashboards writes its numbers through `vn_number`, so a figure reads the
same on the screen, on paper and in Word.

The pages' own filter (templatetags/dashboards.figure_value) is this function too.

The unit stays on the line of its number (U+00A0): a table cell or a chart's label that
wraps between "87,5" and "%" misreads as two values."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

NBSP = "\u00a0"
DASH = "—"


def rounded(value: Decimal | int | float) -> Decimal:
    """The value as shown: one decimal, half away from zero (87,45 → 87,5), not Python's
    banker's rounding, which would turn 0,25 into 0,2 on one page and 0,3 in Excel."""
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def vn_number(value: Decimal | int | float | None, unit: str = "") -> str:
    if value is None:
        return DASH
    number = rounded(value)
    negative = number < 0
    whole, _dot, tenth = f"{abs(number):.1f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join([whole, *groups])
    if tenth != "0":
        text = f"{text},{tenth}"
    if negative and (text != "0"):
        text = f"−{text}"  # the minus sign, not a hyphen that could break the line
    if unit == "ngày":  # a word, so translated ("12 days"); "%" is the same in both languages
        return (_("%(n)s ngày") % {"n": text}).replace(" ", NBSP)
    return f"{text}{NBSP}{unit}" if unit else text
