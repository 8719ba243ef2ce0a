"""Importing member lists: plan (read, match, validate — writes nothing), then apply (all or
nothing, every change through the members services so each one is audited).

Re-importing the same file changes nothing: the plan compares each row with the stored
member and keeps only the fields that differ; rows with no difference are left untouched.
"""

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import record_event
from hatnhan.core.restrict import CHANGE
from hatnhan.core.services import require
from hatnhan.core.text import clean_text, search_key
from hatnhan.members.models import Gender, Member, MemberStatus
from hatnhan.members.services import (
    MEMBER_FIELDS,
    apply_member_values,  # the members app's own field rules: a preview refuses what a save would
    create_member,
    transfer_member,
    update_member,
)
from hatnhan.organizations.models import Organization, OrganizationKind
from hatnhan.organizations.services import create_organization

from .models import ImportBatch, ImportStatus
from .progress import write_progress
from .readers import (
    COLUMN_BY_FIELD,
    ImportProblem,
    MemberSheetReader,
    Record,
    check_workbook_file,
    estimate_rows,
)

Progress = Callable[[int, int], None]  # (rows done, rows in all)
_LOOKUP_CHUNK = 500
_CELL_PREFIX = "chi bo "


def _cell_key(name: str) -> str:
    key = search_key(name)
    return key.removeprefix(_CELL_PREFIX) if key.startswith(_CELL_PREFIX) else key


@dataclass
class PlannedRow:
    action: str  # create | update | unchanged
    sheet: str
    row: int
    full_name: str
    party_card_number: str
    values: dict[str, Any]  # create: every value; update: the changed fields only
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    member_id: int | None = None
    cell_key: str = ""  # where the member belongs; "" = the organization itself
    cell_label: str = ""
    move_from: str = ""  # an update that moves the member to another cell of the organization


@dataclass
class ImportPlan:
    organization: Organization
    create_cells: bool
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)
    new_cells: dict[str, str] = field(default_factory=dict)  # cell key -> name to create
    cells: dict[str, int] = field(default_factory=dict)  # cell key -> existing organization id
    warnings: list[str] = field(default_factory=list)
    source_name: str = ""

    @property
    def creates(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.action == "create"]

    @property
    def updates(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.action == "update"]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "create": sum(r.action == "create" for r in self.rows),
            "update": sum(r.action == "update" for r in self.rows),
            "unchanged": sum(r.action == "unchanged" for r in self.rows),
            "new_cells": len(self.new_cells),
            "errors": len(self.errors),
        }

    def fingerprint(self) -> str:
        """Hash of exactly what applying would write: confirmation applies what was shown."""
        digest = hashlib.sha256()
        digest.update(f"{self.organization.pk}|{sorted(self.new_cells.items())}".encode())
        for r in self.rows:
            if r.action == "unchanged":
                continue
            digest.update(
                json.dumps(
                    [
                        r.action,
                        r.party_card_number,
                        r.member_id,
                        r.cell_key,
                        r.move_from,
                        sorted((k, _json(v)) for k, v in r.values.items()),
                        sorted((k, _json(a), _json(b)) for k, (a, b) in r.changes.items()),
                    ],
                    ensure_ascii=False,
                ).encode()
            )
        return digest.hexdigest()

    def summary(self, *, preview_rows: int) -> dict[str, Any]:
        """The preview as JSON: counts, every error, the first planned rows."""

        def brief(r: PlannedRow) -> dict[str, Any]:
            return {
                "sheet": r.sheet,
                "row": r.row,
                "full_name": r.full_name,
                "party_card_number": r.party_card_number,
                "cell": r.cell_label,
                "move_from": r.move_from,
                "changes": [
                    [_label(k), _display(k, a), _display(k, b)] for k, (a, b) in r.changes.items()
                ],
            }

        creates, updates = self.creates, self.updates
        return {
            "counts": self.counts(),
            "errors": [e.as_dict() for e in self.errors],
            "creates": [brief(r) for r in creates[:preview_rows]],
            "updates": [brief(r) for r in updates[:preview_rows]],
            "new_cells": sorted(self.new_cells.values()),
            "warnings": self.warnings,
        }


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _label(field_name: str) -> str:
    if field_name == "cell":
        return "Chi bộ"
    column = COLUMN_BY_FIELD.get(field_name)
    return column.header if column else field_name


