"""Fixtures for discipline tests: a full and a probationary member of the STC cell, and
`decide(...)`, a decision with everything but what the test is about filled in."""

import datetime as dt

import pytest

from hatnhan.discipline import services

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def full_member(make_member, tree):
    return make_member(
        tree["stc_cell"],
        "Lê Văn Chính",
        probationary_date=dt.date(2010, 1, 5),
        full_membership_date=dt.date(2011, 1, 5),
    )


@pytest.fixture
def probationary(make_member, tree):
    return make_member(tree["stc_cell"], "Hồ Thị Dự", probationary_date=dt.date(2025, 9, 1))


@pytest.fixture
def decide(users, tree):
    counter = iter(range(1, 10_000))

    def make(**values):
        values.setdefault("deciding_body", tree["stc"])
        # The bloc's own staff decide for the bloc; STC's secretary for STC.
        bloc = values["deciding_body"] == tree["bloc"]
        values.setdefault("actor", users["staff"] if bloc else users["secretary"])
        values.setdefault("number", f"{next(counter):02d}-QĐ/ĐU")
        values.setdefault("decided_on", DAY)
        values.setdefault("form", "reprimand")
        values.setdefault("reason", "Vi phạm quy chế làm việc")
        return services.record_decision(**values)

    return make
