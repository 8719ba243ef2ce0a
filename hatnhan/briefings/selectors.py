"""Reads for briefing duties and briefings, through the restriction; the year's schedule of
a duty with each period's state, a head's record for the year-end evaluation, and what the
home page shows (the briefing calendar, what is overdue)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from hatnhan.core.restrict import CHANGE, VIEW

from .models import Briefing, BriefingDuty, BriefingKind, BriefingStatus, Conclusion
from .schedule import Period, duty_periods, periods_due_between


def duty_list(user: Any) -> QuerySet[BriefingDuty]:
    """Before the list's filters (briefings.filters.DutyFilter)."""
    return (
        BriefingDuty.objects.restrict(user, VIEW)
        .select_related("organization", "head", "seat")
        .order_by("organization__path")
    )


def duty_detail(user: Any, duty_id: int) -> BriefingDuty:
    return get_object_or_404(
        BriefingDuty.objects.restrict(user, VIEW).select_related("organization", "head", "seat"),
        pk=duty_id,
    )


def briefing_list(user: Any) -> QuerySet[Briefing]:
    """Before the list's filters (briefings.filters.BriefingFilter)."""
    return (
        Briefing.objects.restrict(user, VIEW)
        .select_related("organization", "head", "submitted_by__member")
        .order_by("-due_date", "-id")
    )


def briefing_detail(user: Any, briefing_id: int) -> Briefing:
    return get_object_or_404(
        Briefing.objects.restrict(user, VIEW)
        .select_related(
            "organization",
            "duty__head",
            "duty__seat",
            "head",
            "submitted_by__member",
            "requested_by__member",
            "acknowledged_by__member",
            "meeting",
        )
        .prefetch_related(
            "files",
            Prefetch(
                "conclusions",
                queryset=Conclusion.objects.select_related("task__owner").order_by(
                    "position", "id"
                ),
            ),
        ),
        pk=briefing_id,
    )


def conclusion_detail(user: Any, conclusion_id: int, action: str = VIEW) -> Conclusion:
    return get_object_or_404(
        Conclusion.objects.restrict(user, action).select_related(
            "briefing__organization", "briefing__duty", "task"
        ),
        pk=conclusion_id,
    )


# --- a duty's schedule ------------------------------------------------------------------------
class PeriodState:
    UPCOMING = "upcoming"  # not due yet, not filed
    ON_TIME = "on_time"
    LATE = "late"  # filed after its due date
    MISSING = "missing"  # due date passed, nothing filed


@dataclass
class ScheduledBriefing:
    """One briefing owed: a period of the schedule or a request, with what was filed."""

    kind: str
    period_start: dt.date
    period_end: dt.date
    due: dt.date
    briefing: Briefing | None
    state: str
    duty: BriefingDuty | None = None


def _state(due: dt.date, briefing: Briefing | None, today: dt.date) -> str:
    filed = briefing.submitted_on if briefing is not None else None
    if filed is None:
        return PeriodState.MISSING if due < today else PeriodState.UPCOMING
    return PeriodState.ON_TIME if filed <= due else PeriodState.LATE


def schedule(
    duty: BriefingDuty, year: int, today: dt.date, briefings: list[Briefing]
) -> list[ScheduledBriefing]:
    """Every briefing the duty owed in `year`: its periods (QĐ 138 Art. 11) and the
    committee's requests due that year, each with its state on `today`. `briefings` are the
    duty's briefings (read once by the caller)."""
    periodic = {b.period_start: b for b in briefings if b.kind == BriefingKind.PERIODIC}
    rows = [
        ScheduledBriefing(
            BriefingKind.PERIODIC,
            p.start,
            p.end,
            p.due,
            periodic.get(p.start),
            _state(p.due, periodic.get(p.start), today),
            duty,
        )
        for p in duty_periods(duty, year)
    ]
    rows += [
        ScheduledBriefing(
            BriefingKind.REQUESTED,
            b.period_start,
            b.period_end,
            b.due_date,
            b,
            _state(b.due_date, b, today),
            duty,
        )
        for b in briefings
        if b.kind == BriefingKind.REQUESTED and b.due_date.year == year
    ]
    return sorted(rows, key=lambda r: (r.due, r.kind))


def duty_schedule(duty: BriefingDuty, year: int, today: dt.date) -> list[ScheduledBriefing]:
    briefings = list(Briefing.objects.filter(duty=duty).select_related("submitted_by__member"))
    return schedule(duty, year, today, briefings)


