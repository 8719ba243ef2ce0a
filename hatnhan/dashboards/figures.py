"""The figures of a scorecard, from counts: one definition per figure (its value from the
summed counts, its note, the list page that shows exactly the records it counted), read the
same way for an organization's subtree, a bloc's rows and a head; the member's own figures
read the record directly (a member's records are few) in a fixed number of queries."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hatnhan.directives.models import FocusIssue, YearTheme
from hatnhan.evaluations.models import Evaluation, Level, RoundStatus, level_rank
from hatnhan.feedback.models import FeedbackReport
from hatnhan.meetings.models import Attendance, AttendanceStatus, MeetingState
from hatnhan.members.models import CommitteeSeat, Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import SourceKind, Task, TaskStatus, overdue_q

from . import selectors
from .models import Freshness
from .periods import Period
from .scorecard import Figure, MonthValue, Scorecard, Section
from .selectors import Counts

DUE_STATUSES = ",".join(
    [TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_ACCEPTANCE, TaskStatus.DONE]
)
Value = Decimal | int | None


def rate(part: int, whole: int) -> Decimal | None:
    """part/whole as a percentage with one decimal; None when there is nothing to count."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def mean(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@lru_cache(maxsize=64)
def _base(name: str, prefix: str) -> str:
    return reverse(name)


def _url(name: str, **params: Any) -> str:
    # A bloc's page links every cell: the list pages' paths are reversed once per process.
    base = _base(name, get_script_prefix())
    return f"{base}?{urlencode({k: v for k, v in params.items() if v is not None})}"


@dataclass(frozen=True)
class Scope:
    """Where a figure's drill-down points: an organization's subtree over a period, counted
    as on `as_of` (due dates after it are not due yet)."""

    organization_id: int
    period: Period
    as_of: dt.date

    @property
    def start(self) -> str:
        return self.period.start.isoformat()

    @property
    def end(self) -> str:
        return self.period.end.isoformat()

    @property
    def due_to(self) -> str:
        return min(self.period.end, self.as_of).isoformat()

    def tasks(self, **params: Any) -> str:
        return _url(
            "tasks:board",
            organization=self.organization_id,
            due_from=self.start,
            due_to=self.due_to,
            **params,
        )


@dataclass(frozen=True)
class Definition:
    key: str
    section: str
    label: Any
    unit: str
    better: str
    value: Callable[[Counts], Value]
    drill: Callable[[Scope], str | None]
    note: Callable[[Counts], str] = lambda c: ""


SECTIONS: list[tuple[str, Any]] = [
    ("tasks", gettext_lazy("Nhiệm vụ")),
    ("briefings", gettext_lazy("Báo cáo của người đứng đầu")),
    ("meetings", gettext_lazy("Sinh hoạt chi bộ")),
    ("inspections", gettext_lazy("Kiểm tra, giám sát")),
    ("feedback", gettext_lazy("Phản ánh của người dân")),
]

