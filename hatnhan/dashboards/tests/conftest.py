"""Fixtures for the dashboards: records written directly with the dates given (never today's:
tests must not depend on the day or the hour), and the pre-aggregate refreshed for AS_OF."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hatnhan.dashboards import services
from hatnhan.tasks.models import Task, TaskStatus

YEAR = 2026
AS_OF = dt.date(2026, 6, 15)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def make_task(tree, make_member):
    counter = iter(range(1, 100000))
    owners: dict[int, Any] = {}

    def make(
        organization: Any = None,
        due: dt.date = dt.date(YEAR, 3, 31),
        *,
        status: str = TaskStatus.DONE,
        submitted: dt.date | None = None,
        accepted: dt.date | None = None,
        owner: Any = None,
        source_kind: str = "",
        **extra: Any,
    ) -> Task:
        organization = organization or tree["stc_cell"]
        if owner is None:
            if organization.pk not in owners:
                owners[organization.pk] = make_member(organization, f"Chủ Trì {organization.pk}")
            owner = owners[organization.pk]
        done = status == TaskStatus.DONE
        return Task.objects.create(
            organization=organization,
            title=f"Nhiệm vụ {next(counter)}",
            expected_result="Kết quả",
            owner=owner,
            start_date=dt.date(due.year, 1, 1),
            due_date=due,
            original_due_date=due,
            status=status,
            outcome="met" if done else "",
            submitted_at=at(submitted) if submitted else None,
            accepted_at=at(accepted) if accepted else None,
            cancelled_at=at(due) if status == TaskStatus.CANCELLED else None,
            cancel_reason="Không còn cần" if status == TaskStatus.CANCELLED else "",
            source_kind=source_kind,
            **extra,
        )

    return make


@pytest.fixture
def refreshed():
    def run(as_of: dt.date = AS_OF) -> None:
        services.refresh(
            organizations=None,
            months=services.kept_months(as_of),
            as_of=as_of,
        )

    return run
