"""Last month's resolution reviewed task by task, each task's state read from the task loop
(HD 12: the resolution is carried out)."""

import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.meetings import quality, services
from hatnhan.meetings.models import TaskReview
from hatnhan.tasks import services as task_services

from .conftest import at

pytestmark = pytest.mark.django_db


def test_tasks_of_last_months_resolution_with_their_state(users, held, members, cell):
    services.adopt_resolution(
        actor=users["secretary"],
        meeting=held,
        text="Nghị quyết",
        focus_issues=[
            services.FocusSpec(
                title="Cải cách",
                tasks=[
                    services.TaskSpec(
                        title="Rà soát",
                        expected_result="Báo cáo",
                        owner=members[1],
                        due_date=timezone.localdate() + dt.timedelta(days=3),
                    )
                ],
            )
        ],
    )
    task = services.tasks_of(held).get()
    task_services.start_task(actor=users["secretary"], task=task)
    following = services.schedule_meeting(
        actor=users["secretary"],
        organization=cell,
        planned_start=at(timezone.localdate() + dt.timedelta(days=1)),
        place="Hội trường",
        month=(held.month % 12) + 1,
        year=held.year + (held.month // 12),
    )
    services.record_times(
        actor=users["secretary"],
        meeting=following,
        actual_start=timezone.now() - dt.timedelta(minutes=1),
    )
    reviews = services.review_previous(actor=users["secretary"], meeting=following)
    assert [(r.task_id, r.status) for r in reviews] == [(task.pk, "in_progress")]
    assert TaskReview.objects.filter(meeting=following).count() == 1
    check = next(c for c in quality.computed_checks(following) if c.code == "previous_reviewed")
    assert check.passed and check.facts["tasks"] == 1 and check.facts["reviewed"] == 1
