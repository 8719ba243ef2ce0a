"""Progress with evidence, submission, and the acceptor's decision (accept or return)."""

from collections.abc import Sequence
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import snapshot
from hatnhan.core.restrict import REPORT, VIEW
from hatnhan.core.services import field_error, require
from hatnhan.core.uploads import as_file, check_document, clean_original_name

from ..models import (
    OPEN_STATUSES,
    Acceptance,
    AcceptanceDecision,
    Evidence,
    NotificationKind,
    Outcome,
    ProgressUpdate,
    Task,
    TaskStatus,
)
from ..selectors import filed_by
from .common import (
    MAX_FILES_PER_REPORT,
    _audited,
    _locked,
    _notify,
    _notify_user,
    _require_decider,
    _require_open,
    _user,
    filed_submission,
    is_worker,
)
from .recurrence import create_next_occurrence
from .subtasks import _roll_up


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
