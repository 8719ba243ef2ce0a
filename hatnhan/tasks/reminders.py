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

E-mail delivery: the notification is the reminder, the e-mail its copy. A send that fails
is recorded on the notification (its error, the attempt count) and tried again by a later
sweep after TASK_REMINDER_EMAIL_RETRY_MINUTES, until TASK_REMINDER_EMAIL_ATTEMPTS; staff see
undelivered reminders about their organizations' tasks on the notifications page. A sweep
takes a notification before sending (a conditional update on `email_retry_at`), so of
several workers only one sends it, and a sent e-mail is never sent again. Delivery state is
not the record of the work, so it is kept on the notification, not in the audit trail.
"""

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Count, Min, Q
from django.tasks import task
from django.utils import timezone

from hatnhan.audit.partitions import ensure_partitions

from .models import (
    OPEN_STATUSES,
    EmailStatus,
    Notification,
    NotificationKind,
    Task,
    TaskStatus,
    overdue_q,
)

log = logging.getLogger(__name__)


@dataclass
class SweepResult:
    due_soon: int = 0
    due_today: int = 0
    overdue: int = 0
    digests: int = 0
    alerts: int = 0
    occurrences: int = 0
    emailed: int = 0
    email_failed: int = 0
    errors: list[str] = field(default_factory=list)
    send_email: bool = True
    now: dt.datetime = field(default_factory=timezone.now)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in {"send_email", "now"}}


# How long a sweep that took a notification to send owns it; after that, if the sweep died
# before recording the outcome, another sweep may take it.
SENDING_LEASE = dt.timedelta(minutes=10)
# E-mails retried in one sweep at most (a long outage must not make one sweep endless).
RETRY_BATCH = 500


def _record(
    user: Any,
    task: Task | None,
    kind: str,
    day: dt.date,
    message: str,
    result: SweepResult,
    *,
    subject: str,
    body: str,
    about_ref: str = "",
    link: str = "",
) -> Notification | None:
    """Record the notification once; None if it was already there (sent before)."""
    email = bool(user.email and result.send_email)
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=user,
                task=task,
                about_ref=about_ref,
                link=link,
                kind=kind,
                reminder_date=day,
                message=message,
                email_subject=subject[:255] if email else "",
                email_body=body if email else "",
                email_status=EmailStatus.PENDING if email else EmailStatus.NONE,
                # This sweep sends it now; the lease only matters if it dies first.
                email_retry_at=result.now + SENDING_LEASE if email else None,
            )
    except IntegrityError:
        return None


# The other record apps' sweeps (missing meetings, late briefings, overdue inspection steps).
# tasks may not import them (docs/layers.md): each registers from its AppConfig.ready.
Sweep = Callable[[dt.date, SweepResult], None]
_sweeps: list[Sweep] = []


def register_sweep(sweep: Sweep) -> None:
    """Run `sweep(today, result)` in every reminder sweep; the same function once."""
    if sweep not in _sweeps:
        _sweeps.append(sweep)


def alert(
    *,
    user: Any,
    kind: str,
    about_ref: str,
    day: dt.date,
    message: str,
    link: str,
    result: SweepResult,
    subject: str = "",
    body: str = "",
) -> Notification | None:
    """A notice about another record, once per (user, kind, record, day), e-mailed like a
    task reminder. None if it went out before. `about_ref` is "<app_label>.<model>:<pk>";
    a sweep that alerts once per period passes the period's last day as `day`."""
    note = _record(
        user,
        None,
        kind,
        day,
        message,
        result,
        subject=subject or message,
        body=body or message,
        about_ref=about_ref,
        link=link,
    )
    if note is None:
        return None
    result.alerts += 1
    if note.email_status == EmailStatus.PENDING:
        _deliver(note, result)
    return note