DEFINITIONS: list[Definition] = [
    Definition(
        "tasks_on_time_rate",
        "tasks",
        gettext_lazy("Tỷ lệ hoàn thành đúng hạn"),
        "%",
        "higher",
        lambda c: rate(c["tasks_on_time"], c["tasks_due"]),
        lambda s: s.tasks(status=DUE_STATUSES),
        lambda c: (
            _("%(part)s/%(whole)s đúng hạn") % {"part": c["tasks_on_time"], "whole": c["tasks_due"]}
        ),
    ),
    Definition(
        "tasks_overdue",
        "tasks",
        gettext_lazy("Nhiệm vụ quá hạn"),
        "",
        "lower",
        lambda c: c["tasks_overdue"],
        lambda s: s.tasks(overdue="true"),
    ),
    Definition(
        "tasks_overdue_age",
        "tasks",
        gettext_lazy("Số ngày quá hạn bình quân"),
        "ngày",
        "lower",
        lambda c: mean(c["tasks_overdue_days"], c["tasks_overdue"]),
        lambda s: s.tasks(overdue="true"),
    ),
    Definition(
        "acceptance_delay",
        "tasks",
        gettext_lazy("Thời gian nghiệm thu bình quân của cấp ủy"),
        "ngày",
        "lower",
        lambda c: mean(c["acceptance_days"], c["acceptance_count"]),
        lambda s: s.tasks(status=TaskStatus.DONE, reported="true"),
        lambda c: _("%(count)s nhiệm vụ đã nghiệm thu") % {"count": c["acceptance_count"]},
    ),
    Definition(
        "briefings_on_time_rate",
        "briefings",
        gettext_lazy("Tỷ lệ báo cáo đúng hạn"),
        "%",
        "higher",
        lambda c: rate(c["briefings_on_time"], c["briefings_due"]),
        lambda s: _url(
            "briefings:list", organization=s.organization_id, due_from=s.start, due_to=s.due_to
        ),
        lambda c: (
            _("%(part)s/%(whole)s đúng hạn")
            % {"part": c["briefings_on_time"], "whole": c["briefings_due"]}
        ),
    ),
    Definition(
        "meetings_held",
        "meetings",
        gettext_lazy("Số cuộc sinh hoạt thường kỳ đã họp"),
        "",
        "",
        lambda c: c["meetings_held"],
        lambda s: _url("meetings:list", **_meetings(s)),
    ),
    Definition(
        "meetings_good_rate",
        "meetings",
        gettext_lazy("Tỷ lệ cuộc sinh hoạt đạt chất lượng tốt"),
        "%",
        "higher",
        lambda c: rate(c["meetings_good"], c["meetings_held"]),
        lambda s: _url("meetings:list", **_meetings(s), quality="good"),
        lambda c: (
            _("%(part)s/%(whole)s tốt") % {"part": c["meetings_good"], "whole": c["meetings_held"]}
        ),
    ),
    Definition(
        "meetings_poor",
        "meetings",
        gettext_lazy("Cuộc sinh hoạt xếp loại kém"),
        "",
        "lower",
        lambda c: c["meetings_poor"],
        lambda s: _url("meetings:list", **_meetings(s), quality="poor"),
    ),
    Definition(
        "findings_open",
        "inspections",
        gettext_lazy("Phát hiện qua kiểm tra chưa kết thúc"),
        "",
        "lower",
        lambda c: c["findings_open"],
        # The cases holding them: findings are read inside their case.
        lambda s: _url("inspections:cases", subject=s.organization_id, open="true"),
        lambda c: _("trong %(count)s phát hiện của kỳ") % {"count": c["findings"]},
    ),
    Definition(
        "remediation_overdue",
        "inspections",
        gettext_lazy("Nhiệm vụ khắc phục quá hạn"),
        "",
        "lower",
        lambda c: c["remediation_overdue"],
        lambda s: s.tasks(overdue="true", source_kind=SourceKind.INSPECTION_FINDING),
    ),
    Definition(
        "feedback_received",
        "feedback",
        gettext_lazy("Phản ánh tiếp nhận"),
        "",
        "",
        lambda c: c["feedback_received"],
        lambda s: _url("feedback:board", **_feedback(s)),
    ),
    Definition(
        "feedback_in_time_rate",
        "feedback",
        gettext_lazy("Tỷ lệ trả lời trong hạn"),
        "%",
        "higher",
        lambda c: rate(c["feedback_answered_in_time"], c["feedback_answer_due"]),
        lambda s: _url("feedback:board", **_feedback(s), answer_due_before=s.as_of.isoformat()),
        lambda c: (
            _("%(part)s/%(whole)s trong hạn")
            % {"part": c["feedback_answered_in_time"], "whole": c["feedback_answer_due"]}
        ),
    ),
    Definition(
        "feedback_substantiated",
        "feedback",
        gettext_lazy("Phản ánh được xác định đúng"),
        "",
        "lower",
        lambda c: c["feedback_substantiated"],
        lambda s: _url("feedback:board", **_feedback(s), substantiated="true"),
    ),
]
BY_KEY = {d.key: d for d in DEFINITIONS}


def _meetings(s: Scope) -> dict[str, Any]:
    return {
        "organization": s.organization_id,
        "kind": "regular",
        "body": "cell",
        "held": "true",
        "month_from": f"{s.period.start:%Y-%m}",
        "month_to": f"{s.period.end:%Y-%m}",
    }


def _feedback(s: Scope) -> dict[str, Any]:
    return {
        "organization": s.organization_id,
        "received_from": s.start,
        "received_to": s.end,
    }


def as_of_day(fresh: Freshness | None) -> dt.date:
    return fresh.as_of if fresh else timezone.localdate()


def _months(
    d: Definition, by_month: dict[dt.date, Counts], months: list[dt.date]
) -> tuple[MonthValue, ...]:
    return tuple(MonthValue(m, d.value(by_month.get(m) or selectors.zero())) for m in months)


