"""Reads for tasks, each with its prefetching so a page's query count does not grow with rows.

Every function takes the requesting user and reads through the restriction."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from hatnhan.core.people import name_of, person_name
from hatnhan.core.restrict import CHANGE, VIEW
from hatnhan.members.models import Member

from .models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    UNDELIVERED,
    Acceptance,
    Evidence,
    ExtensionRequest,
    ExtensionStatus,
    Notification,
    ProgressUpdate,
    Task,
    TaskStatus,
    overdue_q,
    submitted_late_q,
)

# The states in which a task's latest report done is the one that handed it over.
SUBMITTED_STATUSES = (TaskStatus.AWAITING_ACCEPTANCE, TaskStatus.DONE)


def submissions() -> QuerySet[ProgressUpdate]:
    """Reports that handed a task over for acceptance, newest first, with who filed them
    and for whom (so "thay mặt …" costs no query)."""
    return (
        ProgressUpdate.objects.filter(submitted=True)
        .select_related("author__member", "member")
        .order_by("-created_at", "-id")
    )


def submission_filer() -> Subquery:
    """The user who filed the task's latest report done (the four-eyes rule's filer)."""
    return Subquery(
        submissions().filter(task_id=OuterRef("pk")).values("author_id")[:1],
        output_field=IntegerField(),
    )


def with_list_data(qs: QuerySet[Task]) -> QuerySet[Task]:
    """What a list row shows, in a fixed number of queries."""
    return (
        qs.select_related(
            "organization",
            "owner",
            "focus_issue",
            "directive",
            "assigned_by__member",
            "accepted_by__member",
            "parent",
        )
        .prefetch_related(
            Prefetch("coworkers", queryset=Member.objects.only("id", "full_name", "sort_key")),
            Prefetch("progress_updates", queryset=submissions(), to_attr="submissions"),
        )
        .annotate(priority_rank=priority_rank(), child_count=child_count())
    )


def priority_rank() -> Case:
    """What "priority" orders by (tasks.filters.TaskFilter), most urgent highest."""
    return Case(
        When(priority="urgent", then=4),
        When(priority="high", then=3),
        When(priority="normal", then=2),
        default=1,
        output_field=IntegerField(),
    )


def child_count() -> Coalesce:
    """A task's children, counted per row of the page: a correlated subquery on the parent
    index, not a join and GROUP BY over the whole visible set before LIMIT (issue 13)."""
    children = (
        Task.objects.filter(parent_id=OuterRef("pk"))
        .order_by()
        .values("parent_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(children, output_field=IntegerField()), 0)


# What a board row and its group heading show (tasks.templatetags.task_pages.task_row): the
# page reads only these columns of a task and of the four relations it prints, not the seven
# whole rows with_list_data joins for the export and the API (a third of the board's CPU was
# building those instances, issue 13). A column left out here would cost a query per row: the
# board's query-count test would see it.
PAGE_COLUMNS = (
    "title",
    "status",
    "priority",
    "percent",
    "due_date",
    "original_due_date",
    "submitted_at",
    "outcome",
    "organization",
    "organization__code",
    "owner",
    "owner__full_name",
    "focus_issue",
    "focus_issue__title",
    "parent",
    "parent__title",
)


def for_page(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """`tasks` (from :func:`with_list_data`) as the board's rows: the columns a row shows,
    its four relations and co-workers; no reports (a row shows none)."""
    return (
        tasks.select_related(None)
        .select_related("organization", "owner", "focus_issue", "parent")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("coworkers", queryset=Member.objects.only("id", "full_name", "sort_key"))
        )
        .only(*PAGE_COLUMNS)
    )


# What an API row prints of other rows, read as columns of the task's own query (the owner's
# name, who assigned and who accepted it, who filed its latest report done): model instances
# for the seven related rows cost more than the rest of the request (issue 13). The
# organization, focus issue, directive and parent are ids in the contract.
def api_task_list(user: Any) -> QuerySet[Task]:
    """:func:`task_list` as the API's rows: every column of the task and the names it prints,
    co-workers by id; no related instance, no children count (the contract has none)."""
    latest = submissions().select_related(None).filter(task_id=OuterRef("pk"))

    def submission(column: str) -> Subquery:
        return Subquery(latest.values(column)[:1])

    return (
        visible_tasks(user)
        .prefetch_related(Prefetch("coworkers", queryset=Member.objects.only("id")))
        .annotate(
            priority_rank=priority_rank(),
            owner_name=F("owner__full_name"),
            assigned_by_login=F("assigned_by__username"),
            assigned_by_member_name=F("assigned_by__member__full_name"),
            accepted_by_login=F("accepted_by__username"),
            accepted_by_member_name=F("accepted_by__member__full_name"),
            submission_member=submission("member__full_name"),
            submission_member_id=submission("member_id"),
            submission_author_login=submission("author__username"),
            submission_author_name=submission("author__member__full_name"),
            submission_author_member_id=submission("author__member_id"),
            has_submission=Exists(latest),
        )
        .order_by("due_date", "id")
    )


def api_filed_by(task: Task) -> str | None:
    """:func:`filed_by` of the task's latest report done, from :func:`api_task_list`'s
    columns."""
    if task.status not in SUBMITTED_STATUSES or not task.has_submission:
        return None
    member_id = task.submission_member_id
    return filer_label(
        member=task.submission_member or "",
        filer=name_of(task.submission_author_name, task.submission_author_login),
        on_behalf=task.submission_author_login is not None
        and task.submission_author_member_id != member_id,
    )


def visible_tasks(user: Any) -> QuerySet[Task]:
    return Task.objects.restrict(user, VIEW)


def task_list(user: Any) -> QuerySet[Task]:
    """The tasks the user may see with what a row shows, nearest due date first: the rows
    the board, its export and the API filter (tasks.filters.TaskFilter)."""
    return with_list_data(visible_tasks(user)).order_by("due_date", "id")


@dataclass
class MyTasks:
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    in_hand: list[Task] = field(default_factory=list)
    awaiting_acceptance: list[Task] = field(default_factory=list)
    recently_closed: list[Task] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.in_hand)


def my_section(task: Task, *, today: dt.date, soon_days: int) -> str:
    """Which section of "My tasks" an open task is in (a MyTasks field name)."""
    if task.status == TaskStatus.AWAITING_ACCEPTANCE:
        return "awaiting_acceptance"
    if task.status not in OPEN_STATUSES:
        return "recently_closed"
    if task.due_date < today:
        return "overdue"
    if task.due_date <= today + dt.timedelta(days=soon_days):
        return "due_soon"
    return "in_hand"


def my_tasks(
    user: Any, *, today: dt.date | None = None, soon_days: int = 7, closed_limit: int = 10
) -> MyTasks:
    """ "My tasks": what the user owns or works on, grouped for a phone screen."""
    today = today or timezone.localdate()
    result = MyTasks()
    member_id = getattr(user, "member_id", None)
    if not member_id:
        return result
    mine = with_list_data(visible_tasks(user).for_member(member_id))
    for task in mine.filter(status__in=OPEN_STATUSES).order_by("due_date", "id"):
        getattr(result, my_section(task, today=today, soon_days=soon_days)).append(task)
    result.recently_closed = list(
        mine.filter(status__in=CLOSED_STATUSES).order_by("-updated_at", "-id")[:closed_limit]
    )
    return result


def awaiting_acceptance(user: Any) -> QuerySet[Task]:
    """The committee's view: tasks reported done that this user may accept (not their own)."""
    from hatnhan.core.restrict import CHANGE

    deciders = Task.objects.restrict(user, CHANGE).values("pk")
    qs = visible_tasks(user).filter(
        Q(pk__in=deciders) | Q(assigned_by_id=getattr(user, "pk", None)),
        status=TaskStatus.AWAITING_ACCEPTANCE,
    )
    member_id = getattr(user, "member_id", None)
    if member_id:
        qs = qs.exclude(pk__in=Task.objects.for_member(member_id).values("pk"))
    # Four eyes: whoever filed the report done does not decide on it.
    qs = qs.annotate(filer_id=submission_filer()).filter(
        Q(filer_id__isnull=True) | ~Q(filer_id=getattr(user, "pk", None))
    )
    # The acceptor decides on what the card shows: the task's evidence comes with it.
    return (
        with_list_data(qs)
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id"))
        )
        .order_by("submitted_at", "id")
    )