def _retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed send (the last configured delay repeats)."""
    minutes = [int(m) for m in settings.TASK_REMINDER_EMAIL_RETRY_MINUTES] or [15]
    return dt.timedelta(minutes=minutes[min(attempts, len(minutes)) - 1])


def _deliver(note: Notification, result: SweepResult) -> None:
    """Send the notification's e-mail (it is this sweep's to send): recorded as sent, or the
    failure with when to try again, or given up after TASK_REMINDER_EMAIL_ATTEMPTS."""
    attempts = note.email_attempts + 1
    user = note.user
    try:
        if not user.email or not user.is_active:
            raise ValueError("Tài khoản không còn địa chỉ thư điện tử hoặc đã bị khóa.")
        EmailMessage(
            f"[Hạt nhân] {note.email_subject}",
            note.email_body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        ).send()
    except Exception as exc:  # one bad address or a mail outage must not stop the sweep
        log.warning("reminder e-mail to %s failed (attempt %d): %s", user.email, attempts, exc)
        result.email_failed += 1
        result.errors.append(f"{user.get_username()}: {exc}")
        give_up = attempts >= int(settings.TASK_REMINDER_EMAIL_ATTEMPTS)
        Notification.objects.filter(pk=note.pk).update(
            email_status=EmailStatus.FAILED if give_up else EmailStatus.RETRYING,
            email_attempts=attempts,
            email_error=(str(exc) or type(exc).__name__)[:2000],
            email_retry_at=None if give_up else result.now + _retry_delay(attempts),
        )
        return
    result.emailed += 1
    Notification.objects.filter(pk=note.pk).update(
        email_status=EmailStatus.SENT,
        email_attempts=attempts,
        email_error="",
        email_retry_at=None,
        emailed_at=result.now,
    )


def _retry_undelivered(result: SweepResult) -> None:
    """Send again the e-mails whose retry is due (and any a dead sweep left half-sent)."""
    due = (
        Notification.objects.filter(
            email_status__in=[EmailStatus.PENDING, EmailStatus.RETRYING],
            email_retry_at__lte=result.now,
        )
        .select_related("user")
        .order_by("email_retry_at", "id")
    )
    # A list, not an iterator: the loop updates the rows the query selects (SQLite would
    # read its own writes); what is left over goes in the next sweep.
    for note in list(due[:RETRY_BATCH]):
        # Take it first: of several sweeps, only the one whose update lands sends it.
        taken = Notification.objects.filter(
            pk=note.pk, email_status=note.email_status, email_retry_at=note.email_retry_at
        ).update(email_retry_at=result.now + SENDING_LEASE)
        if taken:
            _deliver(note, result)


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
        note = _record(user, task_obj, kind, today, subject, result, subject=subject, body=body)
        if note is None:
            continue
        setattr(result, kind, getattr(result, kind) + 1)
        if note.email_status == EmailStatus.PENDING:
            _deliver(note, result)


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
        note = _record(
            user,
            None,
            NotificationKind.WEEKLY_DIGEST,
            today,
            body,
            result,
            subject=subject,
            body=body,
        )
        if note is None:
            continue
        result.digests += 1
        if note.email_status == EmailStatus.PENDING:
            _deliver(note, result)


def send_due_reminders(
    *, today: dt.date | None = None, email: bool = True, now: dt.datetime | None = None
) -> SweepResult:
    """One sweep: e-mails due for another try, owners' reminders, the weekly digest on its
    weekday, and the periods of recurring tasks that have started. Safe to run any number
    of times a day. `email=False` records the in-app notifications only (the demo dataset);
    `now` is the clock the retries go by (tests pass one)."""
    from .services import create_due_occurrences

    today = today or timezone.localdate()
    result = SweepResult(send_email=email, now=now or timezone.now())
    # The audit trail's months ahead exist before their first event (PostgreSQL; else no-op).
    ensure_partitions()
    result.occurrences = create_due_occurrences(today=today)
    if email:
        _retry_undelivered(result)
    _owner_reminders(today, result)
    for sweep in _sweeps:
        sweep(today, result)
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