def figure(
    d: Definition,
    by_month: dict[dt.date, Counts],
    period: Period,
    scope: Scope | None,
) -> Figure:
    """The figure over the period, its months, and the same months a year before: all from
    `by_month`, which holds both periods' months (read together, in the caller's one query)."""
    before = period.year_before().months
    counts = selectors.total(by_month, period.months)
    return Figure(
        key=d.key,
        label=str(d.label),
        value=d.value(counts),
        unit=d.unit,
        better=d.better,
        previous=d.value(selectors.total(by_month, before)),
        trend=_months(d, by_month, period.months),
        drill_url=d.drill(scope) if scope else None,
        note=d.note(counts),
        previous_trend=_months(d, by_month, before),
    )


def record_sections(
    by_month: dict[dt.date, Counts],
    period: Period,
    scope: Scope | None,
    only: set[str] | None = None,
) -> list[Section]:
    sections = []
    for key, title in SECTIONS:
        if only is not None and key not in only:
            continue
        figs = tuple(figure(d, by_month, period, scope) for d in DEFINITIONS if d.section == key)
        sections.append(Section(key=key, title=str(title), figures=figs))
    return sections


# --- the organization -------------------------------------------------------------------------
def organization_counts(org: Organization, period: Period) -> dict[dt.date, Counts]:
    """The organization's subtree per month over the period and the same months a year
    before (one query of the pre-aggregate: a row per month, whatever the subtree's size)."""
    return selectors.subtree_by_month(org, period.months + period.year_before().months)


def _ancestor_paths(org: Organization) -> list[str]:
    return [org.path[: i + 1] for i, ch in enumerate(org.path[:-1]) if ch == "."]


def direction_section(org: Organization, period: Period) -> Section:
    """The year theme and the focus issues of the organization's resolutions for the period's
    year: each issue's share of its tasks accepted (three queries)."""
    year = period.end.year
    paths = [*_ancestor_paths(org), org.path]
    theme = (
        YearTheme.objects.filter(organization__path__in=paths, year=year)
        .order_by("-organization__depth")
        .first()
    )
    issues = list(
        FocusIssue.objects.filter(
            organization=org,
            resolution__period_start__lte=period.end,
            resolution__period_end__gte=period.start,
        )
        .annotate(
            total=Count("tasks", filter=~Q(tasks__status=TaskStatus.CANCELLED)),
            done=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE)),
        )
        .order_by("resolution__period_start", "position", "pk")[:20]
    )
    figs = [
        Figure(
            key=f"focus_issue_{issue.pk}",
            label=issue.title,
            value=rate(issue.done, issue.total),
            unit="%",
            better="higher",
            previous=None,
            trend=(),
            drill_url=_url("tasks:board", focus_issue=issue.pk, status=DUE_STATUSES),
            note=_("%(part)s/%(whole)s nhiệm vụ đã nghiệm thu")
            % {"part": issue.done, "whole": issue.total},
        )
        for issue in issues
    ]
    title = _("Chủ đề năm, vấn đề trọng tâm")
    if theme:
        title = _("Chủ đề năm %(year)s: %(title)s") % {"year": year, "title": theme.title}
    return Section(key="direction", title=title, figures=tuple(figs))


def evaluation_section(org: Organization, period: Period) -> Section:
    """The inflation watch: the members' levels decided against the record's proposals, in the
    latest computed round over the organization (or above it) covering the period's year."""
    year = period.end.year
    rows = list(
        Evaluation.objects.filter(
            unit__path__startswith=org.path,
            member__isnull=False,
            excluded=False,
            round__period_end__year=year,
            round__status__in=[RoundStatus.COMPUTED, RoundStatus.LOCKED],
        )
        .values("round_id", "proposed_level", "final_level")
        .annotate(n=Count("pk"))
        .order_by("-round_id")
    )
    latest = rows[0]["round_id"] if rows else None
    rows = [r for r in rows if r["round_id"] == latest]
    proposed = dict.fromkeys(Level.values, 0)
    decided = dict.fromkeys(Level.values, 0)
    above = 0
    for r in rows:
        if r["proposed_level"]:
            proposed[r["proposed_level"]] += r["n"]
        if r["final_level"]:
            decided[r["final_level"]] += r["n"]
            if r["proposed_level"] and level_rank(r["final_level"]) < level_rank(
                r["proposed_level"]
            ):
                above += r["n"]
    watch = reverse("evaluations:round-watch", args=[latest]) if latest else None
    figs = [
        Figure(
            key=f"members_{level}",
            label=str(label),
            value=decided[level] if latest else None,
            unit="",
            better="",
            previous=None,
            trend=(),
            drill_url=watch,
            note=_("đề xuất theo hồ sơ: %(count)s") % {"count": proposed[level]},
        )
        for level, label in Level.choices
    ]
    figs.append(
        Figure(
            key="members_above_proposal",
            label=_("Đảng viên xếp loại cao hơn đề xuất theo hồ sơ"),
            value=above if latest else None,
            unit="",
            better="lower",
            previous=None,
            trend=(),
            drill_url=watch,
        )
    )
    return Section(
        key="evaluations", title=_("Xếp loại đảng viên so với hồ sơ"), figures=tuple(figs)
    )


