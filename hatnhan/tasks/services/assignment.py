"""Assigning tasks: create, edit, reassign in bulk."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import record_event, snapshot
from hatnhan.core.restrict import CHANGE, VIEW, can
from hatnhan.core.services import field_error, refuse_unknown, require, save_audited
from hatnhan.directives.models import Directive, FocusIssue
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

from ..models import (
    OPEN_STATUSES,
    NotificationKind,
    Priority,
    Task,
    TaskCoworker,
    TaskStatus,
)
from .common import (
    TASK_FIELDS,
    _audited,
    _check_coworkers,
    _check_member,
    _check_sources,
    _clean_task,
    _locked,
    _notify,
    _require_decider,
    _require_open,
    _user,
)
from .subtasks import _roll_up


# --- assignment ---------------------------------------------------------------------------
@transaction.atomic
def create_task(
    *,
    actor: Any,
    organization: Organization,
    title: str,
    expected_result: str,
    owner: Member,
    due_date: dt.date,
    start_date: dt.date | None = None,
    description: str = "",
    priority: str = Priority.NORMAL,
    coworkers: Iterable[Member] = (),
    focus_issue: FocusIssue | None = None,
    directive: Directive | None = None,
    source_kind: str = "",
    source_ref: str = "",
    parent: Task | None = None,
    recurrence: str = "",
    today: dt.date | None = None,
) -> Task:
    """Assign a task to one accountable owner in the organization's subtree."""
    require(actor, CHANGE, organization)
    today = today or timezone.localdate()
    start_date = start_date or today
    if due_date < today:
        raise field_error("due_date", "Hạn hoàn thành không được trước hôm nay.")
    owner = Member.objects.select_related("organization").get(pk=owner.pk)
    _check_member(owner, organization, "owner")
    if parent is not None:
        parent = _locked(parent)  # the roll-up below reads its sub-tasks under this lock
        if actor is not None and not can(actor, VIEW, parent):
            raise field_error("parent", "Không tìm thấy nhiệm vụ cha.")
        if not organization.path.startswith(parent.organization.path):
            raise field_error("parent", "Nhiệm vụ con phải thuộc tổ chức của nhiệm vụ cha.")
        if parent.status not in OPEN_STATUSES:
            raise field_error("parent", "Nhiệm vụ cha đã đóng: không thêm nhiệm vụ con.")
        if parent.status == TaskStatus.AWAITING_ACCEPTANCE:
            raise field_error(
                "parent", "Nhiệm vụ cha đang chờ nghiệm thu: không thêm nhiệm vụ con."
            )
    task = Task(
        organization=organization,
        title=title,
        expected_result=expected_result,
        owner=owner,
        due_date=due_date,
        original_due_date=due_date,
        start_date=start_date,
        description=description,
        priority=priority or Priority.NORMAL,
        focus_issue=focus_issue,
        directive=directive,
        source_kind=source_kind or "",
        source_ref=source_ref or "",
        parent=parent,
        recurrence=recurrence or "",
        assigned_by=_user(actor),
    )
    _clean_task(task)
    _check_sources(actor, task)
    members = _check_coworkers(
        Member.objects.select_related("organization").filter(pk__in=[m.pk for m in coworkers]),
        owner,
        organization,
    )
    save_audited(
        actor=actor,
        obj=task,
        action="task.create",
        before=None,
        organization_path=organization.path,
    )
    _add_coworkers(actor, task, members)
    _notify(
        owner,
        task,
        NotificationKind.ASSIGNED,
        f"Đồng chí được giao nhiệm vụ “{task.title}”, hạn {task.due_date:%d/%m/%Y}.",
    )
    if parent is not None:
        _roll_up(actor, parent.pk)
    return task


def _add_coworkers(actor: Any, task: Task, members: Sequence[Member]) -> None:
    for member in members:
        link = TaskCoworker(task=task, member=member)
        _audited(actor, task, link, "task.coworker_add")
        _notify(
            member,
            task,
            NotificationKind.ASSIGNED,
            f"Đồng chí phối hợp thực hiện nhiệm vụ “{task.title}”.",
        )


@transaction.atomic
def update_task(
    *,
    actor: Any,
    task: Task,
    owner: Member | None = None,
    coworkers: Iterable[Member] | None = None,
    **values: Any,
) -> bool:
    """Edit an open task's description, source, owner or co-workers (not its due date or
    state: those change by extension and the transitions)."""
    task = _locked(task)
    _require_decider(actor, task)
    _require_open(task)
    refuse_unknown(values, TASK_FIELDS)
    before = snapshot(task)
    for field, value in values.items():
        if value is None and field not in {"focus_issue", "directive", "start_date"}:
            value = ""  # text and choice fields: empty, never NULL
        if value is not None or field != "start_date":
            setattr(task, field, value)
    if owner is not None and owner.pk != task.owner_id:
        owner = Member.objects.select_related("organization").get(pk=owner.pk)
        _check_member(owner, task.organization, "owner")
        task.owner = owner
        if TaskCoworker.objects.filter(task=task, member=owner).exists() and coworkers is None:
            raise field_error("owner", "Người này đang là người phối hợp; bỏ khỏi danh sách trước.")
        _notify(
            owner,
            task,
            NotificationKind.ASSIGNED,
            f"Đồng chí được giao nhiệm vụ “{task.title}”, hạn {task.due_date:%d/%m/%Y}.",
        )
    _clean_task(task)
    _check_sources(actor, task)
    changed = _audited(actor, task, task, "task.update", before=before)
    if coworkers is not None:
        wanted = _check_coworkers(
            Member.objects.select_related("organization").filter(pk__in=[m.pk for m in coworkers]),
            task.owner,
            task.organization,
        )
        current = {link.member_id: link for link in task.coworker_links.all()}
        # Removing a co-worker drops the link row; the audit event keeps who it was.
        for member_id, link in current.items():
            if member_id not in {m.pk for m in wanted}:
                record_event(
                    actor=actor,
                    action="task.coworker_remove",
                    obj=task,
                    before={"coworker": member_id},
                    after=None,
                    organization_path=task.organization.path,
                )
                link.delete()
                changed = True
        new = [m for m in wanted if m.pk not in current]
        _add_coworkers(actor, task, new)
        changed |= bool(new)
    return changed


@transaction.atomic
def bulk_reassign(*, actor: Any, tasks: Iterable[Task], owner: Member) -> int:
    """Give several open tasks to one owner (the board's bulk assign); all or nothing."""
    count = 0
    for task in sorted(tasks, key=lambda t: t.pk):  # ascending id: the lock order
        if update_task(actor=actor, task=task, owner=owner):
            count += 1
    return count
