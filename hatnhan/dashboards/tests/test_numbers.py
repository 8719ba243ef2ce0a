from decimal import Decimal

from hatnhan.dashboards.numbers import vn_number

NB = "\u00a0"


def test_rates_counts_days_and_nothing():
    assert vn_number(Decimal("87.5"), "%") == f"87,5{NB}%"
    assert vn_number(Decimal("100.0"), "%") == f"100{NB}%"
    assert vn_number(1234) == "1.234"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(Decimal("12.25"), "ngày") == f"12,3{NB}ngày"
    assert vn_number(0) == "0"
    assert vn_number(None, "%") == "—"


def test_rounds_half_away_from_zero_not_to_even():
    assert vn_number(Decimal("0.25")) == "0,3"
    assert vn_number(Decimal("0.35")) == "0,4"
    assert vn_number(2.45) == "2,5"  # through str(), not the float's binary value


def test_negative_change_uses_the_minus_sign():
    assert vn_number(Decimal("-2.5"), "%") == f"−2,5{NB}%"
    assert vn_number(Decimal("-0.01")) == "0"
