"""The web flow's import batches: upload, preview, confirm, apply, cancel — every state
change of a batch goes through here and is recorded as an event of the batch's organization,
so whoever may read that organization's history reads what happened to its imports.

Locks, always in this order: the batch's row, then (applying) the members through their
services, then the audit chain. Confirming, applying and cancelling each lock the batch
and read its status afresh, so a cancel that arrives while the batch applies waits and is
then refused, and an apply never runs for a batch cancelled before it started.
"""

from collections.abc import Collection
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import record_event
from hatnhan.core.restrict import CHANGE
from hatnhan.core.services import require
from hatnhan.core.text import clean_text
from hatnhan.organizations.models import Organization

from ..models import RUNNING_STATUSES, ImportBatch, ImportStatus
from ..progress import write_progress
from ..readers import ImportProblem, check_workbook_file, count_rows
from .applying import ImportResult, apply_import, check_overwrite
from .planning import ImportPlan, Progress, plan_import


def _original_name(upload: UploadedFile) -> str:
    return clean_text(Path(upload.name or "").name)[:255]


@transaction.atomic
def create_batch(
    *, actor: Any, organization: Organization, upload: UploadedFile, create_cells: bool = False
) -> ImportBatch:
    """Store an uploaded list under a server-made name, after the file checks."""
    require(actor, CHANGE, organization)
    name = _original_name(upload)
    upload.seek(0)
    check_workbook_file(upload, name)  # type: ignore[arg-type]
    upload.seek(0)
    batch = ImportBatch(
        organization=organization,
        created_by=actor,
        original_name=name,
        create_cells=create_cells,
        status=ImportStatus.PLANNING,
    )
    batch.file.save("upload.xlsx", upload, save=False)
    batch.save()
    record_event(
        actor=actor,
        action="import.upload",
        obj=batch,
        before=None,
        after={
            "original_name": name,
            "organization": organization.pk,
            "create_cells": create_cells,
        },
        organization_path=organization.path,
    )
    return batch


def _batch_progress(batch_id: int, phase: str) -> Progress:
    def report(done: int, total: int) -> None:
        write_progress(batch_id, done, total, phase=phase)

    return report


def _lock(batch: ImportBatch) -> ImportBatch:
    return (
        ImportBatch.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=batch.pk)
    )


def _event(actor: Any, batch: ImportBatch, action: str, after: dict[str, Any]) -> None:
    record_event(
        actor=actor,
        action=action,
        obj=batch,
        before=None,
        after=after,
        organization_path=batch.organization.path,
    )


def _refresh(batch: ImportBatch, source: ImportBatch) -> None:
    """Let the caller's object show what was written (it may be another instance)."""
    if batch is not source:
        batch.refresh_from_db()


def stored_rows(batch: ImportBatch) -> int:
    """The member rows of the stored upload (exact up to the background threshold)."""
    with batch.file.open("rb") as stream:
        try:
            return count_rows(stream, up_to=settings.EXCHANGE_BACKGROUND_ROWS)
        except ValidationError:
            return 0


def runs_in_background(rows: int) -> bool:
    return rows > settings.EXCHANGE_BACKGROUND_ROWS


def _plan_stored(actor: Any, batch: ImportBatch, total: int) -> ImportPlan:
    with batch.file.open("rb") as stream:
        try:
            return plan_import(
                actor=actor,
                organization=batch.organization,
                source=stream,
                create_cells=batch.create_cells,
                source_name=batch.original_name,
                progress=_batch_progress(batch.pk, "read"),
                total_hint=total,
            )
        except ValidationError as exc:  # a workbook openpyxl cannot read: shown, not a crash
            plan = ImportPlan(
                organization=batch.organization,
                create_cells=batch.create_cells,
                source_name=batch.original_name,
            )
            plan.errors = [ImportProblem(m) for m in exc.messages]
            return plan


