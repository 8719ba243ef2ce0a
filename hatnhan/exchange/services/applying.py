"""Applying a plan: all of it or — on any refusal — nothing, every change through the
members and organizations services so each one is audited."""

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hatnhan.audit.services import record_event
from hatnhan.core.restrict import CHANGE
from hatnhan.core.services import require
from hatnhan.members.models import Member
from hatnhan.members.services import create_members, transfer_member, update_members
from hatnhan.organizations.models import Organization, OrganizationKind
from hatnhan.organizations.services import create_organization

from .planning import ImportPlan, PlannedRow, Progress, plan_import


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cells_created: int = 0
    skipped: int = 0  # conflicts left alone (the default)
    overwritten: int = 0  # conflicts the user chose to apply anyway (counted in `updated` too)

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "cells_created": self.cells_created,
            "skipped": self.skipped,
            "overwritten": self.overwritten,
        }

    def __str__(self) -> str:
        text = (
            f"Thêm mới {self.created}, cập nhật {self.updated}, không thay đổi "
            f"{self.unchanged} đảng viên; tạo {self.cells_created} chi bộ."
        )
        if self.skipped:
            text += f" Bỏ qua {self.skipped} dòng có số thẻ trùng với đảng viên khác tên/ngày sinh."
        return text


def _new_cell_code(organization: Organization, taken: set[str]) -> str:
    n = 1
    while True:
        code = f"{organization.code}-CB{n:02d}"[:32]
        if code not in taken and not Organization.objects.filter(code=code).exists():
            taken.add(code)
            return code
        n += 1


def _chosen(plan: ImportPlan, overwrite: Collection[str]) -> set[str]:
    """The conflicts to apply anyway; a key that names no conflict of this plan is refused."""
    check_overwrite(overwrite, {r.key for r in plan.conflicts})
    return set(overwrite)


def check_overwrite(overwrite: Collection[str], conflicts: Collection[str]) -> None:
    """Refuse a choice to overwrite a row that is not one of the plan's conflicts."""
    unknown = sorted(set(overwrite) - set(conflicts))
    if unknown:
        raise ValidationError(
            {
                "overwrite": [
                    f"Dòng {key} không phải dòng có số thẻ trùng với đảng viên khác: "
                    "không chọn cập nhật được."
                    for key in unknown
                ]
            }
        )


# Rows written per bulk step of an import (and per move of its progress bar).
APPLY_CHUNK = 2000


def _label(row: PlannedRow) -> str:
    return f"Dòng {row.row}"


def _cell_id(row: PlannedRow, cell_ids: dict[str, int]) -> int:
    return cell_ids[row.cell_key] if row.cell_key in cell_ids else int(row.cell_key)


@contextmanager
def _named_rows(label: str = "") -> Iterator[None]:
    """Refusals as the import page shows them: one line per problem, its row first."""
    try:
        yield
    except ValidationError as exc:
        if label:
            raise ValidationError([f"{label}: {m}" for m in exc.messages]) from exc
        if not hasattr(exc, "error_dict"):
            raise
        # The bulk services key each refusal by the row's label already.
        raise ValidationError(
            [f"{key}: {m}" for key, messages in exc.message_dict.items() for m in messages]
        ) from exc
    except PermissionDenied as exc:
        if not label:
            raise
        raise PermissionDenied(f"{label}: {exc}") from exc


@transaction.atomic
def apply_import(
    *,
    actor: Any,
    plan: ImportPlan,
    overwrite: Collection[str] = (),
    progress: Progress | None = None,
    audit_obj: Any = None,
) -> ImportResult:
    """Carry out a plan without errors: all of it, or — on any refusal — nothing.

    A conflict (a card number whose member has another name or date of birth) is skipped
    unless its row key is in `overwrite`: overwriting another person is never a default."""
    organization = plan.organization
    require(actor, CHANGE, organization)
    if plan.errors:
        raise ValidationError([str(e) for e in plan.errors])
    chosen = _chosen(plan, overwrite)
    work = [
        r
        for r in plan.rows
        if r.action in {"create", "update"} or (r.action == "conflict" and r.key in chosen)
    ]
    result = ImportResult(
        unchanged=sum(r.action == "unchanged" for r in plan.rows),
        skipped=len(plan.conflicts) - len(chosen),
        overwritten=len(chosen),
    )
    cell_ids: dict[str, int] = {}
    taken: set[str] = set()
    needed = {r.cell_key for r in work}  # a cell only a skipped row names is not made
    for key, name in plan.new_cells.items():
        if key not in needed:
            continue
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
    done = 0
    # In chunks: each is validated, inserted and audited in bulk (members.services), and the
    # progress bar moves between them; the whole import stays one transaction.
    for start in range(0, len(work), APPLY_CHUNK):
        chunk = work[start : start + APPLY_CHUNK]
        creates = [r for r in chunk if r.action == "create"]
        updates = [r for r in chunk if r.action != "create"]
        with _named_rows():
            create_members(
                actor=actor,
                rows=[(targets[_cell_id(r, cell_ids)], r.values) for r in creates],
                labels=[_label(r) for r in creates],
            )
            update_members(
                actor=actor,
                rows=[(r.member_id, r.values) for r in updates if r.values],  # type: ignore[misc]
                labels=[_label(r) for r in updates if r.values],
            )
            moves = [r for r in updates if r.move_from]
            if moves:
                members = Member.objects.in_bulk([r.member_id for r in moves])
            for row in moves:
                with _named_rows(_label(row)):
                    transfer_member(
                        actor=actor,
                        member=members[row.member_id],  # type: ignore[index]
                        to_organization=targets[_cell_id(row, cell_ids)],
                        note="Nhập từ danh sách Excel",
                    )
        result.created += len(creates)
        result.updated += len(updates)
        done += len(chunk)
        if progress:
            progress(done, len(work))
    if result.created or result.updated or result.cells_created:
        # Like save_audited: a run that changed nothing leaves no trace, not even this one.
        record_event(
            actor=actor,
            action="members.import",
            obj=audit_obj or organization,
            before=None,
            after={
                "file": plan.source_name,
                **result.as_dict(),
                # Who was overwritten despite the mismatch, for whoever reads the record later.
                "overwritten_rows": sorted(chosen),
            },
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
    conflicts: str = "refuse",
) -> tuple[ImportPlan, ImportResult | None]:
    """Plan and (unless a dry run, or the plan has errors) apply: the command line's path.

    `conflicts` says what to do with rows whose card number is another person's (see
    PlannedRow): "refuse" imports nothing while there is one, "skip" leaves those members
    alone, "update" overwrites them."""
    if conflicts not in CONFLICT_CHOICES:
        raise ValidationError(
            {"conflicts": [f"“{conflicts}” không hợp lệ; chọn: {', '.join(CONFLICT_CHOICES)}."]}
        )
    plan = plan_import(
        actor=actor,
        organization=organization,
        source=source,
        create_cells=create_cells,
        source_name=source_name,
    )
    if plan.errors or dry_run or (plan.conflicts and conflicts == "refuse"):
        return plan, None
    overwrite = [r.key for r in plan.conflicts] if conflicts == "update" else []
    return plan, apply_import(actor=actor, plan=plan, overwrite=overwrite)


CONFLICT_CHOICES = ("refuse", "skip", "update")
