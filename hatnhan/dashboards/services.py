"""Keeping the pre-aggregate (models.OrganizationMonth) equal to the record.

:func:`compute` reads the record and returns every (organization, month) row's counts by the
definitions the record apps use (tasks.overdue_q, the evaluation's on-time rule, the meetings'
quality, the briefing schedule); :func:`refresh` writes them in bulk, audited once;
:func:`refresh_changed` recomputes only the organizations recent audit events touched, and
everything once the day has changed (a task turns overdue with the date, not with a write);
:func:`verify` recomputes and lists every difference (the `dashboards_verify` command)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import record_event
from hatnhan.briefings.models import Briefing, BriefingDuty
from hatnhan.briefings.selectors import PeriodState, schedule
from hatnhan.feedback.models import FeedbackReport
from hatnhan.inspections.models import Finding, Step
from hatnhan.meetings.models import (
    Meeting,
    MeetingBody,
    MeetingKind,
    MeetingState,
    QualityLevel,
)
from hatnhan.meetings.quality import load_facts, meeting_result
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import WORKING_STATUSES, SourceKind, Task, TaskStatus

from .models import COUNTS, Freshness, OrganizationMonth, SubtreeMonth

Key = tuple[int, dt.date]
Counts = dict[str, int]
REFRESH_ACTION = "dashboards.refresh"


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first days of every month from start's to end's, both included."""
    out, month = [], month_of(start)
    while month <= end:
        out.append(month)
        month = next_month(month)
    return out


def years_months(*years: int) -> list[dt.date]:
    return [dt.date(y, m, 1) for y in sorted(set(years)) for m in range(1, 13)]


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def _filter_orgs(qs: Any, lookup: str, organizations: list[int] | None) -> Any:
    return qs if organizations is None else qs.filter(**{f"{lookup}__in": organizations})


def _tasks(
    rows: dict[Key, Counts], orgs: list[int] | None, months: set[dt.date], as_of: dt.date
) -> None:
    first, last = min(months), min(next_month(max(months)) - dt.timedelta(days=1), as_of)
    tasks = _filter_orgs(
        Task.objects.filter(due_date__gte=first, due_date__lte=last).exclude(
            status=TaskStatus.CANCELLED
        ),
        "organization_id",
        orgs,
    ).values_list(
        "organization_id", "due_date", "status", "submitted_at", "accepted_at", "source_kind"
    )
    for org, due, status, submitted_at, accepted_at, source in tasks.iterator(chunk_size=5000):
        month = month_of(due)
        if month not in months:
            continue
        row = rows[(org, month)]
        submitted, accepted = _local_day(submitted_at), _local_day(accepted_at)
        row["tasks_due"] += 1
        if status == TaskStatus.DONE:
            row["tasks_done"] += 1
            # The evaluation's rule (evaluations.metrics.ON_TIME): reported by the due date
            # in force, or accepted by it when accepted without a separate report.
            if (submitted or accepted) <= due:
                row["tasks_on_time"] += 1
            if submitted is not None and accepted is not None:
                row["acceptance_count"] += 1
                row["acceptance_days"] += max(0, (accepted - submitted).days)
        # tasks.models.overdue_q on the as-of day, and Task.late_days for the age.
        late_days = None
        if status in WORKING_STATUSES and due < as_of:
            late_days = (as_of - due).days
        elif status == TaskStatus.AWAITING_ACCEPTANCE and submitted and submitted > due:
            late_days = (submitted - due).days
        if late_days is not None:
            row["tasks_overdue"] += 1
            row["tasks_overdue_days"] += late_days
            if source == SourceKind.INSPECTION_FINDING:
                row["remediation_overdue"] += 1


def _briefings(
    rows: dict[Key, Counts], orgs: list[int] | None, months: set[dt.date], as_of: dt.date
) -> None:
    duties = list(_filter_orgs(BriefingDuty.objects.all(), "organization_id", orgs))
    by_duty: dict[int, list[Briefing]] = defaultdict(list)
    for briefing in Briefing.objects.filter(duty__in=duties):
        by_duty[briefing.duty_id].append(briefing)
    years = range(min(months).year - 1, max(months).year + 1)
    for duty in duties:
        for year in years:
            for item in schedule(duty, year, as_of, by_duty[duty.pk]):
                month = month_of(item.due)
                if month not in months or item.state == PeriodState.UPCOMING:
                    continue
                row = rows[(duty.organization_id, month)]
                row["briefings_due"] += 1
                row["briefings_on_time"] += item.state == PeriodState.ON_TIME


