"""Every write on tasks: assignment, progress with evidence, acceptance, extension,
cancellation, recurrence. Checked, atomic, audited; bad input raises ValidationError keyed
by field and changes nothing; a refusal raises PermissionDenied.

Who may do what (the roles themselves are in hatnhan.core.restrict):
- assign, edit: CHANGE on the organization (secretary, committee, bloc staff/admin);
- report progress, submit for acceptance, ask for an extension: REPORT on the task (its owner
  and co-workers, or those who lead the organization recording on their behalf);
- accept, return, decide an extension, cancel: the assigner (who can still see the task) or
  whoever has CHANGE on it — never the task's owner or co-workers;
- accept or return: never whoever filed the report that put the task in "awaiting
  acceptance" either (four eyes), whatever their role — a secretary who records a member's
  completion on the member's behalf leaves the decision to someone else.

Lock order — one for every write here, so that no two of them can deadlock on PostgreSQL:
1. tasks, in ascending id: a write locks the task's ancestors and then the task (`_locked`;
   a parent is always older than its sub-tasks, so this is also top-down), then any
   sub-tasks it writes;
2. then the extension requests of a task it holds;
3. last the audit chain, which the first recorded event takes and keeps until commit.
Because every write to a task first locks its ancestors, holding a task's lock holds off
every write in its subtree: the roll-up reads a parent's sub-tasks under the parent's lock
(no lost update when two sub-tasks report at once), a cancellation walks its open subtree
undisturbed, and the next occurrence of a recurring task is made under the previous one's.
"""

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from hatnhan.audit.services import record_event, snapshot
from hatnhan.core.restrict import CHANGE, REPORT, VIEW, can
from hatnhan.core.services import field_error, refuse_unknown, require, save_audited
from hatnhan.core.text import clean_text, search_key
from hatnhan.core.uploads import as_file, check_document, clean_original_name
from hatnhan.directives.models import Directive, FocusIssue
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.models import Organization

from .models import (
    OPEN_STATUSES,
    Acceptance,
    AcceptanceDecision,
    Evidence,
    ExtensionRequest,
    ExtensionStatus,
    Notification,
    NotificationKind,
    Outcome,
    Priority,
    ProgressUpdate,
    Recurrence,
    SourceKind,
    Task,
    TaskCoworker,
    TaskStatus,
)
from .selectors import filed_by, last_submission

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


# --- progress --------------------------------------------------------------------------------
def _check_files(files: Sequence[IO[bytes]]) -> list[tuple[IO[bytes], str, int]]:
    if len(files) > MAX_FILES_PER_REPORT:
        raise field_error("files", f"Mỗi lần gửi tối đa {MAX_FILES_PER_REPORT} tệp.")
    checked = []
    for upload in files:
        name = clean_original_name(getattr(upload, "name", "") or "")
        try:
            kind, size = check_document(upload, label=f"Tệp “{name}”")
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from exc
        checked.append((upload, kind, size))
    return checked


def _store_evidence(
    actor: Any, task: Task, checked: list[tuple[IO[bytes], str, int]], update: ProgressUpdate | None
) -> list[Evidence]:
    stored = []
    for upload, kind, size in checked:
        name = clean_original_name(getattr(upload, "name", "") or "")
        evidence = Evidence(
            task=task,
            progress_update=update,
            file_name=name,
            file_kind=kind,
            file_size=size,
            uploaded_by=_user(actor),
        )
        evidence.file = as_file(upload, name=name)
        _audited(actor, task, evidence, "task.evidence")
        stored.append(evidence)
    return stored


