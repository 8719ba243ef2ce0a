"""Where the numbers come from: a small registry of metric sources, each set-wise in SQL.

A source has a name, the subject it measures (members or organizations), a function
``compute(round, ids, today) -> {id: {metric: value}}`` that reads every subject of a batch
in a fixed number of queries, and ``records(round, id) -> [Record]``, the rows behind the
metrics of one subject, for the row page's explanation. A new record app joins with one
``register(MetricSource(...))`` here (feedback's citizen reports: a source counting
substantiated reports per member, its records linking to each report)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hatnhan.briefings.models import BriefingDuty
from hatnhan.briefings.selectors import head_record
from hatnhan.core.expressions import InIds
from hatnhan.discipline.selectors import members_in_year, organizations_in_year
from hatnhan.feedback.models import FeedbackReport
from hatnhan.feedback.models import Status as FeedbackStatus
from hatnhan.inspections.models import Finding
from hatnhan.meetings.models import Attendance, AttendanceStatus, MeetingState
from hatnhan.meetings.quality import year_ratings
from hatnhan.organizations.models import Organization, OrganizationKind
from hatnhan.tasks.models import Outcome, SourceKind, Task, TaskStatus, overdue_q

if TYPE_CHECKING:
    from .models import Round

Metrics = dict[str, Any]


@dataclass(frozen=True)
class Record:
    """One record behind a metric: what it is, where it is shown."""

    metric: str
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class MetricSource:
    name: str
    subject: str  # "member" | "organization"
    compute: Callable[["Round", list[int], dt.date], dict[int, Metrics]]
    records: Callable[["Round", int, dt.date], list[Record]] | None = None


# What a row page calls each metric (the keys are the API's, stable; the labels are for people).
LABELS: dict[str, Any] = {
    "tasks_due": _("Nhiệm vụ đến hạn trong kỳ"),
    "tasks_done": _("Nhiệm vụ đã hoàn thành"),
    "tasks_on_time": _("Hoàn thành đúng hạn"),
    "tasks_done_late": _("Hoàn thành trễ hạn"),
    "tasks_open": _("Chưa hoàn thành"),
    "tasks_overdue": _("Quá hạn, chưa hoàn thành"),
    "tasks_extended": _("Được gia hạn"),
    "remediation_overdue": _("Khắc phục sau kiểm tra quá hạn"),
    "tasks_exceeded": _("Hoàn thành vượt yêu cầu"),
    "tasks_met": _("Hoàn thành đạt yêu cầu"),
    "tasks_partly_met": _("Hoàn thành đạt một phần"),
    "tasks_not_met": _("Hoàn thành không đạt"),
    "on_time_exceeded": _("Đúng hạn, vượt yêu cầu"),
    "on_time_met": _("Đúng hạn, đạt yêu cầu"),
    "on_time_partly_met": _("Đúng hạn, đạt một phần"),
    "on_time_not_met": _("Đúng hạn, không đạt"),
    "tasks_on_time_quality": _("Đúng hạn và bảo đảm chất lượng"),
    "on_time_quality_share": _("Tỷ lệ đúng hạn, bảo đảm chất lượng"),
    "exceeded_share": _("Tỷ lệ vượt yêu cầu"),
    "done_share": _("Tỷ lệ hoàn thành"),
    "done_quality_share": _("Tỷ lệ hoàn thành đạt yêu cầu trở lên"),
    "late_share": _("Tỷ lệ chậm tiến độ"),
    "meetings_present": _("Sinh hoạt: có mặt"),
    "meetings_excused": _("Sinh hoạt: vắng có lý do"),
    "meetings_unexcused": _("Sinh hoạt: vắng không lý do"),
    "meetings_held_months": _("Số tháng có sinh hoạt"),
    "meetings_good_months": _("Số tháng sinh hoạt đạt chất lượng tốt"),
    "meetings_year_rating": _("Xếp loại chất lượng sinh hoạt trong năm"),
    "briefings_due": _("Báo cáo của người đứng đầu đến hạn"),
    "briefings_on_time": _("Báo cáo đúng hạn"),
    "briefings_late": _("Báo cáo trễ hạn"),
    "findings_substantiated": _("Vi phạm được kết luận qua kiểm tra, giám sát"),
    "feedback_substantiated": _("Phản ánh của người dân được xác định đúng"),
    "discipline_count": _("Số lần bị kỷ luật"),
    "disciplined_not_self_found": _("Bị kỷ luật, không tự phát hiện"),
    "leadership_disciplined": _("Cấp ủy, lãnh đạo bị kỷ luật"),
    "leadership_warning_or_higher": _("Cấp ủy, lãnh đạo bị kỷ luật từ cảnh cáo"),
    "leadership_or_units_disciplined": _("Cấp ủy hoặc tổ chức trực thuộc bị kỷ luật"),
    "own_disciplined": _("Tổ chức bị kỷ luật"),
    "units_disciplined": _("Tổ chức trực thuộc bị kỷ luật"),
    "units_disciplined_share": _("Tỷ lệ tổ chức trực thuộc bị kỷ luật"),
    "members_excellent": _("Đảng viên hoàn thành xuất sắc"),
    "members_good": _("Đảng viên hoàn thành tốt"),
    "members_completed": _("Đảng viên hoàn thành"),
    "members_not_completed": _("Đảng viên không hoàn thành"),
    "members_none": _("Đảng viên chưa xếp loại"),
    "members_disciplined": _("Đảng viên bị kỷ luật"),
}


def label(name: str) -> str:
    """A metric's name for people; a source's own key when it has not named it here."""
    return str(LABELS.get(name, name))


SOURCES: list[MetricSource] = []


def register(source: MetricSource) -> MetricSource:
    if any(s.name == source.name and s.subject == source.subject for s in SOURCES):
        raise ValueError(f"metric source {source.name} ({source.subject}) registered twice")
    SOURCES.append(source)
    return source


def sources(subject: str) -> list[MetricSource]:
    return [s for s in SOURCES if s.subject == subject]


def collect(round: "Round", subject: str, ids: list[int], today: dt.date) -> dict[int, Metrics]:
    found: dict[int, Metrics] = {pk: {} for pk in ids}
    for source in sources(subject):
        for pk, values in source.compute(round, ids, today).items():
            found.setdefault(pk, {}).update(values)
    return found


def records(round: "Round", subject: str, pk: int, today: dt.date) -> list[Record]:
    out: list[Record] = []
    for source in sources(subject):
        if source.records is not None:
            out += source.records(round, pk, today)
    return out


# --- tasks --------------------------------------------------------------------------------------
DONE = Q(status=TaskStatus.DONE)
# Submitted by the due date in force (extensions move it; the original stays on the task), then
# accepted. A task accepted without a separate report counts by its acceptance day.
ON_TIME = DONE & (
    Q(submitted_at__localdate__lte=F("due_date"))
    | Q(submitted_at__isnull=True, accepted_at__localdate__lte=F("due_date"))
)
LATE = DONE & ~ON_TIME
QUALITY = Q(outcome__in=[Outcome.EXCEEDED, Outcome.MET])


def task_aggregates(today: dt.date) -> dict[str, Any]:
    """The per-subject aggregates over tasks due in the period (cancelled ones are not due)."""
    counts: dict[str, Any] = {
        "tasks_due": Count("pk"),
        "tasks_done": Count("pk", filter=DONE),
        "tasks_on_time": Count("pk", filter=ON_TIME),
        "tasks_done_late": Count("pk", filter=LATE),
        "tasks_open": Count("pk", filter=~DONE),
        "tasks_overdue": Count("pk", filter=overdue_q(today)),
        "tasks_extended": Count("pk", filter=~Q(due_date=F("original_due_date"))),
        # Remediation an inspection's conclusion asked for, now overdue (an organization's
        # "earlier-noted shortcomings remedied", QĐ 366 Art. 11).
        "remediation_overdue": Count(
            "pk", filter=overdue_q(today) & Q(source_kind=SourceKind.INSPECTION_FINDING)
        ),
    }
    for outcome in Outcome.values:
        counts[f"tasks_{outcome}"] = Count("pk", filter=DONE & Q(outcome=outcome))
        counts[f"on_time_{outcome}"] = Count("pk", filter=ON_TIME & Q(outcome=outcome))
    return counts


def period_tasks(round: "Round") -> Any:
    return Task.objects.filter(
        due_date__gte=round.period_start, due_date__lte=round.period_end
    ).exclude(status=TaskStatus.CANCELLED)


def _tasks_by(round: "Round", key: str, ids: list[int], today: dt.date) -> dict[int, Metrics]:
    rows = (
        period_tasks(round)
        .filter(InIds(key, ids))
        .order_by()
        .values(key)
        .annotate(**task_aggregates(today))
    )
    found = {row.pop(key): row for row in rows}
    empty = dict.fromkeys(task_aggregates(today), 0)
    return {pk: found.get(pk, empty) for pk in ids}


def _task_records(round: "Round", key: str, pk: int, today: dt.date) -> list[Record]:
    """Each task due in the period, under the metric that makes it count against the subject
    (or under tasks_on_time when it counts fully)."""
    out = []
    rows = (
        period_tasks(round)
        .filter(**{key: pk})
        .annotate(
            on_time=ExpressionWrapper(ON_TIME, output_field=BooleanField()),
            overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()),
        )
        .order_by("due_date", "pk")
    )
    for task in rows:
        if task.on_time:
            metric = f"on_time_{task.outcome}"
        elif task.status == TaskStatus.DONE:
            metric = "tasks_done_late"
        elif task.overdue:
            metric = "tasks_overdue"
        else:
            metric = "tasks_open"
        note = task.get_outcome_display() if task.outcome else task.get_status_display()
        out.append(
            Record(
                metric=metric,
                label=f"{task.title} (hạn {task.due_date:%d/%m/%Y})",
                url=reverse("tasks:detail", args=[task.pk]),
                note=str(note),
            )
        )
    return out


register(
    MetricSource(
        name="tasks",
        subject="member",
        compute=lambda r, ids, today: _tasks_by(r, "owner_id", ids, today),
        records=lambda r, pk, today: _task_records(r, "owner_id", pk, today),
    )
)
register(
    MetricSource(
        name="tasks",
        subject="organization",
        compute=lambda r, ids, today: _tasks_by(r, "organization_id", ids, today),
        records=lambda r, pk, today: _task_records(r, "organization_id", pk, today),
    )
)


# --- meetings attendance ------------------------------------------------------------------------
def _attendance_qs(round: "Round") -> Any:
    return Attendance.objects.filter(
        meeting__state__in=[MeetingState.HELD, MeetingState.CLOSED],
        meeting__planned_start__localdate__gte=round.period_start,
        meeting__planned_start__localdate__lte=round.period_end,
    )


def _attendance(round: "Round", ids: list[int], today: dt.date) -> dict[int, Metrics]:
    statuses = {
        "meetings_present": AttendanceStatus.PRESENT,
        "meetings_excused": AttendanceStatus.EXCUSED,
        "meetings_unexcused": AttendanceStatus.UNEXCUSED,
    }
    rows = (
        _attendance_qs(round)
        .filter(InIds("member_id", ids))
        .order_by()
        .values("member_id")
        .annotate(**{k: Count("pk", filter=Q(status=v)) for k, v in statuses.items()})
    )
    found = {row.pop("member_id"): row for row in rows}
    empty = dict.fromkeys(statuses, 0)
    return {pk: found.get(pk, empty) for pk in ids}


def _attendance_records(round: "Round", pk: int, today: dt.date) -> list[Record]:
    rows = (
        _attendance_qs(round)
        .filter(member_id=pk)
        .exclude(status=AttendanceStatus.PRESENT)
        .select_related("meeting")
        .order_by("meeting__planned_start")
    )
    return [
        Record(
            metric=f"meetings_{a.status}",
            label=str(a.meeting.title or a.meeting.get_kind_display())
            + f" {a.meeting.planned_start:%d/%m/%Y}",
            url=reverse("meetings:detail", args=[a.meeting_id]),
            note=a.reason,
        )
        for a in rows
    ]


register(
    MetricSource(
        name="meetings", subject="member", compute=_attendance, records=_attendance_records
    )
)


def _cell_meetings(round: "Round", ids: list[int], today: dt.date) -> dict[int, Metrics]:
    """A cell's meetings of the period's last year, rated by the meetings app (HD 12: a month
    without its meeting counts as poor). Organizations that hold no cell meetings get none."""
    cells = Organization.objects.filter(
        pk__in=ids, kind__in=[OrganizationKind.CELL, OrganizationKind.GRASSROOTS_CELL]
    ).values_list("pk", flat=True)
    out = {}
    for pk, rating in year_ratings(cells, round.period_end.year).items():
        out[pk] = {
            "meetings_year_rating": rating.level,
            "meetings_good_months": rating.good,
            "meetings_held_months": sum(1 for v in rating.months.values() if v is not None),
        }
    return out


register(MetricSource(name="meetings", subject="organization", compute=_cell_meetings))


# --- the head's briefings (QĐ 138 Art. 11) ---------------------------------------------------
def _briefings(round: "Round", ids: list[int], today: dt.date) -> dict[int, Metrics]:
    """Heads only (a member heading no duty has no such metric): one query finds them among the
    batch, then the briefings' own selector per head (two queries; heads are few)."""
    heads = set(
        BriefingDuty.objects.filter(InIds("head_id", ids))
        .values_list("head_id", flat=True)
        .distinct()
    )
    out: dict[int, Metrics] = {}
    for head in sorted(heads):
        metrics = {"briefings_due": 0, "briefings_on_time": 0, "briefings_late": 0}
        metrics["briefings_missing"] = 0
        for year in _years(round):
            record = head_record(head, year, today=today)
            metrics["briefings_due"] += record.due
            metrics["briefings_on_time"] += record.on_time
            metrics["briefings_late"] += record.late
            metrics["briefings_missing"] += record.missing
        out[head] = metrics
    return out


