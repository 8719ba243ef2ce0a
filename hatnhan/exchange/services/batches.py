"""The web flow's import batches: upload, preview, confirm, apply, cancel — each state
change of a batch through here, audited."""

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

from ..models import ImportBatch, ImportStatus
from ..progress import write_progress
from ..readers import ImportProblem, check_workbook_file, estimate_rows
from .applying import ImportResult, apply_import
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
        after={"file": name, "organization": organization.pk, "create_cells": create_cells},
        organization_path=organization.path,
    )
    return batch


def _batch_progress(batch_id: int, phase: str) -> Progress:
    def report(done: int, total: int) -> None:
        write_progress(batch_id, done, total, phase=phase)

    return report


def _plan_stored(actor: Any, batch: ImportBatch) -> ImportPlan:
    with batch.file.open("rb") as stream:
        try:
            total = estimate_rows(stream)
        except ValidationError:
            total = 0
        stream.seek(0)
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


def _store_preview(batch: ImportBatch, plan: ImportPlan, message: str = "") -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.READY if plan.is_valid else ImportStatus.INVALID,
        summary=plan.summary(preview_rows=settings.EXCHANGE_PREVIEW_ROWS),
        fingerprint=plan.fingerprint() if plan.is_valid else "",
        total_rows=len(plan.rows),
        processed_rows=len(plan.rows),
        message=message,
        updated_at=timezone.now(),
    )
    batch.refresh_from_db()


def plan_batch(*, actor: Any, batch: ImportBatch) -> ImportPlan:
    """Read a stored upload and keep its preview on the batch. Writes no member."""
    require(actor, CHANGE, batch.organization)
    plan = _plan_stored(actor, batch)
    _store_preview(batch, plan)
    return plan


def apply_batch(*, actor: Any, batch: ImportBatch) -> ImportResult | None:
    """Apply a previewed batch, provided the plan is still the one the user saw.

    The file is planned again: if members changed since the preview, the new preview is
    kept and nothing is applied (None)."""
    require(actor, CHANGE, batch.organization)
    plan = _plan_stored(actor, batch)
    if not plan.is_valid or plan.fingerprint() != batch.fingerprint:
        _store_preview(
            batch,
            plan,
            message=(
                "Dữ liệu đã thay đổi kể từ lúc xem trước: không nhập gì. Hãy xem lại bản xem "
                "trước mới rồi xác nhận."
            ),
        )
        return None
    try:
        result = apply_import(
            actor=actor, plan=plan, progress=_batch_progress(batch.pk, "write"), audit_obj=batch
        )
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.FAILED, message="\n".join(messages), finished_at=timezone.now()
        )
        batch.refresh_from_db()
        return None
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.DONE,
        result=result.as_dict(),
        processed_rows=len(plan.rows),
        finished_at=timezone.now(),
    )
    batch.refresh_from_db()
    return result


@transaction.atomic
def confirm_batch(*, actor: Any, batch: ImportBatch) -> ImportBatch:
    """Mark a previewed batch as confirmed (applying); the caller runs or enqueues the work."""
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    require(actor, CHANGE, locked.organization)
    if locked.status != ImportStatus.READY:
        raise ValidationError("Lượt nhập này không ở trạng thái chờ xác nhận.")
    locked.status = ImportStatus.APPLYING
    locked.confirmed_by = actor
    locked.processed_rows = 0
    locked.message = ""
    locked.save(update_fields=["status", "confirmed_by", "processed_rows", "message", "updated_at"])
    record_event(
        actor=actor,
        action="import.confirm",
        obj=locked,
        before=None,
        after={"fingerprint": locked.fingerprint},
        organization_path=locked.organization.path,
    )
    return locked


@transaction.atomic
def cancel_batch(*, actor: Any, batch: ImportBatch) -> None:
    require(actor, CHANGE, batch.organization)
    if batch.status not in {ImportStatus.READY, ImportStatus.INVALID}:
        raise ValidationError("Chỉ hủy được lượt nhập đang chờ xác nhận.")
    batch.status = ImportStatus.CANCELLED
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "finished_at", "updated_at"])
    record_event(
        actor=actor,
        action="import.cancel",
        obj=batch,
        before=None,
        after={"status": batch.status},
        organization_path=batch.organization.path,
    )