def _meetings(rows: dict[Key, Counts], orgs: list[int] | None, months: set[dt.date]) -> None:
    years = sorted({m.year for m in months})
    meetings = list(
        _filter_orgs(
            Meeting.objects.filter(
                body=MeetingBody.CELL,
                kind=MeetingKind.REGULAR,
                state__in=[MeetingState.HELD, MeetingState.CLOSED],
                year__in=years,
            ),
            "organization_id",
            orgs,
        )
    )
    meetings = [m for m in meetings if dt.date(m.year, m.month, 1) in months]
    facts = load_facts(meetings)
    for meeting in meetings:
        row = rows[(meeting.organization_id, dt.date(meeting.year, meeting.month, 1))]
        level = meeting_result(meeting, facts).level
        row["meetings_held"] += 1
        row["meetings_good"] += level == QualityLevel.GOOD
        row["meetings_poor"] += level == QualityLevel.POOR


def _findings(rows: dict[Key, Counts], orgs: list[int] | None, months: set[dt.date]) -> None:
    start = timezone.make_aware(dt.datetime.combine(min(months), dt.time()))
    end = timezone.make_aware(dt.datetime.combine(next_month(max(months)), dt.time()))
    findings = Finding.objects.filter(recorded_at__gte=start, recorded_at__lt=end)
    if orgs is not None:
        findings = findings.filter(case__subject_organization_id__in=orgs)
    for org, recorded_at, step in findings.values_list(
        "case__subject_organization_id", "recorded_at", "case__step"
    ).iterator(chunk_size=5000):
        month = month_of(_local_day(recorded_at))
        if org is None or month not in months:
            continue
        rows[(org, month)]["findings"] += 1
        rows[(org, month)]["findings_open"] += step != Step.CLOSED


def _feedback(
    rows: dict[Key, Counts], orgs: list[int] | None, months: set[dt.date], as_of: dt.date
) -> None:
    first, last = min(months), next_month(max(months)) - dt.timedelta(days=1)
    reports = _filter_orgs(
        FeedbackReport.objects.filter(received_on__gte=first, received_on__lte=last),
        "organization_id",
        orgs,
    ).values_list("organization_id", "received_on", "answer_due", "answered_on", "substantiated")
    for org, received, answer_due, answered, substantiated in reports.iterator(chunk_size=5000):
        month = month_of(received)
        if month not in months:
            continue
        row = rows[(org, month)]
        row["feedback_received"] += 1
        row["feedback_substantiated"] += substantiated is True
        if answer_due is not None and (answered is not None or answer_due < as_of):
            row["feedback_answer_due"] += 1
            row["feedback_answered_in_time"] += answered is not None and answered <= answer_due


def compute(
    *, organizations: Iterable[int] | None, months: Iterable[dt.date], as_of: dt.date
) -> dict[Key, Counts]:
    """Every non-empty (organization, month) row of the given organizations (None: all) and
    months, counted from the record as on `as_of`. A fixed number of queries per call."""
    orgs = None if organizations is None else sorted(set(organizations))
    wanted = {month_of(m) for m in months}
    if not wanted or orgs == []:
        return {}
    rows: dict[Key, Counts] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    _tasks(rows, orgs, wanted, as_of)
    _briefings(rows, orgs, wanted, as_of)
    _meetings(rows, orgs, wanted)
    _findings(rows, orgs, wanted)
    _feedback(rows, orgs, wanted, as_of)
    return {key: counts for key, counts in rows.items() if any(counts.values())}


def _common_path(paths: Iterable[str]) -> str:
    """The deepest organization path every one of `paths` lies under (a root's, at worst)."""
    paths = sorted(paths)
    if not paths:
        return ""
    first, last = paths[0], paths[-1]
    common = ""
    for i, (a, b) in enumerate(zip(first, last, strict=False)):
        if a != b:
            break
        if a == ".":
            common = first[: i + 1]
    return common