def _store_preview(
    actor: Any, locked: ImportBatch, plan: ImportPlan, message: str = ""
) -> ImportBatch:
    locked.status = ImportStatus.READY if plan.is_valid else ImportStatus.INVALID
    locked.summary = plan.summary(preview_rows=settings.EXCHANGE_PREVIEW_ROWS)
    locked.fingerprint = plan.fingerprint() if plan.is_valid else ""
    locked.total_rows = locked.processed_rows = len(plan.rows)
    locked.overwrite = []
    locked.message = message
    locked.task_id = ""
    locked.save(
        update_fields=[
            "status",
            "summary",
            "fingerprint",
            "total_rows",
            "processed_rows",
            "overwrite",
            "message",
            "task_id",
            "updated_at",
        ]
    )
    _event(
        actor,
        locked,
        "import.preview",
        {"status": locked.status, "total_rows": locked.total_rows, "message": message},
    )
    return locked


def _queue(actor: Any, batch: ImportBatch, task: Any, *, rows: int) -> ImportBatch:
    """Hand the batch to the background worker. The queued task's id is kept on the batch,
    so that the page can tell when no worker takes it; with the database queue the task row
    commits with the batch's, so a worker never sees one without the other."""
    with transaction.atomic():
        locked = _lock(batch)
        locked.total_rows = rows
        locked.save(update_fields=["total_rows", "updated_at"])
        queued = task.enqueue(locked.pk, actor.pk if actor is not None else None)
        # An immediate backend has already run the task: then there is nothing to wait for.
        ImportBatch.objects.filter(pk=locked.pk, status=locked.status).update(
            task_id=str(queued.id)
        )
        _event(
            actor,
            locked,
            "import.queue",
            {"status": locked.status, "total_rows": rows, "task_id": str(queued.id)},
        )
    batch.refresh_from_db()
    return batch


def start_planning(*, actor: Any, batch: ImportBatch) -> ImportBatch:
    """Read an uploaded batch now, or — a large file — in the background with progress."""
    require(actor, CHANGE, batch.organization)
    rows = stored_rows(batch)
    if runs_in_background(rows):
        from ..tasks import plan_batch_task

        return _queue(actor, batch, plan_batch_task, rows=rows)
    plan_batch(actor=actor, batch=batch, total=rows)
    return batch


def plan_batch(*, actor: Any, batch: ImportBatch, total: int = 0) -> ImportPlan:
    """Read a stored upload and keep its preview on the batch. Writes no member."""
    require(actor, CHANGE, batch.organization)
    plan = _plan_stored(actor, batch, total or batch.total_rows)
    with transaction.atomic():
        locked = _lock(batch)
        if locked.status != ImportStatus.PLANNING:
            raise ValidationError("Lượt nhập này không còn ở bước đọc tệp.")
        _store_preview(actor, locked, plan)
    _refresh(batch, locked)
    return plan


def _finish(
    actor: Any,
    locked: ImportBatch,
    status: str,
    *,
    message: str = "",
    result: ImportResult | None = None,
) -> None:
    locked.status = status
    locked.message = message
    locked.finished_at = timezone.now()
    fields = ["status", "message", "finished_at", "updated_at"]
    if result is not None:
        locked.result = result.as_dict()
        locked.processed_rows = locked.total_rows
        fields += ["result", "processed_rows"]
    locked.save(update_fields=fields)
    after: dict[str, Any] = {"status": status}
    if message:
        after["message"] = message
    if result is not None:
        after["result"] = result.as_dict()
    _event(actor, locked, "import.done" if status == ImportStatus.DONE else "import.fail", after)


