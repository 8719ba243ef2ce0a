"""Reads for meetings, through the restriction, with their prefetching."""

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hatnhan.core.restrict import CHANGE, VIEW, can
from hatnhan.organizations.models import Organization

from .models import (
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingDocument,
    MeetingState,
    QualityAssessment,
    Speech,
    TaskReview,
)


def meeting_list(user: Any) -> QuerySet[Meeting]:
    """Before the list's filters (meetings.filters.MeetingFilter)."""
    return (
        Meeting.objects.restrict(user, VIEW)
        .select_related("organization", "chair")
        .annotate(
            invited=Count("attendances", distinct=True),
            present=Count(
                "attendances",
                filter=Q(attendances__status=AttendanceStatus.PRESENT),
                distinct=True,
            ),
        )
        .order_by("-planned_start", "-id")
    )


def meeting_detail(user: Any, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.restrict(user, VIEW).select_related(
            "organization", "organization__parent", "chair", "minutes_taker", "created_by"
        ),
        pk=meeting_id,
    )


def meeting_for_change(user: Any, meeting_id: int) -> Meeting:
    """A meeting the user may see (404 otherwise); the write's service checks CHANGE."""
    return meeting_detail(user, meeting_id)


def attendances(meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("member", "recorded_by__member")
        .order_by("member__sort_key", "id")
    )


def speeches(meeting: Meeting) -> list[Speech]:
    return list(Speech.objects.filter(meeting=meeting).select_related("member"))


def documents(meeting: Meeting) -> list[MeetingDocument]:
    return list(MeetingDocument.objects.filter(meeting=meeting))


def reviews(meeting: Meeting) -> list[TaskReview]:
    return list(TaskReview.objects.filter(meeting=meeting).select_related("task", "task__owner"))


def assessments(meeting: Meeting) -> list[QualityAssessment]:
    return list(
        QualityAssessment.objects.filter(meeting=meeting)
        .select_related("made_by__member")
        .prefetch_related(Prefetch("confirmations"))
        .annotate(
            agreed=Count("confirmations", filter=Q(confirmations__agrees=True)),
            disagreed=Count("confirmations", filter=Q(confirmations__agrees=False)),
        )
    )


def organization_meetings(user: Any, organization_id: int, year: int) -> tuple[Any, list[Meeting]]:
    organization = get_object_or_404(Organization.objects.restrict(user, VIEW), pk=organization_id)
    meetings = list(
        meeting_list(user).filter(organization=organization, year=year).order_by("planned_start")
    )
    return organization, meetings


def next_meeting(user: Any, now: dt.datetime | None = None) -> Meeting | None:
    """The member's next meeting (or the one going on now): the one they are invited to."""
    member_id = getattr(user, "member_id", None)
    if not member_id:
        return None
    now = now or timezone.now()
    return (
        Meeting.objects.filter(
            attendances__member_id=member_id,
            state__in=[MeetingState.PLANNED, MeetingState.HELD],
            planned_start__gte=now - dt.timedelta(hours=6),
        )
        .select_related("organization")
        .order_by("planned_start", "id")
        .first()
    )


def can_change(user: Any, meeting: Meeting) -> bool:
    return can(user, CHANGE, meeting)


def assessment_detail(user: Any, assessment_id: int) -> QualityAssessment:
    return get_object_or_404(
        QualityAssessment.objects.restrict(user, VIEW).select_related("meeting__organization"),
        pk=assessment_id,
    )
