"""A hand-counted record for Đảng bộ Sở Tài chính (STC) and its cell, written straight into the
tables with fixed dates, as on AS_OF (15/06/2026). What each figure must read is in the
docstring of each builder; test_figures.py checks the scorecard against those counts."""

import datetime as dt
from typing import Any

from django.utils import timezone

from hatnhan.briefings.models import Briefing, BriefingDuty, BriefingKind, BriefingStatus
from hatnhan.feedback.models import FeedbackReport, Status
from hatnhan.inspections.models import Body, Case, Finding, ItemKind, Step
from hatnhan.meetings.models import (
    AssessmentKind,
    Meeting,
    MeetingKind,
    MeetingState,
    QualityAssessment,
    QualityLevel,
)
from hatnhan.meetings.quality import people_max


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def briefings(organization: Any, head: Any) -> BriefingDuty:
    """A monthly duty from 01/01/2026, due 10 days after each month: by 15/06 five periods are
    due (January's on 10/02 … May's on 10/06). January's filed 05/02 (on time), February's
    15/03 (late); the rest missing. Due 5, on time 1 (20,0%); by due month Feb 1/1, Mar 0/1,
    Apr, May, Jun 0/1."""
    duty = BriefingDuty.objects.create(
        organization=organization,
        head=head,
        frequency="monthly",
        due_days_after_period=10,
        starts_on=dt.date(2026, 1, 1),
    )
    for start, end, due, filed in [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31), dt.date(2026, 2, 10), dt.date(2026, 2, 5)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28), dt.date(2026, 3, 10), dt.date(2026, 3, 15)),
    ]:
        Briefing.objects.create(
            duty=duty,
            organization=organization,
            kind=BriefingKind.PERIODIC,
            status=BriefingStatus.SUBMITTED,
            period_start=start,
            period_end=end,
            due_date=due,
            head=head,
            results="Kết quả",
            submitted_at=at(filed),
        )
    return duty


def meeting(cell: Any, month: int, *, good: bool) -> Meeting:
    start = timezone.make_aware(dt.datetime(2026, month, 5, 14, 0))
    m = Meeting.objects.create(
        organization=cell,
        kind=MeetingKind.REGULAR,
        year=2026,
        month=month,
        quarter=(month - 1) // 3 + 1,
        place="Phòng họp",
        planned_start=start,
        state=MeetingState.HELD,
        actual_start=start,
        actual_end=start + dt.timedelta(minutes=120),
    )
    if good:
        # The people's points at their maximum: 50 with this bare record (Tốt under the
        # tests' rubric, test_figures.RUBRIC); without them it scores 15 (Kém).
        points = people_max()
        QualityAssessment.objects.create(
            meeting=m,
            kind=AssessmentKind.SUPERIOR,
            level=QualityLevel.GOOD,
            score=100,
            **{
                part: points.get(part, 0)
                for part in ("preparation", "attendance", "conduct", "closing")
            },
        )
    return m


def case(subject: Any, above: Any, *, closed: bool, recorded: list[dt.date]) -> Case:
    c = Case.objects.create(
        organization=above,
        body=Body.INSPECTION_COMMITTEE,
        kind=ItemKind.THEMATIC_INSPECTION,
        subject_organization=subject,
        title="Kiểm tra kỷ luật, kỷ cương hành chính",
        step=Step.CLOSED if closed else Step.FINDINGS,
        closed_on=dt.date(2026, 5, 30) if closed else None,
    )
    for n, day in enumerate(recorded):
        Finding.objects.create(
            case=c, title=f"Phát hiện {n}", severity="minor", recorded_at=at(day)
        )
    return c


def feedback(organization: Any) -> list[FeedbackReport]:
    """Received in March: A answered 10/03 by its limit 20/03, substantiated; B answered 02/04
    after its limit 25/03; C limit 20/06 not reached, unanswered (not due yet). Received in
    April: D limit 30/04 passed unanswered. Received 4, due an answer 3, in time 1 (33,3%),
    substantiated 1."""
    rows = [
        ("A", dt.date(2026, 3, 2), dt.date(2026, 3, 20), dt.date(2026, 3, 10), True),
        ("B", dt.date(2026, 3, 5), dt.date(2026, 3, 25), dt.date(2026, 4, 2), False),
        ("C", dt.date(2026, 3, 28), dt.date(2026, 6, 20), None, None),
        ("D", dt.date(2026, 4, 1), dt.date(2026, 4, 30), None, None),
    ]
    return [
        FeedbackReport.objects.create(
            organization=organization,
            receipt_code=f"PA-{code}",
            secret_hash="!",
            category="harassment",
            description="Đòi bổ sung giấy tờ ngoài quy định",
            status=Status.ANSWERED if answered else Status.TRIAGED,
            received_on=received,
            triage_due=received + dt.timedelta(days=3),
            answer_due=due,
            answered_on=answered,
            substantiated=substantiated,
        )
        for code, received, due, answered, substantiated in rows
    ]