@transaction.atomic
def apply_batch(*, actor: Any, batch: ImportBatch) -> ImportResult | None:
    """Apply a confirmed batch, provided the plan is still the one the user saw.

    The file is planned again: if members changed since the preview, the new preview is
    kept and nothing is applied (None). A refusal half-way undoes every member change and
    marks the batch failed; nothing is ever half applied."""
    require(actor, CHANGE, batch.organization)
    locked = _lock(batch)
    if locked.status != ImportStatus.APPLYING:
        # Cancelled, or applied by someone else, since it was queued: nothing to do.
        _refresh(batch, locked)
        return None
    plan = _plan_stored(actor, locked, locked.total_rows)
    if not plan.is_valid or plan.fingerprint() != locked.fingerprint:
        _store_preview(
            actor,
            locked,
            plan,
            message=(
                "Dữ liệu đã thay đổi kể từ lúc xem trước: không nhập gì. Hãy xem lại bản xem "
                "trước mới rồi xác nhận."
            ),
        )
        _refresh(batch, locked)
        return None
    try:
        result = apply_import(  # its own savepoint: a refusal rolls back the members only
            actor=actor,
            plan=plan,
            overwrite=locked.overwrite,
            progress=_batch_progress(locked.pk, "write"),
            audit_obj=locked,
        )
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        _finish(actor, locked, ImportStatus.FAILED, message="\n".join(messages))
        _refresh(batch, locked)
        return None
    _finish(actor, locked, ImportStatus.DONE, result=result)
    _refresh(batch, locked)
    return result


@transaction.atomic
def fail_batch(*, actor: Any, batch: ImportBatch, message: str) -> None:
    """Mark a running batch failed (background work that broke), with the reason shown."""
    locked = _lock(batch)
    if locked.status in RUNNING_STATUSES:
        _finish(actor, locked, ImportStatus.FAILED, message=message)
    _refresh(batch, locked)


@transaction.atomic
def confirm_batch(
    *, actor: Any, batch: ImportBatch, overwrite: Collection[str] = ()
) -> ImportBatch:
    """Mark a previewed batch as confirmed (applying); the caller runs or enqueues the work.

    `overwrite` holds the conflict rows (card number of a member with another name or date
    of birth) the user chose to update anyway; every other conflict is skipped."""
    locked = _lock(batch)
    require(actor, CHANGE, locked.organization)
    if locked.status != ImportStatus.READY:
        raise ValidationError("Lượt nhập này không ở trạng thái chờ xác nhận.")
    check_overwrite(overwrite, [c["key"] for c in locked.summary.get("conflicts", [])])
    locked.status = ImportStatus.APPLYING
    locked.confirmed_by = actor
    locked.processed_rows = 0
    locked.message = ""
    locked.overwrite = sorted(overwrite)
    locked.save(
        update_fields=[
            "status",
            "confirmed_by",
            "processed_rows",
            "message",
            "overwrite",
            "updated_at",
        ]
    )
    _event(
        actor,
        locked,
        "import.confirm",
        # Keys are the batch's fields, so its history reads in words; a conflict that is
        # not in `overwrite` was skipped.
        {"status": locked.status, "fingerprint": locked.fingerprint, "overwrite": locked.overwrite},
    )
    return locked


def start_applying(*, actor: Any, batch: ImportBatch) -> ImportResult | None:
    """Apply a confirmed batch now, or — a large one — in the background (None)."""
    if runs_in_background(batch.total_rows):
        from ..tasks import apply_batch_task

        _queue(actor, batch, apply_batch_task, rows=batch.total_rows)
        return None
    return apply_batch(actor=actor, batch=batch)


@transaction.atomic
def cancel_batch(*, actor: Any, batch: ImportBatch) -> None:
    locked = _lock(batch)  # the status as it is now, not as the caller last saw it
    require(actor, CHANGE, locked.organization)
    if locked.status not in {ImportStatus.READY, ImportStatus.INVALID}:
        raise ValidationError("Chỉ hủy được lượt nhập đang chờ xác nhận.")
    locked.status = ImportStatus.CANCELLED
    locked.finished_at = timezone.now()
    locked.save(update_fields=["status", "finished_at", "updated_at"])
    _event(actor, locked, "import.cancel", {"status": locked.status})
    _refresh(batch, locked)