@transaction.atomic
def report_progress(
    *,
    actor: Any,
    task: Task,
    percent: int,
    note: str = "",
    files: Sequence[IO[bytes]] = (),
    submit: bool = False,
) -> ProgressUpdate:
    """The owner (or a co-worker) reports progress, with evidence files; `submit=True`
    also reports the task done and hands it over for acceptance."""
    task = _locked(task)
    require(actor, REPORT, task)
    _require_open(task)
    if task.status == TaskStatus.AWAITING_ACCEPTANCE:
        raise field_error("status", "Nhiệm vụ đang chờ nghiệm thu: chờ ý kiến người giao.")
    try:
        percent = int(percent)
    except (TypeError, ValueError) as exc:
        raise field_error("percent", "Tiến độ phải là số từ 0 đến 100.") from exc
    if not 0 <= percent <= 100:
        raise field_error("percent", "Tiến độ phải từ 0 đến 100%.")
    note = (note or "").strip()
    checked = _check_files(list(files))
    if not note and not checked and percent == task.percent and not submit:
        raise field_error("note", "Ghi nội dung báo cáo, tiến độ mới hoặc đính kèm minh chứng.")
    has_children = task.children.exclude(status=TaskStatus.CANCELLED).exists()
    if submit:
        _check_children_closed(task)
    member_id = getattr(actor, "member_id", None)
    update = ProgressUpdate(
        task=task,
        author=_user(actor),
        member_id=member_id if member_id and is_worker(actor, task) else task.owner_id,
        percent=percent,
        note=note,
        submitted=submit,
    )
    _audited(actor, task, update, "task.progress")
    _store_evidence(actor, task, checked, update)
    before = snapshot(task)
    if not has_children:
        # A task with sub-tasks takes its percent from them (roll-up), not from reports.
        task.percent = percent
    if task.status == TaskStatus.ASSIGNED:
        task.status = TaskStatus.IN_PROGRESS
    if submit:
        task.status = TaskStatus.AWAITING_ACCEPTANCE
        task.submitted_at = timezone.now()
    _audited(actor, task, task, "task.submit" if submit else "task.progress_state", before=before)
    if submit:
        _notify_user(
            task.assigned_by,
            task,
            NotificationKind.AWAITING_ACCEPTANCE,
            f"Nhiệm vụ “{task.title}” đã báo cáo hoàn thành ({filed_by(update)}), chờ nghiệm thu.",
        )
    if task.parent_id:
        _roll_up(actor, task.parent_id)
    return update


@transaction.atomic
def add_evidence(*, actor: Any, task: Task, files: Sequence[IO[bytes]]) -> list[Evidence]:
    """Attach evidence files to an open task without a progress report."""
    task = _locked(task)
    require(actor, REPORT, task)
    _require_open(task)
    checked = _check_files(list(files))
    if not checked:
        raise field_error("files", "Chọn ít nhất một tệp minh chứng.")
    return _store_evidence(actor, task, checked, None)


def _check_children_closed(task: Task) -> None:
    if task.children.filter(status__in=OPEN_STATUSES).exists():
        raise field_error("status", "Còn nhiệm vụ con chưa nghiệm thu hoặc hủy.")


@transaction.atomic
def start_task(*, actor: Any, task: Task) -> Task:
    """The owner acknowledges the task and starts it (assigned → in progress)."""
    task = _locked(task)
    require(actor, REPORT, task)
    if task.status != TaskStatus.ASSIGNED:
        raise field_error("status", "Chỉ bắt đầu được nhiệm vụ vừa được giao.")
    before = snapshot(task)
    task.status = TaskStatus.IN_PROGRESS
    _audited(actor, task, task, "task.start", before=before)
    return task


@transaction.atomic
def submit_task(*, actor: Any, task: Task, note: str = "") -> Task:
    """Report the task done: it awaits acceptance (in progress → awaiting acceptance)."""
    task = _locked(task)
    report_progress(
        actor=actor,
        task=task,
        percent=100,  # reported done; the acceptance's outcome judges how well
        note=note,
        submit=True,
    )
    return Task.objects.get(pk=task.pk)


# --- acceptance ------------------------------------------------------------------------------
def _awaiting_decision(actor: Any, task: Task, not_awaiting: str) -> Task:
    """The task, locked, once `actor` may decide on it and it awaits acceptance."""
    task = _locked(task)
    require(actor, VIEW, task)
    _require_decider(actor, task)
    _require_open(task)
    if task.status != TaskStatus.AWAITING_ACCEPTANCE:
        raise field_error("status", not_awaiting)
    if filed_submission(actor, task):
        raise PermissionDenied(
            "Đồng chí đã lập báo cáo hoàn thành này nên không được tự nghiệm thu hay trả lại: "
            "người giao hoặc một đồng chí khác trong cấp ủy sẽ quyết định."
        )
    return task


