"""Fixtures for the dashboards: records written directly with the dates given (never today's:
tests must not depend on the day or the hour), and the pre-aggregate refreshed for AS_OF."""

import datetime as dt
from typing import Any

import pytest

from hatnhan.dashboards import services
from hatnhan.directives.models import FocusIssue, Resolution, YearTheme
from hatnhan.members.models import CommitteeSeat
from hatnhan.tasks.models import SourceKind, Task, TaskStatus

from . import records
from .records import at

YEAR = 2026
AS_OF = dt.date(2026, 6, 15)


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


RUBRIC_LEVELS = {"good": 50, "fair": 40, "average": 20}


@pytest.fixture
def stc_record(settings, tree, make_task, make_member, refreshed):
    settings.MEETING_QUALITY = {**settings.MEETING_QUALITY, "levels": RUBRIC_LEVELS}
    cell, stc = tree["stc_cell"], tree["stc"]
    march = dt.date(2026, 3, 31)
    # Due 31/03: on time (3 days to acceptance), late (1 day), still in progress (76 days
    # overdue on 15/06), cancelled (not due).
    make_task(cell, march, submitted=dt.date(2026, 3, 30), accepted=dt.date(2026, 4, 2))
    make_task(cell, march, submitted=dt.date(2026, 4, 5), accepted=dt.date(2026, 4, 6))
    make_task(cell, march, status=TaskStatus.IN_PROGRESS)
    make_task(cell, march, status=TaskStatus.CANCELLED)
    # Due 10/03, an inspection's remediation, not started: 97 days overdue.
    make_task(
        cell,
        dt.date(2026, 3, 10),
        status=TaskStatus.ASSIGNED,
        source_kind=SourceKind.INSPECTION_FINDING,
    )
    make_task(cell, dt.date(2026, 6, 20), status=TaskStatus.ASSIGNED)  # not due yet
    # STC's own: due 15/05, reported 10/05, accepted 20/05 (10 days).
    make_task(
        stc, dt.date(2026, 5, 15), submitted=dt.date(2026, 5, 10), accepted=dt.date(2026, 5, 20)
    )
    # A year before: one on time, one late (each accepted the day after the report).
    make_task(
        cell, dt.date(2025, 3, 15), submitted=dt.date(2025, 3, 14), accepted=dt.date(2025, 3, 15)
    )
    make_task(
        cell, dt.date(2025, 4, 1), submitted=dt.date(2025, 4, 3), accepted=dt.date(2025, 4, 4)
    )
    head = make_member(stc, "Nguyễn Thủ Trưởng")
    CommitteeSeat.objects.create(
        member=head, organization=stc, role="secretary", is_agency_head=True
    )
    records.briefings(stc, head)
    records.meeting(cell, 3, good=True)
    records.meeting(cell, 4, good=False)
    records.meeting(cell, 5, good=False)
    records.case(
        stc, tree["bloc"], closed=False, recorded=[dt.date(2026, 4, 10), dt.date(2026, 4, 20)]
    )
    records.case(stc, tree["bloc"], closed=True, recorded=[dt.date(2026, 5, 5)])
    records.feedback(stc)
    YearTheme.objects.create(
        organization=tree["bloc"], year=2026, title="Kỷ luật, kỷ cương hành chính"
    )
    resolution = Resolution.objects.create(
        organization=stc,
        kind="annual",
        title="Nghị quyết năm 2026",
        adopted_on=dt.date(2026, 1, 5),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    issue = FocusIssue.objects.create(
        resolution=resolution, organization=stc, title="Giải ngân vốn đầu tư công", level="key"
    )
    # The issue's tasks fall due in December: not due by 15/06, so outside the task figures.
    make_task(
        stc,
        dt.date(2026, 12, 31),
        focus_issue=issue,
        submitted=dt.date(2026, 5, 2),
        accepted=dt.date(2026, 5, 3),
    )
    make_task(stc, dt.date(2026, 12, 31), focus_issue=issue, status=TaskStatus.IN_PROGRESS)
    refreshed()
    return {"head": head, "issue": issue}
