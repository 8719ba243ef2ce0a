"""Cancelling a task (with its open subtree) and the extension requests of its due date."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import snapshot
from hatnhan.core.restrict import REPORT, VIEW
from hatnhan.core.services import field_error, require

from ..models import (
    OPEN_STATUSES,
    ExtensionRequest,
    ExtensionStatus,
    NotificationKind,
    Task,
    TaskStatus,
)
from .common import (
    _audited,
    _for_update,
    _locked,
    _notify,
    _notify_user,
    _require_decider,
    _require_open,
    _user,
)
from .subtasks import _roll_up


@transaction.atomic
def cancel_task(*, actor: Any, task: Task, reason: str) -> Task:
    """Cancel an open task, saying why; it stays on record. Open sub-tasks go with it."""
    task = _locked(task)
    require(actor, VIEW, task)
    _require_decider(actor, task)
    _require_open(task)
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "Hủy nhiệm vụ phải ghi rõ lý do.")
    # Every row this writes is locked before its first event (the lock order above): the
    # open sub-tasks, then the pending extension request.
    children = list(_for_update().filter(parent=task, status__in=OPEN_STATUSES).order_by("pk"))
    pending_requests = list(
        ExtensionRequest.objects.select_for_update()
        .filter(task=task, status=ExtensionStatus.PENDING)
        .order_by("pk")
    )
    for child in children:
        cancel_task(actor=actor, task=child, reason=f"Nhiệm vụ cha bị hủy: {reason}")
    before = snapshot(task)
    task.status = TaskStatus.CANCELLED
    task.cancel_reason = reason
    task.cancelled_at = timezone.now()
    task.cancelled_by = _user(actor)
    _audited(actor, task, task, "task.cancel", before=before)
    for pending in pending_requests:
        before = snapshot(pending)
        pending.status = ExtensionStatus.REFUSED
        pending.decided_at = timezone.now()
        pending.decided_by = task.cancelled_by
        pending.decision_note = "Nhiệm vụ đã hủy."
        _audited(actor, task, pending, "task.extension_decide", before=before)
    if task.parent_id:
        _roll_up(actor, task.parent_id)
    return task


# --- extensions -----------------------------------------------------------------------------
@transaction.atomic
def request_extension(
    *, actor: Any, task: Task, requested_due_date: dt.date, reason: str
) -> ExtensionRequest:
    """The owner asks for a later due date, saying why."""
    task = _locked(task)
    require(actor, REPORT, task)
    _require_open(task)
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "Ghi rõ lý do xin gia hạn.")
    if requested_due_date is None or requested_due_date <= task.due_date:
        raise field_error("requested_due_date", "Hạn đề nghị phải sau hạn hiện tại.")
    if task.extension_requests.filter(status=ExtensionStatus.PENDING).exists():
        raise field_error(
            "requested_due_date", "Nhiệm vụ này đang có một đề nghị gia hạn chờ quyết định."
        )
    extension = ExtensionRequest(
        task=task,
        requested_by=_user(actor),
        previous_due_date=task.due_date,
        requested_due_date=requested_due_date,
        reason=reason,
    )
    _audited(actor, task, extension, "task.extension_request")
    _notify_user(
        task.assigned_by,
        task,
        NotificationKind.EXTENSION,
        f"Đề nghị gia hạn nhiệm vụ “{task.title}” đến {requested_due_date:%d/%m/%Y}.",
    )
    return extension


@transaction.atomic
def decide_extension(
    *, actor: Any, extension: ExtensionRequest, grant: bool, note: str = ""
) -> ExtensionRequest:
    """The assigner grants (the due date moves; the original stays on record) or refuses."""
    # The task before its request (the lock order above): a cancellation takes them so too.
    task = _locked(Task.objects.only("pk", "parent_id").get(pk=extension.task_id))
    extension = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
    require(actor, VIEW, task)
    _require_decider(actor, task)
    if extension.status != ExtensionStatus.PENDING:
        raise field_error("status", "Đề nghị này đã được quyết định.")
    _require_open(task)
    note = (note or "").strip()
    if not grant and not note:
        raise field_error("note", "Ghi rõ lý do không đồng ý gia hạn.")
    before = snapshot(extension)
    extension.status = ExtensionStatus.GRANTED if grant else ExtensionStatus.REFUSED
    extension.decided_by = _user(actor)
    extension.decided_at = timezone.now()
    extension.decision_note = note
    _audited(actor, task, extension, "task.extension_decide", before=before)
    if grant:
        before = snapshot(task)
        task.due_date = extension.requested_due_date
        _audited(actor, task, task, "task.extend", before=before)
    _notify(
        task.owner,
        task,
        NotificationKind.EXTENSION,
        (
            f"Đồng ý gia hạn nhiệm vụ “{task.title}” đến {task.due_date:%d/%m/%Y}."
            if grant
            else f"Không đồng ý gia hạn nhiệm vụ “{task.title}”: {note}"
        ),
    )
    return extension