register(MetricSource(name="briefings", subject="member", compute=_briefings))


# --- substantiated inspection findings ----------------------------------------------------
def _findings_qs(round: "Round") -> Any:
    """Findings of a case concluded in the period with a violation (the conclusion stands)."""
    return Finding.objects.filter(
        case__conclusion_date__gte=round.period_start,
        case__conclusion_date__lte=round.period_end,
        case__no_violation=False,
    )


def _findings(round: "Round", key: str, ids: list[int]) -> dict[int, Metrics]:
    rows = (
        _findings_qs(round)
        .filter(InIds(f"case__{key}", ids))
        .order_by()
        .values(f"case__{key}")
        .annotate(n=Count("pk"))
    )
    found = {row[f"case__{key}"]: row["n"] for row in rows}
    return {pk: {"findings_substantiated": found.get(pk, 0)} for pk in ids}


def _finding_records(round: "Round", key: str, pk: int) -> list[Record]:
    return [
        Record(
            metric="findings_substantiated",
            label=f.title,
            url=reverse("inspections:case", args=[f.case_id]),
            note=f.severity,
        )
        for f in _findings_qs(round).filter(**{f"case__{key}": pk}).order_by("pk")
    ]


register(
    MetricSource(
        name="findings",
        subject="member",
        compute=lambda r, ids, today: _findings(r, "subject_member_id", ids),
        records=lambda r, pk, today: _finding_records(r, "subject_member_id", pk),
    )
)
register(
    MetricSource(
        name="findings",
        subject="organization",
        compute=lambda r, ids, today: _findings(r, "subject_organization_id", ids),
        records=lambda r, pk, today: _finding_records(r, "subject_organization_id", pk),
    )
)