def organization_scorecard(org: Organization, period: Period) -> Scorecard:
    fresh = selectors.freshness()
    by_month = organization_counts(org, period)
    scope = Scope(org.pk, period, as_of_day(fresh))
    sections = record_sections(by_month, period, scope)
    sections += [direction_section(org, period), evaluation_section(org, period)]
    above = Organization.objects.filter(path__in=_ancestor_paths(org)).order_by("depth")
    subtitle = " › ".join(
        [*(o.name for o in above), *([org.agency_name] if org.agency_name else [])]
    )
    return Scorecard(
        kind="organization",
        title=org.name,
        subtitle=subtitle,
        organization_id=org.pk,
        member_id=None,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        sections=tuple(sections),
        fresh_as_of=fresh.refreshed_at if fresh else None,
    )


# --- the head -----------------------------------------------------------------------------------
def head_seats(member: Member) -> list[CommitteeSeat]:
    return list(
        CommitteeSeat.objects.filter(member=member, end_date__isnull=True)
        .select_related("organization")
        .order_by("organization__path", "role")
    )


def head_seats_of(org: Organization) -> list[CommitteeSeat]:
    """The organization's sitting secretary (its head's scorecard is linked from its own)."""
    return list(
        CommitteeSeat.objects.filter(
            organization=org, role="secretary", end_date__isnull=True
        ).select_related("member")
    )


def head_titles(member: Member, seats: list[CommitteeSeat], duties: list[Any]) -> list[str]:
    """Each post once: a secretary who is also the agency head (nhất thể hóa) is one line
    naming both seats, not two people nor two lines."""
    lines = []
    headed = {d.organization_id: d for d in duties}
    for seat in seats:
        line = f"{seat.get_role_display()} {seat.organization.name}"
        duty = headed.pop(seat.organization_id, None)
        if seat.is_agency_head or (duty and seat.role == "secretary"):
            agency = seat.organization.agency_name or seat.organization.name
            line += " — " + _("Thủ trưởng %(agency)s") % {"agency": agency}
        lines.append(line)
    for duty in headed.values():
        agency = duty.organization.agency_name or duty.organization.name
        lines.append(duty.head_title or _("Thủ trưởng %(agency)s") % {"agency": agency})
    return lines


def led_organization(seats: list[CommitteeSeat], duties: list[Any]) -> Organization | None:
    """The organization whose record is the head's: where they are secretary, else the one
    whose agency they head, else their first seat's."""
    for seat in seats:
        if seat.role == "secretary":
            return seat.organization
    if duties:
        return duties[0].organization
    return seats[0].organization if seats else None


def head_scorecard(member: Member, period: Period, today: dt.date) -> Scorecard | None:
    """None when the member holds no seat and heads no agency."""
    from hatnhan.briefings.models import BriefingDuty

    seats = head_seats(member)
    duties = list(BriefingDuty.objects.filter(head=member).select_related("organization"))
    org = led_organization(seats, duties)
    if org is None:
        return None
    fresh = selectors.freshness()
    by_month = organization_counts(org, period)
    scope = Scope(org.pk, period, as_of_day(fresh))
    sections = record_sections(by_month, period, scope)
    sections += [direction_section(org, period), evaluation_section(org, period)]
    own = member_sections(member, period, today)
    return Scorecard(
        kind="head",
        title=member.full_name,
        subtitle="; ".join(head_titles(member, seats, duties)),
        organization_id=org.pk,
        member_id=member.pk,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        sections=tuple(own + sections),
        fresh_as_of=fresh.refreshed_at if fresh else None,
    )


