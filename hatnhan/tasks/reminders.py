"""Reminders: before a due date, on the day and when overdue (to the owner), and a weekly
digest (to assigners and secretaries). Shown in the app as Notification rows and e-mailed.

The sweep takes `today` so tests run it on any day without waiting; the schedule is in
settings (TASK_REMINDER_DAYS_BEFORE, TASK_OVERDUE_REMIND_EVERY_DAYS, TASK_DIGEST_WEEKDAY).
Each reminder of a kind for a task and day is recorded once (unique constraint), so the
sweep may run every few minutes, from several workers, and still send each one once.

How it runs:
- `hatnhan worker` runs django_tasks_db's worker and enqueues :data:`sweep_task` every
  TASK_REMINDER_SWEEP_SECONDS; `hatnhan worker --once` runs one sweep now (for cron).
- In demo mode (HATNHAN_DEMO) a server process runs the sweep in a daemon thread
  (:func:`start_in_process`, started by TasksConfig.ready), so no worker is needed.
"""

import datetime as dt
import logging
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Count, Min, Q
from django.tasks import task
from django.utils import timezone

from .models import OPEN_STATUSES, Notification, NotificationKind, Task, TaskStatus, overdue_q

log = logging.getLogger(__name__)


@dataclass
class SweepResult:
    due_soon: int = 0
    due_today: int = 0
    overdue: int = 0
    digests: int = 0
    occurrences: int = 0
    emailed: int = 0
    errors: list[str] = field(default_factory=list)
    send_email: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "send_email"}


def _record(user: Any, task: Task | None, kind: str, day: dt.date, message: str) -> bool:
    """Record the notification once; False if it was already there (sent before)."""
    try:
        with transaction.atomic():
            Notification.objects.create(
                user=user, task=task, kind=kind, reminder_date=day, message=message
            )
    except IntegrityError:
        return False
    return True


def _email(user: Any, subject: str, body: str, result: SweepResult) -> None:
    if not user.email or not result.send_email:
        return
    try:
        EmailMessage(
            f"[Hạt nhân] {subject}", body, settings.DEFAULT_FROM_EMAIL, [user.email]
        ).send()
        result.emailed += 1
    except Exception as exc:  # one bad address or a mail outage must not stop the sweep
        log.warning("reminder e-mail to %s failed: %s", user.email, exc)
        result.errors.append(f"{user.get_username()}: {exc}")


def _mark_emailed(user: Any, task: Task | None, kind: str, day: dt.date) -> None:
    Notification.objects.filter(user=user, task=task, kind=kind, reminder_date=day).update(
        emailed_at=timezone.now()
    )


def _task_message(kind: str, task: Task, today: dt.date) -> tuple[str, str]:
    due = f"{task.due_date:%d/%m/%Y}"
    if kind == NotificationKind.DUE_SOON:
        days = (task.due_date - today).days
        subject = f"Còn {days} ngày đến hạn: {task.title}"
    elif kind == NotificationKind.DUE_TODAY:
        subject = f"Hôm nay đến hạn: {task.title}"
    else:
        days = (today - task.due_date).days
        subject = f"Quá hạn {days} ngày: {task.title}"
    body = (
        f"Nhiệm vụ: {task.title}\n"
        f"Tổ chức: {task.organization.name}\n"
        f"Hạn hoàn thành: {due}\n"
        f"Tiến độ đã báo cáo: {task.percent}%\n"
        f"Kết quả cần đạt: {task.expected_result}\n\n"
        "Đề nghị đồng chí báo cáo tiến độ, gửi minh chứng hoặc đề nghị gia hạn trong hệ thống "
        "Hạt nhân."
    )
    return subject, body


def _owner_reminders(today: dt.date, result: SweepResult) -> None:
    days_before = sorted({int(d) for d in settings.TASK_REMINDER_DAYS_BEFORE if int(d) > 0})
    soon_dates = [today + dt.timedelta(days=d) for d in days_before]
    every = max(1, int(settings.TASK_OVERDUE_REMIND_EVERY_DAYS))
    candidates = (
        # Work reported done waits on the assigner, who hears of it in the digest.
        Task.objects.filter(
            status__in=[TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS], owner__account__is_active=True
        )
        .filter(Q(due_date__in=soon_dates) | Q(due_date__lte=today))
        .select_related("organization", "owner__account")
        .order_by("due_date", "id")
    )
    # Overdue: again only when the last overdue reminder is at least `every` days old.
    recent_overdue = set(
        Notification.objects.filter(
            kind=NotificationKind.OVERDUE, reminder_date__gt=today - dt.timedelta(days=every)
        ).values_list("task_id", flat=True)
    )
    for task_obj in candidates.iterator(chunk_size=500):
        if task_obj.due_date > today:
            kind = NotificationKind.DUE_SOON
        elif task_obj.due_date == today:
            kind = NotificationKind.DUE_TODAY
        else:
            if task_obj.pk in recent_overdue:
                continue
            kind = NotificationKind.OVERDUE
        user = task_obj.owner.account
        subject, body = _task_message(kind, task_obj, today)
        if not _record(user, task_obj, kind, today, subject):
            continue
        setattr(result, kind, getattr(result, kind) + 1)
        _email(user, subject, body, result)
        if user.email and result.send_email:
            _mark_emailed(user, task_obj, kind, today)


