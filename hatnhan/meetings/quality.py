"""The quality of a meeting (Hướng dẫn 12-HD/BTCTW; durations of Chỉ thị 50-CT/TW and HD 42).

Where the record holds the fact, the check is computed from it and shows the facts it read;
those checks carry points inside their part of the rubric. People score the rest of each part
(QualityAssessment). The rubric, its points and every threshold are settings
(settings.MEETING_QUALITY), so a bloc that scores differently changes configuration, not code.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from .models import (
    MINUTES_PARTS,
    AssessmentKind,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingBody,
    MeetingKind,
    MeetingState,
    Minutes,
    QualityAssessment,
    QualityLevel,
    Speech,
    TaskReview,
)

LEVEL_ORDER = [QualityLevel.POOR, QualityLevel.AVERAGE, QualityLevel.FAIR, QualityLevel.GOOD]


def rubric() -> dict[str, Any]:
    return settings.MEETING_QUALITY


@dataclass
class Check:
    code: str
    passed: bool
    facts: dict[str, Any]
    part: str = ""
    points: int = 0
    label: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "passed": self.passed, "facts": self.facts}


@dataclass
class Result:
    score: int
    level: str
    checks: list[Check]
    computed: int
    people: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "level": self.level,
            "checks": [c.as_dict() for c in self.checks],
        }


def level_for(score: int) -> str:
    """Tốt ≥ 90, Khá 70–< 90, Trung bình 50–< 70, Kém < 50 (by default; a setting)."""
    levels = rubric()["levels"]
    if score >= levels["good"]:
        return QualityLevel.GOOD
    if score >= levels["fair"]:
        return QualityLevel.FAIR
    if score >= levels["average"]:
        return QualityLevel.AVERAGE
    return QualityLevel.POOR


def people_max() -> dict[str, int]:
    """The points people give per part: the part's points less those its checks carry."""
    parts = dict(rubric()["parts"])
    for part, points in rubric()["check_points"].values():
        parts[part] -= points
    return {part: max(0, points) for part, points in parts.items()}