# --- citizen reports (feedback) --------------------------------------------------------------
def _feedback_qs(round: "Round") -> Any:
    """Reports closed in the period as substantiated (REGULATIONS.md §4): against the
    official they named and the agency that received them."""
    return FeedbackReport.objects.filter(
        status=FeedbackStatus.CLOSED,
        substantiated=True,
        closed_on__gte=round.period_start,
        closed_on__lte=round.period_end,
    )


def _feedback(round: "Round", key: str, ids: list[int]) -> dict[int, Metrics]:
    rows = (
        _feedback_qs(round).filter(InIds(key, ids)).order_by().values(key).annotate(n=Count("pk"))
    )
    found = {row[key]: row["n"] for row in rows}
    return {pk: {"feedback_substantiated": found.get(pk, 0)} for pk in ids}


def _feedback_records(round: "Round", key: str, pk: int) -> list[Record]:
    # The receipt code and category only: nothing that could point at who reported.
    return [
        Record(
            metric="feedback_substantiated",
            label=f"{r.receipt_code} ({r.closed_on:%d/%m/%Y})",
            url=reverse("feedback:report", args=[r.pk]),
            note=str(r.get_category_display()),
        )
        for r in _feedback_qs(round)
        .filter(**{key: pk})
        .only("pk", "receipt_code", "closed_on", "category")
        .order_by("closed_on", "pk")
    ]