def _read(qs: Any) -> dict[Key, Counts]:
    rows = qs.values("organization_id", "month", *COUNTS)
    return {(r.pop("organization_id"), r.pop("month")): r for r in rows}


def _lineage() -> tuple[dict[int, str], dict[str, int]]:
    """Every organization's path, and the organization of each path (one query)."""
    paths = dict(Organization.objects.values_list("pk", "path"))
    return paths, {path: pk for pk, path in paths.items()}


def _ancestors_and_self(path: str, by_path: dict[str, int]) -> list[int]:
    return [
        by_path[path[: i + 1]]
        for i, ch in enumerate(path)
        if ch == "." and path[: i + 1] in by_path
    ]


def rolled_up(rows: dict[Key, Counts]) -> dict[Key, Counts]:
    """Each (organization, month) over its whole subtree: every own row added to its
    organization and to each ancestor."""
    paths, by_path = _lineage()
    lineage: dict[int, list[int]] = {}  # per organization, not per row: months repeat it
    out: dict[Key, Counts] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for (org, month), counts in rows.items():
        if org not in lineage:
            lineage[org] = _ancestors_and_self(paths[org], by_path)
        for pk in lineage[org]:
            total = out[(pk, month)]
            for name in COUNTS:
                total[name] += counts[name]
    return dict(out)


def _write_subtrees(rows: dict[Key, Counts]) -> None:
    SubtreeMonth.objects.bulk_create(
        [
            SubtreeMonth(organization_id=org, month=month, **counts)
            for (org, month), counts in sorted(rows.items())
            if any(counts.values())
        ],
        batch_size=2000,
    )


def _rebuild_subtrees(rows: dict[Key, Counts], months: set[dt.date]) -> None:
    SubtreeMonth.objects.filter(month__in=months).delete()
    _write_subtrees(rolled_up(rows))


def _apply_to_subtrees(old: dict[Key, Counts], new: dict[Key, Counts]) -> None:
    """Add what changed in some organizations' own rows to their subtree rows and their
    ancestors': the rest of the tree is not read again."""
    zero = dict.fromkeys(COUNTS, 0)
    deltas = {
        key: {n: new.get(key, zero)[n] - old.get(key, zero)[n] for n in COUNTS}
        for key in set(old) | set(new)
    }
    deltas = {key: d for key, d in deltas.items() if any(d.values())}
    if not deltas:
        return
    paths, by_path = _lineage()
    by_key: dict[Key, Counts] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for (org, month), delta in deltas.items():
        for pk in _ancestors_and_self(paths[org], by_path):
            total = by_key[(pk, month)]
            for name in COUNTS:
                total[name] += delta[name]
    touched = SubtreeMonth.objects.filter(
        organization_id__in={pk for pk, _ in by_key}, month__in={m for _, m in by_key}
    )
    current = _read(touched)
    result = {}
    for key, delta in by_key.items():
        base = current.get(key, zero)
        result[key] = {name: base[name] + delta[name] for name in COUNTS}
    keep = {key: counts for key, counts in current.items() if key not in by_key}
    touched.delete()
    _write_subtrees({**keep, **result})


def _stored(orgs: list[int] | None, months: set[dt.date]) -> Any:
    return _filter_orgs(OrganizationMonth.objects.filter(month__in=months), "organization_id", orgs)


