"""What every task write shares: the editable fields, the permission predicates pages
use to show or hide buttons, the lock helper, the checks on owners, co-workers and sources,
and the in-app notices. The rules (who may do what, lock order) are in the package docstring."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from hatnhan.core.restrict import CHANGE, REPORT, VIEW, can
from hatnhan.core.services import field_error, save_audited
from hatnhan.core.text import clean_text, search_key
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.models import Organization

from ..models import (
    Notification,
    Priority,
    Recurrence,
    SourceKind,
    Task,
    TaskCoworker,
    TaskStatus,
)
from ..selectors import last_submission

# Fields an edit may change. The due date changes only by a granted extension; the state
# only by the transitions below.
TASK_FIELDS = (
    "title",
    "description",
    "expected_result",
    "priority",
    "start_date",
    "focus_issue",
    "directive",
    "source_kind",
    "source_ref",
    "recurrence",
)
MAX_FILES_PER_REPORT = 10
REFUSED = "Đồng chí không có quyền thực hiện thao tác này."


# --- permission predicates (pages use them to show or hide buttons) ------------------------
def is_worker(user: Any, task: Task) -> bool:
    """Whether the user is the task's owner or one of its co-workers."""
    member_id = getattr(user, "member_id", None)
    if not member_id:
        return False
    if task.owner_id == member_id:
        return True
    return TaskCoworker.objects.filter(task_id=task.pk, member_id=member_id).exists()


def can_report(user: Any, task: Task) -> bool:
    return task.status in (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS) and can(user, REPORT, task)


def can_decide(user: Any, task: Task) -> bool:
    """Accept, return, cancel, decide extensions: the assigner or the committee, never
    the people doing the work (no one signs off their own task)."""
    if user is None:
        return True
    if is_worker(user, task):
        return False
    if task.assigned_by_id and task.assigned_by_id == user.pk and can(user, VIEW, task):
        return True
    return can(user, CHANGE, task)


def filed_submission(user: Any, task: Task) -> bool:
    """Whether `user` filed the report that put the task in "awaiting acceptance"."""
    if getattr(user, "pk", None) is None or task.status != TaskStatus.AWAITING_ACCEPTANCE:
        return False
    filed = last_submission(task)
    return filed is not None and filed.author_id == user.pk


def _require_decider(actor: Any, task: Task) -> None:
    if actor is not None and is_worker(actor, task):
        raise PermissionDenied(
            "Người thực hiện nhiệm vụ không được tự nghiệm thu, hủy hay quyết định gia hạn."
        )
    if not can_decide(actor, task):
        raise PermissionDenied(REFUSED)


def _require_open(task: Task) -> None:
    if task.status == TaskStatus.DONE:
        raise field_error("status", "Nhiệm vụ đã nghiệm thu hoàn thành: không thể thay đổi.")
    if task.status == TaskStatus.CANCELLED:
        raise field_error("status", "Nhiệm vụ đã hủy: không thể thay đổi.")


def _user(actor: Any) -> Any:
    """The user to record as having done it; None for the operator's command line."""
    return actor if getattr(actor, "pk", None) else None


def _audited(
    actor: Any, task: Task, obj: models.Model, action: str, before: dict[str, Any] | None = None
) -> bool:
    """save_audited for the task or one of its records, filed under the task's organization."""
    return save_audited(
        actor=actor,
        obj=obj,
        action=action,
        before=before,
        organization_path=task.organization.path,
    )


def _for_update() -> models.QuerySet[Task]:
    """Tasks read to be written: the task rows locked (not their organizations')."""
    return Task.objects.select_for_update(of=("self",)).select_related("organization")


def _locked(task: Task) -> Task:
    """The task, locked until commit, after its ancestors (the lock order above)."""
    ids = [task.pk]
    parent_id = task.parent_id  # fixed at creation: safe to read before the lock
    while parent_id:
        ids.append(parent_id)
        parent_id = Task.objects.filter(pk=parent_id).values_list("parent_id", flat=True).get()
    # One statement, sorted: PostgreSQL takes the rows' locks in the order it returns them.
    rows = _for_update().filter(pk__in=ids).order_by("pk")
    found = {row.pk: row for row in rows}
    if task.pk not in found:
        raise Task.DoesNotExist(f"Task {task.pk} does not exist.")
    return found[task.pk]


