"""Planning an import: read the sheet, match each row to a stored member, validate with the
members app's own rules — and write nothing. The plan is what the preview shows and what
applying carries out.

Re-importing the same file changes nothing: the plan compares each row with the stored
member and keeps only the fields that differ; rows with no difference are left untouched.
"""

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from hatnhan.core.restrict import CHANGE
from hatnhan.core.services import require
from hatnhan.core.text import search_key
from hatnhan.members.models import Gender, Member, MemberStatus
from hatnhan.members.services import MEMBER_FIELDS, check_member, check_new_member
from hatnhan.organizations.models import Organization

from ..readers import (
    COLUMN_BY_FIELD,
    ImportProblem,
    MemberSheetReader,
    Record,
    check_workbook_file,
)

Progress = Callable[[int, int], None]  # (rows done, rows in all)
_LOOKUP_CHUNK = 500
_CELL_PREFIX = "chi bo "


def _cell_key(name: str) -> str:
    key = search_key(name)
    return key.removeprefix(_CELL_PREFIX) if key.startswith(_CELL_PREFIX) else key


@dataclass
class PlannedRow:
    # create | update | unchanged | conflict: the card number is a stored member's whose name
    # or date of birth differs (a mistyped card, most likely another person): applied only
    # when the user chooses to, row by row (see apply_import's `overwrite`).
    action: str
    sheet: str
    row: int
    full_name: str
    party_card_number: str
    # create: every value (the members rule's CheckedMember); update: the changed fields only
    values: Mapping[str, Any]
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    member_id: int | None = None
    cell_key: str = ""  # where the member belongs; "" = the organization itself
    cell_label: str = ""
    move_from: str = ""  # an update that moves the member to another cell of the organization
    stored_name: str = ""  # a conflict: who the card number belongs to now
    stored_born: dt.date | None = None
    born: dt.date | None = None  # a conflict: the date of birth the sheet gives

    @property
    def key(self) -> str:
        """The row as the user's choice names it (Excel forbids ":" in a sheet's title)."""
        return f"{self.sheet}:{self.row}"


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
    def conflicts(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.action == "conflict"]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "create": sum(r.action == "create" for r in self.rows),
            "update": sum(r.action == "update" for r in self.rows),
            "unchanged": sum(r.action == "unchanged" for r in self.rows),
            "conflict": sum(r.action == "conflict" for r in self.rows),
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
        """The preview as JSON: counts, every error and every conflict (each needs a choice),
        the first planned creations and updates."""

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

        def conflict(r: PlannedRow) -> dict[str, Any]:
            return brief(r) | {
                "key": r.key,
                "born": _display("date_of_birth", r.born),
                "stored_name": r.stored_name,
                "stored_born": _display("date_of_birth", r.stored_born),
            }

        creates, updates = self.creates, self.updates
        return {
            "counts": self.counts(),
            "errors": [e.as_dict() for e in self.errors],
            "conflicts": [conflict(r) for r in self.conflicts],
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


class _CellIndex:
    """The organization's cells, found by name whatever the case, diacritics or spacing."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.by_key: dict[str, list[Organization]] = {}
        for org in Organization.objects.filter(path__startswith=organization.path):
            for key in {_cell_key(org.name), search_key(org.code)}:
                self.by_key.setdefault(key, []).append(org)
        # A sheet names a few cells on thousands of rows: each name's key is made once.
        self._found: dict[str, list[Organization]] = {}

    def find(self, name: str) -> list[Organization]:
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self.by_key.get(_cell_key(name), [])
        return found


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
    today = timezone.localdate()  # the day the rule checks dates against, read once a chunk
    for record in records:
        _plan_record(plan, actor, cells, record, existing, reachable, first_row_of_card, today)


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
    today: dt.date,
) -> None:
    plan.errors.extend(record.problems)
    values = dict(record.values)
    card = values.get("party_card_number", "")
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
        _plan_create(plan, record, values, cell_key or "", cell_label, card, today)
    else:
        _plan_update(plan, record, member, values, cell_key or "", cell_label, today)


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
        longest = Organization._meta.get_field("name").max_length
        if longest is not None and len(name) > longest:
            # Checked here, where the row is known: the cell is made only when applying.
            plan.errors.append(
                _problem(record, "cell", f"Tên chi bộ dài quá {longest} ký tự: không tạo được.")
            )
            return None, ""
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


def _refused(exc: ValidationError, record: Record, plan: ImportPlan) -> None:
    for field_name, messages in exc.message_dict.items():
        for message in messages:
            plan.errors.append(_problem(record, field_name, message))


def _plan_create(
    plan: ImportPlan,
    record: Record,
    values: dict[str, Any],
    cell_key: str,
    cell_label: str,
    card: str,
    today: dt.date,
) -> None:
    # The members app's own rule, so that a preview refuses what a save would; its result is
    # what applying writes, as it is on the same day (members.services.CheckedMember).
    try:
        checked = check_new_member(values, today=today)
    except ValidationError as exc:
        _refused(exc, record, plan)
        return
    plan.rows.append(
        PlannedRow(
            action="create",
            sheet=record.sheet,
            row=record.row,
            full_name=checked["full_name"],
            party_card_number=card,
            values=checked,
            cell_key=cell_key,
            cell_label=cell_label,
        )
    )


def _plan_update(
    plan: ImportPlan,
    record: Record,
    member: Member,
    values: dict[str, Any],
    cell_key: str,
    cell_label: str,
    today: dt.date,
) -> None:
    probe = copy.copy(member)
    try:
        check_member(probe, values, today=today)
    except ValidationError as exc:
        _refused(exc, record, plan)
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
    action = "update" if changes else "unchanged"
    if changes and not same_person(member, probe):
        action = "conflict"
    plan.rows.append(
        PlannedRow(
            action=action,
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
            stored_name=member.full_name,
            stored_born=member.date_of_birth,
            born=probe.date_of_birth,
        )
    )


def same_person(stored: Member, row: Member) -> bool:
    """Whether a row whose card number is `stored`'s describes the same person: the same name
    but for case, spacing, Unicode form and diacritics, and no other date of birth (a blank
    one on either side is no contradiction)."""
    if search_key(stored.full_name) != search_key(row.full_name):
        return False
    born = stored.date_of_birth, row.date_of_birth
    return None in born or born[0] == born[1]
