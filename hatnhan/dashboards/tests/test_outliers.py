"""The outlier rule written on the page: beyond 1.5 IQR of the inclusive quartiles, with at
least four values; judged bad or good by the figure's direction."""

from decimal import Decimal

from hatnhan.dashboards.outliers import HIGH, LOW, fences, marks, verdict


def test_fewer_than_four_values_mark_nothing():
    assert marks([Decimal(0), Decimal(50), None, Decimal(100)]) == ["", "", "", ""]


def test_fences_by_hand():
    # Sorted 10, 80, 82, 84, 86, 88: Q1 = 80.5, Q3 = 85.5 (inclusive), IQR = 5,
    # fences 73 and 93.
    assert fences([80, 82, 84, 86, 88, 10]) == (Decimal("73.0"), Decimal("93.0"))
    assert marks([80, 82, 84, None, 86, 88, 10]) == ["", "", "", "", "", "", LOW]
    assert marks([80, 82, 84, 86, 88, 100]) == ["", "", "", "", "", HIGH]


def test_a_value_on_the_fence_is_not_an_outlier():
    # 1, 2, 3, 4: Q1 = 1.75, Q3 = 3.25, IQR = 1.5, fences -0.5 and 5.5.
    assert marks([1, 2, 3, 4]) == ["", "", "", ""]
    assert fences([1, 2, 3, 4]) == (Decimal("-0.5"), Decimal("5.5"))


def test_verdict_follows_the_direction():
    assert verdict(LOW, "higher") == "bad" and verdict(HIGH, "higher") == "good"
    assert verdict(HIGH, "lower") == "bad" and verdict(LOW, "lower") == "good"
    assert verdict(HIGH, "") == "" and verdict("", "higher") == ""