register(
    MetricSource(
        name="feedback",
        subject="member",
        compute=lambda r, ids, today: _feedback(r, "official_member_id", ids),
        records=lambda r, pk, today: _feedback_records(r, "official_member_id", pk),
    )
)
register(
    MetricSource(
        name="feedback",
        subject="organization",
        compute=lambda r, ids, today: _feedback(r, "organization_id", ids),
        records=lambda r, pk, today: _feedback_records(r, "organization_id", pk),
    )
)


# --- discipline ---------------------------------------------------------------------------------
def _years(round: "Round") -> Iterable[int]:
    return range(round.period_start.year, round.period_end.year + 1)


def _in_period(round: "Round", decisions: Iterable[Any]) -> list[Any]:
    return [d for d in decisions if round.period_start <= d.decided_on <= round.period_end]


def _member_discipline(round: "Round", ids: list[int], today: dt.date) -> dict[int, Metrics]:
    found: dict[int, list[Any]] = defaultdict(list)
    members = [_Pk(pk) for pk in ids]
    for year in _years(round):
        for pk, year_discipline in members_in_year(members, year).items():
            found[pk] += _in_period(round, year_discipline.decisions)
    return {
        pk: {
            "discipline_count": len(found[pk]),
            # QĐ 124 Art. 12: a fault the member found and reported themselves does not cap.
            "disciplined_not_self_found": any(not d.self_reported for d in found[pk]),
        }
        for pk in ids
    }