def task_detail(user: Any, task_id: int) -> Task:
    """One task the user may see (404 otherwise), with everything its page shows."""
    qs = (
        with_list_data(visible_tasks(user))
        .prefetch_related(
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related(
                    "author__member", "member"
                ).prefetch_related("evidence"),
            ),
            Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")),
            Prefetch(
                "acceptances", queryset=Acceptance.objects.select_related("decided_by__member")
            ),
            Prefetch(
                "extension_requests",
                queryset=ExtensionRequest.objects.select_related(
                    "requested_by__member", "decided_by__member"
                ),
            ),
            Prefetch(
                "children", queryset=Task.objects.select_related("owner").order_by("due_date", "id")
            ),
        )
        .select_related("cancelled_by__member", "previous_occurrence")
    )
    return get_object_or_404(qs, pk=task_id)


def pending_extension(task: Task) -> ExtensionRequest | None:
    for extension in task.extension_requests.all():
        if extension.status == ExtensionStatus.PENDING:
            return extension
    return None


@dataclass
class TimelineEntry:
    at: Any
    kind: str  # created, progress, submitted, accepted, returned, extension_*, cancelled, edit
    actor: str
    text: str
    obj: Any = None


def filed_by(update: ProgressUpdate) -> str:
    """Who a report is by: the member it reports for, or "<filer>, thay mặt <member>" when
    someone else filed it on the member's behalf (the record says who did what)."""
    member = update.member.full_name if update.member_id else ""
    return filer_label(member=member, filer=person_name(update.author), on_behalf=update.on_behalf)


