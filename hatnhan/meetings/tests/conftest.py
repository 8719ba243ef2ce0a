"""Fixtures for the meeting tests: a cell with members (one with an account) and a meeting."""

import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.accounts.services import create_user
from hatnhan.meetings import services


def at(day: dt.date, hour: int = 14, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def cell(tree):
    return tree["stc_cell"]


@pytest.fixture
def members(users, make_member, cell):
    """The cell's members: the `member` user's own plus three more, one of them with an
    account (`second`)."""
    own = users["member"].member
    others = [
        make_member(cell, "Lê Văn Cường"),
        make_member(cell, "Phạm Thị Dung", email="dung@example.vn"),
        make_member(cell, "Võ Văn Em"),
    ]
    return [own, *others]


@pytest.fixture
def second_user(members, cell):
    user = create_user(
        actor=None,
        username="stc_member2",
        role="member",
        organization=cell,
        member=members[1],
        password="demo",
        check_password=False,
    )
    user.email = "cuong@example.vn"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def start():
    """Tomorrow 14:00 local time."""
    return at(timezone.localdate() + dt.timedelta(days=1))


@pytest.fixture
def meeting(users, cell, members, start):
    return services.schedule_meeting(
        actor=users["secretary"],
        organization=cell,
        planned_start=start,
        place="Phòng họp tầng 2",
        planned_minutes=120,
        chair=members[0],
    )


@pytest.fixture
def invited(users, meeting):
    services.send_invitation(actor=users["secretary"], meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def hold(secretary, meeting, members, *, minutes: int = 100, present=None):
    """Invite, tick everyone present (or `present` of them; the rest excused) and record the
    actual times (`minutes` long, from the planned start)."""
    services.send_invitation(actor=secretary, meeting=meeting)
    chosen = members if present is None else present
    for member in members:
        if member in chosen:
            services.record_attendance(
                actor=secretary, meeting=meeting, member=member, status="present"
            )
        else:
            services.record_attendance(
                actor=secretary, meeting=meeting, member=member, status="excused", reason="Ốm"
            )
    services.record_times(
        actor=secretary,
        meeting=meeting,
        actual_start=meeting.planned_start,
        actual_end=meeting.planned_start + dt.timedelta(minutes=minutes),
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def past_meeting(users, cell, members):
    """Last month's regular meeting, planned a week ago (held by the tests that need it).

    It serves the month before this one whatever today is: a week ago is this month from the
    8th on, and this month's regular meeting is `meeting`'s (tomorrow's) to hold."""
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    return services.schedule_meeting(
        actor=users["secretary"],
        organization=cell,
        planned_start=at(today - dt.timedelta(days=7)),
        place="Hội trường",
        year=last_month.year,
        month=last_month.month,
        chair=members[0],
    )


@pytest.fixture
def held(users, past_meeting, members):
    return hold(users["secretary"], past_meeting, members)