# --- the member's own record ----------------------------------------------------------------
def _member_task_counts(member: Member, period: Period, as_of: dt.date) -> dict[dt.date, Counts]:
    """The member's own tasks (as owner) per due month over the period and the same months a
    year before, counted as the pre-aggregate counts an organization's (one query)."""
    from .services import month_of

    by_month: dict[dt.date, Counts] = {}
    before = period.year_before()
    last = min(period.end, as_of)
    tasks = (
        Task.objects.filter(owner=member)
        .filter(
            Q(due_date__gte=period.start, due_date__lte=last)
            | Q(due_date__gte=before.start, due_date__lte=min(before.end, as_of))
        )
        .exclude(status=TaskStatus.CANCELLED)
        .annotate(late=Count("pk", filter=overdue_q(as_of)))
        .values_list("due_date", "status", "submitted_at", "accepted_at", "late")
    )
    for due, status, submitted_at, accepted_at, late in tasks:
        counts = by_month.setdefault(month_of(due), selectors.zero())
        submitted = timezone.localdate(submitted_at) if submitted_at else None
        accepted = timezone.localdate(accepted_at) if accepted_at else None
        counts["tasks_due"] += 1
        if status == TaskStatus.DONE:
            counts["tasks_done"] += 1
            counts["tasks_on_time"] += (submitted or accepted) <= due
        if late:
            counts["tasks_overdue"] += 1
            end = submitted if status == TaskStatus.AWAITING_ACCEPTANCE else as_of
            counts["tasks_overdue_days"] += max(0, (end - due).days)
    return by_month


def member_sections(member: Member, period: Period, as_of: dt.date) -> list[Section]:
    """The member's own: tasks (with the same months a year before), attendance at the cell's
    meetings, citizens' reports found substantiated about them (three queries)."""
    by_month = _member_task_counts(member, period, as_of)
    tasks_url = _url(
        "tasks:board",
        assignee=member.pk,
        due_from=period.start.isoformat(),
        due_to=min(period.end, as_of).isoformat(),
    )
    figs = []
    for key in ("tasks_on_time_rate", "tasks_overdue", "tasks_overdue_age"):
        d = BY_KEY[key]
        f = figure(d, by_month, period, None)
        extra = {"status": DUE_STATUSES} if key == "tasks_on_time_rate" else {"overdue": "true"}
        figs.append(_with_url(f, f"{tasks_url}&{urlencode(extra)}"))
    attendance = dict(
        Attendance.objects.filter(
            member=member,
            meeting__state__in=[MeetingState.HELD, MeetingState.CLOSED],
            meeting__planned_start__date__gte=period.start,
            meeting__planned_start__date__lte=period.end,
        )
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    present = attendance.get(AttendanceStatus.PRESENT, 0)
    attended = sum(attendance.values())
    meetings = Figure(
        key="meetings_present_rate",
        label=_("Tỷ lệ có mặt sinh hoạt"),
        value=rate(present, attended),
        unit="%",
        better="higher",
        previous=None,
        trend=(),
        drill_url=None,
        note=_("%(part)s/%(whole)s cuộc; vắng không lý do: %(absent)s")
        % {
            "part": present,
            "whole": attended,
            "absent": attendance.get(AttendanceStatus.UNEXCUSED, 0),
        },
    )
    substantiated = FeedbackReport.objects.filter(
        official_member=member,
        substantiated=True,
        received_on__gte=period.start,
        received_on__lte=period.end,
    ).count()
    feedback = Figure(
        key="feedback_substantiated",
        label=str(BY_KEY["feedback_substantiated"].label),
        value=substantiated,
        unit="",
        better="lower",
        previous=None,
        trend=(),
        drill_url=None,
    )
    return [Section(key="own", title=_("Hồ sơ của đồng chí"), figures=(*figs, meetings, feedback))]


def _with_url(f: Figure, url: str) -> Figure:
    from dataclasses import replace

    return replace(f, drill_url=url)


def member_scorecard(member: Member, period: Period, today: dt.date) -> Scorecard:
    """Read from the record as on `today` (a member's records are few)."""
    fresh = selectors.freshness()
    sections = member_sections(member, period, today)
    return Scorecard(
        kind="member",
        title=member.full_name,
        subtitle=member.organization.name,
        organization_id=member.organization_id,
        member_id=member.pk,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        sections=tuple(sections),
        fresh_as_of=fresh.refreshed_at if fresh else None,
    )