def _record_decision(
    actor: Any, task: Task, decision: str, *, comment: str, outcome: str = ""
) -> Acceptance:
    """Keep the decision (accepted or returned) on record, audited."""
    acceptance = Acceptance(
        task=task, decision=decision, outcome=outcome, comment=comment, decided_by=_user(actor)
    )
    _audited(actor, task, acceptance, "task.acceptance")
    return acceptance


@transaction.atomic
def accept_task(*, actor: Any, task: Task, outcome: str, comment: str = "") -> Acceptance:
    """Sign off work reported done with an outcome (exceeded, met, partly met, not met)."""
    task = _awaiting_decision(actor, task, "Chỉ nghiệm thu nhiệm vụ đã báo cáo hoàn thành.")
    if outcome not in Outcome.values:
        raise field_error("outcome", "Chọn kết quả: vượt, đạt, đạt một phần hoặc không đạt.")
    comment = (comment or "").strip()
    if outcome in (Outcome.PARTLY_MET, Outcome.NOT_MET) and not comment:
        raise field_error("comment", "Ghi nhận xét khi nhiệm vụ chưa đạt yêu cầu.")
    acceptance = _record_decision(
        actor, task, AcceptanceDecision.ACCEPTED, comment=comment, outcome=outcome
    )
    before = snapshot(task)
    task.status = TaskStatus.DONE
    # Accepted is finished: the percent says so at once, whatever the last report said
    # (the outcome, not the percent, judges how well).
    task.percent = 100
    task.outcome = outcome
    task.accepted_at = timezone.now()
    task.accepted_by = acceptance.decided_by
    _audited(actor, task, task, "task.accept", before=before)
    _notify(
        task.owner,
        task,
        NotificationKind.ACCEPTED,
        f"Nhiệm vụ “{task.title}” đã được nghiệm thu: {task.get_outcome_display()}.",
    )
    if task.parent_id:
        _roll_up(actor, task.parent_id)
    if task.recurrence:
        create_next_occurrence(actor=actor, task=task)
    return acceptance


@transaction.atomic
def return_task(*, actor: Any, task: Task, comment: str) -> Acceptance:
    """Send work reported done back for more (awaiting acceptance → in progress)."""
    task = _awaiting_decision(actor, task, "Chỉ trả lại nhiệm vụ đang chờ nghiệm thu.")
    comment = (comment or "").strip()
    if not comment:
        raise field_error("comment", "Ghi rõ cần làm thêm gì.")
    acceptance = _record_decision(actor, task, AcceptanceDecision.RETURNED, comment=comment)
    before = snapshot(task)
    task.status = TaskStatus.IN_PROGRESS
    task.submitted_at = None
    _audited(actor, task, task, "task.return", before=before)
    _notify(
        task.owner,
        task,
        NotificationKind.RETURNED,
        f"Nhiệm vụ “{task.title}” được trả lại: {comment}",
    )
    return acceptance


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


# --- sub-tasks and recurrence ---------------------------------------------------------------
def rolled_up_percent(task: Task) -> int | None:
    """Mean progress of the task's sub-tasks (done counts 100, cancelled left out), or None
    without sub-tasks."""
    values = [
        100 if status == TaskStatus.DONE else percent
        for status, percent in task.children.exclude(status=TaskStatus.CANCELLED).values_list(
            "status", "percent"
        )
    ]
    if not values:
        return None
    return round(sum(values) / len(values))


def _roll_up(actor: Any, task_id: int | None) -> None:
    """Recompute a parent's percent from its sub-tasks, and so on up the chain, audited.
    The caller holds the chain's locks (`_locked` takes a task's ancestors with it), so no
    sub-task changes while its siblings are read."""
    while task_id:
        task = _for_update().get(pk=task_id)
        value = rolled_up_percent(task)
        if value is None or value == task.percent:
            return
        before = snapshot(task)
        task.percent = value
        _audited(actor, task, task, "task.rollup", before=before)
        task_id = task.parent_id


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


# --- notifications ----------------------------------------------------------------------------
@transaction.atomic
def mark_notifications_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when `ids` is None)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
