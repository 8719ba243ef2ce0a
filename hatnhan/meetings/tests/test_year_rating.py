"""A cell's year (HD 12 as scored by provincial blocs): Tốt only if every monthly meeting is
Khá or better and at least 7 are Tốt (a setting); a month without its meeting counts against."""

import pytest
from django.test import override_settings

from hatnhan.meetings import quality


def _rate(levels):
    months = dict.fromkeys(range(1, 13))
    months.update(dict(zip(range(1, 13), levels, strict=False)))
    scores = [95 if level == "good" else 75 for level in levels]
    return quality.rate_year(months, scores)


def test_seven_good_and_the_rest_fair_is_good():
    rating = _rate(["good"] * 7 + ["fair"] * 5)
    assert rating.level == "good" and rating.good == 7


def test_six_good_is_not():
    assert _rate(["good"] * 6 + ["fair"] * 6).level == "fair"


def test_one_average_month_is_not():
    assert _rate(["good"] * 11 + ["average"]).level != "good"


def test_a_missing_month_is_not():
    assert _rate(["good"] * 11).level != "good"


def test_the_seven_is_a_setting():
    rubric = {**quality.rubric(), "year_good_min": 6}
    with override_settings(MEETING_QUALITY=rubric):
        assert _rate(["good"] * 6 + ["fair"] * 6).level == "good"


@pytest.mark.django_db
def test_a_cells_year_from_its_record(users, cell, members):
    """With no meeting held the year is not good (read from the database)."""
    assert quality.year_rating(cell.pk, 2026).level == "poor"


@pytest.mark.django_db
def test_many_cells_in_one_read(held, cell, tree):
    """The year-end round rates every cell of a subtree: each cell's year is its own, read
    with one set of queries for them all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    others = [tree["syt_cell"].pk, tree["stc"].pk]
    with CaptureQueriesContext(connection) as one:
        quality.year_ratings([cell.pk], held.year)
    with CaptureQueriesContext(connection) as three:
        found = quality.year_ratings([cell.pk, *others], held.year)
    assert len(three.captured_queries) == len(one.captured_queries)
    assert found[cell.pk] == quality.year_rating(cell.pk, held.year)
    assert found[cell.pk].months[held.month] is not None
    assert all(set(found[pk].months.values()) == {None} for pk in others)
