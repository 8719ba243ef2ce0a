"""Scheduling refusals, each naming its field (Chỉ thị 50-CT/TW, HD 42: a regular meeting each
month; a thematic one each quarter that never replaces the month's regular one)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.meetings import services
from hatnhan.meetings.models import Meeting, MeetingBody, MeetingKind

pytestmark = pytest.mark.django_db


def _refused(field, **values):
    before = (Meeting.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        services.schedule_meeting(**values)
    assert field in error.value.message_dict
    assert (Meeting.objects.count(), AuditEvent.objects.count()) == before
    return error.value.message_dict[field][0]


def test_overlap_with_another_meeting_of_the_same_cell(users, cell, meeting, start):
    """A meeting that overlaps another of the same cell is refused, naming the start."""
    message = _refused(
        "planned_start",
        actor=users["secretary"],
        organization=cell,
        planned_start=start + dt.timedelta(minutes=60),
        place="Hội trường",
        kind=MeetingKind.THEMATIC,
        topic="Chuyên đề",
    )
    assert "Trùng thời gian" in message


def test_thematic_marked_as_the_months_regular_one(users, cell, start):
    """Chỉ thị 50 / HD 42: a thematic meeting never stands in for the month's regular one."""
    message = _refused(
        "month",
        actor=users["secretary"],
        organization=cell,
        planned_start=start,
        place="Hội trường",
        kind=MeetingKind.THEMATIC,
        topic="Chuyên đề",
        month=start.month,
    )
    assert "không thay thế" in message


def test_a_second_regular_meeting_for_the_same_month(users, cell, meeting, start):
    """One regular meeting per month and cell."""
    _refused(
        "month",
        actor=users["secretary"],
        organization=cell,
        planned_start=start + dt.timedelta(days=7),
        place="Hội trường",
    )


def test_a_whole_cell_meeting_of_an_organization_with_cells(users, tree, start):
    """A grassroots organization with sub-cells meets as its committee; members meet in cells."""
    _refused(
        "body",
        actor=users["secretary"],
        organization=tree["stc"],
        planned_start=start,
        place="Hội trường",
        body=MeetingBody.CELL,
    )


def test_end_before_start(users, meeting):
    """The actual end must come after the actual start (refused naming actual_end)."""
    with pytest.raises(ValidationError) as error:
        services.record_times(
            actor=users["secretary"],
            meeting=meeting,
            actual_start=meeting.planned_start - dt.timedelta(days=1),
            actual_end=meeting.planned_start - dt.timedelta(days=1, minutes=10),
        )
    assert "actual_end" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.actual_start is None


def test_the_other_organizations_secretary_cannot_schedule(users, cell, start):
    """Scheduling needs CHANGE on the organization (its secretary, committee or bloc staff)."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.schedule_meeting(
            actor=users["other"], organization=cell, planned_start=start, place="Hội trường"
        )


def test_actual_times_far_from_the_plan(users, meeting):
    """A meeting held on another week is rescheduled first; one lasting over a day is a typo."""
    with pytest.raises(ValidationError) as error:
        services.record_times(
            actor=users["secretary"],
            meeting=meeting,
            actual_start=meeting.planned_start - dt.timedelta(days=30),
        )
    assert "actual_start" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.record_times(
            actor=users["secretary"],
            meeting=meeting,
            actual_start=meeting.planned_start - dt.timedelta(days=1),
            actual_end=meeting.planned_start + dt.timedelta(days=1),
        )
    assert "actual_end" in error.value.message_dict
