"""The meeting's resolution: its focus issues and tasks go into the task loop in one step,
with the meeting as their source (source_kind=MEETING, source_ref "meetings.meeting:<pk>")."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hatnhan.directives.models import FocusIssue, Resolution
from hatnhan.meetings import services
from hatnhan.meetings.models import MeetingResolution
from hatnhan.tasks.models import SourceKind, Task

pytestmark = pytest.mark.django_db


def _spec(owner, title="Rà soát thủ tục", due=None):
    return services.TaskSpec(
        title=title,
        expected_result="Danh sách thủ tục",
        owner=owner,
        due_date=due or timezone.localdate() + dt.timedelta(days=20),
    )


def test_focus_issues_and_tasks_in_one_step(users, held, members):
    adopted = services.adopt_resolution(
        actor=users["secretary"],
        meeting=held,
        text="Nghị quyết",
        focus_issues=[
            services.FocusSpec(
                title="Cải cách", tasks=[_spec(members[1]), _spec(members[2], "Khảo sát")]
            )
        ],
    )
    assert adopted.resolution.organization == held.organization
    assert adopted.resolution.focus_issues.get().title == "Cải cách"
    tasks = Task.objects.filter(source_ref=f"meetings.meeting:{held.pk}")
    assert tasks.count() == 2
    assert {t.source_kind for t in tasks} == {SourceKind.MEETING}
    assert {t.focus_issue.title for t in tasks} == {"Cải cách"}


def test_one_bad_task_refuses_the_whole_resolution(users, held, members):
    """A task due in the past refuses everything, naming its row; nothing is written."""
    with pytest.raises(ValidationError) as error:
        services.adopt_resolution(
            actor=users["secretary"],
            meeting=held,
            text="Nghị quyết",
            focus_issues=[
                services.FocusSpec(
                    title="Cải cách",
                    tasks=[
                        _spec(members[1]),
                        _spec(members[2], due=timezone.localdate() - dt.timedelta(days=1)),
                    ],
                )
            ],
        )
    assert "Vấn đề trọng tâm 1" in error.value.message_dict
    assert "Nhiệm vụ 2" in error.value.message_dict["Vấn đề trọng tâm 1"][0]
    assert not Task.objects.exists()
    assert not Resolution.objects.exists() and not FocusIssue.objects.exists()
    assert not MeetingResolution.objects.exists()


def test_not_before_the_meeting_is_held(users, meeting):
    """A resolution is adopted at the meeting: not for one still planned."""
    with pytest.raises(ValidationError):
        services.adopt_resolution(actor=users["secretary"], meeting=meeting, text="Nghị quyết")
