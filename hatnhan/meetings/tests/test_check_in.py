"""QR check-in (issue 9, Attendance): a short-lived signed code shown by the chair, valid
only within the meeting's window, one check-in per member. Every refusal is a clear
Vietnamese message and writes nothing."""

import datetime as dt

import pytest
from django.core import signing
from django.core.exceptions import ValidationError

from hatnhan.accounts.services import create_user
from hatnhan.audit.models import AuditEvent
from hatnhan.meetings import services
from hatnhan.meetings.models import Attendance, AttendanceStatus, CheckInMethod

pytestmark = pytest.mark.django_db


def _state(meeting):
    return (
        list(Attendance.objects.filter(meeting=meeting).values_list("status", "checked_in_at")),
        AuditEvent.objects.count(),
    )


def _refused(user, meeting, code, now, words):
    before = _state(meeting)
    with pytest.raises(ValidationError) as error:
        services.check_in(actor=user, meeting=meeting, code=code, now=now)
    message = " ".join(error.value.message_dict["code"])
    assert words in message
    assert _state(meeting) == before


def test_a_member_checks_in_with_the_current_code(users, invited):
    """The code on the chair's screen checks the member in, by QR, at that moment."""
    now = invited.planned_start + dt.timedelta(minutes=1)
    row = services.check_in(
        actor=users["member"], meeting=invited, code=services.checkin_code(invited, now), now=now
    )
    assert row.status == AttendanceStatus.PRESENT
    assert row.method == CheckInMethod.QR
    assert row.checked_in_at == now and row.late_minutes == 0


def test_late_arrival_is_recorded(users, invited):
    """Arriving after the grace minutes is recorded as late, by how many minutes."""
    now = invited.planned_start + dt.timedelta(minutes=25)
    row = services.check_in(
        actor=users["member"], meeting=invited, code=services.checkin_code(invited, now), now=now
    )
    assert row.late_minutes == 25


def test_outside_the_meeting_window(users, invited):
    """Before check-in opens (30 minutes ahead by default): refused."""
    now = invited.planned_start - dt.timedelta(hours=2)
    _refused(users["member"], invited, services.checkin_code(invited, now), now, "Ngoài thời gian")


def test_forged_code(users, invited):
    """A code not signed by the server is refused."""
    now = invited.planned_start
    forged = signing.dumps({"m": invited.pk, "p": 1}, key="not-the-secret", salt=services.SALT)
    _refused(users["member"], invited, forged, now, "không hợp lệ")


def test_code_of_another_meeting(users, invited, cell):
    """A genuine code of another meeting does not check in here."""
    other = services.schedule_meeting(
        actor=users["secretary"],
        organization=cell,
        planned_start=invited.planned_start + dt.timedelta(days=3),
        place="Hội trường",
        kind="thematic",
        topic="Chuyên đề",
    )
    now = invited.planned_start
    _refused(users["member"], invited, services.checkin_code(other, now), now, "không hợp lệ")


def test_expired_code(users, invited):
    """A code two rotations old (a photo of the screen sent around) is refused."""
    now = invited.planned_start + dt.timedelta(minutes=10)
    old = services.checkin_code(invited, now - dt.timedelta(seconds=150))
    _refused(users["member"], invited, old, now, "hết hạn")


def test_not_in_the_cell(users, invited, tree, make_member):
    """A member of another cell is refused, even with a genuine code."""
    outsider = create_user(
        actor=None,
        username="syt_member",
        role="member",
        organization=tree["syt_cell"],
        member=make_member(tree["syt_cell"], "Người ngoài chi bộ"),
        password="demo",
        check_password=False,
    )
    now = invited.planned_start
    _refused(outsider, invited, services.checkin_code(invited, now), now, "không thuộc thành phần")


def test_twice(users, invited):
    """One check-in per member: the second is refused and the first time stays."""
    now = invited.planned_start
    services.check_in(
        actor=users["member"], meeting=invited, code=services.checkin_code(invited, now), now=now
    )
    later = now + dt.timedelta(minutes=5)
    _refused(users["member"], invited, services.checkin_code(invited, later), later, "đã điểm danh")