# --- checks on who may own or work on a task -----------------------------------------------
def _check_member(member: Member, organization: Organization, field: str) -> None:
    if not member.organization.path.startswith(organization.path):
        raise field_error(
            field,
            f"Đảng viên {member} không thuộc {organization} hoặc tổ chức cấp dưới: "
            "chỉ giao nhiệm vụ cho đảng viên trong tổ chức.",
        )
    if member.status != MemberStatus.ACTIVE:
        raise field_error(
            field, f"Đảng viên {member} không còn đang sinh hoạt ({member.get_status_display()})."
        )


def _check_coworkers(
    coworkers: Iterable[Member], owner: Member, organization: Organization
) -> list[Member]:
    chosen: dict[int, Member] = {}
    for member in coworkers:
        if member.pk == owner.pk:
            raise field_error(
                "coworkers", "Người chịu trách nhiệm không cần ghi là người phối hợp."
            )
        _check_member(member, organization, "coworkers")
        chosen[member.pk] = member
    return list(chosen.values())


def _check_sources(actor: Any, task: Task) -> None:
    org = task.organization
    if task.focus_issue_id:
        issue = task.focus_issue
        if actor is not None and not can(actor, VIEW, issue):
            raise field_error("focus_issue", "Không tìm thấy vấn đề trọng tâm này.")
        if not (
            org.path.startswith(issue.organization.path)
            or issue.organization.path.startswith(org.path)
        ):
            raise field_error("focus_issue", "Vấn đề trọng tâm không thuộc tổ chức này.")
    if task.directive_id and actor is not None and not can(actor, VIEW, task.directive):
        raise field_error("directive", "Không tìm thấy văn bản chỉ đạo này.")
    if not task.source_kind:
        if task.focus_issue_id:
            task.source_kind = SourceKind.FOCUS_ISSUE
        elif task.directive_id:
            task.source_kind = SourceKind.DIRECTIVE
    if task.source_kind not in SourceKind.values:
        raise field_error("source_kind", "Nguồn nhiệm vụ không hợp lệ.")
    if task.source_kind == SourceKind.FOCUS_ISSUE and not task.focus_issue_id:
        raise field_error("focus_issue", "Chọn vấn đề trọng tâm mà nhiệm vụ thực hiện.")
    if task.source_kind == SourceKind.DIRECTIVE and not task.directive_id:
        raise field_error("directive", "Chọn văn bản chỉ đạo mà nhiệm vụ thực hiện.")


def _clean_task(task: Task) -> None:
    task.title = clean_text(task.title)
    task.expected_result = (task.expected_result or "").strip()
    task.description = (task.description or "").strip()
    task.source_ref = clean_text(task.source_ref)
    if not task.title:
        raise field_error("title", "Tên nhiệm vụ không được để trống.")
    if not task.expected_result:
        raise field_error(
            "expected_result", "Ghi rõ kết quả cần đạt (thế nào là hoàn thành, đo được)."
        )
    if task.priority not in Priority.values:
        raise field_error("priority", "Mức ưu tiên không hợp lệ.")
    if task.recurrence not in Recurrence.values:
        raise field_error("recurrence", "Chu kỳ lặp lại không hợp lệ.")
    if task.due_date < task.start_date:
        raise field_error("due_date", "Hạn hoàn thành phải từ ngày bắt đầu trở đi.")
    task.search_text = search_key(f"{task.title} {task.source_ref}")[:700]


def _notify(member: Member | None, task: Task, kind: str, message: str) -> None:
    """An in-app notice to the member's account, if the member has one."""
    user = getattr(member, "account", None) if member is not None else None
    if user is not None and user.is_active:
        Notification.objects.create(
            user=user, task=task, kind=kind, reminder_date=timezone.localdate(), message=message
        )


def _notify_user(user: Any, task: Task, kind: str, message: str) -> None:
    if user is not None and getattr(user, "is_active", False):
        Notification.objects.create(
            user=user, task=task, kind=kind, reminder_date=timezone.localdate(), message=message
        )
