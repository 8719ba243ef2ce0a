"""What the home page (portal, which may read every app) shows of meetings: the member's next
meeting with its documents and last month's resolution; for those who lead, the coming
meetings in reach and what is overdue (a cell without last month's meeting, a meeting past its
time and not recorded as held)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from hatnhan.core.restrict import CHANGE, VIEW, reach
from hatnhan.organizations.models import Organization

from . import selectors, services
from .models import (
    Meeting,
    MeetingBody,
    MeetingDocument,
    MeetingKind,
    MeetingResolution,
    MeetingState,
)
from .reminders import CELL_KINDS, last_periods

CALENDAR_ROWS = 8


@dataclass
class NextMeeting:
    meeting: Meeting
    can_check_in: bool
    documents: list[MeetingDocument]
    previous_resolution: MeetingResolution | None
    previous_tasks: list[Any] = field(default_factory=list)


@dataclass
class LeaderMeetings:
    coming: list[Meeting]
    not_held: list[Meeting]
    missing: list[Organization]
    missing_month: str


def next_for_member(user: Any, now: dt.datetime) -> NextMeeting | None:
    meeting = selectors.next_meeting(user, now)
    if meeting is None:
        return None
    previous = services.previous_meeting(meeting)
    resolution = MeetingResolution.objects.filter(meeting=previous).first() if previous else None
    tasks = (
        list(services.tasks_of(previous).select_related("owner").order_by("due_date")[:10])
        if resolution
        else []
    )
    attended = meeting.attendances.filter(member_id=user.member_id).values_list("status", flat=True)
    return NextMeeting(
        meeting=meeting,
        can_check_in=services.in_window(meeting, now) and "present" not in attended,
        documents=list(meeting.documents.all()),
        previous_resolution=resolution,
        previous_tasks=tasks,
    )


def for_leader(user: Any, now: dt.datetime) -> LeaderMeetings | None:
    if not reach(user, CHANGE):
        return None
    mine = Meeting.objects.restrict(user, CHANGE).select_related("organization")
    coming = list(
        mine.filter(state=MeetingState.PLANNED, planned_start__gte=now).order_by("planned_start")[
            :CALENDAR_ROWS
        ]
    )
    not_held = list(
        mine.filter(
            state=MeetingState.PLANNED, planned_start__lt=now - dt.timedelta(hours=12)
        ).order_by("-planned_start")[:CALENDAR_ROWS]
    )
    (year, month, _end), _quarter = last_periods(timezone.localdate(now))
    cells = Organization.objects.restrict(user, CHANGE).filter(kind__in=CELL_KINDS, is_active=True)
    held = Meeting.objects.filter(
        body=MeetingBody.CELL,
        kind=MeetingKind.REGULAR,
        year=year,
        month=month,
        state__in=[MeetingState.HELD, MeetingState.CLOSED],
    ).values("organization_id")
    missing = list(cells.exclude(pk__in=held).order_by("path")[:CALENDAR_ROWS])
    return LeaderMeetings(
        coming=coming, not_held=not_held, missing=missing, missing_month=f"{month}/{year}"
    )


def home(user: Any, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    return {
        "next": next_for_member(user, now) if reach(user, VIEW) or user.member_id else None,
        "leader": for_leader(user, now),
    }
