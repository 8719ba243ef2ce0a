"""The quality of a meeting (Hướng dẫn 12-HD/BTCTW; durations of Chỉ thị 50-CT/TW and HD 42).

Where the record holds the fact, the check is computed from it and shows the facts it read;
those checks carry points inside their part of the rubric. People score the rest of each part
(QualityAssessment). The rubric, its points and every threshold are settings
(settings.MEETING_QUALITY), so a bloc that scores differently changes configuration, not code.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from hatnhan.core.expressions import InIds
from hatnhan.tasks.models import SourceKind, Task

from .models import (
    MINUTES_PARTS,
    AssessmentKind,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingBody,
    MeetingDocument,
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


def check_excused_streak(meeting: Meeting, rows: list[Attendance], facts: "Facts") -> Check:
    """HD 12: no member absent with excuse more than 3 times in a row in the year."""
    limit = rubric()["excused_streak_max"]
    excused_now = {r.member_id: r.member for r in rows if r.status == AttendanceStatus.EXCUSED}
    worst: dict[int, int] = {}
    key = (meeting.organization_id, meeting.body, meeting.year)
    for member_id in excused_now:
        streak = 0
        for planned, status in facts.history.get((*key, member_id), []):
            if planned > meeting.planned_start:
                break
            streak = streak + 1 if status == AttendanceStatus.EXCUSED else 0
            worst[member_id] = max(worst.get(member_id, 0), streak)
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


def check_committee_met_first(meeting: Meeting, committee_meeting: Meeting | None) -> Check:
    """HD 12: the cell committee meets first to prepare."""
    met_on = meeting.committee_met_on
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


def check_previous_reviewed(
    meeting: Meeting,
    minutes: Minutes | None,
    previous: Meeting | None,
    tasks: int,
    reviewed: int,
) -> Check:
    """HD 12: the resolution is carried out — last month's reviewed, task by task."""
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


@dataclass
class Facts:
    """What the checks read, for a set of meetings at once: a fixed number of queries
    however many meetings (a year's calendar rates twelve of them)."""

    attendances: dict[int, list[Attendance]] = field(default_factory=dict)
    minutes: dict[int, Minutes] = field(default_factory=dict)
    speakers: dict[int, int] = field(default_factory=dict)
    documents: dict[int, int] = field(default_factory=dict)
    reviewed: dict[int, int] = field(default_factory=dict)
    previous: dict[int, Meeting | None] = field(default_factory=dict)
    previous_tasks: dict[int, int] = field(default_factory=dict)
    committee: dict[int, Meeting | None] = field(default_factory=dict)
    # (organization, body, year, member) -> [(planned start, status)] in order.
    history: dict[tuple[Any, ...], list[tuple[dt.datetime, str]]] = field(default_factory=dict)
    assessments: dict[int, QualityAssessment | None] = field(default_factory=dict)


def load_facts(meetings: list[Meeting]) -> Facts:
    facts = Facts()
    ids = [m.pk for m in meetings]
    if not ids:
        return facts
    orgs = {m.organization_id for m in meetings}
    for row in (
        Attendance.objects.filter(meeting_id__in=ids).select_related("member").order_by("id")
    ):
        facts.attendances.setdefault(row.meeting_id, []).append(row)
    facts.minutes = {m.meeting_id: m for m in Minutes.objects.filter(meeting_id__in=ids)}
    facts.speakers = dict(
        Speech.objects.filter(meeting_id__in=ids)
        .values("meeting_id")
        .annotate(n=Count("member_id", distinct=True))
        .values_list("meeting_id", "n")
    )
    facts.documents = dict(
        MeetingDocument.objects.filter(meeting_id__in=ids)
        .values("meeting_id")
        .annotate(n=Count("id"))
        .values_list("meeting_id", "n")
    )
    facts.reviewed = dict(
        TaskReview.objects.filter(meeting_id__in=ids)
        .values("meeting_id")
        .annotate(n=Count("id"))
        .values_list("meeting_id", "n")
    )
    others = list(Meeting.objects.filter(organization_id__in=orgs).order_by("planned_start", "id"))
    for meeting in meetings:
        earlier = [
            o
            for o in others
            if o.organization_id == meeting.organization_id
            and o.pk != meeting.pk
            and o.planned_start < meeting.planned_start
        ]
        regular = [o for o in earlier if o.body == meeting.body and o.kind == MeetingKind.REGULAR]
        facts.previous[meeting.pk] = regular[-1] if regular else None
        committee = [
            o
            for o in earlier
            if meeting.body == MeetingBody.CELL
            and o.body == MeetingBody.COMMITTEE
            and o.state in (MeetingState.HELD, MeetingState.CLOSED)
            and o.planned_start >= meeting.planned_start - dt.timedelta(days=31)
        ]
        facts.committee[meeting.pk] = committee[-1] if committee else None
    refs = {p.ref: p.pk for p in facts.previous.values() if p is not None}
    if refs:
        counted = (
            Task.objects.filter(source_kind=SourceKind.MEETING, source_ref__in=list(refs))
            .values("source_ref")
            .annotate(n=Count("id"))
            .values_list("source_ref", "n")
        )
        facts.previous_tasks = {refs[ref]: n for ref, n in counted}
    years = {m.year for m in meetings}
    for member_id, status, org, body, year, planned in (
        Attendance.objects.filter(meeting__organization_id__in=orgs, meeting__year__in=years)
        .order_by("meeting__planned_start", "meeting_id")
        .values_list(
            "member_id",
            "status",
            "meeting__organization_id",
            "meeting__body",
            "meeting__year",
            "meeting__planned_start",
        )
    ):
        facts.history.setdefault((org, body, year, member_id), []).append((planned, status))
    rows = sorted(
        QualityAssessment.objects.filter(meeting_id__in=ids),
        key=lambda a: (a.kind == AssessmentKind.SUPERIOR, a.made_at, a.pk),
    )
    for row in rows:
        facts.assessments[row.meeting_id] = row
    return facts


