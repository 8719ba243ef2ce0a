"""Fixtures for the votes tests: the STC-NS cell's held meeting with full members present,
two of whom have accounts (the `member` user and a second voter), and vote makers."""

import datetime as dt

import pytest

from hatnhan.accounts.services import create_user
from hatnhan.meetings.models import Attendance, AttendanceStatus
from hatnhan.meetings.tests.word_meeting import held_meeting
from hatnhan.members.models import Member
from hatnhan.votes import services

FULL = dt.date(2006, 5, 19)


@pytest.fixture
def meeting(tree, make_member, users):
    """Present: the chair, the minutes' secretary, one more, the `member` user's member and
    `voter`'s; all full members (probationary members do not vote)."""
    found = held_meeting(tree, make_member, present=3)
    Attendance.objects.create(
        meeting=found, member=users["member"].member, status=AttendanceStatus.PRESENT
    )
    Member.objects.filter(organization=tree["stc_cell"]).update(full_membership_date=FULL)
    return found


@pytest.fixture
def voter(tree, make_member, meeting):
    member = make_member(tree["stc_cell"], "Đỗ Văn Phiếu", full_membership_date=FULL)
    Attendance.objects.create(meeting=meeting, member=member, status=AttendanceStatus.PRESENT)
    return create_user(
        actor=None,
        username="stc_voter",
        role="member",
        organization=tree["stc_cell"],
        member=member,
        password="demo",
        check_password=False,
    )


@pytest.fixture
def secret(meeting, users, voter):
    return services.open_secret_ballot(
        actor=users["secretary"], meeting=meeting, question="Thông qua nghị quyết tháng 12"
    )