def filer_label(*, member: str, filer: str, on_behalf: bool) -> str:
    if on_behalf and member:
        return _("%(filer)s, thay mặt %(member)s") % {"filer": filer, "member": member}
    return member or filer


def last_submission(task: Task) -> ProgressUpdate | None:
    """The report that put the task in "awaiting acceptance" (or, once accepted, the one
    that was accepted); None while the work is in the owner's hands."""
    if task.status not in SUBMITTED_STATUSES:
        return None
    found = getattr(task, "submissions", None)
    if found is None:  # not read through with_list_data
        found = list(submissions().filter(task=task)[:1])
    return found[0] if found else None


def task_timeline(task: Task) -> list[TimelineEntry]:
    """The task's history, oldest first: assignment, reports (with evidence), extensions,
    acceptance decisions and cancellation. `task` should come from :func:`task_detail`."""
    entries = [
        TimelineEntry(
            task.created_at,
            "created",
            person_name(task.assigned_by),
            f"Giao cho {task.owner}, hạn {task.original_due_date:%d/%m/%Y}",
            task,
        )
    ]
    for update in task.progress_updates.all():
        entries.append(
            TimelineEntry(
                update.created_at,
                "submitted" if update.submitted else "progress",
                filed_by(update),
                f"{update.percent}% — {update.note}".strip(" —"),
                update,
            )
        )
    for ext in task.extension_requests.all():
        entries.append(
            TimelineEntry(
                ext.created_at,
                "extension_request",
                person_name(ext.requested_by),
                f"Xin gia hạn {ext.previous_due_date:%d/%m/%Y} → "
                f"{ext.requested_due_date:%d/%m/%Y}: {ext.reason}",
                ext,
            )
        )
        if ext.decided_at:
            entries.append(
                TimelineEntry(
                    ext.decided_at,
                    f"extension_{ext.status}",
                    person_name(ext.decided_by),
                    f"{ext.get_status_display()} {ext.decision_note}".strip(),
                    ext,
                )
            )
    for acc in task.acceptances.all():
        text = f"{acc.get_outcome_display()}: {acc.comment}" if acc.outcome else acc.comment
        entries.append(
            TimelineEntry(
                acc.created_at,
                acc.decision,
                person_name(acc.decided_by),
                text.strip(": "),
                acc,
            )
        )
    if task.status == TaskStatus.CANCELLED and task.cancelled_at:
        entries.append(
            TimelineEntry(
                task.cancelled_at,
                "cancelled",
                person_name(task.cancelled_by),
                task.cancel_reason,
                task,
            )
        )
    entries.sort(key=lambda e: (e.at, e.kind != "created"))
    return entries


@dataclass
class Rollup:
    total: int
    by_status: dict[str, int]
    overdue: int
    mean_percent: int

    @property
    def done(self) -> int:
        return self.by_status.get(TaskStatus.DONE, 0)