def _local(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else None


def _start(meeting: Meeting) -> dt.datetime:
    return meeting.actual_start or meeting.planned_start


def check_attendance_rate(meeting: Meeting, rows: list[Attendance]) -> Check:
    """HD 12: attendance above 85 % with no unexcused absence."""
    invited = len(rows)
    present = sum(1 for r in rows if r.status == AttendanceStatus.PRESENT)
    excused = sum(1 for r in rows if r.status == AttendanceStatus.EXCUSED)
    unexcused = sum(1 for r in rows if r.status == AttendanceStatus.UNEXCUSED)
    rate = round(100 * present / invited, 1) if invited else 0.0
    threshold = rubric()["attendance_rate_above"]
    return Check(
        "attendance_rate",
        invited > 0 and rate > threshold and unexcused == 0,
        {
            "invited": invited,
            "present": present,
            "excused": excused,
            "unexcused": unexcused,
            "rate_percent": rate,
            "required_above_percent": threshold,
        },
    )


def check_excused_streak(meeting: Meeting, rows: list[Attendance]) -> Check:
    """HD 12: no member absent with excuse more than 3 times in a row in the year."""
    limit = rubric()["excused_streak_max"]
    excused_now = {r.member_id: r.member for r in rows if r.status == AttendanceStatus.EXCUSED}
    worst: dict[int, int] = {}
    if excused_now:
        history = (
            Attendance.objects.filter(
                member_id__in=excused_now,
                meeting__organization_id=meeting.organization_id,
                meeting__body=meeting.body,
                meeting__year=meeting.year,
                meeting__planned_start__lte=meeting.planned_start,
            )
            .order_by("member_id", "meeting__planned_start", "meeting_id")
            .values_list("member_id", "status")
        )
        streak: dict[int, int] = {}
        for member_id, status in history:
            streak[member_id] = streak.get(member_id, 0) + 1 if status == "excused" else 0
            worst[member_id] = max(worst.get(member_id, 0), streak[member_id])
    over = sorted(excused_now[m].full_name for m, n in worst.items() if n > limit)
    return Check(
        "excused_streak",
        not over,
        {
            "longest_streak": max(worst.values(), default=0),
            "allowed": limit,
            "members_over": over,
        },
    )


def check_duration(meeting: Meeting) -> Check:
    """Chỉ thị 50 / HD 42: at least 90 minutes, 120 with a thematic part."""
    thematic = meeting.kind == MeetingKind.THEMATIC or meeting.has_thematic_part
    required = rubric()["min_minutes_thematic" if thematic else "min_minutes"]
    minutes = meeting.actual_minutes
    return Check(
        "duration",
        minutes is not None and minutes >= required,
        {
            "actual_start": _local(meeting.actual_start),
            "actual_end": _local(meeting.actual_end),
            "minutes": minutes,
            "required_minutes": required,
            "thematic": thematic,
        },
    )


def check_documents_ahead(meeting: Meeting, documents: int) -> Check:
    """HD 42: documents reach members at least one day ahead."""
    days = rubric()["documents_days_ahead"]
    sent = meeting.documents_sent_at
    if sent is None and documents == 0:
        sent = None
    ahead = (_start(meeting) - sent) if sent else None
    return Check(
        "documents_ahead",
        ahead is not None and ahead >= dt.timedelta(days=days),
        {
            "documents": documents,
            "documents_sent_at": _local(sent),
            "invitation_sent_at": _local(meeting.invitation_sent_at),
            "start": _local(_start(meeting)),
            "hours_ahead": round(ahead.total_seconds() / 3600, 1) if ahead else None,
            "required_days": days,
        },
    )


def check_committee_met_first(meeting: Meeting) -> Check:
    """HD 12: the cell committee meets first to prepare."""
    met_on = meeting.committee_met_on
    committee_meeting = None
    if meeting.body == MeetingBody.CELL:
        committee_meeting = (
            Meeting.objects.filter(
                organization_id=meeting.organization_id,
                body=MeetingBody.COMMITTEE,
                state__in=[MeetingState.HELD, MeetingState.CLOSED],
                planned_start__lt=meeting.planned_start,
                planned_start__gte=meeting.planned_start - dt.timedelta(days=31),
            )
            .order_by("-planned_start")
            .first()
        )
    start_day = timezone.localdate(_start(meeting))
    passed = (met_on is not None and met_on <= start_day) or committee_meeting is not None
    if meeting.body == MeetingBody.COMMITTEE:
        passed = True  # the committee's own meeting has no committee before it
    return Check(
        "committee_met_first",
        passed,
        {
            "committee_met_on": met_on.strftime("%d/%m/%Y") if met_on else None,
            "committee_meeting": str(committee_meeting) if committee_meeting else None,
            "body": meeting.body,
        },
    )


def check_draft_resolution(meeting: Meeting) -> Check:
    """HD 12: a draft resolution is ready before the meeting."""
    ready = meeting.draft_ready_at
    return Check(
        "draft_resolution",
        bool(meeting.draft_resolution) and ready is not None and ready <= _start(meeting),
        {"draft_ready_at": _local(ready), "has_draft": bool(meeting.draft_resolution)},
    )


def check_speakers(meeting: Meeting, speakers: int, present: int) -> Check:
    """HD 12: many members speak."""
    required = rubric()["min_speakers"]
    return Check(
        "speakers",
        speakers >= min(required, max(present, 1)),
        {"speakers": speakers, "present": present, "required": required},
    )


def check_minutes_complete(meeting: Meeting, minutes: Minutes | None) -> Check:
    """HD 12: complete minutes — every part written and the actual times."""
    missing = [p for p in MINUTES_PARTS if not (minutes and getattr(minutes, p).strip())]
    if meeting.actual_start is None:
        missing.append("actual_start")
    if meeting.actual_end is None:
        missing.append("actual_end")
    return Check("minutes_complete", not missing, {"missing": missing})


def check_previous_reviewed(meeting: Meeting, minutes: Minutes | None) -> Check:
    """HD 12: the resolution is carried out — last month's reviewed, task by task."""
    from .services import previous_meeting, tasks_of

    previous = previous_meeting(meeting)
    tasks = tasks_of(previous).count() if previous else 0
    reviewed = TaskReview.objects.filter(meeting=meeting).count()
    written = bool(minutes and minutes.previous_review.strip())
    passed = previous is None or (written and reviewed >= tasks)
    return Check(
        "previous_reviewed",
        passed,
        {
            "previous_meeting": str(previous) if previous else None,
            "tasks": tasks,
            "reviewed": reviewed,
            "review_written": written,
        },
    )


def computed_checks(meeting: Meeting) -> list[Check]:
    """Every check the record answers, with the points each carries when passed."""
    rows = list(Attendance.objects.filter(meeting=meeting).select_related("member").order_by("id"))
    minutes = Minutes.objects.filter(meeting=meeting).first()
    present = sum(1 for r in rows if r.status == AttendanceStatus.PRESENT)
    speakers = Speech.objects.filter(meeting=meeting).values("member_id").distinct().count()
    documents = meeting.documents.count()
    checks = [
        check_documents_ahead(meeting, documents),
        check_committee_met_first(meeting),
        check_draft_resolution(meeting),
        check_attendance_rate(meeting, rows),
        check_excused_streak(meeting, rows),
        check_duration(meeting),
        check_speakers(meeting, speakers, present),
        check_previous_reviewed(meeting, minutes),
        check_minutes_complete(meeting, minutes),
    ]
    points = rubric()["check_points"]
    for check in checks:
        check.part, check.points = points.get(check.code, ("", 0))
    return checks


def assess(meeting: Meeting, people: dict[str, int] | None = None) -> Result:
    """The score: the points of the passed checks plus the points people gave."""
    checks = computed_checks(meeting)
    computed = sum(c.points for c in checks if c.passed)
    people = people or {}
    score = min(100, computed + sum(people.values()))
    return Result(
        score=score, level=level_for(score), checks=checks, computed=computed, people=people
    )


def latest_assessment(meeting: Meeting) -> QualityAssessment | None:
    """The superior member's assessment if there is one, else the committee's latest."""
    rows = sorted(
        QualityAssessment.objects.filter(meeting=meeting),
        key=lambda a: (a.kind == AssessmentKind.SUPERIOR, a.made_at, a.pk),
    )
    return rows[-1] if rows else None


def meeting_result(meeting: Meeting) -> Result:
    """The quality now: the computed checks with the latest people's points."""
    latest = latest_assessment(meeting)
    people = (
        {
            "preparation": latest.preparation,
            "attendance": latest.attendance,
            "conduct": latest.conduct,
            "closing": latest.closing,
        }
        if latest
        else {}
    )
    return assess(meeting, people)


@dataclass
class YearRating:
    level: str
    months: dict[int, str | None]
    good: int
    required_good: int


def year_rating(organization_id: int, year: int) -> YearRating:
    """A cell's year: Tốt only if every month's regular meeting is Khá or better and at least
    7 are Tốt (a setting); a month without its meeting counts as Kém."""
    meetings = Meeting.objects.filter(
        organization_id=organization_id,
        body=MeetingBody.CELL,
        kind=MeetingKind.REGULAR,
        year=year,
        state__in=[MeetingState.HELD, MeetingState.CLOSED],
    )
    months: dict[int, str | None] = dict.fromkeys(range(1, 13))
    scores: list[int] = []
    for meeting in meetings:
        result = meeting_result(meeting)
        months[meeting.month] = result.level
        scores.append(result.score)
    required = rubric()["year_good_min"]
    good = sum(1 for level in months.values() if level == QualityLevel.GOOD)
    all_fair = all(
        level is not None and LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(QualityLevel.FAIR)
        for level in months.values()
    )
    if all_fair and good >= required:
        level = QualityLevel.GOOD
    else:
        average = sum(scores) / 12 if scores else 0
        level = min(level_for(int(average)), QualityLevel.FAIR, key=LEVEL_ORDER.index)
    return YearRating(level=level, months=months, good=good, required_good=required)