def computed_checks(meeting: Meeting, facts: Facts | None = None) -> list[Check]:
    """Every check the record answers, with the points each carries when passed."""
    facts = facts or load_facts([meeting])
    rows = facts.attendances.get(meeting.pk, [])
    minutes = facts.minutes.get(meeting.pk)
    present = sum(1 for r in rows if r.status == AttendanceStatus.PRESENT)
    previous = facts.previous.get(meeting.pk)
    checks = [
        check_documents_ahead(meeting, facts.documents.get(meeting.pk, 0)),
        check_committee_met_first(meeting, facts.committee.get(meeting.pk)),
        check_draft_resolution(meeting),
        check_attendance_rate(meeting, rows),
        check_excused_streak(meeting, rows, facts),
        check_duration(meeting),
        check_speakers(meeting, facts.speakers.get(meeting.pk, 0), present),
        check_previous_reviewed(
            meeting,
            minutes,
            previous,
            facts.previous_tasks.get(previous.pk, 0) if previous else 0,
            facts.reviewed.get(meeting.pk, 0),
        ),
        check_minutes_complete(meeting, minutes),
    ]
    points = rubric()["check_points"]
    for check in checks:
        check.part, check.points = points.get(check.code, ("", 0))
    return checks


def assess(
    meeting: Meeting, people: dict[str, int] | None = None, facts: Facts | None = None
) -> Result:
    """The score: the points of the passed checks plus the points people gave."""
    checks = computed_checks(meeting, facts)
    computed = sum(c.points for c in checks if c.passed)
    people = people or {}
    score = min(100, computed + sum(people.values()))
    return Result(
        score=score, level=level_for(score), checks=checks, computed=computed, people=people
    )


def latest_assessment(meeting: Meeting) -> QualityAssessment | None:
    """The superior member's assessment if there is one, else the committee's latest."""
    return load_facts([meeting]).assessments.get(meeting.pk)


def meeting_result(meeting: Meeting, facts: Facts | None = None) -> Result:
    """The quality now: the computed checks with the latest people's points."""
    facts = facts or load_facts([meeting])
    latest = facts.assessments.get(meeting.pk)
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
    return assess(meeting, people, facts)


@dataclass
class YearRating:
    level: str
    months: dict[int, str | None]
    good: int
    required_good: int


def year_rating(organization_id: int, year: int) -> YearRating:
    """A cell's year: Tốt only if every month's regular meeting is Khá or better and at least
    7 are Tốt (a setting); a month without its meeting counts as Kém."""
    return year_ratings([organization_id], year)[organization_id]


def year_ratings(organization_ids: Iterable[int], year: int) -> dict[int, YearRating]:
    """:func:`year_rating` of each cell, with one read of their meetings and facts for them
    all (the year-end round rates every cell of a subtree)."""
    ids = list(organization_ids)
    meetings = list(
        Meeting.objects.filter(
            InIds("organization_id", ids),
            body=MeetingBody.CELL,
            kind=MeetingKind.REGULAR,
            year=year,
            state__in=[MeetingState.HELD, MeetingState.CLOSED],
        )
    )
    facts = load_facts(meetings)
    held: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        held[meeting.organization_id].append(meeting)
    out = {}
    for pk in ids:
        months: dict[int, str | None] = dict.fromkeys(range(1, 13))
        scores: list[int] = []
        for meeting in held[pk]:
            result = meeting_result(meeting, facts)
            months[meeting.month] = result.level
            scores.append(result.score)
        out[pk] = rate_year(months, scores)
    return out


def rate_year(months: dict[int, str | None], scores: list[int]) -> YearRating:
    """The year's level from each month's (None: no meeting held that month)."""
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
