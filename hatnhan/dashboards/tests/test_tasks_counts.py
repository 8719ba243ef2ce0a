"""The task counts of the pre-aggregate, against a hand-computed fixture."""

import datetime as dt

from hatnhan.dashboards.models import OrganizationMonth
from hatnhan.tasks.models import SourceKind, TaskStatus

from .conftest import AS_OF


def test_task_counts_by_month(tree, make_task, refreshed):
    cell = tree["stc_cell"]
    march = dt.date(2026, 3, 31)
    make_task(cell, march, submitted=dt.date(2026, 3, 30), accepted=dt.date(2026, 4, 2))  # on time
    make_task(cell, march, submitted=dt.date(2026, 4, 5), accepted=dt.date(2026, 4, 6))  # late
    make_task(cell, march, status=TaskStatus.IN_PROGRESS)  # overdue 76 days on 15/06
    make_task(cell, march, status=TaskStatus.CANCELLED)  # not due
    make_task(
        cell,
        dt.date(2026, 3, 10),
        status=TaskStatus.ASSIGNED,
        source_kind=SourceKind.INSPECTION_FINDING,
    )  # overdue 97 days, remediation
    make_task(cell, dt.date(2026, 6, 20), status=TaskStatus.ASSIGNED)  # not due by 15/06
    refreshed()
    row = OrganizationMonth.objects.get(organization=cell, month=dt.date(2026, 3, 1))
    assert (AS_OF - march).days == 76
    assert row.counts() | {} == row.counts()
    assert (row.tasks_due, row.tasks_done, row.tasks_on_time) == (4, 2, 1)
    assert (row.tasks_overdue, row.tasks_overdue_days, row.remediation_overdue) == (2, 173, 1)
    assert (row.acceptance_count, row.acceptance_days) == (2, 4)
    assert not OrganizationMonth.objects.filter(month=dt.date(2026, 6, 1)).exists()
