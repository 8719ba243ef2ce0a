"""The secretary ticks attendance by hand (HD 12: present, excused with reason, unexcused)."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.meetings import services
from hatnhan.meetings.models import AttendanceStatus, CheckInMethod

pytestmark = pytest.mark.django_db


def test_present_by_the_secretary(users, invited, members):
    row = services.record_attendance(
        actor=users["secretary"],
        meeting=invited,
        member=members[2],
        status="present",
        late_minutes=15,
    )
    assert row.method == CheckInMethod.SECRETARY and row.late_minutes == 15


def test_excused_needs_a_reason(users, invited, members):
    """HD 12 tells excused from unexcused absence: an excuse names its reason."""
    with pytest.raises(ValidationError) as error:
        services.record_attendance(
            actor=users["secretary"], meeting=invited, member=members[2], status="excused"
        )
    assert "reason" in error.value.message_dict
    row = services.record_attendance(
        actor=users["secretary"],
        meeting=invited,
        member=members[2],
        status="excused",
        reason="Đi công tác",
    )
    assert row.status == AttendanceStatus.EXCUSED


def test_late_only_when_present(users, invited, members):
    with pytest.raises(ValidationError) as error:
        services.record_attendance(
            actor=users["secretary"],
            meeting=invited,
            member=members[2],
            status="unexcused",
            late_minutes=5,
        )
    assert "late_minutes" in error.value.message_dict


def test_a_member_cannot_tick_others(users, invited, members):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.record_attendance(
            actor=users["member"], meeting=invited, member=members[2], status="present"
        )