def rollup(tasks: QuerySet[Task], *, today: dt.date | None = None) -> Rollup:
    """Counts by state, overdue and mean progress (done = 100, cancelled left out), in two
    queries whatever the number of tasks."""
    today = today or timezone.localdate()
    by_status = dict(
        tasks.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    agg = tasks.exclude(status=TaskStatus.CANCELLED).aggregate(
        mean=Avg(
            Case(
                When(status=TaskStatus.DONE, then=100),
                default="percent",
                output_field=IntegerField(),
            )
        ),
        overdue=Count("id", filter=overdue_q(today)),
    )
    return Rollup(
        total=sum(by_status.values()),
        by_status=by_status,
        overdue=agg["overdue"] or 0,
        mean_percent=round(agg["mean"] or 0),
    )


def focus_issue_rollup(
    user: Any, focus_issue_id: int, *, today: dt.date | None = None
) -> tuple[QuerySet[Task], Rollup]:
    """A focus issue's tasks (what the user may see) and their roll-up."""
    tasks = visible_tasks(user).filter(focus_issue_id=focus_issue_id)
    return with_list_data(tasks).order_by("due_date", "id"), rollup(tasks, today=today)


CALENDAR_COLUMNS = ("id", "title", "status", "due_date", "submitted_at", "owner__full_name")


def calendar_tasks(
    tasks: QuerySet[Task], *, start: dt.date, end: dt.date, per_day: int | None = None
) -> tuple[dict[dt.date, list[Task]], dict[dt.date, int]]:
    """`tasks` (from :func:`task_list`, filtered) by due date, between two dates inclusive,
    at most `per_day` of each day (the first by id), and how many each day has in all.

    Two queries whatever the number of tasks: a bloc's six weeks are thousands of rows, of
    which a calendar shows a few a day, so the rows are cut per day in SQL (ROW_NUMBER over
    the due date) and the days counted by one grouped query."""
    in_range = tasks.filter(due_date__gte=start, due_date__lte=end)
    totals = dict(
        in_range.order_by()
        .values_list("due_date")
        .annotate(n=Count("id"))
        .values_list("due_date", "n")
    )
    # A day shows a title, its owner and state: a lean row, not the board's with its joins,
    # annotations and prefetches (the filtered set enters as a subquery).
    rows = (
        Task.objects.filter(pk__in=in_range.values("pk"))
        .select_related("owner")
        .only(*CALENDAR_COLUMNS)
        .order_by("due_date", "id")
    )
    if per_day is not None:
        rows = rows.annotate(
            day_rank=Window(RowNumber(), partition_by=[F("due_date")], order_by=[F("id").asc()])
        ).filter(day_rank__lte=per_day)
    days: dict[dt.date, list[Task]] = {}
    for task in rows:
        days.setdefault(task.due_date, []).append(task)
    return days, totals


def notifications_for(user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first (filtered by tasks.filters.NotificationFilter)."""
    return (
        Notification.objects.filter(user=user).select_related("task").order_by("-created_at", "-id")
    )


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def undelivered_for_staff(user: Any, *, limit: int = 100) -> QuerySet[Notification]:
    """Reminder e-mails that did not reach their recipient (being retried, or given up),
    about tasks of the organizations the user leads: staff follow up on them."""
    qs = Notification.objects.filter(email_status__in=UNDELIVERED).restrict(user, CHANGE)
    return qs.select_related("user__member", "task").order_by("-created_at", "-id")[:limit]


@dataclass
class TaskMetrics:
    """What an evaluation reads from the task record (Quy định 366-QĐ/TW, Art. 11: share of
    tasks completed, exceeded, and late). `late` is the owner's lateness: tasks reported done
    after their due date in force plus open ones not reported by it — never the acceptor's
    delay."""

    total: int
    done: int
    exceeded: int
    met: int
    partly_met: int
    not_met: int
    cancelled: int
    late: int
    open: int

    @property
    def assessed(self) -> int:
        """Tasks that count: everything but the cancelled."""
        return self.total - self.cancelled

    def share(self, count: int) -> float:
        return count / self.assessed if self.assessed else 0.0


def task_metrics(tasks: QuerySet[Task], *, today: dt.date | None = None) -> TaskMetrics:
    """Counts for a member's or an organization's tasks in one query, e.g.
    ``task_metrics(Task.objects.filter(owner=m, due_date__year=2026))``."""
    today = today or timezone.localdate()
    agg = tasks.order_by().aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=TaskStatus.DONE)),
        exceeded=Count("id", filter=Q(status=TaskStatus.DONE, outcome="exceeded")),
        met=Count("id", filter=Q(status=TaskStatus.DONE, outcome="met")),
        partly_met=Count("id", filter=Q(status=TaskStatus.DONE, outcome="partly_met")),
        not_met=Count("id", filter=Q(status=TaskStatus.DONE, outcome="not_met")),
        cancelled=Count("id", filter=Q(status=TaskStatus.CANCELLED)),
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        late=Count(
            "id",
            filter=overdue_q(today)
            | (Q(status=TaskStatus.DONE) & submitted_late_q())
            # Accepted without a recorded report (older records): the acceptance day.
            | Q(
                status=TaskStatus.DONE,
                submitted_at__isnull=True,
                accepted_at__localdate__gt=F("due_date"),
            ),
        ),
    )
    return TaskMetrics(**{k: v or 0 for k, v in agg.items()})
