"""Which organizations stand out on a figure, by one documented rule (written on the page):
with at least MIN_VALUES values, a value beyond 1.5 interquartile ranges below the first
quartile or above the third is an outlier. The quartiles are the "inclusive" ones
(statistics.quantiles, method="inclusive": linear interpolation between the sorted values,
the same as a spreadsheet's QUARTILE.INC), so a small bloc can be checked by hand."""

import statistics
from collections.abc import Sequence
from decimal import Decimal

MIN_VALUES = 4
FACTOR = Decimal("1.5")

LOW, HIGH = "low", "high"


def fences(values: Sequence[Decimal | int]) -> tuple[Decimal, Decimal] | None:
    """(lower fence, upper fence); None with fewer than MIN_VALUES values."""
    if len(values) < MIN_VALUES:
        return None
    q1, _, q3 = statistics.quantiles([Decimal(v) for v in values], n=4, method="inclusive")
    iqr = q3 - q1
    return q1 - FACTOR * iqr, q3 + FACTOR * iqr


def marks(values: Sequence[Decimal | int | None]) -> list[str]:
    """For each value: LOW, HIGH, or "" (not an outlier, or no value)."""
    limits = fences([v for v in values if v is not None])
    if limits is None:
        return ["" for _ in values]
    low, high = limits
    return ["" if v is None else LOW if v < low else HIGH if v > high else "" for v in values]


def verdict(mark: str, better: str) -> str:
    """ "bad" for an outlier on the figure's worse side, "good" on its better side, "" for a
    neutral figure's outlier or none."""
    if not mark or not better:
        return ""
    worse = LOW if better == "higher" else HIGH
    return "bad" if mark == worse else "good"