# --- a head's record for the year-end evaluation -------------------------------------------
@dataclass
class BriefingRecord:
    """A head's briefings owed in a year, as the evaluation reads them: `due` owed by
    `today` (periods and requests whose due date has passed, or filed already), of which
    `on_time`, `late` (filed after the due date) and `missing` (not filed)."""

    year: int
    due: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    rows: list[ScheduledBriefing] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def head_record(head_id: int, year: int, *, today: dt.date) -> BriefingRecord:
    """The record of member `head_id` as agency head in `year` (QĐ 138 Art. 11): every duty
    they head now (its missing periods are theirs), and briefings they filed under a duty
    headed by someone else since. Read by the year-end evaluation; two queries."""
    duties = list(BriefingDuty.objects.filter(head_id=head_id).select_related("organization"))
    briefings = list(
        Briefing.objects.filter(
            head_id=head_id, due_date__year__gte=year - 1, due_date__year__lte=year + 1
        )
        | Briefing.objects.filter(duty__in=duties)
    )
    record = BriefingRecord(year=year)
    by_duty: dict[int, list[Briefing]] = {}
    for b in briefings:
        by_duty.setdefault(b.duty_id, []).append(b)
    rows: list[ScheduledBriefing] = []
    for duty in duties:
        rows += [
            r
            for r in schedule(duty, year, today, by_duty.pop(duty.pk, []))
            if r.briefing is None or r.briefing.head_id == head_id
        ]
    # Filed by this head under a duty now headed by another (the head changed).
    for others in by_duty.values():
        rows += [
            ScheduledBriefing(
                b.kind, b.period_start, b.period_end, b.due_date, b, _state(b.due_date, b, today)
            )
            for b in others
            if b.head_id == head_id and b.due_date.year == year
        ]
    for row in rows:
        if row.state == PeriodState.UPCOMING:
            continue
        record.due += 1
        if row.state == PeriodState.ON_TIME:
            record.on_time += 1
        elif row.state == PeriodState.LATE:
            record.late += 1
        else:
            record.missing += 1
    record.rows = sorted(rows, key=lambda r: r.due)
    return record


# --- the home page ----------------------------------------------------------------------------
@dataclass
class HomeBriefings:
    calendar: list[ScheduledBriefing]  # owed in the coming days, not filed yet
    overdue: list[ScheduledBriefing]  # due date passed, not filed (recent ones)
    awaiting: list[Briefing]  # filed, waiting for the committee's acknowledgment


def home(
    user: Any, *, today: dt.date, ahead_days: int = 60, behind_days: int = 180
) -> HomeBriefings | None:
    """For those who lead organizations (CHANGE): the briefings owed in the next
    `ahead_days`, those overdue within `behind_days`, and those waiting for acknowledgment.
    None for whoever leads none. A fixed number of queries."""
    duties = list(
        BriefingDuty.objects.restrict(user, CHANGE)
        .filter(is_active=True)
        .select_related("organization", "head")
    )
    if not duties:
        return None
    first, last = today - dt.timedelta(days=behind_days), today + dt.timedelta(days=ahead_days)
    briefings = list(
        Briefing.objects.filter(
            duty__in=duties, due_date__gte=first - dt.timedelta(days=200)
        ).select_related("organization", "head")
    )
    filed = {(b.duty_id, b.period_start) for b in briefings if b.kind == BriefingKind.PERIODIC}
    calendar: list[ScheduledBriefing] = []
    overdue: list[ScheduledBriefing] = []
    for duty in duties:
        for p in periods_due_between(duty, first, last):
            if (duty.pk, p.start) in filed:
                continue
            row = ScheduledBriefing(
                BriefingKind.PERIODIC, p.start, p.end, p.due, None, _state(p.due, None, today), duty
            )
            (overdue if row.state == PeriodState.MISSING else calendar).append(row)
    by_id = {d.pk: d for d in duties}
    for b in briefings:
        if b.status == BriefingStatus.REQUESTED and first <= b.due_date <= last:
            row = ScheduledBriefing(
                b.kind,
                b.period_start,
                b.period_end,
                b.due_date,
                b,
                _state(b.due_date, None, today),
                by_id[b.duty_id],
            )
            (overdue if row.state == PeriodState.MISSING else calendar).append(row)
    awaiting = sorted(
        (b for b in briefings if b.status == BriefingStatus.SUBMITTED),
        key=lambda b: (b.submitted_at, b.pk),
    )
    return HomeBriefings(
        calendar=sorted(calendar, key=lambda r: r.due),
        overdue=sorted(overdue, key=lambda r: r.due),
        awaiting=awaiting,
    )


def open_periods(duty: BriefingDuty, today: dt.date) -> list[Period]:
    """Periods the head may file for now: started, not filed yet (this year and last)."""
    filed = set(
        Briefing.objects.filter(duty=duty, kind=BriefingKind.PERIODIC).values_list(
            "period_start", flat=True
        )
    )
    found = duty_periods(duty, today.year - 1) + duty_periods(duty, today.year)
    return [p for p in found if p.start <= today and p.start not in filed]