def _display(field_name: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    if field_name == "gender":
        return str(Gender(value).label)
    if field_name == "status":
        return str(MemberStatus(value).label)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


# --- Planning -------------------------------------------------------------------------------


class _CellIndex:
    """The organization's cells, found by name whatever the case, diacritics or spacing."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.by_key: dict[str, list[Organization]] = {}
        for org in Organization.objects.filter(path__startswith=organization.path):
            for key in {_cell_key(org.name), search_key(org.code)}:
                self.by_key.setdefault(key, []).append(org)

    def find(self, name: str) -> list[Organization]:
        return self.by_key.get(_cell_key(name), [])


def plan_import(
    *,
    actor: Any,
    organization: Organization,
    source: str | Path | IO[bytes],
    create_cells: bool = False,
    source_name: str = "",
    progress: Progress | None = None,
    total_hint: int = 0,
) -> ImportPlan:
    """Read the sheet and decide, row by row, what importing would do. Writes nothing."""
    require(actor, CHANGE, organization)
    plan = ImportPlan(organization=organization, create_cells=create_cells, source_name=source_name)
    if hasattr(source, "read"):
        check_workbook_file(source, source_name)  # type: ignore[arg-type]
    else:
        with open(source, "rb") as stream:
            check_workbook_file(stream, source_name or str(source))
    cells = _CellIndex(organization)
    reader = MemberSheetReader(source)
    first_row_of_card: dict[str, tuple[str, int]] = {}
    batch: list[Record] = []
    done = 0
    limit: int = settings.EXCHANGE_IMPORT_MAX_ROWS
    for record in reader:  # a file openpyxl cannot read raises ValidationError here
        if done + len(batch) >= limit:
            # Stop reading: an oversized file must not be planned (or held) whole.
            plan.errors.append(
                ImportProblem(
                    f"Tệp có hơn {limit} dòng, vượt giới hạn mỗi lần nhập: chia thành nhiều "
                    "tệp nhỏ hơn.",
                    row=record.row,
                    sheet=record.sheet,
                )
            )
            break
        batch.append(record)
        if len(batch) >= _LOOKUP_CHUNK:
            _plan_chunk(plan, actor, cells, batch, first_row_of_card)
            done += len(batch)
            batch = []
            if progress:
                progress(done, max(total_hint, done))
    _plan_chunk(plan, actor, cells, batch, first_row_of_card)
    done += len(batch)
    if progress:
        progress(done, max(total_hint, done))
    plan.errors[:0] = reader.problems
    if reader.ignored_columns:
        plan.warnings.append(
            "Các cột không đọc (không có trong mẫu): " + "; ".join(reader.ignored_columns) + "."
        )
    if reader.skipped_sheets:
        plan.warnings.append(
            "Các trang không có bảng danh sách, bỏ qua: "
            + ", ".join(f"“{s}”" for s in reader.skipped_sheets)
            + "."
        )
    order = {title: i for i, title in enumerate(reader.sheets)}
    plan.errors.sort(key=lambda e: (order.get(e.sheet, -1), e.row or 0))
    return plan


def _plan_chunk(
    plan: ImportPlan,
    actor: Any,
    cells: _CellIndex,
    records: list[Record],
    first_row_of_card: dict[str, tuple[str, int]],
) -> None:
    if not records:
        return
    cards = {r.values["party_card_number"] for r in records if r.values.get("party_card_number")}
    existing = {
        m.party_card_number: m
        for m in Member.objects.filter(party_card_number__in=cards).select_related("organization")
    }
    outside = [
        m for m in existing.values() if not m.organization.path.startswith(plan.organization.path)
    ]
    reachable = set()
    if outside and actor is not None:
        reachable = set(
            Member.objects.restrict(actor, CHANGE)
            .filter(pk__in=[m.pk for m in outside])
            .values_list("pk", flat=True)
        )
    for record in records:
        _plan_record(plan, actor, cells, record, existing, reachable, first_row_of_card)


def _where(record: Record, sheet: str, row: int) -> str:
    return f"dòng {row}" if sheet == record.sheet else f"dòng {row} trang “{sheet}”"


def _problem(record: Record, field_name: str, message: str) -> ImportProblem:
    column = COLUMN_BY_FIELD[field_name].header if field_name in COLUMN_BY_FIELD else ""
    return ImportProblem(
        message, row=record.row, column=f"“{column}”" if column else "", sheet=record.sheet
    )


def _plan_record(
    plan: ImportPlan,
    actor: Any,
    cells: _CellIndex,
    record: Record,
    existing: dict[str, Member],
    reachable: set[int],
    first_row_of_card: dict[str, tuple[str, int]],
) -> None:
    plan.errors.extend(record.problems)
    values = dict(record.values)
    card = values.get("party_card_number", "")
    name = values.get("full_name", "")
    ok = not record.problems
    if card:
        if card in first_row_of_card:
            plan.errors.append(
                _problem(
                    record,
                    "party_card_number",
                    f"Số thẻ đảng viên {card} trùng với "
                    f"{_where(record, *first_row_of_card[card])}.",
                )
            )
            ok = False
        else:
            first_row_of_card[card] = (record.sheet, record.row)
    member = existing.get(card) if card else None
    if member is not None and not member.organization.path.startswith(plan.organization.path):
        if actor is None or member.pk in reachable:
            message = (
                f"Số thẻ đảng viên {card} là của đồng chí {member.full_name} thuộc "
                f"{member.organization.name}, ngoài tổ chức đang nhập: làm thủ tục "
                "chuyển sinh hoạt trước khi nhập."
            )
        else:
            message = (
                f"Số thẻ đảng viên {card} đã thuộc một đảng viên của tổ chức khác, "
                "ngoài phạm vi quyền của đồng chí: không nhập được dòng này."
            )
        plan.errors.append(_problem(record, "party_card_number", message))
        ok = False
    cell_name = values.pop("cell", "")
    cell_key, cell_label = _resolve_cell(plan, cells, record, cell_name, member)
    if cell_key is None:
        ok = False
    if not ok:
        return
    if member is None:
        _plan_create(plan, record, values, cell_key or "", cell_label, name, card)
    else:
        _plan_update(plan, cells, record, member, values, cell_key or "", cell_label)


def _resolve_cell(
    plan: ImportPlan, cells: _CellIndex, record: Record, name: str, member: Member | None
) -> tuple[str | None, str]:
    """The cell a row names: an existing one of the organization, a new one to create, or —
    blank — the member's current cell (an update) or the organization itself if it is a cell."""
    if not name:
        if member is not None:
            return str(member.organization_id), member.organization.name
        if plan.organization.is_cell:
            return str(plan.organization.pk), plan.organization.name
        plan.errors.append(_problem(record, "cell", "Chưa ghi chi bộ của đảng viên."))
        return None, ""
    found = cells.find(name)
    if len(found) == 1:
        return str(found[0].pk), found[0].name
    if len(found) > 1:
        plan.errors.append(
            _problem(
                record,
                "cell",
                f"Tên chi bộ “{name}” trùng với nhiều tổ chức: "
                + ", ".join(f"{o.name} ({o.code})" for o in found)
                + "; ghi mã tổ chức.",
            )
        )
        return None, ""
    if plan.create_cells:
        key = "new:" + _cell_key(name)
        plan.new_cells.setdefault(key, name)
        return key, plan.new_cells[key]
    plan.errors.append(
        _problem(
            record,
            "cell",
            # The same words on the page and in the command line: no flag names in the page.
            f"Không có chi bộ “{name}” trong {plan.organization.name}. Sửa tên cho đúng, hoặc "
            "nhập lại với lựa chọn “tạo các chi bộ có trong tệp mà tổ chức chưa có”.",
        )
    )
    return None, ""


def _check_values(member: Member, values: dict[str, Any], record: Record, plan: ImportPlan) -> bool:
    """The members app's own rules and the model's field checks, with no database query."""
    try:
        apply_member_values(member, values)
        member.full_clean(
            exclude=["organization"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            for message in messages:
                plan.errors.append(_problem(record, field_name, message))
        return False
    return True


def _plan_create(
    plan: ImportPlan,
    record: Record,
    values: dict[str, Any],
    cell_key: str,
    cell_label: str,
    name: str,
    card: str,
) -> None:
    probe = Member(organization=plan.organization)
    if not _check_values(probe, values, record, plan):
        return
    clean = {f: getattr(probe, f) for f in MEMBER_FIELDS if f in values}
    plan.rows.append(
        PlannedRow(
            action="create",
            sheet=record.sheet,
            row=record.row,
            full_name=probe.full_name,
            party_card_number=card,
            values=clean,
            cell_key=cell_key,
            cell_label=cell_label,
        )
    )


def _plan_update(
    plan: ImportPlan,
    cells: _CellIndex,
    record: Record,
    member: Member,
    values: dict[str, Any],
    cell_key: str,
    cell_label: str,
) -> None:
    probe = copy.copy(member)
    if not _check_values(probe, values, record, plan):
        return
    changes = {
        f: (getattr(member, f), getattr(probe, f))
        for f in MEMBER_FIELDS
        if f in values and getattr(member, f) != getattr(probe, f)
    }
    move_from = ""
    if cell_key != str(member.organization_id):
        move_from = member.organization.name
        changes["cell"] = (member.organization.name, cell_label)
    plan.rows.append(
        PlannedRow(
            action="update" if changes else "unchanged",
            sheet=record.sheet,
            row=record.row,
            full_name=probe.full_name,
            party_card_number=member.party_card_number or "",
            values={f: new for f, (_, new) in changes.items() if f != "cell"},
            changes=changes,
            member_id=member.pk,
            cell_key=cell_key,
            cell_label=cell_label,
            move_from=move_from,
        )
    )


# --- Applying -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cells_created: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "cells_created": self.cells_created,
        }

    def __str__(self) -> str:
        return (
            f"Thêm mới {self.created}, cập nhật {self.updated}, không thay đổi "
            f"{self.unchanged} đảng viên; tạo {self.cells_created} chi bộ."
        )


def _new_cell_code(organization: Organization, taken: set[str]) -> str:
    n = 1
    while True:
        code = f"{organization.code}-CB{n:02d}"[:32]
        if code not in taken and not Organization.objects.filter(code=code).exists():
            taken.add(code)
            return code
        n += 1


@transaction.atomic
def apply_import(
    *, actor: Any, plan: ImportPlan, progress: Progress | None = None, audit_obj: Any = None
) -> ImportResult:
    """Carry out a plan without errors: all of it, or — on any refusal — nothing."""
    organization = plan.organization
    require(actor, CHANGE, organization)
    if plan.errors:
        raise ValidationError([str(e) for e in plan.errors])
    result = ImportResult(unchanged=sum(r.action == "unchanged" for r in plan.rows))
    cell_ids: dict[str, int] = {}
    taken: set[str] = set()
    for key, name in plan.new_cells.items():
        cell = create_organization(
            actor=actor,
            code=_new_cell_code(organization, taken),
            name=name,
            kind=OrganizationKind.CELL,
            parent=organization,
        )
        cell_ids[key] = cell.pk
        result.cells_created += 1
    targets = {o.pk: o for o in Organization.objects.filter(path__startswith=organization.path)}
    work = [r for r in plan.rows if r.action != "unchanged"]
    members = Member.objects.in_bulk([r.member_id for r in work if r.member_id])
    step = max(1, len(work) // 100)
    for i, row in enumerate(work, start=1):
        cell = targets[cell_ids[row.cell_key] if row.cell_key in cell_ids else int(row.cell_key)]
        try:
            if row.action == "create":
                create_member(actor=actor, organization=cell, **row.values)
                result.created += 1
            else:
                member = members[row.member_id]  # type: ignore[index]
                if row.values:
                    update_member(actor=actor, member=member, **row.values)
                if row.move_from:
                    transfer_member(
                        actor=actor,
                        member=member,
                        to_organization=cell,
                        note="Nhập từ danh sách Excel",
                    )
                result.updated += 1
        except ValidationError as exc:
            raise ValidationError([f"Dòng {row.row}: {m}" for m in exc.messages]) from exc
        except PermissionDenied as exc:
            raise PermissionDenied(f"Dòng {row.row}: {exc}") from exc
        if progress and (i % step == 0 or i == len(work)):
            progress(i, len(work))
    if result.created or result.updated or result.cells_created:
        # Like save_audited: a run that changed nothing leaves no trace, not even this one.
        record_event(
            actor=actor,
            action="members.import",
            obj=audit_obj or organization,
            before=None,
            after={"file": plan.source_name, **result.as_dict()},
            organization_path=organization.path,
        )
    return result


def import_members(
    *,
    actor: Any,
    organization: Organization,
    source: str | Path | IO[bytes],
    create_cells: bool = False,
    dry_run: bool = False,
    source_name: str = "",
) -> tuple[ImportPlan, ImportResult | None]:
    """Plan and (unless a dry run, or the plan has errors) apply: the command line's path."""
    plan = plan_import(
        actor=actor,
        organization=organization,
        source=source,
        create_cells=create_cells,
        source_name=source_name,
    )
    if plan.errors or dry_run:
        return plan, None
    return plan, apply_import(actor=actor, plan=plan)


# --- Import batches (the web flow) ----------------------------------------------------------


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