def _digest_recipients() -> dict[int, tuple[Any, set[str], set[int]]]:
    """user id -> (user, organization paths they lead as secretary, has assigned tasks)."""
    from hatnhan.accounts.models import Role, User

    found: dict[int, tuple[Any, set[str], set[int]]] = {}
    for role in Role.objects.filter(
        role="secretary", user__is_active=True, organization__is_active=True
    ).select_related("user", "organization"):
        found.setdefault(role.user_id, (role.user, set(), set()))[1].add(role.organization.path)
    assigners = (
        Task.objects.filter(status__in=OPEN_STATUSES, assigned_by__isnull=False)
        .values("assigned_by")
        .distinct()
    )
    for user in User.objects.filter(pk__in=assigners, is_active=True):
        found.setdefault(user.pk, (user, set(), set()))[2].add(user.pk)
    return found


def _digest(today: dt.date, result: SweepResult) -> None:
    soon = today + dt.timedelta(days=7)
    for user, paths, assigned in _digest_recipients().values():
        scope = Q(assigned_by_id__in=assigned) if assigned else Q(pk__in=[])
        for path in paths:
            scope |= Q(organization__path__startswith=path)
        open_tasks = Task.objects.filter(scope, status__in=OPEN_STATUSES)
        working = ~Q(status=TaskStatus.AWAITING_ACCEPTANCE)
        counts = open_tasks.aggregate(
            total=Count("id"),
            # The owners' lateness; work reported on time and waiting for the acceptor is
            # counted apart, as the acceptor's delay.
            overdue=Count("id", filter=overdue_q(today)),
            due_soon=Count("id", filter=working & Q(due_date__gte=today, due_date__lte=soon)),
            awaiting=Count("id", filter=Q(status=TaskStatus.AWAITING_ACCEPTANCE)),
            oldest_submitted=Min("submitted_at", filter=Q(status=TaskStatus.AWAITING_ACCEPTANCE)),
        )
        if not counts["total"]:
            continue
        worst = list(
            open_tasks.filter(overdue_q(today))
            .select_related("owner")
            .order_by("due_date", "id")[:10]
        )
        awaiting_line = f"- Chờ nghiệm thu: {counts['awaiting']}"
        if counts["oldest_submitted"]:
            waited = (today - timezone.localdate(counts["oldest_submitted"])).days
            if waited > 0:
                awaiting_line += f" (lâu nhất đã chờ {waited} ngày)"
        lines = [
            f"Tổng hợp nhiệm vụ tuần đến ngày {today:%d/%m/%Y}",
            f"- Đang mở: {counts['total']}",
            f"- Quá hạn: {counts['overdue']}",
            f"- Đến hạn trong 7 ngày: {counts['due_soon']}",
            awaiting_line,
        ]
        if worst:
            lines.append("\nQuá hạn lâu nhất:")
            lines += [
                f"  • {t.title} — {t.owner.full_name}, hạn {t.due_date:%d/%m/%Y}" for t in worst
            ]
        body = "\n".join(lines)
        subject = f"Tổng hợp tuần: {counts['overdue']} quá hạn, {counts['awaiting']} chờ nghiệm thu"
        if not _record(user, None, NotificationKind.WEEKLY_DIGEST, today, body):
            continue
        result.digests += 1
        _email(user, subject, body, result)
        if user.email and result.send_email:
            _mark_emailed(user, None, NotificationKind.WEEKLY_DIGEST, today)


def send_due_reminders(*, today: dt.date | None = None, email: bool = True) -> SweepResult:
    """One sweep: owners' reminders, the weekly digest on its weekday, and the periods of
    recurring tasks that have started. Safe to run any number of times a day.
    `email=False` records the in-app notifications only (the demo dataset)."""
    from .services import create_due_occurrences

    today = today or timezone.localdate()
    result = SweepResult(send_email=email)
    result.occurrences = create_due_occurrences(today=today)
    _owner_reminders(today, result)
    if today.weekday() == int(settings.TASK_DIGEST_WEEKDAY):
        _digest(today, result)
    return result


@task()
def sweep_task(today: str | None = None) -> dict[str, Any]:
    """The background task the worker runs (`today` as YYYY-MM-DD, for replays)."""
    day = dt.date.fromisoformat(today) if today else None
    return send_due_reminders(today=day).as_dict()


@dataclass
class InProcessSweep:
    stop: threading.Event  # set it to end the thread
    swept: threading.Event  # set after each sweep (tests wait on it instead of sleeping)


def start_in_process(interval: float | None = None) -> InProcessSweep:
    """Run the sweep in a daemon thread of this process every `interval` seconds (demo mode:
    no worker to install)."""
    handle = InProcessSweep(stop=threading.Event(), swept=threading.Event())
    seconds = float(interval or settings.TASK_REMINDER_SWEEP_SECONDS)

    def loop() -> None:
        while True:
            try:
                close_old_connections()
                send_due_reminders()
            except Exception:
                log.exception("in-process reminder sweep failed")
            finally:
                close_old_connections()
                handle.swept.set()
            if handle.stop.wait(seconds):
                return

    threading.Thread(target=loop, name="hatnhan-reminders", daemon=True).start()
    return handle


def unread_by_kind(user: Any) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for kind, n in (
        Notification.objects.filter(user=user, read_at__isnull=True)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    ):
        counts[kind] = n
    return dict(counts)