def _member_discipline_records(round: "Round", pk: int, today: dt.date) -> list[Record]:
    out = []
    for year in _years(round):
        for d in _in_period(round, members_in_year([_Pk(pk)], year)[pk].decisions):
            out.append(
                Record(
                    metric="discipline_count",
                    label=f"{d.get_form_display()} {d.decided_on:%d/%m/%Y}",
                    url=reverse("discipline:detail", args=[d.pk]),
                    note="tự phát hiện, báo cáo" if d.self_reported else "",
                )
            )
    return out


def _organization_discipline(round: "Round", ids: list[int], today: dt.date) -> dict[int, Metrics]:
    """A fixed number of queries per year of the period, whatever the number of organizations."""
    out: dict[int, Metrics] = {}
    organizations = list(Organization.objects.filter(InIds("id", ids)).only("pk", "path"))
    years = {year: organizations_in_year(organizations, year) for year in _years(round)}
    for organization in organizations:
        metrics: Metrics = {
            "leadership_disciplined": False,
            "leadership_warning_or_higher": False,
            "units_disciplined": 0,
            "units_disciplined_share": 0.0,
            "own_disciplined": False,
        }
        for year in _years(round):
            y = years[year][organization.pk]
            metrics["leadership_disciplined"] |= y.leadership_disciplined
            metrics["leadership_warning_or_higher"] |= y.leadership_warning_or_higher
            metrics["own_disciplined"] |= y.own.disciplined
            metrics["units_disciplined"] = max(
                metrics["units_disciplined"], y.subordinates_disciplined
            )
            metrics["units_disciplined_share"] = max(
                metrics["units_disciplined_share"], round_share(y.subordinates_share)
            )
        metrics["leadership_or_units_disciplined"] = bool(
            metrics["leadership_disciplined"] or metrics["units_disciplined"]
        )
        out[organization.pk] = metrics
    return out


@dataclass(frozen=True)
class _Pk:
    """What members_in_year reads of a member: its pk (no need to load the rows)."""

    pk: int


register(
    MetricSource(
        name="discipline",
        subject="member",
        compute=_member_discipline,
        records=_member_discipline_records,
    )
)
register(MetricSource(name="discipline", subject="organization", compute=_organization_discipline))


def round_share(value: float) -> float:
    return round(value, 4)


def derived(metrics: Metrics) -> Metrics:
    """The shares the rules compare (None when there is nothing to share: no task due)."""
    due = metrics.get("tasks_due") or 0

    def share(n: int) -> float | None:
        return round_share(n / due) if due else None

    quality_on_time = metrics.get("on_time_exceeded", 0) + metrics.get("on_time_met", 0)
    done_quality = metrics.get("tasks_exceeded", 0) + metrics.get("tasks_met", 0)
    return metrics | {
        "tasks_on_time_quality": quality_on_time,
        "on_time_quality_share": share(quality_on_time),
        "exceeded_share": share(metrics.get("tasks_exceeded", 0)),
        "done_share": share(metrics.get("tasks_done", 0)),
        "done_quality_share": share(done_quality),
        "late_share": share(metrics.get("tasks_done_late", 0) + metrics.get("tasks_overdue", 0)),
    }
