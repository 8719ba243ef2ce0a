"""The next occurrence of a recurring task."""

import calendar
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from hatnhan.members.models import MemberStatus

from ..models import (
    OPEN_STATUSES,
    NotificationKind,
    Recurrence,
    Task,
    TaskStatus,
)
from .assignment import _add_coworkers
from .common import _audited, _check_member, _clean_task, _locked, _notify
from .subtasks import _roll_up


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


RECURRENCE_MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3}


def next_period(task: Task) -> tuple[dt.date, dt.date]:
    """(start, due) of the occurrence after `task`, kept on the series' own schedule."""
    months = RECURRENCE_MONTHS[Recurrence(task.recurrence)]
    return add_months(task.start_date, months), add_months(task.original_due_date, months)


@transaction.atomic
def create_next_occurrence(*, actor: Any, task: Task) -> Task | None:
    """The next occurrence of a recurring task, once (None if not recurring, already made,
    cancelled, or its owner can no longer take it)."""
    # Under the previous occurrence's lock, a second caller (the sweep and an acceptance, two
    # workers) waits here and then finds the one already made.
    task = _locked(task)
    if not task.recurrence or task.status == TaskStatus.CANCELLED:
        return None
    if Task.objects.filter(previous_occurrence=task).exists():
        return None
    try:
        _check_member(task.owner, task.organization, "owner")
    except ValidationError:
        return None
    start, due = next_period(task)
    parent = task.parent if task.parent_id and task.parent.status in OPEN_STATUSES else None
    nxt = Task(
        organization=task.organization,
        title=task.title,
        description=task.description,
        expected_result=task.expected_result,
        owner=task.owner,
        assigned_by=task.assigned_by,
        start_date=start,
        due_date=due,
        original_due_date=due,
        priority=task.priority,
        source_kind=task.source_kind,
        focus_issue=task.focus_issue,
        directive=task.directive,
        source_ref=task.source_ref,
        parent=parent,
        recurrence=task.recurrence,
        previous_occurrence=task,
    )
    _clean_task(nxt)
    try:
        with transaction.atomic():
            _audited(actor, task, nxt, "task.recur")
    except IntegrityError:
        # previous_occurrence is unique: a writer that skipped the lock made it first.
        return None
    links = list(task.coworker_links.select_related("member__organization"))
    _add_coworkers(
        actor,
        nxt,
        [
            link.member
            for link in links
            if link.member.status == MemberStatus.ACTIVE
            and link.member.organization.path.startswith(task.organization.path)
        ],
    )
    _notify(
        task.owner,
        nxt,
        NotificationKind.ASSIGNED,
        f"Kỳ mới của nhiệm vụ định kỳ “{nxt.title}”, hạn {nxt.due_date:%d/%m/%Y}.",
    )
    if parent is not None:
        _roll_up(actor, parent.pk)
    return nxt


def create_due_occurrences(*, today: dt.date) -> int:
    """The scheduled half of recurrence: when a period starts, its occurrence exists even if
    the previous one is not yet accepted. Returns how many were made."""
    made = 0
    candidates = Task.objects.filter(
        ~Q(recurrence=""),
        ~Q(status=TaskStatus.CANCELLED),
        next_occurrence__isnull=True,
    ).only("pk", "parent_id", "recurrence", "start_date", "original_due_date")
    for task in candidates.iterator(chunk_size=500):
        start, _ = next_period(task)
        if start <= today and create_next_occurrence(actor=None, task=task):
            made += 1
    return made
