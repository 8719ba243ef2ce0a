"""The heat scale reads in grayscale (each step lighter than the one before) and its labels
read on every step (WCAG contrast ≥ 4.5); the series and outliers differ by more than colour."""

from itertools import pairwise

from hatnhan.dashboards.charts import BAR, SCALE, SCALE_TEXT


def _luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_each_step_is_lighter_than_the_one_before():
    lightness = [_luminance(c) for c in SCALE]
    assert lightness == sorted(lightness)
    # far enough apart to tell neighbours apart on a gray printout
    assert all(b - a > 0.08 for a, b in pairwise(lightness))


def test_labels_are_readable_on_every_step():
    for fill, text in zip(SCALE, SCALE_TEXT, strict=True):
        assert _contrast(fill, text) >= 4.5, (fill, text)


def test_bars_stand_out_from_the_white_plot():
    assert _contrast(BAR, "#ffffff") >= 7
