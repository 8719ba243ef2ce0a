"""Fixtures for the review: a 2025 round over STC, tasks written directly with the dates
given (never today's: tests must not depend on the time of day)."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hatnhan.evaluations import services
from hatnhan.evaluations.models import Round
from hatnhan.tasks.models import Task, TaskStatus

YEAR = 2025
TODAY = dt.date(2026, 1, 20)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@pytest.fixture(autouse=True)
def _rulebooks(db):
    """The shipped rulebooks, as the data migration loads them: a transactional test's flush
    empties every table, migration data included, for the tests after it."""
    from hatnhan.evaluations.models import Rule, Rulebook
    from hatnhan.evaluations.rulebooks import load

    if not Rulebook.objects.exists():
        load(Rulebook, Rule)


@pytest.fixture
def make_task(tree):
    counter = iter(range(1, 100000))

    def make(
        owner: Any,
        due: dt.date = dt.date(YEAR, 6, 30),
        *,
        outcome: str = "met",
        submitted: dt.date | None = None,
        status: str = TaskStatus.DONE,
        original_due: dt.date | None = None,
        organization: Any = None,
    ) -> Task:
        done = status == TaskStatus.DONE
        sub = submitted or (due if done or status == TaskStatus.AWAITING_ACCEPTANCE else None)
        return Task.objects.create(
            organization=organization or owner.organization,
            title=f"Nhiệm vụ {next(counter)}",
            expected_result="Kết quả",
            owner=owner,
            start_date=dt.date(due.year, 1, 1),
            due_date=due,
            original_due_date=original_due or due,
            status=status,
            outcome=outcome if done else "",
            submitted_at=at(sub) if sub else None,
            accepted_at=at(sub + dt.timedelta(days=1)) if done and sub else None,
        )

    return make


@pytest.fixture
def make_round(tree):
    def make(
        rulebook: str = "qd366-2025",
        *,
        organization: Any = None,
        subjects: str = "members",
        start: dt.date = dt.date(YEAR, 1, 1),
        end: dt.date = dt.date(YEAR, 12, 31),
    ) -> Round:
        return services.create_round(
            actor=None,
            organization=organization or tree["stc"],
            period_start=start,
            period_end=end,
            rulebook=rulebook,
            subjects=subjects,
        )

    return make


@pytest.fixture
def compute():
    def run(round: Round) -> Round:
        return services.compute_round(actor=None, round=round, today=TODAY, background=False)

    return run


def row_of(round: Round, member: Any):
    return round.evaluations.get(member=member)


def rule_line(row: Any, code: str) -> dict:
    return next(e for e in row.explanation if e["rule"] == code)
