"""A cell's year (HD 12 as scored by provincial blocs): Tốt only if every monthly meeting is
Khá or better and at least 7 are Tốt (a setting); a month without its meeting counts against."""

import datetime as dt

import pytest

from hatnhan.meetings import quality

pytestmark = pytest.mark.django_db


class _Result:
    def __init__(self, level, score):
        self.level, self.score = level, score


def _year(monkeypatch, levels):
    from hatnhan.meetings.models import Meeting

    meetings = [Meeting(month=m, kind="regular") for m in range(1, len(levels) + 1)]
    by_month = dict(zip(range(1, 13), levels, strict=False))

    class _Query(list):
        pass

    monkeypatch.setattr(quality.Meeting.objects, "filter", lambda **kw: _Query(meetings))
    monkeypatch.setattr(
        quality,
        "meeting_result",
        lambda m: _Result(by_month[m.month], 95 if by_month[m.month] == "good" else 75),
    )
    return quality.year_rating(1, dt.date.today().year)


def test_seven_good_and_the_rest_fair_is_good(monkeypatch):
    rating = _year(monkeypatch, ["good"] * 7 + ["fair"] * 5)
    assert rating.level == "good" and rating.good == 7


def test_six_good_is_not(monkeypatch):
    assert _year(monkeypatch, ["good"] * 6 + ["fair"] * 6).level == "fair"


def test_one_average_month_is_not(monkeypatch):
    assert _year(monkeypatch, ["good"] * 11 + ["average"]).level != "good"


def test_a_missing_month_is_not(monkeypatch):
    assert _year(monkeypatch, ["good"] * 11).level != "good"
