"""One check-in per member even when the same member scans twice at once (two phones, a
double tap): the meeting row's lock serializes them and the second is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import run_concurrently
from hatnhan.meetings import services
from hatnhan.meetings.models import Attendance, AttendanceStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_check_ins_of_one_member(users, cell, members):
    start = timezone.now() - dt.timedelta(minutes=5)
    meeting = services.schedule_meeting(
        actor=users["secretary"], organization=cell, planned_start=start, place="Hội trường"
    )
    services.send_invitation(actor=users["secretary"], meeting=meeting)
    code = services.checkin_code(meeting)
    results = run_concurrently(
        lambda: services.check_in(actor=users["member"], meeting=meeting, code=code),
        lambda: services.check_in(actor=users["member"], meeting=meeting, code=code),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results
    row = Attendance.objects.get(meeting=meeting, member=users["member"].member)
    assert row.status == AttendanceStatus.PRESENT
    assert AuditEvent.objects.filter(action="meeting.check_in").count() == 1