@transaction.atomic
def refresh(
    *,
    organizations: Iterable[int] | None,
    months: Iterable[dt.date],
    as_of: dt.date | None = None,
    actor: Any = None,
) -> int:
    """Recompute the rows of `organizations` (None: every one) for `months` and store them:
    the old rows go, the new ones come in one bulk insert; one audit event says what was
    refreshed. Returns the number of rows stored."""
    as_of = as_of or timezone.localdate()
    orgs = None if organizations is None else sorted(set(organizations))
    wanted = {month_of(m) for m in months}
    if not wanted or orgs == []:
        return 0
    rows = compute(organizations=orgs, months=wanted, as_of=as_of)
    old = {} if orgs is None else _read(_stored(orgs, wanted))
    _stored(orgs, wanted).delete()
    OrganizationMonth.objects.bulk_create(
        [
            OrganizationMonth(organization_id=org, month=month, **counts)
            for (org, month), counts in sorted(rows.items())
        ],
        batch_size=2000,
    )
    if orgs is None:
        _rebuild_subtrees(rows, wanted)
    else:
        _apply_to_subtrees(old, rows)
    seq = AuditEvent.objects.aggregate(seq=Max("seq"))["seq"] or 0
    freshness, _ = Freshness.objects.select_for_update().get_or_create(
        key="default", defaults={"refreshed_at": timezone.now(), "as_of": as_of}
    )
    freshness.refreshed_at = timezone.now()
    freshness.generation += 1
    freshness.as_of = as_of
    freshness.audit_seq = max(freshness.audit_seq, seq)
    if orgs is None:
        freshness.covers_from = min(wanted)
    freshness.save()
    if orgs is None:
        paths = Organization.objects.filter(parent__isnull=True).values_list("path", flat=True)
    else:
        paths = Organization.objects.filter(pk__in=orgs).values_list("path", flat=True)
    path = _common_path(paths)
    if path:
        record_event(
            actor=actor,
            action=REFRESH_ACTION,
            obj=freshness,
            organization_path=path,
            after={
                "organizations": "all" if orgs is None else len(orgs),
                "months": f"{min(wanted):%m/%Y}–{max(wanted):%m/%Y}",
                "as_of": as_of.isoformat(),
                "rows": len(rows),
            },
        )
    return len(rows)


# The years a routine refresh keeps: the current one and two before it, so that the previous
# year's figures can still be compared with the year before them.
KEPT_YEARS = 3


def kept_months(as_of: dt.date) -> list[dt.date]:
    return years_months(*range(as_of.year - KEPT_YEARS + 1, as_of.year + 1))


def refresh_changed(*, as_of: dt.date | None = None, actor: Any = None) -> int:
    """Bring the pre-aggregate up to date for the kept years (KEPT_YEARS): everything
    when it was computed for another day (or never), else only the organizations whose
    audit events came after the last refresh (a write's event is filed under its
    organization's path). Returns the number of rows stored; 0 when nothing changed."""
    as_of = as_of or timezone.localdate()
    months = kept_months(as_of)
    freshness = Freshness.objects.filter(key="default").first()
    if freshness is None or freshness.as_of != as_of:
        return refresh(organizations=None, months=months, as_of=as_of, actor=actor)
    paths = set(
        AuditEvent.objects.filter(seq__gt=freshness.audit_seq)
        .exclude(action=REFRESH_ACTION)
        .values_list("organization_path", flat=True)
        .distinct()
    )
    if not paths:
        return 0
    orgs = list(Organization.objects.filter(path__in=paths).values_list("pk", flat=True))
    if not orgs:
        return 0
    return refresh(organizations=orgs, months=months, as_of=as_of, actor=actor)


def sweep_refresh(today: dt.date, result: Any) -> None:
    """The worker's reminder sweep runs this (registered in apps.py)."""
    refresh_changed(as_of=today)


def verify(*, as_of: dt.date | None = None) -> list[str]:
    """Every difference between the stored rows and the record recomputed for the same day
    (the day the rows were computed for, so a day's turn is not a difference): empty when the
    pre-aggregate is exact. The months read are those stored plus the kept years'."""
    freshness = Freshness.objects.filter(key="default").first()
    as_of = as_of or (freshness.as_of if freshness else timezone.localdate())
    stored = _read(OrganizationMonth.objects.all())
    months = {m for _, m in stored} | set(kept_months(as_of))
    fresh = compute(organizations=None, months=months, as_of=as_of)
    found = list(_differences(stored, fresh))
    found += _differences(
        _read(SubtreeMonth.objects.all()), rolled_up(fresh), "subtree of organization"
    )
    return found


def _differences(
    stored: dict[Key, Counts], fresh: dict[Key, Counts], what: str = "organization"
) -> Iterator[str]:
    zero = dict.fromkeys(COUNTS, 0)
    for key in sorted(set(stored) | set(fresh)):
        a, b = stored.get(key, zero), fresh.get(key, zero)
        for name in COUNTS:
            if a[name] != b[name]:
                org, month = key
                yield (f"{what} {org}, {month:%m/%Y}, {name}: stored {a[name]}, record {b[name]}")
